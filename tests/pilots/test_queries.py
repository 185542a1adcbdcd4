"""The workspace and "our pilots" send the same statements however much a pilot holds."""

from datetime import date, timedelta

from sqlalchemy import event

from pitch.extensions import db
from pitch.models.pilot import KpiValue, Milestone, PilotAttachment, PilotEvent, PilotUpdate
from tests.factories import make_award, make_pilot, make_pitch


def _fill(pilot, author, n: int) -> None:
    for i in range(n):
        pilot.milestones.append(Milestone(title=f"m{i}", due_on=date(2026, 5, 1) + timedelta(i)))
        pilot.events.append(PilotEvent(actor_id=author.id, kind="milestone_added"))
        update = PilotUpdate(author_id=author.id, body=f"報告{i}")
        update.kpi_values = [KpiValue(kpi=kpi, value=float(i)) for kpi in pilot.kpis]
        update.attachments = [PilotAttachment(stored_name=f"{pilot.id}-{i}.pdf",
                                              original_name="a.pdf",
                                              content_type="application/pdf", size=10)]
        pilot.updates.append(update)


def _count(client, path: str) -> int:
    statements = []

    def record(*args):
        statements.append(args[2])

    event.listen(db.engine, "before_cursor_execute", record)
    try:
        assert client.get(path).status_code == 200
    finally:
        event.remove(db.engine, "before_cursor_execute", record)
    return len(statements)


def test_no_n_plus_one(client, world, login_as):
    small = world.pilot
    def ours():
        return make_award(make_pitch(challenge=world.pitch.challenge)).pitch

    large = make_pilot(ours(), kpis=[("a", "", 1.0), ("b", "", 2.0), ("c", "", 3.0)])
    _fill(small, world.bureau_staff, 1)
    _fill(large, world.startup_member, 6)
    for _ in range(4):
        make_pilot(ours())
    db.session.commit()
    login_as("bureau")
    assert _count(client, f"/pilots/{small.id}") == _count(client, f"/pilots/{large.id}")
    mine_many = _count(client, "/pilots/mine")
    db.session.delete(large)
    db.session.commit()
    assert _count(client, "/pilots/mine") == mine_many
