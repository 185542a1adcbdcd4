"""The JSON API under /api/v1, described by an OpenAPI document generated from the code.

flask-smorest builds the description from the marshmallow schemas of the views. Errors keep
the one shape of pitch/errors.py, so smorest's own error handler is not installed.
"""

from flask import Flask
from flask_smorest import Api

from pitch.api.schemas import ErrorSchema

PREFIX = "/api/v1"


class PitchApi(Api):
    ERROR_SCHEMA = ErrorSchema

    def _register_error_handlers(self) -> None:
        """pitch.errors renders every HTTP error, as JSON under /api/."""


def init_app(app: Flask) -> None:
    app.config.setdefault("API_TITLE", "pitch")
    app.config.setdefault("API_VERSION", "1")
    app.config.setdefault("OPENAPI_VERSION", "3.0.3")
    app.config.setdefault("OPENAPI_URL_PREFIX", PREFIX)
    app.config.setdefault("OPENAPI_JSON_PATH", "openapi.json")
    app.config.setdefault("API_RATE_LIMIT", "120 per minute")
    app.config.setdefault("API_SPEC_OPTIONS", {
        "info": {"description": "Open data of pitch contests, and a judge's scoring client."},
        "servers": [{"url": "/"}],
    })
    # One Api per app: the tests build many apps, each with its own description.
    api = PitchApi(app)
    api.spec.components.security_scheme(
        "bearerAuth", {"type": "http", "scheme": "bearer",
                       "description": "A personal API token from the account settings."})

    from pitch.api import docs, judging, public, published, secretariat, tokens_routes
    from pitch.extensions import csrf

    for blueprint in (public.blp, published.blp, judging.blp, secretariat.blp):
        # Token requests carry no cookie, so no CSRF; auth.authenticate checks session ones.
        csrf.exempt(blueprint)
        api.register_blueprint(blueprint, url_prefix=PREFIX)
    app.register_blueprint(docs.bp)
    app.register_blueprint(tokens_routes.bp)
