"""Error pages in the user's language; a server error rolls the transaction back."""

from flask import Flask, jsonify, render_template, request
from sqlalchemy.exc import DBAPIError, OperationalError
from werkzeug.exceptions import HTTPException

from pitch.extensions import db


def _wants_json() -> bool:
    return request.path.startswith("/api/")


def _json_error(error: HTTPException):
    """The API's one error shape. Views and webargs (422) pass code, message, details or
    messages, and headers through ``abort(status, **data)``, which keeps them in error.data."""
    data = getattr(error, "data", None) or {}
    body = {"error": {
        "code": data.get("code") or error.name.lower().replace(" ", "_"),
        "message": str(data.get("message") or error.description),
        "details": data.get("details", data.get("messages")),
    }}
    response = jsonify(body)
    # Headers the error itself carries (Allow on 405, Retry-After on 429) are kept.
    for name, value in error.get_headers():
        if name.lower() != "content-type":
            response.headers[name] = value
    response.headers.update(data.get("headers") or {})
    return response, error.code


def _handle_http(error: HTTPException):
    if _wants_json():
        return _json_error(error)
    template = (f"errors/{error.code}.html" if error.code in (403, 404, 429)
                else "errors/generic.html")
    return render_template(template, error=error), error.code


def _database_unreachable(error: Exception) -> bool:
    original = getattr(error, "original_exception", error)
    return isinstance(original, OperationalError) or (
        isinstance(original, DBAPIError) and original.connection_invalidated)


def _handle_server_error(error: Exception):
    db.session.rollback()
    if _database_unreachable(error):
        # The usual page would ask the database for the signed-in user and fail again.
        if _wants_json():
            body = {"error": {"code": "service_unavailable",
                              "message": "The database is unavailable; try again shortly.",
                              "details": None}}
            return jsonify(body), 503, {"Retry-After": "5"}
        return render_template("errors/unavailable.html"), 503, {"Retry-After": "5"}
    if _wants_json():
        body = {"error": {"code": "internal_error", "message": "Internal server error",
                          "details": None}}
        return jsonify(body), 500
    return render_template("errors/500.html"), 500


def init_app(app: Flask) -> None:
    app.register_error_handler(HTTPException, _handle_http)
    app.register_error_handler(500, _handle_server_error)
