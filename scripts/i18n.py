"""Keep the translation catalogs in step with the code.

    python scripts/i18n.py update          extract messages, merge them into ja and en
    python scripts/i18n.py fill FILE.json  set Japanese translations from {"msgid": "訳"}
    python scripts/i18n.py missing         list messages without a Japanese translation
    python scripts/i18n.py compile         build the .mo files
"""

import json
import subprocess
import sys
from pathlib import Path

from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
TRANSLATIONS = ROOT / "translations"
POT = TRANSLATIONS / "messages.pot"
PYBABEL = str(Path(sys.executable).parent / "pybabel")


def _po(lang: str) -> Path:
    return TRANSLATIONS / lang / "LC_MESSAGES" / "messages.po"


def update() -> None:
    subprocess.run([PYBABEL, "-q", "extract", "-F", "babel.cfg", "-k", "_l", "--no-location",
                    "--sort-output", "-o", str(POT), "."], check=True, cwd=ROOT)
    for lang in ("ja", "en"):
        action = "update" if _po(lang).exists() else "init"
        options = ["--no-fuzzy-matching", "--ignore-obsolete"] if action == "update" else []
        subprocess.run([PYBABEL, "-q", action, "-i", str(POT), "-d", str(TRANSLATIONS),
                        "-l", lang, *options], check=True, cwd=ROOT)


def _load(lang: str):
    with _po(lang).open("rb") as handle:
        return read_po(handle, locale=lang)


def _save(lang: str, catalog) -> None:
    with _po(lang).open("wb") as handle:
        write_po(handle, catalog, omit_header=False, sort_output=True, include_lineno=False,
                 width=100)


def fill(path: str) -> None:
    translations = json.loads(Path(path).read_text(encoding="utf-8"))
    catalog = _load("ja")
    unknown = [msgid for msgid in translations if msgid not in catalog]
    for message in catalog:
        if message.id and message.id in translations:
            message.string = translations[message.id]
    _save("ja", catalog)
    if unknown:
        print("not in the catalog (run update first?):", *unknown, sep="\n  ")


def missing() -> None:
    for message in _load("ja"):
        if message.id and not message.string:
            print(message.id)


def compile_() -> None:
    sys.path.insert(0, str(ROOT))
    from pitch.catalogs import compile_catalogs

    for written in compile_catalogs(TRANSLATIONS):
        print("compiled", written.relative_to(ROOT))


if __name__ == "__main__":
    command = sys.argv[1] if len(sys.argv) > 1 else ""
    if command == "update":
        update()
    elif command == "fill" and len(sys.argv) == 3:
        fill(sys.argv[2])
    elif command == "missing":
        missing()
    elif command == "compile":
        compile_()
    else:
        print(__doc__)
        sys.exit(2)
