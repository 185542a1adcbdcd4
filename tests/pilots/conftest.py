import pytest

from pitch.extensions import db
from tests.browser.conftest import browser, live_server, new_page  # noqa: F401 (fixtures)
from tests.factories import make_award, make_challenge, make_pilot, make_pitch, make_user

ROLES = ["anonymous", "startup", "other_startup", "bureau", "other_bureau", "admin", "expert"]


class PilotWorld:
    """One pilot between a bureau and a startup, and someone of every other role."""

    def __init__(self):
        self.bureau_staff = make_user("bureau")
        self.startup_member = make_user("startup")
        challenge = make_challenge(bureau=self.bureau_staff.bureau)
        self.pitch = make_pitch(challenge=challenge, startup=self.startup_member.startup)
        make_award(self.pitch)
        self.pilot = make_pilot(self.pitch)
        self.users = {
            "startup": self.startup_member,
            "other_startup": make_user("startup"),
            "bureau": self.bureau_staff,
            "other_bureau": make_user("bureau"),
            "admin": make_user("admin"),
            "expert": make_user("expert"),
        }
        db.session.commit()


@pytest.fixture
def world(app) -> PilotWorld:
    return PilotWorld()


@pytest.fixture
def login_as(auth, world):
    def login(role: str):
        if role != "anonymous":
            response = auth.login(world.users[role])
            assert response.status_code == 302, role
    return login
