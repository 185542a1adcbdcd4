"""Every GET route of the app, from its URL map, for every kind of visitor.

A route missing from EXPECTED fails the test, so a new page cannot be forgotten.
"""

import os

from tests.authz import world
from tests.factories import PASSWORD

DEMO_PASSWORD = "pitch-demo-2026"


def _url(app, rule, values) -> str:
    with app.test_request_context():
        from flask import url_for

        return url_for(rule.endpoint, **{name: values[name] for name in rule.arguments})


def _status(app, email, url) -> int:
    client = app.test_client()
    if email:
        password = PASSWORD if email.endswith("example.com") else DEMO_PASSWORD
        response = client.post("/auth/login", data={"email": email, "password": password})
        assert response.status_code == 302, email
    response = client.get(url)
    response.close()  # file downloads are streamed
    return response.status_code


def get_rules(app):
    return sorted((r for r in app.url_map.iter_rules() if "GET" in r.methods),
                  key=lambda r: r.rule)


def test_every_get_route_answers_each_visitor_as_expected(app, runner):
    built = world.build(runner)
    values = built["values"]
    observed = {}
    for rule in get_rules(app):
        url = _url(app, rule, values)
        row = []
        for identity in world.IDENTITIES:
            person = built["people"].get(identity)
            row.append(_status(app, person.email if person else None, url))
        observed[rule.endpoint] = tuple(row)
    if os.environ.get("PRINT_MATRIX"):
        for endpoint, row in observed.items():
            print(f"    {endpoint!r}: {row},")
    from tests.authz.expected import EXPECTED

    missing = sorted(set(observed) - set(EXPECTED))
    assert not missing, f"routes without an expected row: {missing}"
    wrong = {e: (observed[e], EXPECTED[e]) for e in observed if observed[e] != EXPECTED[e]}
    assert not wrong, wrong
