"""One pilot per pitch, even when two people open it at the same moment."""

import threading

from pitch.extensions import db
from pitch.models import Pitch, User
from pitch.models.pilot import Pilot
from pitch.pilots import operations
from tests.factories import make_award, make_pilot, make_pitch

PLAN = {"title": "AI避難誘導の実証", "goal": "", "starts_on": None, "ends_on": None,
        "budget_yen": None, "kpis": [("誘導成功率", "%", 90.0, False)]}


def _pilots(pitch_id: int) -> list[int]:
    return list(db.session.scalars(db.select(Pilot.id).where(Pilot.pitch_id == pitch_id)))


def test_two_people_opening_at_once_get_one_pilot(app, world):
    """Two threads, two sessions, two connections: the unique key lets exactly one in."""
    pitch_id = make_award(make_pitch(challenge=world.pitch.challenge)).pitch_id
    db.session.commit()
    barrier = threading.Barrier(2)
    outcomes = {}

    def open_it(user_id: int, title: str) -> None:
        with app.app_context():
            user, pitch = db.session.get(User, user_id), db.session.get(Pitch, pitch_id)
            barrier.wait()
            try:
                pilot = operations.open_pilot(pitch, user, **PLAN | {"title": title})
                db.session.commit()
                outcomes[title] = ("opened", pilot.id)
            except operations.PilotExists as exists:
                outcomes[title] = ("exists", exists.pilot.id)
            finally:
                db.session.remove()

    threads = [threading.Thread(target=open_it, args=(world.bureau_staff.id, "A")),
               threading.Thread(target=open_it, args=(world.users["admin"].id, "B"))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    assert sorted(kind for kind, _ in outcomes.values()) == ["exists", "opened"]
    assert len({pilot_id for _, pilot_id in outcomes.values()}) == 1
    assert _pilots(pitch_id) == [outcomes["A"][1]]


def test_the_second_to_save_is_told_and_keeps_what_they_typed(app, client, world, login_as,
                                                             monkeypatch):
    """The form found no pilot; someone else's is saved before this one: a 409, not a 500."""
    pitch = make_award(make_pitch(challenge=world.pitch.challenge)).pitch
    db.session.commit()
    pitch_id, real_open = pitch.id, operations.open_pilot

    def someone_else_first(*args, **kwargs):
        with app.app_context():  # another request's session and connection
            make_pilot(db.session.get(Pitch, pitch_id), title="先に開いた実証")
            db.session.commit()
        return real_open(*args, **kwargs)

    monkeypatch.setattr(operations, "open_pilot", someone_else_first)
    login_as("bureau")
    response = client.post(f"/pilots/open/{pitch_id}", data={
        "title": "後から保存した実証", "kpis-0-name": "誘導成功率", "kpis-0-target": "90"})
    assert response.status_code == 409
    page = response.get_data(as_text=True)
    [existing] = _pilots(pitch_id)
    assert "同時に" in page and "保存されていません" in page
    assert 'value="後から保存した実証"' in page and 'value="誘導成功率"' in page
    assert f"/pilots/{existing}" in page
    assert db.session.get(Pilot, existing).title == "先に開いた実証"
