"""Requests carrying a NUL character are refused before any view runs.

PostgreSQL cannot store NUL in text (psycopg raises, and the request would end in a 500), and
no field, search or path of pitch has a use for it; SQLite would store it silently. So the
path, the query, form fields, upload file names and JSON strings are all checked here once.
It runs before every check but the CSRF token's, the API's authentication included: a NUL
makes a request malformed whoever sends it, and the refusal tells nothing about rights.
"""

from flask import Flask, request
from flask_babel import gettext as _
from werkzeug.exceptions import BadRequest

NUL = "\x00"


class InputRefused(BadRequest):
    """A 400 whose description is written for the user, in their language."""

    user_facing = True


def _has_nul(value) -> bool:
    if isinstance(value, str):
        return NUL in value
    if isinstance(value, dict):
        return any(_has_nul(key) or _has_nul(item) for key, item in value.items())
    if isinstance(value, list):
        return any(_has_nul(item) for item in value)
    return False


def _request_has_nul() -> bool:
    if NUL in request.path:
        return True
    fields = [*request.args.items(multi=True)]
    if request.method in ("POST", "PUT", "PATCH"):
        fields += request.form.items(multi=True)
        fields += [(name, upload.filename or "")
                   for name, upload in request.files.items(multi=True)]
    if any(NUL in name or NUL in value for name, value in fields):
        return True
    return request.is_json and _has_nul(request.get_json(silent=True))


def refuse_nul_characters() -> None:
    if _request_has_nul():
        raise InputRefused(_("The request contains a NUL character (U+0000), which no field "
                             "accepts. Remove it and try again."))


def init_app(app: Flask) -> None:
    app.before_request(refuse_nul_characters)
