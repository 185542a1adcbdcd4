"""Who may see and change a pilot: every role against every page and action."""

import pytest

from pitch.extensions import db
from pitch.models.pilot import Milestone, Pilot
from tests.pilots.conftest import ROLES

# 302 to the login page for anonymous visitors; 404 for anyone not on the pilot.
VIEW = {"anonymous": 302, "startup": 200, "other_startup": 404, "bureau": 200,
        "other_bureau": 404, "admin": 200, "expert": 404}


def _expect(allowed: set[str], ok: int = 302) -> dict[str, int]:
    """Members of the pilot who may not act get 403; outsiders 404; anonymous the login."""
    members = {"startup", "bureau", "admin"}
    return {role: ok if role in allowed else 403 if role in members
            else 302 if role == "anonymous" else 404 for role in ROLES}


@pytest.mark.parametrize("role", ROLES)
def test_workspace_is_seen_only_by_its_bureau_startup_and_admins(client, world, login_as, role):
    login_as(role)
    response = client.get(f"/pilots/{world.pilot.id}")
    assert response.status_code == VIEW[role]
    if role == "anonymous":
        assert "/auth/login" in response.headers["Location"]
    if VIEW[role] == 200:
        assert world.pilot.title in response.get_data(as_text=True)


def test_a_missing_pilot_is_404(client, world, login_as):
    login_as("admin")
    assert client.get("/pilots/999999").status_code == 404


ACTIONS = {
    "update": ("updates", {"update-body": "進捗です"}, {"startup", "bureau"}),
    "milestone": ("milestones", {"milestone-title": "説明会", "milestone-due_on": "2026-05-01"},
                  {"bureau", "admin"}),
    "kpi": ("kpis", {"kpi-name": "利用者数", "kpi-unit": "人", "kpi-target": "500"},
            {"bureau", "admin"}),
    "stage": ("stage", {"target": "preparation"}, {"bureau", "admin"}),
    "plan": ("plan", {"plan-title": "改めた名前", "plan-starts_on": "2026-04-01"},
             {"bureau", "admin"}),
    "outcome": ("outcome", {"outcome-outcome_summary": "成果"}, {"bureau", "admin"}),
    "publish": ("public", {"public": "1"}, {"admin"}),
}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("action", sorted(ACTIONS))
def test_who_may_change_the_pilot(client, world, login_as, role, action):
    path, data, allowed = ACTIONS[action]
    login_as(role)
    response = client.post(f"/pilots/{world.pilot.id}/{path}", data=data)
    assert response.status_code == _expect(allowed)[role]
    db.session.expire_all()
    pilot = db.session.get(Pilot, world.pilot.id)
    changed = (len(pilot.updates) + len(pilot.milestones) + len(pilot.kpis) - 1
               + (pilot.stage != "agreement") + bool(pilot.outcome_summary) + pilot.public
               + (pilot.title == "改めた名前"))
    assert changed == (1 if role in allowed else 0)


@pytest.mark.parametrize("role", ROLES)
def test_only_the_bureau_records_the_decision(client, world, login_as, role):
    world.pilot.stage, world.pilot.outcome_summary = "report", "成果"
    db.session.commit()
    login_as(role)
    response = client.post(f"/pilots/{world.pilot.id}/decision",
                           data={"decision-decision": "deploy", "decision-reason": "効果あり"})
    assert response.status_code == _expect({"bureau"})[role]
    db.session.expire_all()
    assert (db.session.get(Pilot, world.pilot.id).decision == "deploy") == (role == "bureau")


@pytest.mark.parametrize("role", ROLES)
def test_who_may_mark_a_milestone_done(client, world, login_as, role):
    milestone = Milestone(pilot=world.pilot, title="協定締結", due_on=world.pilot.starts_on)
    db.session.add(milestone)
    db.session.commit()
    login_as(role)
    response = client.post(f"/pilots/{world.pilot.id}/milestones/{milestone.id}/done")
    assert response.status_code == _expect({"startup", "bureau", "admin"})[role]
    db.session.expire_all()
    done = db.session.get(Milestone, milestone.id).status == "done"
    assert done == (role in {"startup", "bureau", "admin"})


def test_a_milestone_of_another_pilot_is_404(client, world, login_as):
    from tests.factories import make_pilot

    other = make_pilot()
    milestone = Milestone(pilot=other, title="x", due_on=other.starts_on)
    db.session.add(milestone)
    db.session.commit()
    login_as("admin")
    assert client.post(f"/pilots/{world.pilot.id}/milestones/{milestone.id}/done"
                       ).status_code == 404


OPEN = {"anonymous": 302, "startup": 403, "other_startup": 403, "bureau": 200,
        "other_bureau": 404, "admin": 200, "expert": 403}


@pytest.mark.parametrize("role", ROLES)
def test_who_may_open_a_pilot(client, world, login_as, role):
    from tests.factories import make_award, make_pitch

    pitch = make_pitch(challenge=world.pitch.challenge)
    make_award(pitch)
    db.session.commit()
    login_as(role)
    assert client.get(f"/pilots/open/{pitch.id}").status_code == OPEN[role]
    response = client.post(f"/pilots/open/{pitch.id}", data={"title": "新しい実証"})
    assert response.status_code == (302 if OPEN[role] == 200 else OPEN[role])
    opened = db.session.scalar(db.select(Pilot).where(Pilot.pitch_id == pitch.id))
    assert (opened is not None) == (OPEN[role] == 200)


@pytest.mark.parametrize("role,status", [
    ("anonymous", 302), ("startup", 403), ("bureau", 403), ("other_bureau", 403),
    ("expert", 403), ("admin", 200)])
def test_the_overview_is_for_the_secretariat(client, world, login_as, role, status):
    login_as(role)
    assert client.get("/pilots/overview").status_code == status


@pytest.mark.parametrize("role,status,sees", [
    ("startup", 200, True), ("other_startup", 200, False), ("bureau", 200, True),
    ("other_bureau", 200, False), ("expert", 403, False), ("admin", 302, False)])
def test_our_pilots_lists_only_our_own(client, world, login_as, role, status, sees):
    login_as(role)
    response = client.get("/pilots/mine")
    assert response.status_code == status
    assert (world.pilot.title in response.get_data(as_text=True)) == sees
