"""Uploaded files: checked by content, stored outside static/ under random names,
served only through views that have checked access, removed only after a commit."""

import glob
import os
import secrets
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO
from urllib.parse import quote

from flask import current_app, send_file
from flask_babel import lazy_gettext as _l
from sqlalchemy import event
from sqlalchemy.orm import Session
from werkzeug.datastructures import FileStorage

# What each accepted kind of file starts with; the name and the browser's claim count for nothing.
MAGIC = {
    "pdf": (b"%PDF-", "application/pdf"),
    "png": (b"\x89PNG\r\n\x1a\n", "image/png"),
    "jpeg": (b"\xff\xd8\xff", "image/jpeg"),
}
_PENDING_DELETES = "pitch_pending_file_deletes"


class UploadRejected(ValueError):
    def __init__(self, code: str, message):
        super().__init__(str(message))
        self.code = code
        self.message = message


@dataclass(frozen=True)
class StoredFile:
    stored_name: str
    original_name: str
    content_type: str
    size: int


def _folder() -> Path:
    return Path(current_app.config["UPLOAD_FOLDER"])


def stored_path(stored_name: str) -> Path:
    return _folder() / os.path.basename(stored_name)


def clean_original_name(name: str | None) -> str:
    """Keep the visible name (Japanese included) but drop any path and control characters."""
    name = (name or "").replace("\\", "/").rsplit("/", 1)[-1]
    name = "".join(ch for ch in name if ch.isprintable()).strip().lstrip(".")
    return name[:200] or "file"


def detect_kind(head: bytes, kinds: set[str]) -> str | None:
    for kind in sorted(kinds):
        magic, _content_type = MAGIC[kind]
        if head.startswith(magic):
            return kind
    return None


def save_upload(upload: FileStorage, kinds: set[str], max_bytes: int) -> StoredFile:
    """Store an upload after checking its content and size; raises UploadRejected."""
    if upload is None or not upload.filename:
        raise UploadRejected("missing", _l("Choose a file."))
    data = upload.stream.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise UploadRejected("too_large", _l("The file is larger than %(mb)s MB.",
                                             mb=max_bytes // (1024 * 1024)))
    if not data:
        raise UploadRejected("empty", _l("The file is empty."))
    kind = detect_kind(data[:16], kinds)
    if kind is None:
        allowed = ", ".join(k.upper() for k in sorted(kinds))
        raise UploadRejected("wrong_type", _l("The file's content is not %(kinds)s.",
                                              kinds=allowed))
    stored_name = secrets.token_hex(16) + "." + kind
    folder = _folder()
    folder.mkdir(parents=True, exist_ok=True)
    (folder / stored_name).write_bytes(data)
    return StoredFile(stored_name, clean_original_name(upload.filename), MAGIC[kind][1], len(data))


def send_stored(stored_name: str, download_name: str, content_type: str):
    """Serve a stored file as an attachment with its (possibly Japanese) name."""
    return send_download(stored_path(stored_name), download_name, content_type)


def send_download(source: Path | BinaryIO, download_name: str, content_type: str):
    """Serve a file, or data made for this request, as send_stored does."""
    response = send_file(source, mimetype=content_type, max_age=0)
    ascii_fallback = download_name.encode("ascii", "ignore").decode() or "download"
    ascii_fallback = ascii_fallback.replace('"', "")
    response.headers["Content-Disposition"] = (
        f"attachment; filename=\"{ascii_fallback}\"; filename*=UTF-8''{quote(download_name)}"
    )
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Cache-Control"] = "private, no-store"
    return response


def delete_after_commit(session: Session, stored_name: str) -> None:
    """Remove a stored file once the transaction that dropped it has committed."""
    session.info.setdefault(_PENDING_DELETES, []).append(stored_name)


def discard_on_rollback(session: Session, stored: StoredFile) -> None:
    """A file saved for a change that is rolled back must not stay behind."""
    session.info.setdefault(_PENDING_DELETES + "_new", []).append(stored.stored_name)


def _remove(names: list[str]) -> None:
    folder = _folder()
    for name in names:
        # Copies made from a stored file (a deck's copy for blind rounds) share its stem.
        stem = Path(os.path.basename(name)).stem
        for path in folder.glob(glob.escape(stem) + ".*"):
            path.unlink(missing_ok=True)


def _after_commit(session: Session) -> None:
    session.info.pop(_PENDING_DELETES + "_new", None)
    _remove(session.info.pop(_PENDING_DELETES, []))


def _after_rollback(session: Session) -> None:
    session.info.pop(_PENDING_DELETES, None)
    _remove(session.info.pop(_PENDING_DELETES + "_new", []))


def _register() -> None:
    from flask_sqlalchemy.session import Session as FlaskSession

    event.listen(FlaskSession, "after_commit", _after_commit)
    event.listen(FlaskSession, "after_rollback", _after_rollback)


_register()
