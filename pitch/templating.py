"""Template filters and the values every page needs."""

from datetime import date, datetime

from flask import Flask, current_app
from flask_babel import format_date, format_datetime, get_locale

from pitch.text import render_markdown


def local_datetime(value: datetime | None, style: str = "medium") -> str:
    """A UTC datetime shown in the configured timezone (Flask-Babel converts it)."""
    if value is None:
        return ""
    return format_datetime(value, style)


def local_date(value: date | datetime | None, style: str = "medium") -> str:
    if value is None:
        return ""
    return format_date(value, style)


def yen(value: int | None) -> str:
    return "" if value is None else f"¥{value:,}"


def _globals() -> dict:
    locale = str(get_locale() or current_app.config["BABEL_DEFAULT_LOCALE"])
    return {"locale": locale, "languages": current_app.config["LANGUAGES"]}


def init_app(app: Flask) -> None:
    app.jinja_env.filters["localdt"] = local_datetime
    app.jinja_env.filters["localdate"] = local_date
    app.jinja_env.filters["markdown"] = render_markdown
    app.jinja_env.filters["yen"] = yen
    app.jinja_env.trim_blocks = True
    app.jinja_env.lstrip_blocks = True
    app.context_processor(_globals)
