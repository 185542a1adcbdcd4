"""Every GET route of the app, from its URL map, for every kind of visitor.

A route missing from EXPECTED fails the test, so a new page cannot be forgotten. Reading a
page must not write: the database is compared before and after each route's visits.
"""

import os

import pytest
from flask import url_for

from tests.authz import world
from tests.authz.expected import EXPECTED
from tests.authz.session import assert_rows_match_routes


def get_endpoints(app) -> set[str]:
    return {r.endpoint for r in app.url_map.iter_rules() if "GET" in r.methods}


def test_every_get_route_has_an_expected_row(shared_world):
    assert_rows_match_routes(get_endpoints(shared_world.app), EXPECTED)


def _url(shared, endpoint: str) -> str:
    rule = next(r for r in shared.app.url_map.iter_rules()
                if r.endpoint == endpoint and "GET" in r.methods)
    with shared.app.test_request_context():
        return url_for(endpoint, **{name: shared.values[name] for name in rule.arguments})


@pytest.mark.parametrize("endpoint", sorted(EXPECTED))
def test_get_route_answers_each_visitor_as_expected(fresh_world, endpoint):
    url = _url(fresh_world, endpoint)
    fresh_world.dirty = True
    observed = []
    for identity in world.IDENTITIES:
        response = fresh_world.client(identity).get(url)
        response.close()  # file downloads are streamed
        observed.append(response.status_code)
    fresh_world.dirty = not fresh_world.unchanged()
    if os.environ.get("PRINT_MATRIX"):
        print(f"\n    {endpoint!r}: {tuple(observed)},")
    assert tuple(observed) == EXPECTED[endpoint]
    assert not fresh_world.dirty, f"GET {url} changed the database"
