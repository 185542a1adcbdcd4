"""Contests with one round or three: every page of the programme still renders.

The third round is added, and the second removed, as the secretariat does it, through the
rubric page's forms."""

import pytest

from pitch.extensions import db
from pitch.results.operations import publish
from tests.results.world import build_world, card, enter


def _pages(world, round_ids) -> list[str]:
    contest = world.contest.id
    pages = [f"/contests/{contest}", "/contests/manage", "/judging/manage",
             f"/results/contest/{contest}", "/results/"]
    for round_id in round_ids:
        pages += [f"/contests/manage/{contest}/rounds/{round_id}/rubric",
                  f"/judging/rounds/{round_id}/assignments",
                  f"/judging/rounds/{round_id}/progress",
                  f"/judging/rounds/{round_id}/audit",
                  f"/results/round/{round_id}"]
    return pages


def _render_all(client, pages) -> None:
    for path in pages:
        assert client.get(path).status_code == 200, path


@pytest.mark.parametrize("kind", ["screening", "final"])
def test_a_three_round_contest_renders_everywhere(client, auth, kind):
    world = build_world()
    auth.login(world.admin)
    response = client.post(f"/contests/manage/{world.contest.id}/rounds",
                           data={"round-name_ja": "第3ラウンド", "round-name_en": "Round three",
                                 "round-kind": kind})
    assert response.status_code == 302
    db.session.expire_all()
    first, second, third = world.contest.rounds
    assert third.number == 3 and len(third.criteria) == 6
    publish(first, "mean", world.admin)
    db.session.commit()
    pages = _pages(world, [first.id, second.id, third.id])
    _render_all(client, pages)
    contest_page = client.get(f"/contests/{world.contest.id}").get_data(as_text=True)
    assert "第3審査: 第3ラウンド" in contest_page
    # The screening shortlists into the last final round.
    shortlist = client.get(f"/results/round/{first.id}/shortlist")
    assert shortlist.status_code == 200
    final = third if kind == "final" else second
    enter(final, world.judges, world.a, world.c)
    for judge in world.judges:
        card(final, judge, world.a, [3, 3, 3] + [3] * (len(final.criteria) - 3))
        card(final, judge, world.c, [5, 5, 5] + [5] * (len(final.criteria) - 3))
    final.state = "closed"
    publish(final, "mean", world.admin)
    db.session.commit()
    _render_all(client, pages)
    public = client.get(f"/results/contest/{world.contest.id}").get_data(as_text=True)
    assert "Drone survey" in public


def test_a_one_round_contest_renders_and_cannot_reach_the_final(client, auth):
    world = build_world()
    auth.login(world.admin)
    response = client.post(f"/contests/manage/{world.contest.id}/rounds/{world.final.id}/remove")
    assert response.status_code == 302
    db.session.expire_all()
    assert [r.number for r in world.contest.rounds] == [1]
    publish(world.screening, "mean", world.admin)
    db.session.commit()
    _render_all(client, _pages(world, [world.screening.id]))
    assert client.get(f"/results/round/{world.screening.id}/shortlist").status_code == 409
    moved = client.post(f"/contests/manage/{world.contest.id}/move", data={"target": "final"},
                        follow_redirects=True)
    assert "ピッチ審査（本選）がありません" in moved.get_data(as_text=True)
    db.session.expire_all()
    assert world.contest.state == "screening"
