"""Who is calling the API: a personal token (Authorization: Bearer …) or the web session.

A token request carries no cookie, so it needs no CSRF token; a session request that writes
must carry one, as a form would. A token that is unknown, revoked, tampered with or whose
owner is deactivated gets 401, never a quiet fall back to anonymous.
"""

from datetime import timedelta

from flask import Blueprint, current_app, g, request
from flask.views import MethodView
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from flask_smorest import abort

from pitch.api import tokens
from pitch.extensions import csrf, db, limiter
from pitch.models import ApiToken, User
from pitch.models.types import utcnow

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
BEARER = [{"bearerAuth": []}]
_UNSET = object()
# last_used_at is a hint for the owner, not an audit: one write a minute is enough.
_TOUCH_EVERY = timedelta(minutes=1)
_NO_CALLER = _l("Send a personal API token: Authorization: Bearer <token>.")


def _unauthorized(message) -> None:
    abort(401, code="unauthorized", message=str(message),
          headers={"WWW-Authenticate": 'Bearer realm="pitch"'})


def presented_token() -> ApiToken | None:
    """The active token the request presents, looked up once per request (None if none)."""
    found = g.get("api_token", _UNSET)
    if found is _UNSET:
        header = request.headers.get("Authorization")
        found = None
        if header is not None:
            scheme, _, value = header.partition(" ")
            if scheme.lower() == "bearer" and value.strip():
                found = tokens.find_active(value.strip())
        g.api_token = found
    return found


def authenticate() -> None:
    """before_request of the API blueprints: resolve the caller into g.api_user, or 401.

    Every route of these blueprints needs a caller. Answering here, before the view parses
    the body or the query, keeps an anonymous caller from learning their rules from a 422.
    """
    if "Authorization" in request.headers:
        token = presented_token()
        if token is None or not token.user.active:
            _unauthorized(_l("The API token is missing, unknown or revoked."))
        g.api_user = token.user
        return
    if not current_user.is_authenticated:
        _unauthorized(_NO_CALLER)
    g.api_user = current_user._get_current_object()
    if request.method not in SAFE_METHODS and current_app.config.get("WTF_CSRF_ENABLED", True):
        csrf.protect()


def touch_token(response):
    """after_request: note when a token was last used, after the view's own commit."""
    token = g.get("api_token")
    if token is not None and response.status_code < 400:
        now = utcnow()
        if token.last_used_at is None or now - token.last_used_at > _TOUCH_EVERY:
            token.last_used_at = now
            db.session.commit()
    return response


def caller() -> User:
    """The calling user, or 401."""
    user = g.get("api_user")
    if user is None:
        _unauthorized(_NO_CALLER)
    return user


class CheckedView(MethodView):
    """A resource that loads and authorises its objects before any argument is parsed.

    flask-smorest parses the body and query inside the view method; checking first means a
    caller without rights gets 403/404 and never learns the body's rules from a 422.
    """

    def check(self, **view_args) -> None:
        """Load the view's objects onto self; abort with 403/404 when the caller may not."""
        raise NotImplementedError

    def dispatch_request(self, **view_args):
        self.check(**view_args)
        return super().dispatch_request(**view_args)


def _rate_key() -> str:
    token = presented_token()
    return f"token:{token.id}" if token is not None else f"ip:{request.remote_addr}"


def _rate_limit() -> str:
    return current_app.config["API_RATE_LIMIT"]


def token_routes(blueprint: Blueprint) -> None:
    """Wire a blueprint of authenticated routes: caller resolution and a per-token limit."""
    blueprint.before_request(authenticate)
    blueprint.after_request(touch_token)
    limiter.shared_limit(_rate_limit, scope="api-token", key_func=_rate_key)(blueprint)
