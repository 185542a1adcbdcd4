"""N rounds end to end: screening → second screening → final, through the pages."""

import pytest

from pitch.extensions import db
from pitch.models import Assignment, RoundEntry, Scorecard
from pitch.results.loader import combined_ranking, load_round
from pitch.results.operations import publish
from tests.results.three_rounds import SCORES, build_three_rounds
from tests.results.world import card, enter

KEYS = ("novelty", "feasibility", "impact")


def entered(round_id):
    return db.session.scalars(db.select(RoundEntry.pitch_id).where(RoundEntry.round_id == round_id)
                              .order_by(RoundEntry.position)).all()


def move(client, round_, to):
    response = client.post(f"/judging/rounds/{round_.id}/state", data={"to": to})
    assert response.status_code == 302


def score_round(client, auth, world, number):
    """Open the round, assign every judge to every pitch, let each judge submit, close."""
    round_ = world.rounds[number - 1]
    auth.login(world.admin)
    move(client, round_, "open")
    assert client.post(f"/judging/rounds/{round_.id}/assignments/run",
                       data={"run-seed": 1}).status_code == 302
    auth.logout()
    for judge in world.judges:
        auth.login(judge)
        for index, score in SCORES[number - 1].items():
            pitch = world.pitches[index]
            response = client.post(
                f"/judging/rounds/{round_.id}/pitches/{pitch.id}",
                data={**{f"score-{key}": score for key in KEYS}, "action": "submit",
                      "version": 0})
            assert response.status_code == 302, response.get_data(as_text=True)
        auth.logout()
    auth.login(world.admin)
    move(client, round_, "closed")


def shortlist(client, world, number, chosen, reason=""):
    ids = [world.pitches[index].id for index in chosen]
    return client.post(f"/results/round/{world.rounds[number - 1].id}/shortlist",
                       data={"pitch_ids": ids, "reason": reason})


def test_three_rounds_from_submission_to_published_results(client, auth, outbox):
    world = build_three_rounds(screening_weight=0.5)
    first, second, final = world.rounds
    ids = [pitch.id for pitch in world.pitches]

    score_round(client, auth, world, 1)
    assert sorted(entered(first.id)) == sorted(ids)  # every submitted pitch entered round 1
    page = client.get(f"/results/round/{first.id}/shortlist").get_data(as_text=True)
    assert "二次審査" in page and "決勝" not in page.split("<h1>")[1].split("</h1>")[0]
    response = shortlist(client, world, 1, [0, 1, 2])
    assert response.headers["Location"].endswith(f"/results/round/{second.id}")
    assert "3件の提案が次のラウンドに進みました" in client.get(
        response.headers["Location"]).get_data(as_text=True)
    db.session.expire_all()
    assert entered(second.id) == ids[:3] and entered(final.id) == []
    sent = {mail.to: mail for mail in outbox}
    assert set(sent) == {user.email for user in world.startups}
    # Startups 0, 2, 4 read Japanese; 1 and 3 English. Nobody is told "final" yet.
    assert "次のラウンド" in sent[world.startups[0].email].subject
    assert "二次審査" in sent[world.startups[0].email].body
    assert "through to the next round: Second screening" in sent[world.startups[1].email].body
    assert "not shortlisted for the next round (Second screening)" in (
        sent[world.startups[3].email].body)
    assert not any("final" in mail.body or "決勝" in mail.subject for mail in outbox)
    outbox.clear()

    score_round(client, auth, world, 2)
    db.session.expire_all()
    assert entered(second.id) == ids[:3]  # opening a later round enters nobody else
    assert {a.pitch_id for a in db.session.scalars(
        db.select(Assignment).where(Assignment.round_id == second.id))} == set(ids[:3])
    # The contest's shortlist size is 3: taking two for the final is an adjustment.
    response = shortlist(client, world, 2, [2, 1], reason="Two places in the final")
    assert response.headers["Location"].endswith(f"/results/round/{final.id}")
    db.session.expire_all()
    assert entered(final.id) == [ids[2], ids[1]]  # in round 2's rank order
    assert {entry.note for entry in db.session.scalars(
        db.select(RoundEntry).where(RoundEntry.round_id == final.id))} == {
        "Two places in the final"}
    sent = {mail.to: mail for mail in outbox}
    assert set(sent) == {world.startups[n].email for n in (0, 1, 2)}  # round 2's startups
    assert "決勝" in sent[world.startups[2].email].subject
    assert "in the final" in sent[world.startups[1].email].subject
    assert "決勝ラウンドに選ばれませんでした" in sent[world.startups[0].email].body

    score_round(client, auth, world, 3)
    assert db.session.scalar(db.select(db.func.count()).select_from(Scorecard)
                             .where(Scorecard.round_id == final.id)) == 6
    for round_ in world.rounds:
        assert client.post(f"/results/round/{round_.id}/publish",
                           data={"method": "mean"}).status_code == 302
    db.session.expire_all()
    # Final alone: p2 (100) before p3 (75). Carrying in round 2 (p2 50, p3 100) at 50%:
    # p2 75, p3 87.5 — p3 wins. Round 1 (p2 75, p3 50) would have kept p2 first.
    combined = combined_ranking(load_round(final))
    assert combined.index.tolist() == [ids[2], ids[1]]
    assert combined["screening_score"].tolist() == pytest.approx([100.0, 50.0])
    assert combined["score"].tolist() == pytest.approx([87.5, 75.0])

    auth.logout()
    body = client.get(f"/results/contest/{world.contest.id}").get_data(as_text=True)
    # Final first, then the screenings from the latest back, each by name; finalists only.
    places = [body.index(f'id="round-{round_.id}"') for round_ in (final, second, first)]
    assert places == sorted(places)
    assert body.index("二次審査（決勝進出者）") < body.index("書類審査（決勝進出者）")
    assert "Pitch P2" in body and "Pitch P3" in body
    for left_out in ("Pitch P1", "Pitch P4", "Pitch P5"):
        assert left_out not in body


def test_shortlisting_refuses_a_final_the_last_round_and_a_filled_next_round(client, auth):
    world = build_three_rounds()
    first, second, final = world.rounds
    for round_ in world.rounds:
        round_.state = "closed"
    db.session.add(RoundEntry(round_id=second.id, pitch_id=world.pitches[0].id, position=1))
    db.session.commit()
    auth.login(world.admin)
    refused = client.get(f"/results/round/{first.id}/shortlist")
    assert refused.status_code == 409
    assert "次のラウンドにはすでに提案が入っています" in refused.get_data(as_text=True)
    final_refused = client.get(f"/results/round/{final.id}/shortlist")
    assert final_refused.status_code == 409
    assert "書類審査ラウンドでのみ" in final_refused.get_data(as_text=True)
    # The second screening is the last screening but not the last round: its next is the final.
    assert client.get(f"/results/round/{second.id}/shortlist").status_code == 200


def test_the_last_round_has_nothing_to_shortlist_into(client, auth):
    world = build_three_rounds()
    final = world.rounds[2]
    final.kind = "screening"
    final.state = "closed"
    db.session.commit()
    auth.login(world.admin)
    client.post("/language", data={"language": "en", "next": "/"})
    refused = client.get(f"/results/round/{final.id}/shortlist")
    assert refused.status_code == 409
    assert "no round after this one" in refused.get_data(as_text=True)


def test_the_shortlist_links_name_the_round_they_fill(client, auth):
    world = build_three_rounds()
    first, second, final = world.rounds
    final.kind = "screening"  # a last screening round has no round to shortlist into
    db.session.commit()
    auth.login(world.admin)
    client.post("/language", data={"language": "en", "next": "/"})

    def links(url):
        html = client.get(url).get_data(as_text=True)
        return [url for url in (f"/results/round/{r.id}/shortlist" for r in world.rounds)
                if url in html], html

    listed, html = links("/results/")
    assert listed == [f"/results/round/{first.id}/shortlist",
                      f"/results/round/{second.id}/shortlist"]
    assert "Shortlist for Second screening" in html
    assert links(f"/results/round/{first.id}")[0] == [f"/results/round/{first.id}/shortlist"]
    assert links(f"/results/round/{final.id}")[0] == []
    final.kind = "final"
    db.session.commit()
    assert "Shortlist for the final" in client.get(f"/results/round/{second.id}").get_data(
        as_text=True)


def test_the_cached_figures_follow_a_change_of_a_rounds_kind(client, auth):
    world = build_three_rounds(screening_weight=0.5)
    first, second, final = world.rounds
    for round_ in (first, second, final):
        enter(round_, world.judges, *world.pitches[:2])
    db.session.commit()
    auth.login(world.admin)
    client.post("/language", data={"language": "en", "next": "/"})
    combined = "Final ranking with the screening carried in"
    assert combined in client.get(f"/results/round/{final.id}").get_data(as_text=True)
    final.kind = "screening"  # no data version moves: the key must still change
    db.session.commit()
    assert combined not in client.get(f"/results/round/{final.id}").get_data(as_text=True)


def test_the_combined_ranking_takes_the_screening_just_before_the_final(app):
    world = build_three_rounds(screening_weight=0.5)
    first, second, final = world.rounds
    enter(first, world.judges, *world.pitches)
    enter(second, world.judges, *world.pitches[:3])
    enter(final, world.judges, *world.pitches[1:3])
    for number, round_ in enumerate(world.rounds):
        for index, score in SCORES[number].items():
            for judge in world.judges:
                card(round_, judge, world.pitches[index], [score] * 3)
        round_.state = "closed"
    db.session.commit()
    p2, p3 = world.pitches[1].id, world.pitches[2].id
    combined = combined_ranking(load_round(final))
    assert combined.loc[[p2, p3], "screening_score"].tolist() == pytest.approx([50.0, 100.0])
    snapshot = publish(final, "mean", world.admin)
    assert [row["pitch_id"] for row in snapshot.content["combined"]] == [p3, p2]
    # A final that follows a non-screening round falls back on the nearest earlier screening.
    second.kind = "final"
    db.session.flush()
    combined = combined_ranking(load_round(final))
    assert combined.loc[[p2, p3], "screening_score"].tolist() == pytest.approx([75.0, 50.0])
