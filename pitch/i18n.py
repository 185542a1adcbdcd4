"""Language and timezone choice for each request."""

from flask import Flask, current_app, session
from flask_login import current_user

from pitch import paths
from pitch.extensions import babel


def select_locale() -> str:
    # Imported here: the API's modules load flask-smorest, which the command line does without.
    from pitch.api import language as api_language

    languages = current_app.config["LANGUAGES"]
    if api_language.is_token_request():
        return api_language.token_locale(languages, current_app.config["BABEL_DEFAULT_LOCALE"])
    chosen = session.get("locale")
    if chosen in languages:
        return chosen
    if current_user and current_user.is_authenticated and current_user.locale in languages:
        return current_user.locale
    return current_app.config["BABEL_DEFAULT_LOCALE"]


def select_timezone() -> str:
    return current_app.config["PITCH_TIMEZONE"]


def init_app(app: Flask) -> None:
    babel.init_app(
        app,
        locale_selector=select_locale,
        timezone_selector=select_timezone,
        default_translation_directories=str(paths.translations_dir()),
    )
