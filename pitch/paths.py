"""Where the top-level templates, static files and translations are found.

They sit beside the package in a source checkout and under ``<prefix>/share/pitch``
once a wheel is installed, so the app works either way.
"""

import sys
from pathlib import Path

_CHECKOUT_ROOT = Path(__file__).resolve().parent.parent
_INSTALLED_ROOT = Path(sys.prefix) / "share" / "pitch"


def resource_root() -> Path:
    if (_CHECKOUT_ROOT / "templates").is_dir():
        return _CHECKOUT_ROOT
    return _INSTALLED_ROOT


def templates_dir() -> Path:
    return resource_root() / "templates"


def static_dir() -> Path:
    return resource_root() / "static"


def translations_dir() -> Path:
    return resource_root() / "translations"
