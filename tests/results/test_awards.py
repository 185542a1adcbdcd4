"""Awards go to the final round's pitches, set by the secretariat."""

from pitch.extensions import db
from pitch.models import Award
from tests.results.world import build_world, score_final


def awards():
    return db.session.scalars(db.select(Award).order_by(Award.id)).all()


def test_the_secretariat_gives_and_removes_an_award(client, auth):
    world = build_world()
    score_final(world)
    auth.login(world.admin)
    url = f"/results/contest/{world.contest.id}/awards"
    response = client.post(url, data={"pitch_id": world.c.id, "name_ja": "最優秀賞",
                                      "name_en": "Grand prize"})
    assert response.status_code == 302
    [award] = awards()
    assert (award.pitch_id, award.name_ja, award.name_en) == (world.c.id, "最優秀賞", "Grand prize")
    again = client.post(url, data={"pitch_id": world.c.id, "name_ja": "特別賞",
                                   "name_en": "Special prize"})
    assert again.status_code == 400
    assert "すでに賞が授与されています" in again.get_data(as_text=True)
    assert "特別賞" in again.get_data(as_text=True)  # what was typed is kept
    assert len(awards()) == 1
    assert client.post(f"/results/award/{award.id}/delete").status_code == 302
    assert awards() == []


def test_a_pitch_outside_the_final_gets_no_award(client, auth):
    world = build_world()
    score_final(world)
    auth.login(world.admin)
    response = client.post(f"/results/contest/{world.contest.id}/awards",
                           data={"pitch_id": world.b.id, "name_ja": "賞", "name_en": "Prize"})
    assert response.status_code == 400 and awards() == []

