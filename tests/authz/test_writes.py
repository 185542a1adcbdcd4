"""Every write route of the app, from its URL map, for every kind of visitor, CSRF on.

A write route missing from WRITES fails, so a new form cannot be forgotten. Each case sends
the smallest body that gets past authorisation (a valid CSRF token and nothing else, unless
expected_writes says otherwise); a refused write must leave every table as it was.
"""

import os

import pytest
from flask import url_for

from pitch.extensions import db
from pitch.models import Pitch, Round, User
from tests.authz import world
from tests.authz.expected_writes import (
    BODIES,
    OPEN_ROUND_WRITES,
    PUBLIC,
    REFUSED,
    VALUES,
    WRITES,
)
from tests.authz.session import assert_rows_match_routes

WRITE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})


def write_routes(app) -> set[str]:
    return {f"{method} {rule.endpoint}" for rule in app.url_map.iter_rules()
            for method in rule.methods & WRITE_METHODS}


def test_every_write_route_has_an_expected_row(shared_world):
    assert_rows_match_routes(write_routes(shared_world.app), WRITES)


def _url(shared, key: str, renamed: dict | None = None) -> str:
    endpoint = key.split(" ")[1]
    rule = next(r for r in shared.app.url_map.iter_rules() if r.endpoint == endpoint)
    # The admin may not deactivate themselves (400): aim at someone else.
    values = {**shared.values, "user_id": shared.people["startup_b"].id}
    renamed = renamed or VALUES.get(key, {})
    values.update({name: shared.values[other] for name, other in renamed.items()})
    with shared.app.test_request_context():
        return url_for(endpoint, **{name: values[name] for name in rule.arguments})


def _send(shared, identity: str, key: str, url: str | None = None):
    method, endpoint = key.split(" ")
    client = shared.client(identity)
    token = shared.visitors[identity].csrf_token
    url = url or _url(shared, key)
    if endpoint.startswith(("judging_api.", "secretariat_api.")):
        return client.open(url, method=method, json=BODIES.get(key, {}),
                           headers={"X-CSRFToken": token})
    return client.open(url, method=method, data={"csrf_token": token, **BODIES.get(key, {})})


@pytest.mark.parametrize("identity", world.IDENTITIES)
@pytest.mark.parametrize("key", sorted(WRITES))
def test_write_answers_as_expected_and_refused_writes_change_nothing(fresh_world, key,
                                                                     identity):
    expected = WRITES[key][world.IDENTITIES.index(identity)]
    fresh_world.dirty = True
    response = _send(fresh_world, identity, key)
    response.close()
    fresh_world.dirty = not fresh_world.unchanged()
    if os.environ.get("PRINT_MATRIX"):
        print(f"\nOBSERVED {key} {identity} {response.status_code}")
    assert response.status_code == expected, response.headers.get("Location")
    refused = expected in REFUSED
    if identity == "anonymous" and key not in PUBLIC:
        refused = True
        assert expected == 401 or "/auth/login" in response.headers["Location"]
    if refused:
        assert not fresh_world.dirty, f"{key} refused to {identity} but changed the database"


def test_the_checksum_notices_a_write(fresh_world):
    """Guards the check above: an allowed write does show as a change."""
    fresh_world.dirty = True
    response = _send(fresh_world, "admin", "POST admin.set_active")
    assert response.status_code == 302
    fresh_world.dirty = not fresh_world.unchanged()
    assert fresh_world.dirty


def test_a_write_without_its_csrf_token_is_refused_and_changes_nothing(fresh_world):
    fresh_world.dirty = True
    url = _url(fresh_world, "POST admin.set_active")
    response = fresh_world.client("admin").post(url, data={"active": "0"})
    assert response.status_code == 400
    fresh_world.dirty = not fresh_world.unchanged()
    assert not fresh_world.dirty


def _open_the_final(shared) -> str:
    """Round 2 open for scoring, pitch 1 entered, assigned to the judge and to the conflicted
    judge, whose conflict (with startup A) must still keep them out."""
    from tests.results.world import enter

    with shared.app.app_context():
        final = db.session.get(Round, shared.values["final_round_id"])
        judges = [db.session.get(User, shared.people[name].id)
                  for name in ("judge", "conflicted_judge")]
        enter(final, judges, db.session.get(Pitch, shared.values["pitch_id"]))
        final.state = "open"
        db.session.commit()
        db.session.remove()
    return shared.checksum()


@pytest.mark.parametrize("identity", world.IDENTITIES)
@pytest.mark.parametrize("key", sorted(OPEN_ROUND_WRITES))
def test_scoring_in_an_open_round_is_the_assigned_judges_alone(fresh_world, key, identity):
    fresh_world.dirty = True
    before = _open_the_final(fresh_world)
    url = _url(fresh_world, key, {"round_id": "final_round_id"})
    response = _send(fresh_world, identity, key, url)
    expected = OPEN_ROUND_WRITES[key][world.IDENTITIES.index(identity)]
    if os.environ.get("PRINT_MATRIX"):
        print(f"\nOBSERVED {key} {identity} {response.status_code}")
    assert response.status_code == expected
    changed = fresh_world.checksum() != before
    assert changed is (identity == "judge"), "only the assigned judge's card may be saved"
