"""The secretariat's results and scores exports as JSON."""

import pytest

from pitch.domain.result_files import results_json
from pitch.extensions import db
from pitch.judging.operations import save_scorecard
from pitch.results.loader import load_round
from tests.api.conftest import API, bearer, submit_all


def _who(scene, role):
    return {"judge": scene.judges[0], "startup": scene.startup, "bureau": scene.bureau,
            "admin": scene.admin}[role]


@pytest.mark.parametrize("export", ["results", "scores"])
@pytest.mark.parametrize(("role", "status"), [
    (None, 401), ("judge", 403), ("startup", 403), ("bureau", 403), ("admin", 200),
])
def test_exports_by_role(client, scene, export, role, status):
    headers = bearer(_who(scene, role)) if role else {}
    response = client.get(f"{API}/rounds/{scene.screening.id}/{export}", headers=headers)
    assert response.status_code == status


def test_results_match_the_contract_json(client, scene):
    submit_all(scene)
    body = client.get(f"{API}/rounds/{scene.screening.id}/results?method=z_mean",
                      headers=bearer(scene.admin)).get_json()
    data = load_round(scene.screening, "z_mean")
    expected = results_json(data.result, scene.screening.id, data.titles, data.startup_names)
    assert body["method"] == "z_mean" and body["round_id"] == scene.screening.id
    assert set(body) == {"round_id", "method", "krippendorff_alpha_interval", "pitches",
                         "judges"}
    assert [row["pitch_id"] for row in body["pitches"]] == [
        row["pitch_id"] for row in expected["pitches"]]
    assert body["pitches"][0]["mean"] == pytest.approx(expected["pitches"][0]["mean"])
    assert [judge["count"] for judge in body["judges"]] == [3, 3]


def test_results_default_to_the_contests_method_and_reject_unknown(client, scene):
    headers = bearer(scene.admin)
    url = f"{API}/rounds/{scene.screening.id}/results"
    assert client.get(url, headers=headers).get_json()["method"] == "mean"
    response = client.get(f"{url}?method=best", headers=headers)
    assert response.status_code == 422
    assert "method" in response.get_json()["error"]["details"]["query"]


def test_empty_round_has_null_agreement(client, scene):
    body = client.get(f"{API}/rounds/{scene.screening.id}/results",
                      headers=bearer(scene.admin)).get_json()
    assert body["krippendorff_alpha_interval"] is None
    assert {row["judges"] for row in body["pitches"]} == {0}


def test_scores_export_includes_drafts(client, scene):
    judge = scene.judges[0]
    save_scorecard(scene.screening, judge, scene.pitches[1], {"novelty": 2}, "", "", False,
                   judge)
    save_scorecard(scene.screening, judge, scene.pitches[0],
                   {"novelty": 5, "feasibility": 4, "impact": 3}, "", "", True, judge)
    db.session.commit()
    body = client.get(f"{API}/rounds/{scene.screening.id}/scores",
                      headers=bearer(scene.admin)).get_json()
    rows = body["scores"]
    assert [r["pitch_id"] for r in rows] == [scene.pitches[0].id] * 3 + [scene.pitches[1].id]
    assert {(r["criterion"], r["score"], r["status"]) for r in rows} == {
        ("novelty", 5, "submitted"), ("feasibility", 4, "submitted"),
        ("impact", 3, "submitted"), ("novelty", 2, "draft")}
    assert {r["judge_email"] for r in rows} == {judge.email}
    assert rows[0]["round_id"] == scene.screening.id and rows[0]["max"] == 5


def test_missing_round_is_404_even_for_admin(client, scene):
    response = client.get(f"{API}/rounds/999999/results", headers=bearer(scene.admin))
    assert response.status_code == 404
