"""The judging menu item shows only to users who can judge: never to a startup member."""

import re

import pytest

from pitch.extensions import db
from tests import factories

JUDGING_ITEM = re.compile(r'<a href="([^"]*)">審査</a>')  # the menu is Japanese by default


@pytest.mark.parametrize(("role", "links"), [
    (None, []),
    ("startup", []),
    ("bureau", ["/judging/"]),
    ("expert", ["/judging/"]),
    ("admin", ["/judging/manage"]),
])
def test_the_judging_menu_per_role(client, auth, role, links):
    if role is not None:
        user = factories.make_user(role)
        db.session.commit()
        auth.login(user)
    body = client.get("/challenges/").get_data(as_text=True)
    assert JUDGING_ITEM.findall(body) == links
