"""The results and scores exports read back to the values they were written from."""

import csv
import io
import json
import math

import pytest

from pitch.domain.result_files import (
    RESULT_COLUMNS,
    SCORE_COLUMNS,
    results_csv,
    results_json,
    scores_long_csv,
)
from pitch.domain.scoring import aggregate

from .test_scoring_reference import card, lines_frame

RUBRIC = (("novelty", 2.0, 1, 5), ("cost", 1.0, 0, 10))
FLOATS = ("mean", "z_mean", "t_score", "trimmed_mean", "median", "score")
TITLES = {1: "防災マップ, 多言語版", 2: 'The "quick" fix'}
STARTUPS = {1: "株式会社サンプル", 2: "Civic Tech Tokyo"}
EMAILS = {1: "judge1@example.jp", 2: "judge2@example.jp"}


def example_lines():
    return lines_frame(
        card(1, 1, [4, 7], rubric=RUBRIC), card(2, 1, [5, 3], rubric=RUBRIC),
        card(1, 2, [2, 9], rubric=RUBRIC), card(2, 2, [3, 1], status="draft", rubric=RUBRIC),
        card(2, 3, [4, 7], rubric=RUBRIC), card(1, 3, [4, 7], rubric=RUBRIC),
    )


@pytest.fixture
def result():
    return aggregate(example_lines(), [1, 2, 3, 4], {1: 2, 2: 2, 3: 2, 4: 2}, "z_mean")


def assert_number(text_or_number, expected):
    if math.isnan(expected):
        assert text_or_number in ("", None)
    else:
        assert float(text_or_number) == pytest.approx(expected, rel=1e-9, abs=1e-12)


def test_results_csv_reads_back_to_the_result(result):
    reader = csv.DictReader(io.StringIO(results_csv(result, TITLES, STARTUPS)))
    rows = list(reader)

    assert tuple(reader.fieldnames) == RESULT_COLUMNS
    assert [int(row["pitch_id"]) for row in rows] == list(result.pitches.index)
    for row in rows:
        expected = result.pitches.loc[int(row["pitch_id"])]
        assert int(row["rank"]) == expected["rank"]
        assert int(row["judges"]) == expected["judges"]
        for column in FLOATS:
            assert_number(row[column], expected[column])
        assert row["flags"] == ";".join(expected["flags"])
        assert row["pitch_title"] == TITLES.get(int(row["pitch_id"]), "")
        assert row["startup_name"] == STARTUPS.get(int(row["pitch_id"]), "")


def test_results_csv_marks_flags_and_missing_values(result):
    rows = {row["pitch_id"]: row for row in csv.DictReader(io.StringIO(
        results_csv(result, TITLES, STARTUPS)))}

    # Pitch 2 has one submitted scorecard of two assigned; pitch 4 none at all.
    assert rows["2"]["flags"] == "incomplete"
    assert rows["4"]["flags"] == "incomplete"
    assert rows["4"]["mean"] == rows["4"]["score"] == ""
    assert rows["4"]["rank"] == "4"


def test_results_json_reads_back_to_the_result(result):
    text = json.dumps(results_json(result, 7, TITLES, STARTUPS), ensure_ascii=False,
                      allow_nan=False)
    document = json.loads(text)

    assert document["round_id"] == 7
    assert document["method"] == "z_mean"
    assert document["krippendorff_alpha_interval"] == pytest.approx(result.krippendorff_alpha)
    assert [row["pitch_id"] for row in document["pitches"]] == list(result.pitches.index)
    for row in document["pitches"]:
        expected = result.pitches.loc[row["pitch_id"]]
        assert list(row) == list(RESULT_COLUMNS)
        assert (row["rank"], row["judges"]) == (expected["rank"], expected["judges"])
        assert row["flags"] == list(expected["flags"])
        for column in FLOATS:
            assert_number(row[column], expected[column])
    assert [judge["judge_id"] for judge in document["judges"]] == [1, 2]
    for judge in document["judges"]:
        expected = result.judges.loc[judge["judge_id"]]
        assert judge["count"] == expected["scorecards"]
        assert_number(judge["mean"], expected["mean"])
        assert_number(judge["std"], expected["std"])


def test_results_json_alpha_is_null_when_undefined():
    single_judge = aggregate(lines_frame(card(1, 1, [3, 3], rubric=RUBRIC)), [1], {})

    document = json.loads(json.dumps(results_json(single_judge, 1, {}, {})))

    assert document["krippendorff_alpha_interval"] is None
    assert document["pitches"][0]["pitch_title"] == ""


def test_scores_long_csv_lists_every_line_with_drafts():
    lines = example_lines()

    rows = list(csv.DictReader(io.StringIO(scores_long_csv(lines, 7, EMAILS))))

    assert tuple(rows[0]) == SCORE_COLUMNS
    assert len(rows) == len(lines)
    assert [(row["pitch_id"], row["judge_id"]) for row in rows[:4]] == [
        ("1", "1"), ("1", "1"), ("1", "2"), ("1", "2")]
    draft = [row for row in rows if row["status"] == "draft"]
    assert [row["criterion"] for row in draft] == ["novelty", "cost"]
    assert draft[0] == {
        "round_id": "7", "pitch_id": "2", "judge_id": "2", "judge_email": "judge2@example.jp",
        "criterion": "novelty", "weight": "2.0", "min": "1", "max": "5", "score": "3",
        "status": "draft",
    }


def test_results_csv_joins_flags_with_semicolons():
    tied = aggregate(lines_frame(card(1, 1, [60]), card(1, 2, [60])), [1, 2], {1: 2})

    rows = list(csv.DictReader(io.StringIO(results_csv(tied, {}, {}))))

    assert [row["flags"] for row in rows] == ["incomplete;tie", "tie"]
