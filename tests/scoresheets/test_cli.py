import csv
import io

import openpyxl

from pitch.extensions import db
from pitch.models import ScoreAudit, Scorecard, ScoreLine
from tests.scoresheets.conftest import ASSIGNED, full_sheet, sheet_csv


def _count(model) -> int:
    return db.session.scalar(db.select(db.func.count()).select_from(model))


def test_rounds_lists_every_round_with_its_counts(runner, sheet_round):
    result = runner.invoke(args=["rounds"])
    assert result.exit_code == 0, result.output
    rows = list(csv.reader(io.StringIO(result.output)))
    assert rows[0] == ["round_id", "contest_id", "contest_title", "number", "name", "state",
                       "pitches", "judges"]
    first, second = rows[1:]
    assert first == [str(sheet_round.round.id), str(sheet_round.contest.id), "都市防災ピッチ", "1",
                     "書類審査", "open", "4", "3"]
    assert second[3:] == ["2", "ピッチ審査", "pending", "0", "0"]


def test_rounds_on_an_empty_database_is_just_the_header(runner, app):
    result = runner.invoke(args=["rounds"])
    assert result.exit_code == 0
    assert result.output.splitlines() == [
        "round_id,contest_id,contest_title,number,name,state,pitches,judges"]


def test_score_sheet_for_the_round_lists_every_assignment(runner, sheet_round):
    result = runner.invoke(args=["score-sheet", "--round", str(sheet_round.round.id)])
    assert result.exit_code == 0, result.output
    rows = list(csv.reader(io.StringIO(result.output)))
    assert rows[0] == ["pitch_id", "judge_email", "novelty", "feasibility", "impact", "comment"]
    expected = {(str(sheet_round.pitches[p].id), sheet_round.judges[j].email)
                for j, ps in ASSIGNED.items() for p in ps}
    assert {(row[0], row[1]) for row in rows[1:]} == expected
    assert all(cell == "" for row in rows[1:] for cell in row[2:])
    assert "サンプル" not in result.output  # no startup identity on a sheet


def test_score_sheet_for_one_judge_to_a_file(runner, sheet_round, tmp_path):
    judge = sheet_round.judges[2]
    target = tmp_path / "judge.xlsx"
    result = runner.invoke(args=["score-sheet", "--round", str(sheet_round.round.id),
                                 "--judge", judge.email.upper(), "--output", str(target)])
    assert result.exit_code == 0, result.output
    rows = list(openpyxl.load_workbook(target).active.iter_rows(values_only=True))
    assert rows[0][:2] == ("pitch_id", "judge_email")
    assert [(row[0], row[1]) for row in rows[1:]] == [
        (sheet_round.pitches[p].id, judge.email) for p in ASSIGNED[2]]


def test_score_sheet_refuses_an_unknown_round_or_judge(runner, sheet_round):
    assert runner.invoke(args=["score-sheet", "--round", "999999"]).exit_code != 0
    result = runner.invoke(args=["score-sheet", "--round", str(sheet_round.round.id),
                                 "--judge", "nobody@example.jp"])
    assert result.exit_code != 0 and "nobody@example.jp" in result.output


def test_import_scores_submits_every_row(runner, sheet_round, tmp_path):
    path = tmp_path / "scores.csv"
    path.write_text(sheet_csv(full_sheet(sheet_round)), encoding="utf-8")
    result = runner.invoke(args=["import-scores", "--round", str(sheet_round.round.id), str(path)])
    assert result.exit_code == 0, result.output
    assert "8 scorecards" in result.output
    cards = db.session.scalars(db.select(Scorecard)).all()
    assert len(cards) == 8 and {card.status for card in cards} == {"submitted"}
    assert all(card.submitted_at is not None and card.comment == "良い" for card in cards)
    assert _count(ScoreLine) == 24
    audits = db.session.scalars(db.select(ScoreAudit)).all()
    assert len(audits) == 8 and {(a.source, a.old is None) for a in audits} == {("import", True)}


def test_import_scores_refuses_a_bad_file_and_writes_nothing(runner, sheet_round, tmp_path):
    rows = full_sheet(sheet_round)
    rows[1][2] = 9  # row 3: out of range
    rows[4][1] = "stranger@example.jp"  # row 6: not on the panel
    path = tmp_path / "scores.csv"
    path.write_text(sheet_csv(rows), encoding="utf-8")
    result = runner.invoke(args=["import-scores", "--round", str(sheet_round.round.id), str(path)])
    assert result.exit_code != 0
    assert "row 3: The score for novelty must be from 1 to 5, got 9." in result.stderr
    assert "row 6: stranger@example.jp is not on the panel." in result.stderr
    assert "nothing was imported" in result.output
    assert _count(Scorecard) == _count(ScoreLine) == _count(ScoreAudit) == 0


def test_import_scores_refuses_a_round_that_is_not_open(runner, sheet_round, tmp_path):
    sheet_round.round.state = "closed"
    db.session.commit()
    path = tmp_path / "scores.csv"
    path.write_text(sheet_csv(full_sheet(sheet_round)), encoding="utf-8")
    result = runner.invoke(args=["import-scores", "--round", str(sheet_round.round.id), str(path)])
    assert result.exit_code != 0 and "closed" in result.output
    assert _count(Scorecard) == 0
