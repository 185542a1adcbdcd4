"""The import against a judge saving the same card at the same moment: neither is lost unseen.

PostgreSQL locks the imported cards (the judge's save waits, then is refused as stale);
SQLite takes no row lock, so the import checks each card's version and is refused whole.
"""

import io
import threading

import pytest

from pitch.domain.score_sheet import read_score_sheet
from pitch.extensions import db
from pitch.judging.operations import ScoringRefused, save_scorecard
from pitch.models import Pitch, Round, ScoreAudit, Scorecard, ScoreLine, User
from pitch.scoresheets import operations
from pitch.scoresheets.loading import sheet_context
from tests.scoresheets.conftest import full_sheet, sheet_csv

JUDGE_SCORES = {"novelty": 1, "feasibility": 1, "impact": 1}


def _sheet(world, score=5):
    rows = [row[:2] + [score, score, score, "再評価"] for row in full_sheet(world)]
    sheet = read_score_sheet(sheet_csv(rows).encode(), "s.csv", sheet_context(world.round))
    assert sheet.ok, sheet.problems
    return sheet


def _judge_saves(world, version=None):
    judge, pitch = world.judges[0], world.pitches[0]
    save_scorecard(world.round, judge, pitch, JUDGE_SCORES, "", "", True, judge,
                   expected_version=version)


def _scores(world) -> list[int]:
    return sorted(db.session.scalars(
        db.select(ScoreLine.score).join(Scorecard)
        .filter_by(judge_id=world.judges[0].id, pitch_id=world.pitches[0].id)))


def _count(model) -> int:
    return db.session.scalar(db.select(db.func.count()).select_from(model))


def _meanwhile(monkeypatch, world, change) -> None:
    """Between the import's read and its write, the judge's card changes as `change` says,
    seen as the import sees it (a second connection would wait for PostgreSQL's lock)."""
    read = operations._existing_cards

    def read_then_change(round_, judge_ids):
        cards = read(round_, judge_ids)
        change(cards, (world.judges[0].id, world.pitches[0].id))
        return cards

    monkeypatch.setattr(operations, "_existing_cards", read_then_change)


def _saved_again(cards, key) -> None:
    cards[key].version -= 1  # the stored version is now past the one read


def _first_saved(cards, key) -> None:
    del cards[key]  # the card did not exist when read


@pytest.fixture
def scored(sheet_round):
    """The judge's card exists (submitted by the judge), the others do not."""
    _judge_saves(sheet_round)
    db.session.commit()
    return sheet_round


def test_a_card_changed_after_the_import_read_it_refuses_the_whole_import(
        scored, monkeypatch):
    _meanwhile(monkeypatch, scored, _saved_again)
    audits = _count(ScoreAudit)
    with pytest.raises(operations.SheetChanged):
        operations.import_scores(scored.round, _sheet(scored).rows, scored.admin)
    db.session.rollback()
    assert _scores(scored) == [1, 1, 1]
    assert _count(Scorecard) == 1 and _count(ScoreAudit) == audits


def test_a_card_created_after_the_import_read_refuses_the_whole_import(
        scored, monkeypatch):
    _meanwhile(monkeypatch, scored, _first_saved)
    with pytest.raises(operations.SheetChanged):
        operations.import_scores(scored.round, _sheet(scored).rows, scored.admin)
    db.session.rollback()
    assert _scores(scored) == [1, 1, 1] and _count(Scorecard) == 1


def test_the_web_import_says_so_and_keeps_nothing(scored, client, auth, monkeypatch):
    _meanwhile(monkeypatch, scored, _saved_again)
    rows = [row[:2] + [5, 5, 5, ""] for row in full_sheet(scored)]
    auth.login(scored.admin)
    response = client.post(f"/scoresheets/rounds/{scored.round.id}/import", data={
        "sheet": (io.BytesIO(sheet_csv(rows).encode()), "sheet.csv")},
        content_type="multipart/form-data")
    assert response.status_code == 409
    assert "何も取り込んでいません" in response.get_data(as_text=True)
    assert _scores(scored) == [1, 1, 1] and _count(Scorecard) == 1


def test_judge_and_import_at_the_same_moment(app, scored, monkeypatch):
    """The import reads, the judge saves, the import writes: one of the two is refused and
    the stored card is the other's, whatever the database."""
    judge_id, pitch_id = scored.judges[0].id, scored.pitches[0].id
    version = db.session.scalar(db.select(Scorecard.version))
    sheet = _sheet(scored)
    read_done, judge_done = threading.Event(), threading.Event()
    outcome = {}

    def judge_saves():
        with app.app_context():
            round_ = db.session.get(Round, scored.round.id)
            judge, pitch = db.session.get(User, judge_id), db.session.get(Pitch, pitch_id)
            assert round_.criteria
            read_done.wait(10)
            try:
                save_scorecard(round_, judge, pitch, JUDGE_SCORES | {"novelty": 2}, "", "",
                               True, judge, expected_version=version)
                db.session.commit()
                outcome["judge"] = "ok"
            except ScoringRefused as refused:
                db.session.rollback()
                outcome["judge"] = refused.code
            finally:
                db.session.remove()
                judge_done.set()

    read = operations._existing_cards

    def read_and_wait(round_, judge_ids):
        cards = read(round_, judge_ids)
        read_done.set()
        # SQLite: the judge's save goes through now. PostgreSQL: it waits for our lock.
        judge_done.wait(1)
        return cards

    monkeypatch.setattr(operations, "_existing_cards", read_and_wait)

    def imports():
        with app.app_context():
            round_ = db.session.get(Round, scored.round.id)
            try:
                operations.import_scores(round_, sheet.rows, None)
                db.session.commit()
                outcome["import"] = "ok"
            except operations.SheetChanged:
                db.session.rollback()
                outcome["import"] = "changed"
            finally:
                db.session.remove()

    threads = [threading.Thread(target=imports), threading.Thread(target=judge_saves)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    db.session.expire_all()
    if db.engine.dialect.name == "postgresql":
        assert outcome == {"import": "ok", "judge": "stale"}
        assert _scores(scored) == [5, 5, 5]
    else:
        assert outcome == {"import": "changed", "judge": "ok"}
        assert _scores(scored) == [1, 1, 2]
        assert _count(Scorecard) == 1


def test_the_command_line_import_fails_and_keeps_nothing(scored, runner, monkeypatch, tmp_path):
    _meanwhile(monkeypatch, scored, _saved_again)
    path = tmp_path / "sheet.csv"
    path.write_text(sheet_csv([row[:2] + [5, 5, 5, ""] for row in full_sheet(scored)]),
                    encoding="utf-8")
    result = runner.invoke(args=["import-scores", "--round", str(scored.round.id), str(path)])
    assert result.exit_code != 0
    assert "nothing was imported" in result.output
    db.session.expire_all()
    assert _scores(scored) == [1, 1, 1] and _count(Scorecard) == 1
