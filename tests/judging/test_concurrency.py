"""Judges saving at the same moment: nothing lost, nothing doubled (SQLite and PostgreSQL)."""

import threading

from pitch.extensions import db
from pitch.judging.operations import ScoringRefused, save_scorecard
from pitch.models import Pitch, Round, ScoreAudit, Scorecard, ScoreLine, User
from tests.judging.helpers import make_scene

SCORES = {"novelty": 4, "feasibility": 3, "impact": 5}


def _race(app, jobs: list[tuple[int, int, int, int]]) -> list[str]:
    """Run save_scorecard for each (round, judge, pitch, version) at once, each in its own
    app context and session; returns "ok" or the refusal code of each."""
    barrier = threading.Barrier(len(jobs))
    outcomes: list[str] = [""] * len(jobs)

    def work(index: int, round_id: int, judge_id: int, pitch_id: int, version: int) -> None:
        with app.app_context():
            round_ = db.session.get(Round, round_id)
            judge, pitch = db.session.get(User, judge_id), db.session.get(Pitch, pitch_id)
            assert round_.criteria  # loaded before the race, as a request would have it
            barrier.wait()
            try:
                save_scorecard(round_, judge, pitch, SCORES, "", "", True, judge,
                               expected_version=version)
                db.session.commit()
                outcomes[index] = "ok"
            except ScoringRefused as refused:
                db.session.rollback()
                outcomes[index] = refused.code
            finally:
                db.session.remove()

    threads = [threading.Thread(target=work, args=(i, *job)) for i, job in enumerate(jobs)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    return outcomes


def _count(model) -> int:
    return db.session.scalar(db.select(db.func.count()).select_from(model))


def test_two_judges_submit_the_same_pitch_at_the_same_moment(app):
    scene = make_scene(judges=2)
    db.session.commit()
    pitch = scene.pitches[0]
    jobs = [(scene.screening.id, judge.id, pitch.id, 0) for judge in scene.judges]
    assert _race(app, jobs) == ["ok", "ok"]
    db.session.expire_all()
    cards = db.session.scalars(db.select(Scorecard)).all()
    assert sorted(card.judge_id for card in cards) == sorted(j.id for j in scene.judges)
    assert all(card.status == "submitted" for card in cards)
    assert _count(ScoreLine) == 6 and _count(ScoreAudit) == 2


def test_one_judge_submitting_twice_at_once_keeps_one_card(app):
    scene = make_scene(judges=1)
    db.session.commit()
    judge, pitch = scene.judges[0], scene.pitches[0]
    outcomes = _race(app, [(scene.screening.id, judge.id, pitch.id, 0)] * 2)
    assert sorted(outcomes) == ["ok", "stale"]
    db.session.expire_all()
    assert _count(Scorecard) == 1 and _count(ScoreLine) == 3 and _count(ScoreAudit) == 1
