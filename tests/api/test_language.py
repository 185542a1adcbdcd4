"""The language of API messages: a token request follows Accept-Language, else the token
owner's language, else Japanese; a session request keeps the site's rule."""

import pytest

from pitch.extensions import db
from tests.api.conftest import API, bearer

INVALID = {"ja": "未入力または誤った点数があります。各項目のメッセージを確認してください。",
           "en": "Some scores are missing or wrong; see the messages next to them."}
GIVE = {"ja": "点数を入力してください。", "en": "Give a score."}
NO_TOKEN = {"ja": "APIトークンがないか、不明か、無効にされています。",
            "en": "The API token is missing, unknown or revoked."}


def _put_empty(client, scene, headers):
    url = (f"{API}/judging/rounds/{scene.screening.id}/pitches/{scene.pitches[0].id}"
           "/scorecard")
    response = client.put(url, headers=headers, json={"scores": {}, "submit": True})
    assert response.status_code == 422
    return response.get_json()["error"]


@pytest.mark.parametrize(("owner", "accept", "expected"), [
    ("ja", None, "ja"),
    ("en", None, "en"),
    ("ja", "en", "en"),
    ("en", "ja", "ja"),
    ("en", "en-US,en;q=0.9", "en"),
    ("ja", "fr, de;q=0.5", "ja"),  # neither language on offer: the owner's
    ("en", "fr", "en"),
])
def test_token_request_language(client, scene, owner, accept, expected):
    judge = scene.judges[0]
    judge.locale = owner
    headers = bearer(judge)
    if accept:
        headers["Accept-Language"] = accept
    error = _put_empty(client, scene, headers)
    assert error["message"] == INVALID[expected]
    assert error["details"]["novelty"] == GIVE[expected]


def test_owner_with_an_unknown_language_gets_japanese(client, scene):
    judge = scene.judges[0]
    judge.locale = "xx"
    error = _put_empty(client, scene, bearer(judge))
    assert error["message"] == INVALID["ja"]


@pytest.mark.parametrize(("accept", "expected"), [(None, "ja"), ("en", "en"), ("fr", "ja")])
def test_unknown_token_message_follows_accept_language(client, scene, accept, expected):
    headers = {"Authorization": "Bearer pitch_unknown"}
    if accept:
        headers["Accept-Language"] = accept
    response = client.get(f"{API}/judging/assignments", headers=headers)
    assert response.status_code == 401
    assert response.get_json()["error"]["message"] == NO_TOKEN[expected]


def test_token_language_does_not_leak_into_the_session_rule(client, auth, scene):
    """A signed-in browser keeps its own language whatever Accept-Language says."""
    judge = scene.judges[0]
    judge.locale = "ja"
    db.session.commit()
    auth.login(judge)
    error = _put_empty(client, scene, {"Accept-Language": "en"})
    assert error["message"] == INVALID["ja"]


def test_session_request_follows_the_users_language(client, auth, scene):
    judge = scene.judges[0]
    judge.locale = "en"
    db.session.commit()
    auth.login(judge)
    error = _put_empty(client, scene, {"Accept-Language": "ja"})
    assert error["message"] == INVALID["en"]
