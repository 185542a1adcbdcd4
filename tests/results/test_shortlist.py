"""Shortlisting the best N of the screening into the final, with a reason when adjusted."""

from pitch.extensions import db
from pitch.models import RoundEntry
from tests.results.world import build_world


def entries(round_id):
    return db.session.scalars(db.select(RoundEntry).where(RoundEntry.round_id == round_id)
                              .order_by(RoundEntry.position)).all()


def test_the_form_preselects_the_top_n(client, auth):
    world = build_world(shortlist_size=2)
    auth.login(world.admin)
    body = client.get(f"/results/round/{world.screening.id}/shortlist").get_data(as_text=True)
    # a and c are the best two; b is offered but not ticked.
    for pitch, ticked in ((world.a, True), (world.c, True), (world.b, False)):
        tag = body[body.index(f'value="{pitch.id}"') - 120: body.index(f'value="{pitch.id}"') + 40]
        assert ("checked" in tag) == ticked, pitch.title


def test_taking_the_preselection_needs_no_reason_and_tells_everyone_after_commit(
        client, auth, outbox):
    world = build_world(shortlist_size=2)
    auth.login(world.admin)
    response = client.post(f"/results/round/{world.screening.id}/shortlist",
                           data={"pitch_ids": [world.c.id, world.a.id]})
    assert response.status_code == 302
    db.session.expire_all()
    shortlisted = entries(world.final.id)
    assert [(e.pitch_id, e.position, e.note) for e in shortlisted] == [
        (world.a.id, 1, ""), (world.c.id, 2, "")]
    sent = {mail.to: mail for mail in outbox}
    assert set(sent) == {world.startup_a.email, world.startup_b.email, world.startup_c.email}
    assert "決勝" in sent[world.startup_a.email].subject  # startup A reads Japanese
    assert "not shortlisted" in sent[world.startup_b.email].body  # startup B reads English


def test_an_adjustment_needs_a_reason_and_keeps_it(client, auth, outbox):
    world = build_world(shortlist_size=2)
    auth.login(world.admin)
    url = f"/results/round/{world.screening.id}/shortlist"
    refused = client.post(url, data={"pitch_ids": [world.a.id, world.b.id]})
    assert refused.status_code == 400
    assert entries(world.final.id) == [] and outbox == []
    body = refused.get_data(as_text=True)
    tag = body[body.index(f'value="{world.b.id}"') - 120: body.index(f'value="{world.b.id}"')]
    assert "checked" in tag  # the choice made is kept
    response = client.post(url, data={"pitch_ids": [world.a.id, world.b.id],
                                      "reason": "B's pilot city offered a site"})
    assert response.status_code == 302
    db.session.expire_all()
    reason = "B's pilot city offered a site"
    assert [(e.pitch_id, e.note) for e in entries(world.final.id)] == [
        (world.a.id, reason), (world.b.id, reason)]
    assert len(outbox) == 3


def test_shortlisting_is_refused_while_screening_is_open_or_once_done(client, auth):
    world = build_world()
    world.screening.state = "open"
    db.session.commit()
    auth.login(world.admin)
    url = f"/results/round/{world.screening.id}/shortlist"
    assert client.get(url).status_code == 409
    world.screening.state = "closed"
    db.session.commit()
    assert client.post(url, data={"pitch_ids": [world.a.id, world.c.id]}).status_code == 302
    assert client.get(url).status_code == 409
    assert client.get(f"/results/round/{world.final.id}/shortlist").status_code == 409


def test_nothing_is_written_when_no_pitch_is_chosen(client, auth, outbox):
    world = build_world()
    auth.login(world.admin)
    response = client.post(f"/results/round/{world.screening.id}/shortlist",
                           data={"reason": "none"})
    assert response.status_code == 400
    assert entries(world.final.id) == [] and outbox == []
