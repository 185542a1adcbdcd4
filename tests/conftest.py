import os
import shutil

import pytest
from flask.testing import FlaskClient
from flask_migrate import upgrade
from hypothesis import settings
from sqlalchemy import inspect

from pitch import create_app
from pitch.catalogs import compile_catalogs
from pitch.extensions import db
from tests import factories

# CI runs the same examples every time, so a red build points at a change, not at luck;
# developers' runs keep exploring new examples.
settings.register_profile("ci", derandomize=True, print_blob=True)
if os.environ.get("CI"):
    settings.load_profile("ci")


def _base_config(database_url: str, upload_folder: str) -> dict:
    return {
        "TESTING": True,
        "SECRET_KEY": "test-secret",
        "SQLALCHEMY_DATABASE_URI": database_url,
        "WTF_CSRF_ENABLED": False,
        "RATELIMIT_ENABLED": False,
        "UPLOAD_FOLDER": upload_folder,
        "SERVER_NAME": "pitch.test",
    }


@pytest.fixture(scope="session", autouse=True)
def translations_compiled() -> None:
    compile_catalogs()


@pytest.fixture(scope="session")
def database_url(tmp_path_factory) -> str:
    """SQLite in a temporary file, or the database in TEST_DATABASE_URL (PostgreSQL in CI).

    The schema is built once, by the migrations, as in production.
    """
    url = os.environ.get("TEST_DATABASE_URL")
    if not url:
        url = "sqlite:///" + str(tmp_path_factory.mktemp("db") / "test.sqlite")
    app = create_app(_base_config(url, str(tmp_path_factory.mktemp("uploads"))))
    with app.app_context():
        db.drop_all()
        with db.engine.begin() as connection:
            connection.exec_driver_sql("DROP TABLE IF EXISTS alembic_version")
        upgrade()
        db.session.remove()
        db.engine.dispose()
    return url


def _empty_all_tables() -> None:
    db.session.remove()
    tables = [t for t in reversed(db.metadata.sorted_tables)
              if inspect(db.engine).has_table(t.name)]
    with db.engine.begin() as connection:
        for table in tables:
            connection.execute(table.delete())


@pytest.fixture
def app_config(database_url, tmp_path) -> dict:
    return _base_config(database_url, str(tmp_path / "uploads"))


class FreshContextClient(FlaskClient):
    """Each request gets its own app context, as in production.

    The tests keep an app context open to use the database; without this, requests
    would share its ``g`` (the logged-in user, the locale) and its session.
    """

    def open(self, *args, **kwargs):
        with self.application.app_context():
            return super().open(*args, **kwargs)


_apps_made: list = []


def make_app(config: dict):
    app = create_app(config)
    app.test_client_class = FreshContextClient
    _apps_made.append(app)
    return app


@pytest.fixture(autouse=True)
def _close_connections():
    """Close each test app's pooled connections, which PostgreSQL would otherwise keep."""
    yield
    while _apps_made:
        with _apps_made.pop().app_context():
            db.session.remove()
            for engine in db.engines.values():
                engine.dispose()


@pytest.fixture
def app(app_config):
    app = make_app(app_config)
    with app.app_context():
        yield app
        _empty_all_tables()
        db.session.remove()
    shutil.rmtree(app_config["UPLOAD_FOLDER"], ignore_errors=True)


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def runner(app):
    return app.test_cli_runner()


@pytest.fixture
def outbox(app) -> list:
    """Mail the app sent during the test (sent only after a commit)."""
    return app.extensions["pitch_mail_outbox"]


class AuthActions:
    def __init__(self, client):
        self._client = client

    def login(self, user_or_email, password: str = factories.PASSWORD, remember: bool = False):
        email = getattr(user_or_email, "email", user_or_email)
        data = {"email": email, "password": password}
        if remember:
            data["remember"] = "y"
        return self._client.post("/auth/login", data=data)

    def logout(self):
        return self._client.post("/auth/logout")


@pytest.fixture
def auth(client) -> AuthActions:
    return AuthActions(client)
