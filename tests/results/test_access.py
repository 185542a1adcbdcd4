"""Who may open which results page: role x URL -> status, and what each one shows."""

import pytest

from pitch.extensions import db
from pitch.results.operations import publish
from tests import factories
from tests.results.world import JUDGE_COMMENT, JUDGE_FEEDBACK, build_world, score_final

ROLES = ("anonymous", "startup_a", "startup_b", "bureau_x", "bureau_y", "judge", "admin")


def login_as(world, auth, role):
    if role == "judge":
        auth.login(world.judges[0])
    elif role != "anonymous":
        auth.login(getattr(world, role))


def urls(world, snapshot_id):
    s, a = world.screening.id, world.a.id
    return {
        "snapshot": f"/results/snapshot/{snapshot_id}",
        "index": "/results/",
        "round": f"/results/round/{s}",
        "export": f"/results/round/{s}/results.csv",
        "scores": f"/results/round/{s}/scores.csv",
        "shortlist": f"/results/round/{s}/shortlist",
        "own_result": f"/results/pitch/{a}",
        "public": f"/results/contest/{world.contest.id}",
        "mine": "/results/mine",
    }


EXPECTED = {
    #             anonymous startup_a startup_b bureau_x bureau_y judge admin
    "snapshot":  (302, 403, 403, 403, 403, 403, 200),
    "index":     (302, 403, 403, 200, 200, 403, 200),
    "round":     (302, 403, 403, 200, 200, 403, 200),
    "export":    (302, 403, 403, 403, 403, 403, 200),
    "scores":    (302, 403, 403, 403, 403, 403, 200),
    "shortlist": (302, 403, 403, 403, 403, 403, 200),
    # A judge reads pitches only on the judging pages: this one is not theirs to see (404).
    "own_result": (302, 200, 404, 403, 404, 404, 200),
    "public":    (200, 200, 200, 200, 200, 200, 200),
    "mine":      (302, 200, 200, 403, 403, 403, 403),
}


@pytest.mark.parametrize("role", ROLES)
def test_role_by_url(client, auth, role):
    world = build_world()
    snapshot = publish(world.screening, "mean", world.admin)
    db.session.commit()
    login_as(world, auth, role)
    for name, url in urls(world, snapshot.id).items():
        expected = EXPECTED[name][ROLES.index(role)]
        assert client.get(url).status_code == expected, (role, name, url)


@pytest.mark.parametrize("role", ROLES[:-1])
def test_only_the_secretariat_publishes_or_awards(client, auth, role):
    world = build_world()
    login_as(world, auth, role)
    s = world.screening.id
    assert client.post(f"/results/round/{s}/publish", data={"method": "mean"}).status_code in (
        302 if role == "anonymous" else 403,)
    assert client.post(f"/results/contest/{world.contest.id}/awards",
                       data={"pitch_id": world.a.id, "name_ja": "賞", "name_en": "Prize"}
                       ).status_code == (302 if role == "anonymous" else 403)
    assert client.post(f"/results/round/{s}/shortlist", data={"pitch_ids": [world.a.id]}
                       ).status_code == (302 if role == "anonymous" else 403)


def test_missing_objects_are_404(client, auth):
    world = build_world()
    auth.login(world.admin)
    for url in ("/results/round/9999", "/results/round/9999/results.csv",
                "/results/snapshot/9999", "/results/pitch/9999", "/results/contest/9999",
                "/results/round/9999/shortlist", "/results/contest/9999/open-data.csv"):
        assert client.get(url).status_code == 404, url
    assert client.get(f"/results/round/{world.screening.id}/results.pdf").status_code == 404


def test_a_bureau_with_no_pitch_in_the_round_is_refused(client, auth):
    world = build_world()
    other = factories.make_user("bureau")
    db.session.commit()
    auth.login(other)
    assert client.get(f"/results/round/{world.screening.id}").status_code == 403


def test_bureau_staff_see_only_their_bureaus_pitches_and_no_judges(client, auth):
    world = build_world()
    auth.login(world.bureau_x)
    body = client.get(f"/results/round/{world.screening.id}").get_data(as_text=True)
    assert "Shelter map" in body and "Drone survey" in body
    assert "Flood alerts" not in body
    for judge in world.judges:
        assert judge.name not in body and judge.email not in body
    assert 'action="/results/round' not in body  # no publish form
    assert "results.csv" not in body


def test_a_draft_contest_has_no_public_results_page(client):
    contest = factories.make_contest(state="draft")
    db.session.commit()
    assert client.get(f"/results/contest/{contest.id}").status_code == 404


def test_a_startup_sees_nothing_before_publication(client, auth):
    world = build_world()
    auth.login(world.startup_a)
    body = client.get(f"/results/pitch/{world.a.id}").get_data(as_text=True)
    assert JUDGE_FEEDBACK not in body
    assert "結果はまだ公開されていません" in body and "件中" not in body


def test_a_startup_sees_its_rank_means_and_feedback_but_never_who_or_private_notes(
        client, auth):
    world = build_world()
    publish(world.screening, "mean", world.admin)
    db.session.commit()
    auth.login(world.startup_a)
    body = client.get(f"/results/pitch/{world.a.id}").get_data(as_text=True)
    assert JUDGE_FEEDBACK in body
    assert "4.67" in body  # the novelty mean, (5 + 4 + 5) / 3
    for judge in world.judges:
        assert judge.name not in body and judge.email not in body
    assert JUDGE_COMMENT not in body
    assert "DRAFT-FEEDBACK" not in body and "Needs a partner city." not in body


def test_a_startup_sees_nothing_of_another_round_until_it_is_published(client, auth):
    world = build_world()
    publish(world.screening, "mean", world.admin)
    score_final(world)
    auth.login(world.startup_a)
    body = client.get(f"/results/pitch/{world.a.id}").get_data(as_text=True)
    assert "Final feedback for A" not in body
    publish(world.final, "mean", world.admin)
    db.session.commit()
    body = client.get(f"/results/pitch/{world.a.id}").get_data(as_text=True)
    assert "Final feedback for A" in body and JUDGE_COMMENT not in body
