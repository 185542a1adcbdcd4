"""Conflicts withdrawn, invitations declined, judges removed: who may, and what follows."""

import pytest

from pitch.extensions import db
from pitch.judging import assignment_operations as assigning
from pitch.judging.operations import save_scorecard
from pitch.models import Assignment, Conflict, JudgingEvent, PanelMember, Scorecard
from pitch.models.judging import AuditIsAppendOnly
from tests.factories import make_user
from tests.judging.helpers import add_conflict, make_judge, make_scene

FULL = {"novelty": 4, "feasibility": 3, "impact": 5}


@pytest.fixture
def panel(app):
    """Four pitches, four declared judges, two judges per pitch, nothing assigned yet."""
    scene = make_scene(pitches=4, judges=0)
    scene.contest.judges_per_pitch = 2
    scene.judges = [make_judge(scene.contest) for _ in range(4)]
    db.session.commit()
    return scene


def _assigned(scene, judge=None):
    statement = db.select(Assignment.judge_id, Assignment.pitch_id).filter_by(
        round_id=scene.screening.id)
    if judge is not None:
        statement = statement.filter_by(judge_id=judge.id)
    return set(db.session.execute(statement).all())


def _exists(conflict) -> bool:
    return db.session.scalar(db.select(Conflict.id).filter_by(id=conflict.id)) is not None


def _events(action):
    return db.session.scalars(db.select(JudgingEvent).filter_by(action=action)).all()


def _conflicts_url(scene, conflict=None):
    url = f"/judging/contests/{scene.contest.id}/conflicts"
    return f"{url}/{conflict.id}/withdraw" if conflict else url


# A judge's own conflicts

def test_judge_withdraws_own_conflict_before_assignment(panel, client, auth):
    judge = panel.judges[0]
    conflict = add_conflict(panel.contest, judge, panel.pitches[0])
    db.session.commit()
    auth.login(judge)
    page = client.get(_conflicts_url(panel)).get_data(as_text=True)
    assert _conflicts_url(panel, conflict) in page
    response = client.post(_conflicts_url(panel, conflict))
    assert response.status_code == 302
    assert not _exists(conflict)
    (event,) = _events("conflict_withdrawn")
    assert (event.actor_id, event.judge_id, event.startup_id) == (
        judge.id, judge.id, panel.pitches[0].startup_id)
    assert event.details["kind"] == "investment"


def test_judge_cannot_withdraw_once_assignment_is_made(panel, client, auth):
    judge = panel.judges[0]
    conflict = add_conflict(panel.contest, judge, panel.pitches[0])
    assigning.run_assignment(panel.screening, seed=1)
    db.session.commit()
    auth.login(judge)
    page = client.get(_conflicts_url(panel)).get_data(as_text=True)
    assert _conflicts_url(panel, conflict) not in page and "事務局に依頼" in page
    response = client.post(_conflicts_url(panel, conflict), follow_redirects=True)
    assert "この利益相反はここでは取り下げられません" in response.get_data(as_text=True)
    assert _exists(conflict)
    assert _events("conflict_withdrawn") == []


def test_judge_cannot_withdraw_a_conflict_the_secretariat_recorded(panel, client, auth):
    judge = panel.judges[0]
    conflict = add_conflict(panel.contest, judge, panel.pitches[0], by=panel.admin)
    db.session.commit()
    auth.login(judge)
    client.post(_conflicts_url(panel, conflict))
    assert _exists(conflict)


@pytest.mark.parametrize(("who", "status"), [
    ("anonymous", 302), ("other_judge", 404), ("startup", 404), ("bureau", 404),
    ("admin", 404),  # the secretariat withdraws from the panel page, with a reason
])
def test_withdrawing_someone_elses_conflict(panel, client, auth, who, status):
    conflict = add_conflict(panel.contest, panel.judges[0], panel.pitches[0])
    users = {"other_judge": panel.judges[1], "startup": make_user(role="startup"),
             "bureau": make_user(role="bureau"), "admin": panel.admin}
    db.session.commit()
    if who != "anonymous":
        auth.login(users[who])
    assert client.post(_conflicts_url(panel, conflict)).status_code == status
    assert _exists(conflict)


def test_withdrawing_a_missing_conflict_is_404(panel, client, auth):
    auth.login(panel.judges[0])
    assert client.post(f"{_conflicts_url(panel)}/999999/withdraw").status_code == 404


def test_conflict_after_assignment_moves_the_pitch_to_another_judge(panel, client, auth):
    assigning.run_assignment(panel.screening, seed=1)
    pitch = panel.pitches[0]
    judge = next(j for j in panel.judges if (j.id, pitch.id) in _assigned(panel))
    save_scorecard(panel.screening, judge, pitch, {"novelty": 2}, "", "", False, judge)
    db.session.commit()
    auth.login(judge)
    response = client.post(_conflicts_url(panel), data={
        "startup_id": pitch.startup_id, "kind": "business", "note": "取引先"})
    assert response.status_code == 302
    pairs = _assigned(panel)
    assert (judge.id, pitch.id) not in pairs
    assert sum(1 for _j, p in pairs if p == pitch.id) == 2  # K judges again
    assert db.session.scalar(db.select(Scorecard).filter_by(judge_id=judge.id,
                                                            pitch_id=pitch.id)) is None


def test_secretariat_conflict_that_cannot_be_refilled_says_so(panel, client, auth):
    panel.contest.judges_per_pitch = 4  # every judge on every pitch: nobody to take over
    assigning.run_assignment(panel.screening, seed=1)
    db.session.commit()
    auth.login(panel.admin)
    response = client.post(f"/judging/contests/{panel.contest.id}/panel/conflicts", data={
        "conflict-judge_id": panel.judges[0].id, "conflict-startup_id":
        panel.pitches[0].startup_id, "conflict-kind": "other", "conflict-note": ""},
        follow_redirects=True)
    page = response.get_data(as_text=True)
    assert "審査員が不足しているピッチがあります" in page
    assert (panel.judges[0].id, panel.pitches[0].id) not in _assigned(panel)
    assert db.session.scalar(db.select(Conflict.id)) is not None


# The secretariat's withdrawals

def _admin_withdraw(client, scene, conflict, reason):
    return client.post(
        f"/judging/contests/{scene.contest.id}/panel/conflicts/{conflict.id}/withdraw",
        data={f"withdraw-{conflict.id}-reason": reason})


def test_secretariat_withdraws_any_conflict_with_a_reason(panel, client, auth):
    conflict = add_conflict(panel.contest, panel.judges[0], panel.pitches[0])
    assigning.run_assignment(panel.screening, seed=1)
    db.session.commit()
    auth.login(panel.admin)
    assert _admin_withdraw(client, panel, conflict, "誤った申告").status_code == 302
    assert not _exists(conflict)
    (event,) = _events("conflict_withdrawn")
    assert event.reason == "誤った申告" and event.actor_id == panel.admin.id
    page = client.get(f"/judging/contests/{panel.contest.id}/panel").get_data(as_text=True)
    assert "利益相反の取り下げ" in page and "誤った申告" in page


def test_secretariat_withdrawal_needs_a_reason(panel, client, auth):
    conflict = add_conflict(panel.contest, panel.judges[0], panel.pitches[0])
    db.session.commit()
    auth.login(panel.admin)
    response = _admin_withdraw(client, panel, conflict, "   ")
    assert response.status_code == 400
    assert "理由を入力してください。" in response.get_data(as_text=True)
    assert _exists(conflict)


@pytest.mark.parametrize("role", ["expert", "startup", "bureau"])
def test_only_the_secretariat_withdraws_from_the_panel_page(panel, client, auth, role):
    conflict = add_conflict(panel.contest, panel.judges[0], panel.pitches[0])
    user = panel.judges[0] if role == "expert" else make_user(role=role)
    db.session.commit()
    auth.login(user)
    assert _admin_withdraw(client, panel, conflict, "x").status_code == 403
    assert _exists(conflict)


def test_events_are_append_only(panel):
    conflict = add_conflict(panel.contest, panel.judges[0], panel.pitches[0])
    from pitch.judging import changes
    changes.withdraw_conflict(conflict, panel.admin, "reason")
    db.session.commit()
    (event,) = _events("conflict_withdrawn")
    event.reason = "rewritten"
    with pytest.raises(AuditIsAppendOnly):
        db.session.commit()
    db.session.rollback()


# Declining and removal

def _invite(scene, user):
    member = PanelMember(contest_id=scene.contest.id, user_id=user.id, status="invited")
    db.session.add(member)
    db.session.commit()
    return member


def test_invited_judge_declines_and_can_be_asked_again(panel, client, auth, outbox):
    expert = make_user(role="expert")
    member = _invite(panel, expert)
    auth.login(expert)
    assert "招待を辞退する" in client.get("/judging/").get_data(as_text=True)
    response = client.post(f"/judging/contests/{panel.contest.id}/decline",
                           follow_redirects=True)
    assert "招待を辞退しました" in response.get_data(as_text=True)
    db.session.refresh(member)
    assert member.status == "declined" and _events("declined")[0].judge_id == expert.id
    # Once declined, the judge's pages are closed.
    assert client.post(f"/judging/contests/{panel.contest.id}/accept").status_code == 404
    assert client.get(_conflicts_url(panel)).status_code == 404
    auth.logout()
    auth.login(panel.admin)
    client.post(f"/judging/contests/{panel.contest.id}/panel/invite",
                data={"invite-emails": expert.email})
    db.session.refresh(member)
    assert member.status == "invited" and outbox[-1].to == expert.email


def test_accepted_judge_cannot_decline(panel, client, auth):
    auth.login(panel.judges[0])
    response = client.post(f"/judging/contests/{panel.contest.id}/decline",
                           follow_redirects=True)
    assert "まだ承諾していない招待だけ" in response.get_data(as_text=True)
    assert db.session.scalar(db.select(PanelMember.status).filter_by(
        user_id=panel.judges[0].id)) == "accepted"


@pytest.mark.parametrize(("who", "status"), [("anonymous", 302), ("stranger", 404)])
def test_declining_needs_an_invitation(panel, client, auth, who, status):
    if who == "stranger":
        user = make_user(role="expert")
        db.session.commit()
        auth.login(user)
    assert client.post(f"/judging/contests/{panel.contest.id}/decline").status_code == status


def _remove(client, scene, judge, reason):
    member = db.session.scalar(db.select(PanelMember).filter_by(user_id=judge.id))
    return client.post(
        f"/judging/contests/{scene.contest.id}/panel/members/{member.id}/remove",
        data={f"remove-{member.id}-reason": reason}), member


def test_removed_judge_keeps_submitted_cards_and_loses_the_rest(panel, client, auth):
    assigning.run_assignment(panel.screening, seed=1)
    judge = panel.judges[0]
    mine = sorted(p for _j, p in _assigned(panel, judge))
    done = next(p for p in panel.pitches if p.id == mine[0])
    save_scorecard(panel.screening, judge, done, FULL, "", "", True, judge)
    db.session.commit()
    auth.login(panel.admin)
    response, member = _remove(client, panel, judge, "体調不良")
    assert response.status_code == 302
    db.session.refresh(member)
    assert member.status == "removed"
    assert _assigned(panel, judge) == {(judge.id, done.id)}
    for pitch in panel.pitches:
        assert sum(1 for _j, p in _assigned(panel) if p == pitch.id) == 2
    assert db.session.scalar(db.select(Scorecard.status).filter_by(judge_id=judge.id)) == \
        "submitted"
    assert _events("removed")[0].reason == "体調不良"
    auth.logout()
    auth.login(judge)  # the removed judge no longer reaches the round
    url = f"/judging/rounds/{panel.screening.id}/pitches/{done.id}"
    assert client.get(url).status_code == 404


def test_removal_needs_a_reason_and_keeps_everything(panel, client, auth):
    assigning.run_assignment(panel.screening, seed=1)
    db.session.commit()
    before = _assigned(panel)
    auth.login(panel.admin)
    response, member = _remove(client, panel, panel.judges[0], "")
    assert response.status_code == 400 and "理由を入力してください。" in response.get_data(
        as_text=True)
    db.session.refresh(member)
    assert member.status == "accepted" and _assigned(panel) == before


def test_removal_refused_when_nobody_can_take_over(panel, client, auth):
    panel.contest.judges_per_pitch = 4
    assigning.run_assignment(panel.screening, seed=1)
    db.session.commit()
    before = _assigned(panel)
    auth.login(panel.admin)
    response, member = _remove(client, panel, panel.judges[0], "辞任")
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert "辞任" in page  # the typed reason is kept
    assert "各ピッチに審査員が4名必要ですが" in page  # and the refusal is shown on its form
    db.session.refresh(member)
    assert member.status == "accepted" and _assigned(panel) == before
    assert _events("removed") == []


@pytest.mark.parametrize("role", ["expert", "startup", "bureau"])
def test_only_the_secretariat_removes_judges(panel, client, auth, role):
    user = panel.judges[1] if role == "expert" else make_user(role=role)
    db.session.commit()
    auth.login(user)
    response, member = _remove(client, panel, panel.judges[0], "x")
    assert response.status_code == 403
    db.session.refresh(member)
    assert member.status == "accepted"


def test_removing_a_member_of_another_contest_is_404(panel, client, auth):
    other = make_scene(pitches=1, judges=1)
    db.session.commit()
    member = db.session.scalar(db.select(PanelMember).filter_by(user_id=other.judges[0].id))
    auth.login(panel.admin)
    response = client.post(
        f"/judging/contests/{panel.contest.id}/panel/members/{member.id}/remove",
        data={f"remove-{member.id}-reason": "x"})
    assert response.status_code == 404


def test_panel_page_in_english(panel, client, auth):
    conflict = add_conflict(panel.contest, panel.judges[0], panel.pitches[0])
    panel.admin.locale = "en"
    db.session.commit()
    auth.login(panel.admin)
    _admin_withdraw(client, panel, conflict, "declared by mistake")
    page = client.get(f"/judging/contests/{panel.contest.id}/panel").get_data(as_text=True)
    assert "Remove from the panel" in page and "Conflict withdrawn" in page
    assert "declared by mistake" in page
