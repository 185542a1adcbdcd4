"""One demo world shared by many independent cases: built once, restored after a case wrote.

Building the demo and logging in (password hashing is slow on purpose) cost seconds, so the
world is built once per module and each identity logs in once; a case that changed the
database or the uploaded files gets the snapshot back before the next case runs. Refused
writes are checked against the same checksum, so "nothing changed" is measured, not assumed.
"""

import hashlib
import re
import shutil
from dataclasses import dataclass, field
from pathlib import Path

from flask import Flask

from pitch import create_app
from pitch.demo import DEMO_PASSWORD
from pitch.extensions import db
from tests.authz import world

_CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')
# Bookkeeping that reading touches without anyone having written anything.
_IGNORED_COLUMNS = {("api_token", "last_used_at")}


@dataclass(frozen=True)
class Person:
    id: int
    email: str
    startup_id: int | None
    bureau_id: int | None


@dataclass
class Visitor:
    """A signed-in (or anonymous) browser: its session cookie and a CSRF token for it."""

    cookie: str | None
    csrf_token: str


@dataclass
class SharedWorld:
    app: Flask
    people: dict
    values: dict
    tokens: dict
    visitors: dict = field(default_factory=dict)
    _rows: dict = field(default_factory=dict)
    _uploads: Path | None = None
    _checksum: str = ""
    dirty: bool = False

    def client(self, identity: str):
        """A fresh browser carrying the identity's session, as if it had just logged in."""
        client = self.app.test_client()
        visitor = self.visitors[identity]
        if visitor.cookie:
            client.set_cookie(self._cookie_name, visitor.cookie, domain="pitch.test")
        return client

    @property
    def _cookie_name(self) -> str:
        return self.app.config.get("SESSION_COOKIE_NAME", "session")

    def checksum(self) -> str:
        """A digest of every row of every table (and of the uploaded files' names)."""
        digest = hashlib.sha256()
        with self.app.app_context():
            for table in db.metadata.sorted_tables:
                columns = [c for c in table.columns
                           if (table.name, c.name) not in _IGNORED_COLUMNS]
                order = list(table.primary_key.columns) or columns
                query = db.select(*columns).order_by(*order)
                for row in db.session.execute(query):
                    digest.update(repr((table.name, tuple(row))).encode())
            db.session.remove()
        for path in sorted(Path(self.app.config["UPLOAD_FOLDER"]).rglob("*")):
            digest.update(str(path).encode())
        return digest.hexdigest()

    def unchanged(self) -> bool:
        return self.checksum() == self._checksum

    def snapshot(self) -> None:
        with self.app.app_context():
            self._rows = {table: [dict(row) for row in db.session.execute(
                table.select()).mappings()] for table in db.metadata.sorted_tables}
            db.session.remove()
        self._uploads = Path(self.app.config["UPLOAD_FOLDER"] + ".snapshot")
        shutil.rmtree(self._uploads, ignore_errors=True)
        shutil.copytree(self.app.config["UPLOAD_FOLDER"], self._uploads)
        self._checksum = self.checksum()

    def restore(self) -> None:
        """Put the snapshot back (only when a case changed something: restoring costs)."""
        if not self.dirty:
            return
        with self.app.app_context():
            empty_all_tables()
            with db.engine.begin() as connection:
                for table, rows in self._rows.items():
                    if rows:
                        connection.execute(table.insert(), rows)
        folder = self.app.config["UPLOAD_FOLDER"]
        shutil.rmtree(folder, ignore_errors=True)
        shutil.copytree(self._uploads, folder)
        # The caches key on data versions stored in the rows just put back: a version number
        # could now come again with other data, so start as a fresh worker would.
        self.app.extensions.pop("pitch_caches", None)
        self.dirty = False


def assert_rows_match_routes(routes: set[str], rows) -> None:
    """A new route without a row fails, and so does a row left for a route that is gone."""
    missing = sorted(routes - set(rows))
    assert not missing, f"routes without an expected row: {missing}"
    gone = sorted(set(rows) - routes)
    assert not gone, f"expected rows for routes that no longer exist: {gone}"


def empty_all_tables() -> None:
    db.session.remove()
    with db.engine.begin() as connection:
        for table in reversed(db.metadata.sorted_tables):
            connection.execute(table.delete())


def csrf_token(client, path: str = "/") -> str:
    response = client.get(path)
    found = _CSRF.search(response.get_data(as_text=True))
    assert found, f"no CSRF token on {path}"
    return found.group(1)


def open_world(database_url: str, upload_folder: str) -> SharedWorld:
    """Build the demo world in an app of its own with CSRF on, as in production, log everyone
    in and take the snapshot."""
    from tests.conftest import FreshContextClient, _base_config

    config = _base_config(database_url, upload_folder)
    config["WTF_CSRF_ENABLED"] = True
    app = create_app(config)
    app.test_client_class = FreshContextClient
    with app.app_context():
        built = world.build(app.test_cli_runner())
        people = {name: Person(user.id, user.email, user.startup_id, user.bureau_id)
                  for name, user in built["people"].items()}
        db.session.remove()
    shared = SharedWorld(app=app, people=people, values=built["values"], tokens=built["tokens"])
    for identity in world.IDENTITIES:
        person = shared.people.get(identity)
        client = app.test_client()
        if person:  # every person is a demo account
            data = {"email": person.email, "password": DEMO_PASSWORD,
                    "csrf_token": csrf_token(client, "/auth/login")}
            assert client.post("/auth/login", data=data).status_code == 302, person.email
        token = csrf_token(client)
        cookie = client.get_cookie(shared._cookie_name, domain="pitch.test")
        shared.visitors[identity] = Visitor(cookie.value if cookie else None, token)
    shared.snapshot()
    return shared


def close_world(shared: SharedWorld) -> None:
    with shared.app.app_context():
        empty_all_tables()
        db.session.remove()
        for engine in db.engines.values():
            engine.dispose()
    shutil.rmtree(shared.app.config["UPLOAD_FOLDER"], ignore_errors=True)
    if shared._uploads:
        shutil.rmtree(shared._uploads, ignore_errors=True)
