"""Compiling the translation catalogs (.po → .mo), for the build, the CLI and the tests."""

from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from pitch import paths


def compile_catalogs(root: Path | None = None) -> list[Path]:
    """Compile every ``<lang>/LC_MESSAGES/messages.po`` whose .mo is missing or older."""
    root = root or paths.translations_dir()
    written = []
    for po_path in sorted(root.glob("*/LC_MESSAGES/messages.po")):
        mo_path = po_path.with_suffix(".mo")
        if mo_path.exists() and mo_path.stat().st_mtime >= po_path.stat().st_mtime:
            continue
        with po_path.open("rb") as po_file:
            catalog = read_po(po_file)
        with mo_path.open("wb") as mo_file:
            write_mo(mo_file, catalog)
        written.append(mo_path)
    return written
