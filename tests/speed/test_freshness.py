"""The data versions move with every committed change the caches depend on, and only then."""

from sqlalchemy import delete, insert

from pitch.extensions import db
from pitch.models import Assignment, Contest, Question, Round, ScoreLine
from tests import factories
from tests.results.world import build_world


def versions() -> dict:
    """Round and contest versions as committed (read past the session's identity map)."""
    rounds = db.session.execute(db.select(Round.id, Round.data_version)).all()
    contests = db.session.execute(db.select(Contest.id, Contest.content_version)).all()
    return {**{("round", i): v for i, v in rounds}, **{("contest", i): v for i, v in contests}}


def moved(before: dict) -> set:
    after = versions()
    return {key for key, value in after.items() if before.get(key) != value}


def test_a_score_line_changed_alone_moves_its_round_only(app):
    world = build_world()
    before = versions()
    line = db.session.scalar(db.select(ScoreLine).limit(1))
    line.score = 1 if line.score != 1 else 2
    db.session.commit()
    assert moved(before) == {("round", world.screening.id)}


def test_core_statements_through_the_session_move_the_rounds(app):
    world = build_world()
    before = versions()
    db.session.execute(insert(Assignment), [
        {"round_id": world.final.id, "judge_id": world.admin.id, "pitch_id": world.a.id}])
    db.session.commit()
    assert moved(before) == {("round", world.final.id)}
    before = versions()
    db.session.execute(delete(ScoreLine).where(ScoreLine.score == 5))
    db.session.commit()
    assert {("round", world.screening.id), ("round", world.final.id)} <= moved(before)


def test_a_pitch_title_moves_every_round_but_its_summary_none(app):
    world = build_world()
    before = versions()
    world.a.summary = "A new summary"
    db.session.commit()
    assert moved(before) == set()
    world.a.title = "A new title"
    db.session.commit()
    assert {("round", world.screening.id), ("round", world.final.id)} <= moved(before)


def test_a_question_moves_its_contest_and_a_bureau_name_every_contest(app):
    world = build_world()
    other = factories.make_contest()
    db.session.commit()
    before = versions()
    db.session.add(Question(challenge_id=world.a.challenge_id, asker_id=world.startup_a.id,
                            body="When?"))
    db.session.commit()
    assert moved(before) == {("contest", world.contest.id)}
    before = versions()
    world.a.challenge.bureau.name_en = "Renamed bureau"
    db.session.commit()
    assert {("contest", world.contest.id), ("contest", other.id)} <= moved(before)


def test_a_rolled_back_change_moves_nothing(app):
    world = build_world()
    before = versions()
    world.a.title = "Never saved"
    db.session.add(Question(challenge_id=world.a.challenge_id, asker_id=world.startup_a.id,
                            body="Never asked"))
    db.session.flush()
    db.session.rollback()
    db.session.commit()
    assert moved(before) == set()
