"""The deck a judge of a blind round gets: the startup's PDF without the document properties
that so often name it (the Info dictionary — Author, Creator, Producer, Title, Subject,
Keywords and any other key — and the XMP metadata of the document and of its pages).

The copy is made once, when the deck is stored (an upload, or the demo), and kept beside it
under a name derived from the stored one; pitch.uploads removes it with the deck. A stored
deck never changes (a new upload gets a new name), so the copy cannot go stale.
"""

import io
import logging
from pathlib import Path

from flask_babel import lazy_gettext as _l
from pypdf import PdfReader, PdfWriter
from werkzeug.datastructures import FileStorage

from pitch.uploads import StoredFile, UploadRejected, save_upload, stored_path

SUFFIX = ".blind.pdf"
log = logging.getLogger(__name__)


class UnreadableDeck(ValueError):
    """pypdf could not read the deck or write it back."""


def without_properties(data: bytes) -> bytes:
    """The PDF rewritten whole, earlier revisions dropped, with no document properties."""
    try:
        writer = PdfWriter(clone_from=PdfReader(io.BytesIO(data)))
        writer.metadata = {}
        for holder in (writer.root_object, *writer.pages):
            holder.pop("/Metadata", None)
        # The clone keeps every object of the file: drop those nothing refers to any more
        # (pypdf before 7 fails at it without an /Info, hence emptied above, dropped below).
        writer.compress_identical_objects()
        writer.metadata = None
        out = io.BytesIO()
        writer.write(out)
    # A parser of untrusted files fails on broken ones in many ways, not only PdfReadError.
    except Exception as error:
        raise UnreadableDeck(f"{type(error).__name__}: {error}") from error
    return out.getvalue()


def _copy_path(stored_name: str) -> Path:
    return stored_path(stored_name.rsplit(".", 1)[0] + SUFFIX)


def _stripped(stored_name: str) -> bytes | None:
    try:
        return without_properties(stored_path(stored_name).read_bytes())
    except UnreadableDeck as error:
        log.warning("deck %s cannot be copied for blind rounds: %s", stored_name, error)
        return None


def make_copy(stored_name: str) -> bool:
    """Store the deck's copy for blind rounds beside it; False when the deck cannot be read."""
    data = _stripped(stored_name)
    if data is not None:
        _copy_path(stored_name).write_bytes(data)
    return data is not None


def for_blind_round(stored_name: str) -> Path | io.BytesIO | None:
    """What a judge of a blind round downloads: the stored copy; for a deck stored without
    one (copied from elsewhere), a copy made in memory, since reading a page must not write;
    None when the deck cannot be read: then the judge gets nothing, never the original."""
    path = _copy_path(stored_name)
    if path.exists():
        return path
    data = _stripped(stored_name)
    return None if data is None else io.BytesIO(data)


def save_deck(upload: FileStorage, max_bytes: int) -> StoredFile:
    """Store an uploaded deck with its copy for blind rounds. A PDF that cannot be read is
    refused now: later, judges of a blind round could not be given it."""
    stored = save_upload(upload, {"pdf"}, max_bytes)
    if not make_copy(stored.stored_name):
        stored_path(stored.stored_name).unlink(missing_ok=True)
        raise UploadRejected("unreadable", _l(
            "The PDF could not be read. Export or print it to PDF again and upload that file."))
    return stored
