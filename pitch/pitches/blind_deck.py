"""The deck a judge of a blind round gets: the startup's PDF without the places, besides
its pages, where the software that made it so often writes the startup's name:

- the document properties (the Info dictionary: Author, Creator, Producer, Title, Subject,
  Keywords and any other key) and the XMP metadata (``/Metadata``) of every object that has
  one: the document, its pages, form XObjects, images;
- the private data of the application that made it (``/PieceInfo``), wherever it is;
- the author (``/T``) of each comment; the comment and its text stay;
- embedded files: the document's (``/Names/EmbeddedFiles``, a portfolio's ``/Collection``),
  associated files (``/AF``) and file-attachment annotations with their pop-ups;
- the bookmarks (``/Outlines``): their titles are the startup's own words, like slide text,
  and a judge can turn the pages without them;
- earlier revisions and the encryption: the copy is written whole, unencrypted.

What is printed on the pages stays, as do the text of comments, form fields with their
names and values, a digital signature's signer, article threads' own properties, the tagged
structure and JavaScript: a name there is the startup's to leave out, as the form
(templates/pitches/form.html) tells startups of a blind contest. A deck that needs a password
to open is refused: judges could not open it either.

The copy is made once, when the deck is stored (an upload, or the demo), and kept beside it
under a name derived from the stored one; pitch.uploads removes it with the deck. A stored
deck never changes (a new upload gets a new name), so the copy cannot go stale.
"""

import io
import logging
from collections.abc import Iterator
from pathlib import Path

from flask_babel import lazy_gettext as _l
from pypdf import PasswordType, PdfReader, PdfWriter
from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject, NameObject
from werkzeug.datastructures import FileStorage

from pitch.uploads import StoredFile, UploadRejected, save_upload, stored_path

SUFFIX = ".blind.pdf"
# Keys that may name the startup on whatever object carries them.
ANY_OBJECT_KEYS = ("/Metadata", "/PieceInfo", "/AF")
log = logging.getLogger(__name__)


class UnreadableDeck(ValueError):
    """pypdf could not read the deck or write it back."""


class LockedDeck(UnreadableDeck):
    """The deck needs a password to be opened."""


def without_properties(data: bytes) -> bytes:
    """The PDF rewritten whole, earlier revisions and encryption dropped, without the places
    the module's docstring lists."""
    try:
        reader = PdfReader(io.BytesIO(data))
        # Permission-restricted files are encrypted with an empty password to open them.
        if reader.is_encrypted and reader.decrypt("") == PasswordType.NOT_DECRYPTED:
            raise LockedDeck("the deck needs a password to open")
        writer = PdfWriter(clone_from=reader)
        writer.metadata = None
        _drop_document_parts(writer.root_object)
        for page in writer.pages:
            _drop_attachments_and_authors(page)
        reached: set[int] = set()
        for holder in _dictionaries(writer.root_object.indirect_reference, reached):
            for key in ANY_OBJECT_KEYS:
                holder.pop(key, None)
        # The clone holds every object of the file, and what was dropped above may still
        # refer to itself (a bookmark to its parent): keep only what the document can reach
        # (pypdf has no public way to drop an object).
        for number in range(1, len(writer._objects) + 1):
            if number not in reached:
                writer._objects[number - 1] = None
        out = io.BytesIO()
        writer.write(out)
    except UnreadableDeck:
        raise
    # A parser of untrusted files fails on broken ones in many ways, not only PdfReadError.
    except Exception as error:
        raise UnreadableDeck(f"{type(error).__name__}: {error}") from error
    return out.getvalue()


def _drop_document_parts(root: DictionaryObject) -> None:
    for key in ("/Outlines", "/Collection"):
        root.pop(key, None)
    if root.get("/PageMode") == "/UseOutlines":
        root.pop("/PageMode")
    if "/Names" in root:
        root["/Names"].pop("/EmbeddedFiles", None)


def _drop_attachments_and_authors(page: DictionaryObject) -> None:
    if "/Annots" not in page:
        return
    references = list(page["/Annots"])
    # Files from the wild hold nulls and other junk in /Annots: left as they are.
    annotations = [reference.get_object() for reference in references]
    annotations = [a if isinstance(a, DictionaryObject) else None for a in annotations]
    attachments = {id(a) for a in annotations
                   if a is not None and a.get("/Subtype") == "/FileAttachment"}

    def goes(annotation: DictionaryObject | None) -> bool:  # an attachment, or its pop-up
        return annotation is not None and (id(annotation) in attachments or (
            "/Parent" in annotation and id(annotation["/Parent"]) in attachments))

    page[NameObject("/Annots")] = ArrayObject(
        reference for reference, annotation in zip(references, annotations, strict=True)
        if not goes(annotation))
    for annotation in (a for a in annotations if a is not None):
        # A form field's /T is its name; any other annotation's, its author.
        if annotation.get("/Subtype") != "/Widget":
            annotation.pop("/T", None)
        if id(annotation) in attachments:
            annotation.pop("/FS", None)  # the file: a tagged PDF's structure still refers to it


def _dictionaries(start: IndirectObject, reached: set[int]) -> Iterator[DictionaryObject]:
    """Every dictionary (streams included) reachable from ``start``, each once, adding the
    number of each object reached to ``reached``; what the caller removes from a dictionary
    before asking for the next is not visited."""
    todo: list = [start]
    while todo:
        item = todo.pop()
        if isinstance(item, IndirectObject):
            if item.idnum in reached:
                continue
            reached.add(item.idnum)
            item = item.get_object()
        if isinstance(item, DictionaryObject):
            yield item
            todo.extend(item.values())
        elif isinstance(item, ArrayObject):
            todo.extend(item)


def _copy_path(stored_name: str) -> Path:
    return stored_path(stored_name.rsplit(".", 1)[0] + SUFFIX)


def _stripped(stored_name: str) -> bytes:
    try:
        return without_properties(stored_path(stored_name).read_bytes())
    except UnreadableDeck as error:
        log.warning("deck %s cannot be copied for blind rounds: %s", stored_name, error)
        raise


def _write_copy(stored_name: str) -> None:
    _copy_path(stored_name).write_bytes(_stripped(stored_name))


def make_copy(stored_name: str) -> bool:
    """Store the deck's copy for blind rounds beside it; False when the deck cannot be read."""
    try:
        _write_copy(stored_name)
    except UnreadableDeck:
        return False
    return True


def for_blind_round(stored_name: str) -> Path | io.BytesIO | None:
    """What a judge of a blind round downloads: the stored copy; for a deck stored without
    one (copied from elsewhere), a copy made in memory, since reading a page must not write;
    None when the deck cannot be read: then the judge gets nothing, never the original."""
    path = _copy_path(stored_name)
    if path.exists():
        return path
    try:
        return io.BytesIO(_stripped(stored_name))
    except UnreadableDeck:
        return None


def save_deck(upload: FileStorage, max_bytes: int) -> StoredFile:
    """Store an uploaded deck with its copy for blind rounds. A PDF that cannot be read is
    refused now: later, judges of a blind round could not be given it."""
    stored = save_upload(upload, {"pdf"}, max_bytes)
    try:
        _write_copy(stored.stored_name)
    except BaseException as error:
        # Refused, or the disk failed: the caller has not registered the files for removal
        # on rollback yet, so neither the deck nor a part-written copy may stay behind.
        for path in (stored_path(stored.stored_name), _copy_path(stored.stored_name)):
            path.unlink(missing_ok=True)
        if isinstance(error, LockedDeck):
            raise UploadRejected("locked", _l(
                "The PDF needs a password to open, so judges could not read it. Save it "
                "without a password to open (restricting editing or printing is fine) and "
                "upload that file.")) from error
        if isinstance(error, UnreadableDeck):
            raise UploadRejected("unreadable", _l(
                "The PDF could not be read. Export or print it to PDF again and upload that "
                "file.")) from error
        raise
    return stored
