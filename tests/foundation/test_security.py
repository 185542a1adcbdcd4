import pytest
from flask import Blueprint

from pitch.config import ConfigError
from pitch.extensions import db
from pitch.security import roles_required
from tests.conftest import make_app
from tests.factories import make_user


def test_form_without_csrf_token_is_refused(app_config):
    app = make_app(dict(app_config, WTF_CSRF_ENABLED=True))
    with app.app_context():
        make_user(email="c@example.com")
        db.session.commit()
        response = app.test_client().post(
            "/auth/login", data={"email": "c@example.com", "password": "x"})
        assert response.status_code == 400
        # Plain POST buttons are protected too.
        assert app.test_client().post("/language", data={"language": "en"}).status_code == 400
        db.session.remove()


def test_login_is_rate_limited_per_account(app_config):
    app = make_app(dict(app_config, RATELIMIT_ENABLED=True))
    with app.app_context():
        client = app.test_client()
        statuses = [client.post("/auth/login", data={"email": "v@example.com",
                                                      "password": "wrong"}).status_code
                    for _ in range(6)]
        assert statuses[:5] == [200] * 5
        assert statuses[5] == 429
        # Another account from the same address still gets through.
        other = client.post("/auth/login", data={"email": "w@example.com", "password": "x"})
        assert other.status_code == 200
        db.session.remove()


def test_login_is_rate_limited_per_address(app_config):
    app = make_app(dict(app_config, RATELIMIT_ENABLED=True))
    with app.app_context():
        client = app.test_client()
        statuses = [client.post("/auth/login", data={"email": f"u{i}@example.com",
                                                      "password": "wrong"}).status_code
                    for i in range(11)]
        assert statuses[-1] == 429
        assert "429" not in client.post("/auth/login").get_data(as_text=True)[:0]
        db.session.remove()


def test_security_headers(client):
    response = client.get("/")
    csp = response.headers["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["X-Frame-Options"] == "DENY"


def test_session_cookie_flags(app):
    assert app.config["SESSION_COOKIE_HTTPONLY"] is True
    assert app.config["SESSION_COOKIE_SAMESITE"] == "Lax"


def test_production_refuses_to_start_without_secret(monkeypatch, app_config):
    monkeypatch.setenv("PITCH_ENV", "production")
    monkeypatch.delenv("SECRET_KEY", raising=False)
    config = {k: v for k, v in app_config.items() if k != "SECRET_KEY"}
    with pytest.raises(ConfigError):
        make_app(config)


def test_production_sets_secure_cookies(monkeypatch, app_config):
    monkeypatch.setenv("PITCH_ENV", "production")
    monkeypatch.setenv("SECRET_KEY", "x" * 40)
    config = {k: v for k, v in app_config.items() if k != "SECRET_KEY"}
    app = make_app(config)
    assert app.config["SESSION_COOKIE_SECURE"] is True
    assert app.config["REMEMBER_COOKIE_SECURE"] is True


@pytest.fixture
def guarded_app(app_config):
    app = make_app(app_config)
    bp = Blueprint("guarded", __name__)

    @bp.get("/only-bureau")
    @roles_required("bureau")
    def only_bureau():
        return "ok"

    app.register_blueprint(bp)
    with app.app_context():
        yield app
        from tests.conftest import _empty_all_tables

        _empty_all_tables()


@pytest.mark.parametrize("role,status", [
    (None, 302), ("startup", 403), ("admin", 403), ("expert", 403), ("bureau", 200),
])
def test_role_decorator(guarded_app, role, status):
    client = guarded_app.test_client()
    if role:
        user = make_user(role=role)
        db.session.commit()
        client.post("/auth/login", data={"email": user.email, "password": "correct-horse-battery"})
    assert client.get("/only-bureau").status_code == status


@pytest.mark.parametrize("path,role", [
    ("/admin/users", "startup"), ("/admin/bureaus", "bureau"), ("/account/startup", "bureau"),
])
def test_pages_refuse_other_roles(client, auth, path, role):
    user = make_user(role=role)
    db.session.commit()
    auth.login(user)
    assert client.get(path).status_code == 403


def test_error_pages_speak_both_languages(client):
    assert "ページが見つかりません" in client.get("/no-such-page").get_data(as_text=True)
    client.post("/language", data={"language": "en"})
    assert "Page not found" in client.get("/no-such-page").get_data(as_text=True)


def test_server_error_rolls_back_and_shows_500(app_config):
    app = make_app(dict(app_config, PROPAGATE_EXCEPTIONS=False))

    @app.get("/boom")
    def boom():
        make_user(email="half@example.com")
        raise RuntimeError("boom")

    with app.app_context():
        response = app.test_client().get("/boom")
        assert response.status_code == 500
        from pitch.models import User

        assert User.by_email("half@example.com") is None
        db.session.remove()


def test_lost_database_gives_a_standalone_503(app_config):
    from sqlalchemy.exc import OperationalError

    app = make_app(dict(app_config, PROPAGATE_EXCEPTIONS=False))

    @app.get("/db-down")
    def db_down():
        raise OperationalError("SELECT 1", {}, Exception("server closed the connection"))

    with app.app_context():
        response = app.test_client().get("/db-down")
        assert response.status_code == 503
        assert response.headers["Retry-After"] == "5"
        page = response.get_data(as_text=True)
        assert "一時的に利用できません" in page and "Temporarily unavailable" in page
        db.session.remove()
