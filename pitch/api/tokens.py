"""Personal API tokens: made of 256 random bits, shown once, stored only as their SHA-256.

A plain hash (no salt, no slow KDF) is enough for a random secret of this length, and it lets
a request find its token by an indexed lookup.
"""

import hashlib
import secrets

from pitch.extensions import db
from pitch.models import ApiToken, User
from pitch.models.types import utcnow

PREFIX = "pitch_"
MAX_ACTIVE = 10


class TokenRefused(Exception):
    pass


def digest(secret: str) -> str:
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


def active_tokens(user: User) -> list[ApiToken]:
    return list(db.session.scalars(
        db.select(ApiToken).where(ApiToken.user_id == user.id, ApiToken.revoked_at.is_(None))
        .order_by(ApiToken.created_at.desc(), ApiToken.id.desc())))


def create(user: User, name: str) -> tuple[ApiToken, str]:
    """A new token for ``user``; the secret is returned here and never again. Flushes."""
    if len(active_tokens(user)) >= MAX_ACTIVE:
        raise TokenRefused
    secret = PREFIX + secrets.token_urlsafe(32)
    token = ApiToken(user_id=user.id, name=name.strip(), token_hash=digest(secret))
    db.session.add(token)
    db.session.flush()
    return token, secret


def revoke(token: ApiToken) -> None:
    if token.revoked_at is None:
        token.revoked_at = utcnow()


def find_active(secret: str) -> ApiToken | None:
    if not secret.startswith(PREFIX) or len(secret) > 200:
        return None
    token = db.session.scalar(db.select(ApiToken).where(ApiToken.token_hash == digest(secret)))
    if token is None or token.revoked_at is not None:
        return None
    return token
