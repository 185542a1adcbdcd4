"""The language of a token request's messages.

A client program has no session to keep a language choice in, so a request with a token
speaks the language it asks for (Accept-Language), else its token owner's, else Japanese.
Session requests from the browser keep the site's rule (pitch.i18n).
"""

from flask import has_request_context, request

from pitch.api.auth import presented_token

PREFIX = "/api/"


def is_token_request() -> bool:
    return (has_request_context() and request.path.startswith(PREFIX)
            and "Authorization" in request.headers)


def token_locale(languages: tuple[str, ...], default: str) -> str:
    asked = request.accept_languages.best_match(languages)
    if asked is not None:
        return asked
    token = presented_token()
    if token is not None and token.user.locale in languages:
        return token.user.locale
    return default
