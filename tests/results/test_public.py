"""The public results page and its open data show published snapshots only."""

import csv
import io
import json

import pytest

from pitch.extensions import db
from pitch.results.operations import add_award, publish
from tests.results.world import JUDGE_COMMENT, build_world, score_final


def published_world():
    world = build_world()
    publish(world.screening, "mean", world.admin)
    score_final(world)
    publish(world.final, "mean", world.admin)
    add_award(world.contest, world.c.id, "最優秀賞", "Grand prize")
    db.session.commit()
    return world


def test_nothing_is_public_before_the_final_is_published(client):
    world = build_world()
    publish(world.screening, "mean", world.admin)
    db.session.commit()
    body = client.get(f"/results/contest/{world.contest.id}").get_data(as_text=True)
    assert "Shelter map" not in body
    assert client.get(f"/results/contest/{world.contest.id}/open-data.json").status_code == 404


def test_public_page_shows_winners_finalists_panel_method_and_rubric(client):
    world = published_world()
    body = client.get(f"/results/contest/{world.contest.id}").get_data(as_text=True)
    assert "最優秀賞" in body
    assert body.index("Drone survey") < body.index("Shelter map")  # c won the final
    assert "Flood alerts" not in body  # not shortlisted: not named in public
    for judge in world.judges:
        assert judge.name in body and judge.email not in body
    assert "novelty" in body and "CC BY 4.0" in body
    assert JUDGE_COMMENT not in body


def test_public_page_in_english(client):
    world = published_world()
    client.post("/language", data={"language": "en", "next": "/"})
    body = client.get(f"/results/contest/{world.contest.id}").get_data(as_text=True)
    assert "Grand prize" in body and "Final round" in body


def test_open_data_json_and_csv(client):
    world = published_world()
    response = client.get(f"/results/contest/{world.contest.id}/open-data.json")
    assert response.status_code == 200
    assert "license" in response.headers["Link"]
    content = json.loads(response.get_data(as_text=True))
    assert content["license"] == "CC BY 4.0"
    final, screening = content["rounds"]
    assert final["round_kind"] == "final" and screening["round_kind"] == "screening"
    assert [row["pitch_id"] for row in final["pitches"]] == [world.c.id, world.a.id]
    assert {row["pitch_id"] for row in screening["pitches"]} == {world.a.id, world.c.id}
    assert "judges" not in final and final["panel"]
    assert len(final["sha256"]) == 64

    text = client.get(f"/results/contest/{world.contest.id}/open-data.csv").get_data(
        as_text=True)
    rows = list(csv.DictReader(io.StringIO(text)))
    assert [int(row["pitch_id"]) for row in rows] == [world.c.id, world.a.id]
    assert rows[0]["rank"] == "1" and float(rows[0]["novelty"]) == 5.0


def test_a_screening_weight_carries_the_screening_into_the_published_final(client, auth):
    world = build_world()
    world.contest.screening_weight = 0.9
    db.session.commit()
    publish(world.screening, "mean", world.admin)
    score_final(world)
    # Final alone: c (100) before a (50). Screening: a 88.9, c 66.7. At 90% screening,
    # a = 0.9 * 88.9 + 0.1 * 50 = 85 and c = 0.9 * 66.7 + 0.1 * 100 = 70: a wins.
    auth.login(world.admin)
    page = client.get(f"/results/round/{world.final.id}").get_data(as_text=True)
    combined = page.split('id="combined-heading"')[1]
    assert combined.index("Shelter map") < combined.index("Drone survey")
    assert "90%" in combined
    snapshot = publish(world.final, "mean", world.admin)
    db.session.commit()
    assert snapshot.content["screening_weight"] == 0.9
    assert [row["pitch_id"] for row in snapshot.content["combined"]] == [world.a.id, world.c.id]
    assert snapshot.content["combined"][0]["score"] == pytest.approx(85.0)
    public = client.get(f"/results/contest/{world.contest.id}").get_data(as_text=True)
    assert public.split('id="combined-heading"')[1].index("Shelter map") < public.split(
        'id="combined-heading"')[1].index("Drone survey")


def test_without_a_screening_weight_there_is_no_combined_ranking(app):
    world = build_world()
    score_final(world)
    snapshot = publish(world.final, "mean", world.admin)
    assert snapshot.content["combined"] is None and snapshot.content["screening_weight"] == 0.0
