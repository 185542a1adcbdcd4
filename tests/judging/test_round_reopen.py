"""Reopening a closed round: the secretariat only, with a reason, never once published."""

import pytest

from pitch.extensions import db
from pitch.judging.operations import save_scorecard
from pitch.models import JudgingEvent, Round, Scorecard
from pitch.results.operations import publish
from tests.factories import make_user
from tests.judging.helpers import make_scene

FULL = {"novelty": 4, "feasibility": 3, "impact": 5}


@pytest.fixture
def closed(app):
    scene = make_scene(pitches=2, judges=2)
    for judge in scene.judges:
        for pitch in scene.pitches:
            save_scorecard(scene.screening, judge, pitch, FULL, "", "", True, judge)
    scene.screening.state = "closed"
    db.session.commit()
    return scene


def _reopen(client, scene, reason="採点の誤りを訂正するため"):
    return client.post(f"/judging/rounds/{scene.screening.id}/reopen",
                       data={"reopen-reason": reason})


def _state(scene) -> str:
    return db.session.scalar(db.select(Round.state).filter_by(id=scene.screening.id))


def test_secretariat_reopens_with_a_reason_and_judges_can_score_again(closed, client, auth):
    auth.login(closed.admin)
    page = client.get(f"/judging/rounds/{closed.screening.id}/assignments")
    assert "ラウンドを再開する" in page.get_data(as_text=True)
    response = _reopen(client, closed)
    assert response.status_code == 302
    assert _state(closed) == "open"
    (event,) = db.session.scalars(db.select(JudgingEvent)).all()
    assert (event.action, event.round_id, event.actor_id, event.reason) == (
        "round_reopened", closed.screening.id, closed.admin.id, "採点の誤りを訂正するため")
    panel = client.get(f"/judging/contests/{closed.contest.id}/panel").get_data(as_text=True)
    assert "ラウンドの再開" in panel and "採点の誤りを訂正するため" in panel
    auth.logout()
    judge, pitch = closed.judges[0], closed.pitches[0]
    auth.login(judge)
    card = db.session.scalar(db.select(Scorecard).filter_by(judge_id=judge.id,
                                                            pitch_id=pitch.id))
    response = client.post(f"/judging/rounds/{closed.screening.id}/pitches/{pitch.id}", data={
        "score-novelty": "1", "score-feasibility": "1", "score-impact": "1",
        "action": "submit", "version": card.version})
    assert response.status_code == 302


def test_reopening_needs_a_reason(closed, client, auth):
    auth.login(closed.admin)
    response = _reopen(client, closed, reason="  ")
    assert response.status_code == 400
    assert "理由を入力してください。" in response.get_data(as_text=True)
    assert _state(closed) == "closed"


def test_published_round_cannot_be_reopened(closed, client, auth):
    publish(closed.screening, "mean", closed.admin)
    db.session.commit()
    auth.login(closed.admin)
    response = _reopen(client, closed, reason="訂正したい")
    assert response.status_code == 409
    page = response.get_data(as_text=True)
    assert "結果は公表済みのため、ラウンドを再開できません" in page
    assert "訂正したい" in page  # what was typed is kept
    assert _state(closed) == "closed"
    assert db.session.scalar(db.select(db.func.count()).select_from(JudgingEvent)) == 0


def test_round_is_not_reopened_once_a_later_round_started(closed, client, auth):
    closed.final.state = "open"
    db.session.commit()
    auth.login(closed.admin)
    response = _reopen(client, closed)
    assert response.status_code == 409
    assert "後のラウンドがすでに始まっている" in response.get_data(as_text=True)
    assert _state(closed) == "closed"


@pytest.mark.parametrize("state", ["pending", "open"])
def test_only_a_closed_round_is_reopened(closed, client, auth, state):
    closed.screening.state = state
    db.session.commit()
    auth.login(closed.admin)
    response = _reopen(client, closed)
    assert response.status_code == 409
    assert "再開できるのは締め切ったラウンドだけです。" in response.get_data(as_text=True)
    assert _state(closed) == state


@pytest.mark.parametrize("who", ["anonymous", "judge", "startup", "bureau"])
def test_only_the_secretariat_reopens(closed, client, auth, who):
    users = {"judge": closed.judges[0], "startup": make_user(role="startup"),
             "bureau": make_user(role="bureau")}
    db.session.commit()
    if who != "anonymous":
        auth.login(users[who])
    assert _reopen(client, closed).status_code == (302 if who == "anonymous" else 403)
    assert _state(closed) == "closed"


def test_reopening_a_missing_round_is_404(closed, client, auth):
    auth.login(closed.admin)
    assert client.post("/judging/rounds/999999/reopen",
                       data={"reopen-reason": "x"}).status_code == 404
