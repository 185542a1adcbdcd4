"""Settings, read from the environment with safe defaults."""

import os
from datetime import timedelta

DEV_SECRET = "dev-only-not-secret"


class ConfigError(RuntimeError):
    """The app refuses to start with an unsafe configuration."""


def _bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def from_environment(instance_path: str) -> dict:
    env = os.environ.get("PITCH_ENV", "development")
    database_url = os.environ.get("DATABASE_URL") or (
        "sqlite:///" + os.path.join(instance_path, "pitch.sqlite")
    )
    return {
        "PITCH_ENV": env,
        "SECRET_KEY": os.environ.get("SECRET_KEY", DEV_SECRET),
        "SQLALCHEMY_DATABASE_URI": database_url,
        "SQLALCHEMY_ENGINE_OPTIONS": {"pool_pre_ping": True},
        "PITCH_TIMEZONE": os.environ.get("PITCH_TIMEZONE", "Asia/Tokyo"),
        "UPLOAD_FOLDER": os.environ.get("UPLOAD_FOLDER", os.path.join(instance_path, "uploads")),
        "MAX_CONTENT_LENGTH": int(os.environ.get("MAX_UPLOAD_MB", "20")) * 1024 * 1024,
        "MAIL_SERVER": os.environ.get("MAIL_SERVER", ""),
        "MAIL_PORT": int(os.environ.get("MAIL_PORT", "587")),
        "MAIL_USERNAME": os.environ.get("MAIL_USERNAME", ""),
        "MAIL_PASSWORD": os.environ.get("MAIL_PASSWORD", ""),
        "MAIL_USE_TLS": _bool("MAIL_USE_TLS", True),
        "MAIL_SENDER": os.environ.get("MAIL_SENDER", "pitch@localhost"),
        "RATELIMIT_STORAGE_URI": os.environ.get("RATELIMIT_STORAGE_URI", "memory://"),
        "RATELIMIT_ENABLED": _bool("RATELIMIT_ENABLED", True),
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        "SESSION_COOKIE_SECURE": env == "production",
        "REMEMBER_COOKIE_HTTPONLY": True,
        "REMEMBER_COOKIE_SAMESITE": "Lax",
        "REMEMBER_COOKIE_SECURE": env == "production",
        "REMEMBER_COOKIE_DURATION": timedelta(days=14),
        "INVITATION_MAX_AGE": int(os.environ.get("INVITATION_MAX_AGE_DAYS", "14")) * 86400,
        "PASSWORD_RESET_MAX_AGE": 3600,
        "BABEL_DEFAULT_LOCALE": "ja",
        "BABEL_DEFAULT_TIMEZONE": os.environ.get("PITCH_TIMEZONE", "Asia/Tokyo"),
        "LANGUAGES": ("ja", "en"),
        "PER_PAGE": 20,
    }


def check(config: dict) -> None:
    if config["PITCH_ENV"] == "production" and config["SECRET_KEY"] in ("", DEV_SECRET):
        raise ConfigError("SECRET_KEY must be set to a long random value in production.")
