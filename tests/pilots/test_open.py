"""Opening a pilot from an awarded pitch."""

from pitch.extensions import db
from pitch.models.pilot import Pilot
from tests.factories import make_award, make_pitch


def test_opening_a_pilot_with_kpis(client, world, login_as):
    pitch = make_award(make_pitch(challenge=world.pitch.challenge)).pitch
    db.session.commit()
    login_as("bureau")
    form = client.get(f"/pilots/open/{pitch.id}").get_data(as_text=True)
    assert pitch.title in form  # the title starts as the pitch's
    response = client.post(f"/pilots/open/{pitch.id}", data={
        "title": "AI避難誘導の実証", "goal": "混雑を減らす", "starts_on": "2026-04-01",
        "ends_on": "2026-09-30", "budget_yen": "5000000",
        "kpis-0-name": "誘導成功率", "kpis-0-unit": "%", "kpis-0-target": "90",
        "kpis-1-name": "誘導にかかる時間", "kpis-1-unit": "分", "kpis-1-target": "5",
        "kpis-1-lower_is_better": "y", "kpis-2-name": "", "kpis-2-target": ""})
    assert response.status_code == 302
    pilot = db.session.scalar(db.select(Pilot).where(Pilot.pitch_id == pitch.id))
    assert (pilot.bureau_id, pilot.startup_id, pilot.stage) == (
        world.bureau_staff.bureau_id, pitch.startup_id, "agreement")
    assert [(k.name, k.unit, k.target, k.lower_is_better) for k in pilot.kpis] == [
        ("誘導成功率", "%", 90.0, False), ("誘導にかかる時間", "分", 5.0, True)]
    assert [e.kind for e in pilot.events] == ["opened"]
    # A second attempt leads to the pilot that exists.
    again = client.get(f"/pilots/open/{pitch.id}")
    assert again.status_code == 302 and again.headers["Location"].endswith(f"/pilots/{pilot.id}")


def test_bad_input_is_refused_and_kept(client, world, login_as):
    pitch = make_award(make_pitch(challenge=world.pitch.challenge)).pitch
    db.session.commit()
    login_as("admin")
    response = client.post(f"/pilots/open/{pitch.id}", data={
        "title": "AI避難誘導の実証", "starts_on": "2026-09-30", "ends_on": "2026-04-01",
        "kpis-0-name": "誘導成功率", "kpis-0-target": "",
        "kpis-1-name": "", "kpis-1-target": "12"})
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert "終了日は開始日以降にしてください。" in page
    assert "この指標の目標値を入力してください。" in page
    assert "この目標値の指標名を入力してください。" in page
    assert "AI避難誘導の実証" in page and "誘導成功率" in page
    assert db.session.scalar(db.select(Pilot).where(Pilot.pitch_id == pitch.id)) is None


def test_a_pitch_without_an_award_cannot_become_a_pilot(client, world, login_as):
    pitch = make_pitch(challenge=world.pitch.challenge)
    db.session.commit()
    login_as("admin")
    assert client.get(f"/pilots/open/{pitch.id}").status_code == 404
    assert client.get("/pilots/open/999999").status_code == 404


def test_awarded_pitches_waiting_for_a_pilot_are_listed(client, world, login_as):
    pitch = make_award(make_pitch(challenge=world.pitch.challenge, title="待機中の提案")).pitch
    db.session.commit()
    login_as("bureau")
    page = client.get("/pilots/mine").get_data(as_text=True)
    assert "待機中の提案" in page and f"/pilots/open/{pitch.id}" in page
    assert world.pitch.title not in page.split("実証実験が未開始の受賞提案")[-1]
