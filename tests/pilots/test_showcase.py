"""The public showcase, its open data, and the secretariat's overview."""

import csv
import io
from datetime import date

from pitch.extensions import db
from pitch.models.pilot import Milestone
from tests.factories import make_pilot


def _two_pilots(world):
    world.pilot.public, world.pilot.outcome_summary = True, "避難所の混雑を可視化"
    world.pilot.stage, world.pilot.decision = "decision", "deploy"
    hidden = make_pilot(title="非公開の実証")
    db.session.commit()
    return world.pilot, hidden


def test_the_showcase_shows_only_published_pilots(client, world):
    shown, hidden = _two_pilots(world)
    page = client.get("/pilots/").get_data(as_text=True)
    assert shown.title in page and "避難所の混雑を可視化" in page and "本格導入" in page
    assert shown.bureau.name_ja in page and shown.startup.name in page
    assert hidden.title not in page
    assert "CC BY 4.0" in page and "実証実験の紹介" in page


def test_open_data_csv_and_json_hold_only_published_pilots(client, world):
    shown, _hidden = _two_pilots(world)
    response = client.get("/pilots/open-data.csv")
    assert response.mimetype == "text/csv"
    assert 'rel="license"' in response.headers["Link"]
    rows = list(csv.DictReader(io.StringIO(response.get_data(as_text=True).lstrip("\ufeff"))))
    assert [(r["pilot_id"], r["title"], r["stage"], r["decision"]) for r in rows] == [
        (str(shown.id), shown.title, "decision", "deploy")]
    assert rows[0]["starts_on"] == "2026-04-01"
    data = client.get("/pilots/open-data.json").get_json()
    assert data["license"]["name"] == "CC BY 4.0"
    assert [p["pilot_id"] for p in data["pilots"]] == [shown.id]
    assert set(data["pilots"][0]) == set(data["columns"])


def test_publishing_puts_a_pilot_in_the_showcase_and_back_out(client, world, login_as):
    login_as("admin")
    client.post(f"/pilots/{world.pilot.id}/public", data={"public": "1"})
    assert world.pilot.title in client.get("/pilots/").get_data(as_text=True)
    client.post(f"/pilots/{world.pilot.id}/public", data={"public": "0"})
    assert world.pilot.title not in client.get("/pilots/").get_data(as_text=True)


def test_the_overview_counts_stages_overdue_items_and_deployment(client, world, login_as):
    _two_pilots(world)
    late = make_pilot(title="遅れている実証", stage="running")
    db.session.add(Milestone(pilot=late, title="機器設置", due_on=date(2020, 1, 31)))
    db.session.commit()
    login_as("admin")
    page = client.get("/pilots/overview").get_data(as_text=True)
    assert "1 / 3 (33%)" in page
    assert '<span class="badge badge-danger">1</span>' in page
    for title in (world.pilot.title, "非公開の実証", "遅れている実証"):
        assert title in page


def test_pages_are_japanese_by_default(client, world, login_as):
    login_as("bureau")
    page = client.get(f"/pilots/{world.pilot.id}").get_data(as_text=True)
    for japanese in ("基本協定", "指標（KPI）", "マイルストーン", "進捗報告", "経過記録"):
        assert japanese in page
