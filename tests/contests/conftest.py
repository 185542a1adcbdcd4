"""The secretariat, logged in, and a draft contest: what most contest tests start from."""

import pytest

from pitch.extensions import db
from tests.factories import make_contest, make_user


@pytest.fixture
def admin(app, auth):
    user = make_user("admin")
    db.session.commit()
    auth.login(user)
    return user


@pytest.fixture
def contest(app):
    contest = make_contest(state="draft")
    db.session.commit()
    return contest
