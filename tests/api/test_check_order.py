"""Who is asking comes before what they ask: 401, then 403/404, and only then 422.

A caller who may not write learns nothing of a body's rules, and nothing is written.
"""

import pytest

from pitch.api.auth import CheckedView
from pitch.extensions import db
from pitch.models import Scorecard
from tests.api.conftest import API, bearer
from tests.conftest import make_app

BAD = {"scores": {"novelty": "four"}, "submit": "maybe"}
NO_CALLER = {"ja": "個人用APIトークンを送ってください（Authorization: Bearer <トークン>）。"}
NO_TOKEN = {"ja": "APIトークンがないか、不明か、無効にされています。",
            "en": "The API token is missing, unknown or revoked."}
WRITES = {"POST", "PUT", "PATCH", "DELETE"}


def _card_url(scene, pitch=0) -> str:
    return (f"{API}/judging/rounds/{scene.screening.id}/pitches/{scene.pitches[pitch].id}"
            "/scorecard")


def _error(response, status: int) -> dict:
    assert response.status_code == status, response.get_data(as_text=True)
    body = response.get_json()
    assert set(body) == {"error"} and set(body["error"]) == {"code", "message", "details"}
    return body["error"]


def _no_card_saved() -> bool:
    return db.session.scalar(db.select(db.func.count()).select_from(Scorecard)) == 0


@pytest.mark.parametrize("body", [BAD, {}, None])
def test_anonymous_write_with_a_bad_body_is_401(client, scene, body):
    response = client.put(_card_url(scene), json=body)
    error = _error(response, 401)
    assert error["code"] == "unauthorized" and error["message"] == NO_CALLER["ja"]
    assert response.headers["WWW-Authenticate"].startswith("Bearer")
    assert _no_card_saved()


def test_anonymous_write_is_401_before_the_csrf_check(app_config, scene):
    """Without a session there is nothing to forge: the answer is the missing token."""
    strict = make_app({**app_config, "WTF_CSRF_ENABLED": True}).test_client()
    assert _error(strict.put(_card_url(scene), json=BAD), 401)["code"] == "unauthorized"


@pytest.mark.parametrize(("accept", "expected"), [(None, "ja"), ("en", "en")])
def test_wrong_token_write_with_a_bad_body_is_401(client, scene, accept, expected):
    headers = {"Authorization": "Bearer pitch_unknown"}
    if accept:
        headers["Accept-Language"] = accept
    response = client.put(_card_url(scene), json=BAD, headers=headers)
    error = _error(response, 401)
    assert error["message"] == NO_TOKEN[expected]
    assert _no_card_saved()


@pytest.mark.parametrize("role", ["conflicted", "startup", "bureau", "admin"])
def test_token_without_rights_and_a_bad_body_is_404(client, scene, role):
    user = {"conflicted": scene.conflicted, "startup": scene.startup, "bureau": scene.bureau,
            "admin": scene.admin}[role]
    response = client.put(_card_url(scene), json=BAD, headers=bearer(user))
    assert _error(response, 404)["code"] == "not_found"
    assert _no_card_saved()


def test_missing_pitch_with_a_bad_body_is_404(client, scene):
    url = f"{API}/judging/rounds/{scene.screening.id}/pitches/99999999/scorecard"
    assert _error(client.put(url, json=BAD, headers=bearer(scene.judges[0])), 404)


def test_assigned_judge_with_a_bad_body_still_gets_422(client, scene):
    response = client.put(_card_url(scene), json=BAD, headers=bearer(scene.judges[0]))
    details = _error(response, 422)["details"]["json"]
    assert set(details) == {"scores", "submit"}
    assert _no_card_saved()


@pytest.mark.parametrize("path", ["results?method=nonsense", "scores"])
def test_secretariat_export_checks_the_caller_before_the_query(client, scene, path):
    url = f"{API}/rounds/{scene.screening.id}/{path}"
    assert _error(client.get(url), 401)["code"] == "unauthorized"
    assert _error(client.get(url, headers=bearer(scene.judges[0])), 403)["code"] == "forbidden"
    if "nonsense" in path:
        assert _error(client.get(url, headers=bearer(scene.admin)), 422)


def test_every_api_write_checks_before_it_parses(app):
    """A new write route must load and authorise in CheckedView.check, before its body."""
    writes = [rule for rule in app.url_map.iter_rules()
              if rule.rule.startswith(API) and rule.methods & WRITES]
    assert writes, "the API has write routes"
    for rule in writes:
        view_class = getattr(app.view_functions[rule.endpoint], "view_class", None)
        assert view_class is not None and issubclass(view_class, CheckedView), rule.rule
