import re

import pytest

from pitch.extensions import db
from pitch.models import Startup, User
from tests.factories import PASSWORD, make_user

REGISTRATION = {
    "name": "山田 花子",
    "email": "Hanako@Example.JP",
    "password": "long-enough-pw",
    "confirm": "long-enough-pw",
    "startup_name": "防災テック株式会社",
    "corporate_number": "7000012050002",
    "website": "https://bousai.example.jp",
    "founded_year": "2019",
    "employees": "12",
    "agree": "y",
}


def test_registration_creates_startup_and_member(client):
    response = client.post("/auth/register", data=REGISTRATION)
    assert response.status_code == 302
    user = User.by_email("hanako@example.jp")
    assert user.email == "hanako@example.jp"
    assert user.role == "startup"
    assert user.startup.name == "防災テック株式会社"
    assert user.startup.corporate_number == "7000012050002"
    assert user.check_password("long-enough-pw")
    assert user.password_hash != "long-enough-pw"


def test_registration_refuses_bad_corporate_number_and_keeps_input(client):
    data = dict(REGISTRATION, corporate_number="1000012050002")
    response = client.post("/auth/register", data=data)
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert "法人番号" in page or "corporate number" in page
    assert 'value="防災テック株式会社"' in page
    assert db.session.scalar(db.select(db.func.count()).select_from(Startup)) == 0


def test_registration_refuses_taken_email_case_insensitively(client, app):
    make_user(email="hanako@example.jp")
    db.session.commit()
    response = client.post("/auth/register", data=REGISTRATION)
    assert response.status_code == 200
    assert db.session.scalar(db.select(db.func.count()).select_from(User)) == 1


def test_login_and_logout(client, auth):
    user = make_user(email="judge@example.com")
    db.session.commit()
    response = auth.login("JUDGE@example.com")
    assert response.status_code == 302
    assert client.get("/account/").status_code == 200
    auth.logout()
    assert client.get("/account/").status_code == 302
    assert user.last_login_at is not None


def test_login_with_wrong_password_is_refused(client, auth):
    make_user(email="a@example.com")
    db.session.commit()
    response = auth.login("a@example.com", "wrong-password")
    assert response.status_code == 200
    assert client.get("/account/").status_code == 302


def test_deactivated_account_cannot_log_in_and_loses_its_session(client, auth, app):
    user = make_user(email="gone@example.com")
    admin = make_user(role="admin")
    db.session.commit()
    auth.login(user)
    assert client.get("/account/").status_code == 200
    other = app.test_client()
    other.post("/auth/login", data={"email": admin.email, "password": PASSWORD})
    other.post(f"/admin/users/{user.id}/active", data={"active": "0"})
    assert client.get("/account/").status_code == 302
    response = auth.login(user)
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert "deactivated" in page or "無効" in page


def test_remember_me_sets_a_lasting_cookie(client, auth):
    make_user(email="r@example.com")
    db.session.commit()
    response = auth.login("r@example.com", remember=True)
    cookies = response.headers.getlist("Set-Cookie")
    remember = [c for c in cookies if c.startswith("remember_token=")]
    assert remember and "HttpOnly" in remember[0] and "Expires=" in remember[0]
    fresh = client.application.test_client()
    token = remember[0].split(";")[0].split("=", 1)[1]
    fresh.set_cookie("remember_token", token, domain="pitch.test")
    assert fresh.get("/account/").status_code == 200


def test_without_remember_me_no_lasting_cookie(client, auth):
    make_user(email="s@example.com")
    db.session.commit()
    response = auth.login("s@example.com")
    cookies = response.headers.getlist("Set-Cookie")
    assert not [c for c in cookies if c.startswith("remember_token=")]


@pytest.mark.parametrize("target,expected", [
    ("/account/", "/account/"),
    ("https://evil.example/", "/"),
    ("//evil.example/", "/"),
    ("/\\evil.example", "/"),
    ("javascript:alert(1)", "/"),
])
def test_next_only_redirects_on_site(client, auth, target, expected):
    make_user(email="n@example.com")
    db.session.commit()
    response = client.post("/auth/login", query_string={"next": target},
                           data={"email": "n@example.com", "password": PASSWORD})
    assert response.status_code == 302
    assert response.headers["Location"] == expected


def _link(outbox, path: str) -> str:
    match = re.search(r"https?://[^\s]+" + re.escape(path) + r"[^\s]+", outbox[-1].body)
    assert match, outbox[-1].body
    return match.group(0).split("pitch.test", 1)[1]


def test_password_reset_round_trip(client, outbox):
    user = make_user(email="forgot@example.com")
    db.session.commit()
    response = client.post("/auth/forgot", data={"email": "forgot@example.com"})
    assert response.status_code == 302
    assert outbox[-1].to == "forgot@example.com"
    link = _link(outbox, "/auth/reset/")
    response = client.post(link, data={"password": "a-brand-new-pw", "confirm": "a-brand-new-pw"})
    assert response.status_code == 302
    db.session.refresh(user)
    assert user.check_password("a-brand-new-pw")
    # The link dies once used, because the password it was made for has changed.
    assert client.get(link).status_code == 400


def test_password_reset_for_unknown_email_sends_nothing_and_says_the_same(client, outbox):
    response = client.post("/auth/forgot", data={"email": "nobody@example.com"})
    assert response.status_code == 302
    assert outbox == []


def test_password_reset_token_expires(client, app, outbox, monkeypatch):
    make_user(email="late@example.com")
    db.session.commit()
    client.post("/auth/forgot", data={"email": "late@example.com"})
    link = _link(outbox, "/auth/reset/")
    app.config["PASSWORD_RESET_MAX_AGE"] = -1
    response = client.get(link)
    assert response.status_code == 400


def test_tampered_reset_token_is_refused(client, outbox):
    make_user(email="t@example.com")
    db.session.commit()
    client.post("/auth/forgot", data={"email": "t@example.com"})
    link = _link(outbox, "/auth/reset/")
    assert client.get(link[:-3] + "abc").status_code == 400
