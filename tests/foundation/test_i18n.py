from pitch.extensions import db
from tests.factories import make_user


def test_japanese_is_the_default(client):
    page = client.get("/auth/login").get_data(as_text=True)
    assert '<html lang="ja">' in page
    assert "ログイン" in page


def test_language_switch_is_kept_in_the_session(client):
    response = client.post("/language", data={"language": "en", "next": "/auth/login"})
    assert response.status_code == 302 and response.headers["Location"] == "/auth/login"
    page = client.get("/auth/login").get_data(as_text=True)
    assert '<html lang="en">' in page and "Log in" in page


def test_language_switch_is_stored_on_the_user(app, client, auth):
    user = make_user()
    db.session.commit()
    auth.login(user)
    client.post("/language", data={"language": "en"})
    db.session.refresh(user)
    assert user.locale == "en"
    fresh = app.test_client()
    fresh.post("/auth/login", data={"email": user.email, "password": "correct-horse-battery"})
    assert '<html lang="en">' in fresh.get("/").get_data(as_text=True)


def test_unknown_language_is_ignored(client):
    client.post("/language", data={"language": "xx"})
    assert '<html lang="ja">' in client.get("/").get_data(as_text=True)


def test_language_switch_refuses_off_site_next(client):
    response = client.post("/language", data={"language": "en", "next": "https://evil.example"})
    assert response.headers["Location"] == "/"
