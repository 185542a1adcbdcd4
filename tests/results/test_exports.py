"""Downloads and commands write exactly what the aggregation computed (DESIGN, Files)."""

import csv
import io
import json
import math

import pytest
from openpyxl import load_workbook

from pitch.domain.result_files import RESULT_COLUMNS, SCORE_COLUMNS
from pitch.extensions import db
from pitch.results.loader import load_round
from tests.results.world import build_world

FLOATS = ("mean", "z_mean", "t_score", "trimmed_mean", "median", "score")


def expected_rows(world, method):
    data = load_round(world.screening, method)
    rows = []
    for pitch_id, row in data.result.pitches.iterrows():
        rows.append({"rank": int(row["rank"]), "pitch_id": pitch_id,
                     "pitch_title": data.titles[pitch_id],
                     "startup_name": data.startup_names[pitch_id],
                     "judges": int(row["judges"]), "flags": list(row["flags"]),
                     **{column: float(row[column]) for column in FLOATS}})
    return rows


def same(actual: list[dict], expected: list[dict]) -> None:
    assert [r["pitch_id"] for r in actual] == [r["pitch_id"] for r in expected]
    for got, want in zip(actual, expected, strict=True):
        for column in ("rank", "pitch_title", "startup_name", "judges", "flags"):
            assert got[column] == want[column], column
        for column in FLOATS:
            assert math.isclose(got[column], want[column], rel_tol=1e-9, abs_tol=1e-12), column


def parse_csv(text: str) -> tuple[list[str], list[dict]]:
    reader = csv.DictReader(io.StringIO(text))
    rows = [{**row, "rank": int(row["rank"]), "pitch_id": int(row["pitch_id"]),
             "judges": int(row["judges"]), "flags": row["flags"].split(";") if row["flags"] else [],
             **{c: float(row[c]) for c in FLOATS}} for row in reader]
    return reader.fieldnames, rows


@pytest.mark.parametrize("method", ["mean", "z_mean", "trimmed_mean", "median"])
def test_csv_download_round_trips(client, auth, method):
    world = build_world()
    auth.login(world.admin)
    response = client.get(f"/results/round/{world.screening.id}/results.csv?method={method}")
    assert response.status_code == 200
    assert response.mimetype == "text/csv"
    assert "attachment" in response.headers["Content-Disposition"]
    header, rows = parse_csv(response.get_data(as_text=True))
    assert tuple(header) == RESULT_COLUMNS
    same(rows, expected_rows(world, method))


def test_incomplete_pitch_is_flagged_in_the_csv(client, auth):
    world = build_world()
    auth.login(world.admin)
    _, rows = parse_csv(client.get(f"/results/round/{world.screening.id}/results.csv")
                        .get_data(as_text=True))
    flags = {row["pitch_id"]: row["flags"] for row in rows}
    assert flags[world.b.id] == ["incomplete"] and flags[world.a.id] == []


def test_json_download_round_trips(client, auth):
    world = build_world()
    auth.login(world.admin)
    response = client.get(f"/results/round/{world.screening.id}/results.json?method=z_mean")
    content = json.loads(response.get_data(as_text=True))
    assert content["round_id"] == world.screening.id and content["method"] == "z_mean"
    assert content["krippendorff_alpha_interval"] == pytest.approx(
        load_round(world.screening).result.krippendorff_alpha)
    same(content["pitches"], expected_rows(world, "z_mean"))
    judges = {judge["judge_id"]: judge for judge in content["judges"]}
    assert judges[world.judges[2].id]["count"] == 2  # the draft does not count
    assert set(judges[world.judges[0].id]) == {"judge_id", "count", "mean", "std"}


def test_xlsx_download_round_trips(client, auth):
    world = build_world()
    auth.login(world.admin)
    response = client.get(f"/results/round/{world.screening.id}/results.xlsx?method=median")
    assert response.mimetype.endswith("spreadsheetml.sheet")
    sheet = load_workbook(io.BytesIO(response.data), read_only=True)["results"]
    header, *body = list(sheet.iter_rows(values_only=True))
    assert tuple(header) == RESULT_COLUMNS
    rows = [dict(zip(header, values, strict=True)) for values in body]
    for row in rows:
        row["flags"] = row["flags"].split(";") if row["flags"] else []
    same(rows, expected_rows(world, "median"))


def test_scores_download_has_every_line_with_drafts(client, auth):
    world = build_world()
    auth.login(world.admin)
    text = client.get(f"/results/round/{world.screening.id}/scores.csv").get_data(as_text=True)
    reader = csv.DictReader(io.StringIO(text))
    rows = list(reader)
    assert tuple(reader.fieldnames) == SCORE_COLUMNS
    assert len(rows) == 27
    assert {row["status"] for row in rows} == {"submitted", "draft"}
    assert {row["judge_email"] for row in rows} == {j.email for j in world.judges}
    assert {row["round_id"] for row in rows} == {str(world.screening.id)}


def test_results_command_writes_csv_with_the_contests_method(runner, app):
    world = build_world()
    world.contest.method = "median"
    db.session.commit()
    result = runner.invoke(args=["results", "--round", str(world.screening.id)])
    assert result.exit_code == 0, result.output
    header, rows = parse_csv(result.output)
    assert tuple(header) == RESULT_COLUMNS
    same(rows, expected_rows(world, "median"))


def test_results_command_writes_json_with_a_chosen_method(runner, app):
    world = build_world()
    result = runner.invoke(args=["results", "--round", str(world.screening.id),
                                 "--format", "json", "--method", "trimmed_mean"])
    assert result.exit_code == 0, result.output
    content = json.loads(result.output)
    assert content["method"] == "trimmed_mean"
    same(content["pitches"], expected_rows(world, "trimmed_mean"))


def test_results_command_refuses_an_unknown_round_or_method(runner, app):
    result = runner.invoke(args=["results", "--round", "999"])
    assert result.exit_code != 0 and "no round 999" in result.output
    result = runner.invoke(args=["results", "--round", "1", "--method", "average"])
    assert result.exit_code != 0


def test_export_scores_command_to_stdout_and_to_a_file(runner, app, tmp_path):
    world = build_world()
    result = runner.invoke(args=["export-scores", "--round", str(world.screening.id)])
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[0] == ",".join(SCORE_COLUMNS)
    assert len(result.output.splitlines()) == 28
    target = tmp_path / "scores.csv"
    result = runner.invoke(args=["export-scores", "--round", str(world.screening.id),
                                 "--output", str(target)])
    assert result.exit_code == 0 and result.output == ""
    assert target.read_text(encoding="utf-8").splitlines()[0] == ",".join(SCORE_COLUMNS)
    assert runner.invoke(args=["export-scores", "--round", "999"]).exit_code != 0
