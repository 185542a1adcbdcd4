"""A judge's API: the same rules as the scoring pages (conflicts, locks, blind mode)."""

import pytest

from pitch.extensions import db
from pitch.models import ScoreAudit, Scorecard
from tests.api.conftest import API, bearer

FULL = {"novelty": 4, "feasibility": 3, "impact": 5}


def _url(scene, pitch=0, round_=None, card=False):
    round_ = round_ or scene.screening
    url = f"{API}/judging/rounds/{round_.id}/pitches/{scene.pitches[pitch].id}"
    return url + "/scorecard" if card else url


def _who(scene, role):
    return {"judge": scene.judges[0], "conflicted": scene.conflicted, "startup": scene.startup,
            "bureau": scene.bureau, "admin": scene.admin}[role]


@pytest.mark.parametrize(("role", "status"), [
    (None, 401), ("judge", 200), ("conflicted", 404), ("startup", 404), ("bureau", 404),
    ("admin", 404),
])
@pytest.mark.parametrize("card", [False, True])
def test_reading_a_pitch_by_role(client, scene, role, status, card):
    headers = bearer(_who(scene, role)) if role else {}
    response = client.get(_url(scene, card=card), headers=headers)
    assert response.status_code == status
    if status != 200:
        assert set(response.get_json()["error"]) == {"code", "message", "details"}


@pytest.mark.parametrize(("role", "status"), [
    (None, 401), ("judge", 200), ("conflicted", 404), ("startup", 404), ("bureau", 404),
    ("admin", 404),
])
def test_saving_a_scorecard_by_role(client, scene, role, status):
    headers = bearer(_who(scene, role)) if role else {}
    response = client.put(_url(scene, card=True), json={"scores": FULL, "submit": True},
                          headers=headers)
    assert response.status_code == status
    expected = 1 if status == 200 else 0
    assert db.session.scalar(db.select(db.func.count()).select_from(Scorecard)) == expected


def test_assignments_leave_conflicts_out(client, scene):
    body = client.get(f"{API}/judging/assignments",
                      headers=bearer(scene.conflicted)).get_json()
    [round_] = body["rounds"]
    assert round_["round"]["id"] == scene.screening.id and round_["blind"] is True
    assert [p["pitch_id"] for p in round_["pitches"]] == [p.id for p in scene.pitches[1:]]
    assert {p["status"] for p in round_["pitches"]} == {"assigned"}


@pytest.mark.parametrize("role", [None, "startup", "bureau", "admin"])
def test_assignments_of_non_judges(client, scene, role):
    response = client.get(f"{API}/judging/assignments",
                          headers=bearer(_who(scene, role)) if role else {})
    if role is None:
        assert response.status_code == 401
    else:
        assert response.get_json() == {"rounds": []}


def test_assignments_filter_by_round_and_show_status(client, scene):
    headers = bearer(scene.judges[0])
    client.put(_url(scene, card=True), json={"scores": {"novelty": 2}}, headers=headers)
    body = client.get(f"{API}/judging/assignments?round={scene.screening.id}",
                      headers=headers).get_json()
    statuses = [p["status"] for p in body["rounds"][0]["pitches"]]
    assert statuses == ["draft", "assigned", "assigned"]
    other = client.get(f"{API}/judging/assignments?round={scene.final.id}", headers=headers)
    assert other.get_json() == {"rounds": []}


def test_blind_round_hides_the_startup(client, scene):
    scene.pitches[0].title = "避難所の混雑を見える化"  # the test title names the startup
    db.session.commit()
    body = client.get(_url(scene), headers=bearer(scene.judges[0])).get_json()
    assert body["blind"] is True
    pitch = body["pitch"]
    assert pitch["startup"] is None and pitch["team"] is None and pitch["video_url"] is None
    assert "Sora" not in str(body)


def test_open_round_shows_the_startup(client, scene):
    scene.contest.blind_screening = False
    db.session.commit()
    body = client.get(_url(scene), headers=bearer(scene.judges[0])).get_json()
    assert body["blind"] is False
    assert body["pitch"]["startup"]["name"] == "Sora Inc."
    assert [c["key"] for c in body["round"]["criteria"]] == ["novelty", "feasibility", "impact"]


def test_draft_then_submit_with_versions_and_audit(client, scene):
    headers = bearer(scene.judges[0])
    draft = client.put(_url(scene, card=True), headers=headers,
                       json={"scores": {"novelty": 2}, "comment": "途中", "version": 0})
    assert draft.status_code == 200
    card = draft.get_json()
    assert card["status"] == "draft" and card["scores"] == {"novelty": 2}
    assert card["total"] is None and card["comment"] == "途中"
    done = client.put(_url(scene, card=True), headers=headers,
                      json={"scores": FULL, "submit": True, "version": card["version"]})
    assert done.status_code == 200
    submitted = done.get_json()
    assert submitted["status"] == "submitted" and submitted["submitted_at"]
    assert submitted["total"] == pytest.approx(100 * (3 / 4 + 2 / 4 + 4 / 4) / 3)
    assert submitted["comment"] == "途中", "an absent comment keeps the stored one"
    assert client.get(_url(scene, card=True), headers=headers).get_json() == submitted
    sources = db.session.scalars(db.select(ScoreAudit.source)).all()
    assert sources == ["api", "api"]


def test_stale_version_is_409_and_saves_nothing(client, scene):
    headers = bearer(scene.judges[0])
    client.put(_url(scene, card=True), headers=headers, json={"scores": {"novelty": 2}})
    response = client.put(_url(scene, card=True), headers=headers,
                          json={"scores": FULL, "submit": True, "version": 0})
    assert response.status_code == 409
    assert response.get_json()["error"]["code"] == "stale"
    assert db.session.scalar(db.select(Scorecard.status)) == "draft"


@pytest.mark.parametrize(("scores", "field"), [
    ({"novelty": 9, "feasibility": 3, "impact": 5}, "novelty"),
    ({"novelty": 4, "feasibility": 3}, "impact"),
    ({**FULL, "charm": 3}, "charm"),
])
def test_invalid_scores_are_422_per_criterion(client, scene, scores, field):
    response = client.put(_url(scene, card=True), headers=bearer(scene.judges[0]),
                          json={"scores": scores, "submit": True})
    assert response.status_code == 422
    error = response.get_json()["error"]
    assert error["code"] == "invalid" and field in error["details"]
    assert db.session.scalar(db.select(db.func.count()).select_from(Scorecard)) == 0


@pytest.mark.parametrize("body", [
    {"scores": {"novelty": "4"}}, {"scores": {"novelty": 4.5}}, {"scores": []}, {},
    {"scores": {}, "submit": "maybe"}, {"scores": {}, "version": -1},
])
def test_badly_typed_body_is_422(client, scene, body):
    response = client.put(_url(scene, card=True), headers=bearer(scene.judges[0]), json=body)
    assert response.status_code == 422
    assert response.get_json()["error"]["details"]["json"]


def test_body_that_is_not_json_is_rejected(client, scene):
    response = client.put(_url(scene, card=True), headers=bearer(scene.judges[0]),
                          data="{not json", content_type="application/json")
    assert response.status_code in (400, 422)
    assert "error" in response.get_json()


@pytest.mark.parametrize(("state", "code"), [("closed", "locked"), ("pending", "not_open")])
def test_round_not_open_is_409(client, scene, state, code):
    scene.screening.state = state
    db.session.commit()
    response = client.put(_url(scene, card=True), headers=bearer(scene.judges[0]),
                          json={"scores": FULL, "submit": True})
    assert response.status_code == 409
    assert response.get_json()["error"]["code"] == code
    assert client.get(_url(scene), headers=bearer(scene.judges[0])).get_json()["can_score"] is False


def test_judge_who_has_not_declared_conflicts_is_403(client, scene):
    response = client.put(_url(scene, card=True), headers=bearer(scene.undeclared),
                          json={"scores": FULL, "submit": True})
    assert response.status_code == 403
    assert response.get_json()["error"]["code"] == "not_declared"


def test_unassigned_round_and_missing_ids_are_404(client, scene):
    headers = bearer(scene.judges[0])
    assert client.get(_url(scene, round_=scene.final), headers=headers).status_code == 404
    assert client.get(f"{API}/judging/rounds/999999/pitches/1", headers=headers).status_code == 404
    assert client.get(f"{API}/judging/rounds/{scene.screening.id}/pitches/99999999999",
                      headers=headers).status_code == 404
