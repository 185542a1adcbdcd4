"""CSRF: token requests are exempt, cookie-session writes are not. Rate limits per token."""

import re

import pytest

from pitch.extensions import db
from pitch.models import Scorecard
from tests.api.conftest import API, bearer
from tests.conftest import make_app
from tests.factories import PASSWORD

CSRF = re.compile(r'name="csrf_token" type="hidden" value="([^"]+)"|'
                  r'name="csrf_token" value="([^"]+)"')
FULL = {"novelty": 4, "feasibility": 3, "impact": 5}


def _csrf_token(client, path: str) -> str:
    match = CSRF.search(client.get(path).get_data(as_text=True))
    return match.group(1) or match.group(2)


@pytest.fixture
def strict_client(app_config, scene):
    """A client of an app that checks CSRF, as in production."""
    return make_app({**app_config, "WTF_CSRF_ENABLED": True}).test_client()


def _card_url(scene) -> str:
    return f"{API}/judging/rounds/{scene.screening.id}/pitches/{scene.pitches[1].id}/scorecard"


def _login(client, user) -> None:
    token = _csrf_token(client, "/auth/login")
    response = client.post("/auth/login", data={"email": user.email, "password": PASSWORD,
                                                 "csrf_token": token})
    assert response.status_code == 302


def test_token_write_needs_no_csrf_token(strict_client, scene):
    response = strict_client.put(_card_url(scene), json={"scores": FULL},
                                 headers=bearer(scene.judges[0]))
    assert response.status_code == 200


def test_session_write_without_csrf_token_is_refused(strict_client, scene):
    _login(strict_client, scene.judges[0])
    response = strict_client.put(_card_url(scene), json={"scores": FULL})
    assert response.status_code == 400
    assert response.get_json()["error"]["code"] == "bad_request"
    assert db.session.scalar(db.select(db.func.count()).select_from(Scorecard)) == 0


def test_session_write_with_csrf_token_is_accepted(strict_client, scene):
    _login(strict_client, scene.judges[0])
    token = _csrf_token(strict_client, "/account/tokens/")
    response = strict_client.put(_card_url(scene), json={"scores": FULL},
                                 headers={"X-CSRFToken": token})
    assert response.status_code == 200
    # A session read needs no CSRF token.
    assert strict_client.get(_card_url(scene)).status_code == 200


@pytest.fixture
def limited_client(app_config, scene):
    return make_app({**app_config, "RATELIMIT_ENABLED": True,
                     "API_RATE_LIMIT": "3 per minute"}).test_client()


def test_token_routes_are_rate_limited_per_token(limited_client, scene):
    first, second = bearer(scene.judges[0]), bearer(scene.judges[0])
    url = f"{API}/judging/assignments"
    assert [limited_client.get(url, headers=first).status_code for _ in range(3)] == [200] * 3
    refused = limited_client.get(url, headers=first)
    assert refused.status_code == 429
    assert refused.get_json()["error"]["code"] == "too_many_requests"
    # The budget is per token and shared by every token route.
    assert limited_client.get(url, headers=second).status_code == 200
    assert limited_client.get(f"{API}/rounds/{scene.screening.id}/scores",
                              headers=first).status_code == 429


def test_public_routes_are_not_token_limited(limited_client, scene):
    statuses = {limited_client.get(f"{API}/contests").status_code for _ in range(5)}
    assert statuses == {200}
