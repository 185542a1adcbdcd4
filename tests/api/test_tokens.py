"""Personal API tokens: created on the tokens page, shown once, stored hashed, revoked."""

import hashlib
import re

import pytest

from pitch.extensions import db
from pitch.models import ApiToken
from tests.api.conftest import API, bearer
from tests.factories import make_user

TOKEN = re.compile(r'value="(pitch_[A-Za-z0-9_-]+)"')


def _create(client, name="phone") -> str:
    response = client.post("/account/tokens/", data={"name": name})
    assert response.status_code == 201
    assert response.headers["Cache-Control"] == "no-store"
    return TOKEN.search(response.get_data(as_text=True)).group(1)


def test_settings_links_to_the_tokens_page(client, auth, app):
    user = make_user()
    db.session.commit()
    auth.login(user)
    page = client.get("/account/").get_data(as_text=True)
    assert "/account/tokens/" in page and "APIトークン" in page


def test_token_is_shown_once_and_stored_hashed(client, auth, app):
    user = make_user(role="expert")
    db.session.commit()
    auth.login(user)
    secret = _create(client)
    stored = db.session.scalar(db.select(ApiToken))
    assert stored.user_id == user.id and stored.name == "phone"
    assert stored.token_hash == hashlib.sha256(secret.encode()).hexdigest()
    assert secret not in stored.token_hash
    listing = client.get("/account/tokens/").get_data(as_text=True)
    assert secret not in listing and "phone" in listing


def test_token_authenticates_and_notes_its_use(client, auth, app):
    user = make_user(role="expert")
    db.session.commit()
    auth.login(user)
    secret = _create(client)
    auth.logout()
    response = client.get(f"{API}/judging/assignments",
                          headers={"Authorization": f"Bearer {secret}"})
    assert response.status_code == 200
    db.session.expire_all()
    assert db.session.scalar(db.select(ApiToken)).last_used_at is not None


def test_empty_name_is_refused_and_nothing_made(client, auth, app):
    user = make_user()
    db.session.commit()
    auth.login(user)
    response = client.post("/account/tokens/", data={"name": ""})
    assert response.status_code == 400
    assert "pitch_" not in response.get_data(as_text=True)
    assert db.session.scalar(db.select(db.func.count()).select_from(ApiToken)) == 0


def test_at_most_ten_active_tokens(client, auth, app):
    user = make_user()
    db.session.commit()
    auth.login(user)
    for number in range(10):
        _create(client, f"t{number}")
    response = client.post("/account/tokens/", data={"name": "one too many"})
    assert response.status_code == 400
    assert 'value="one too many"' in response.get_data(as_text=True)


def test_revoked_token_is_401(client, auth, app):
    user = make_user(role="expert")
    db.session.commit()
    auth.login(user)
    secret = _create(client)
    token = db.session.scalar(db.select(ApiToken))
    assert client.post(f"/account/tokens/{token.id}/revoke").status_code == 302
    auth.logout()
    response = client.get(f"{API}/judging/assignments",
                          headers={"Authorization": f"Bearer {secret}"})
    assert response.status_code == 401
    assert response.headers["WWW-Authenticate"].startswith("Bearer")
    assert response.get_json()["error"]["code"] == "unauthorized"
    assert "phone" not in client.get("/account/tokens/").get_data(as_text=True)


def test_someone_elses_token_cannot_be_revoked(client, auth, app):
    owner, other = make_user(), make_user()
    bearer(owner)
    db.session.commit()
    token = db.session.scalar(db.select(ApiToken))
    auth.login(other)
    assert client.post(f"/account/tokens/{token.id}/revoke").status_code == 404
    assert client.post("/account/tokens/999999/revoke").status_code == 404
    db.session.expire_all()
    assert db.session.get(ApiToken, token.id).revoked_at is None


def test_tokens_page_needs_sign_in(client, app):
    assert client.get("/account/tokens/").status_code == 302
    assert client.post("/account/tokens/", data={"name": "x"}).status_code == 302


@pytest.mark.parametrize("header", [
    "Bearer pitch_tampered",
    "Bearer {secret}x",
    "Bearer {secret_cut}",
    "Basic {secret}",
    "Bearer ",
    "{secret}",
])
def test_tampered_or_malformed_token_is_401(client, app, header):
    user = make_user(role="expert")
    secret = bearer(user)["Authorization"].removeprefix("Bearer ")
    value = header.format(secret=secret, secret_cut=secret[:-1])
    response = client.get(f"{API}/judging/assignments", headers={"Authorization": value})
    assert response.status_code == 401
    assert set(response.get_json()["error"]) == {"code", "message", "details"}


def test_token_of_deactivated_user_is_401(client, app):
    user = make_user(role="expert")
    headers = bearer(user)
    user.active = False
    db.session.commit()
    assert client.get(f"{API}/judging/assignments", headers=headers).status_code == 401


def test_tokens_page_is_japanese_by_default(client, auth, app):
    user = make_user()
    db.session.commit()
    auth.login(user)
    page = client.get("/account/tokens/").get_data(as_text=True)
    assert "トークンを作成" in page
