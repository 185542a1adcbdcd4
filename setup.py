"""Build hook: the wheel carries the top-level templates, static files, translations
(compiled) and migrations under <prefix>/share/pitch, where pitch.paths finds them."""

from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

ROOT = Path(__file__).resolve().parent
SHARED = ("templates", "static", "translations", "migrations")


class BuildWithCatalogs(build_py):
    def run(self):
        from babel.messages.mofile import write_mo
        from babel.messages.pofile import read_po

        for po_path in (ROOT / "translations").glob("*/LC_MESSAGES/messages.po"):
            with po_path.open("rb") as po_file:
                catalog = read_po(po_file)
            with po_path.with_suffix(".mo").open("wb") as mo_file:
                write_mo(mo_file, catalog)
        super().run()


def _data_files() -> list[tuple[str, list[str]]]:
    groups: dict[str, list[str]] = {}
    for top in SHARED:
        for path in sorted((ROOT / top).rglob("*")):
            if path.is_file() and "__pycache__" not in path.parts and path.suffix != ".pyc":
                relative = path.relative_to(ROOT)
                target = str(Path("share/pitch") / relative.parent)
                groups.setdefault(target, []).append(str(relative))
    return sorted(groups.items())


setup(cmdclass={"build_py": BuildWithCatalogs}, data_files=_data_files())
