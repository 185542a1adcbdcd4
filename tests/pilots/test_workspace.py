"""The workspace: progress updates with KPI figures, attachments, milestones, stages, decision."""

import io
import re
from datetime import UTC, date, datetime

from pitch.extensions import db
from pitch.models.pilot import KpiValue, Milestone, Pilot, PilotAttachment, PilotUpdate

PDF = b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\n"


def _page(client, pilot) -> str:
    response = client.get(f"/pilots/{pilot.id}")
    assert response.status_code == 200
    return response.get_data(as_text=True)


def test_kpi_update_is_recorded_and_charted(client, world, login_as):
    kpi = world.pilot.kpis[0]
    login_as("startup")
    for figure in ("40", "62.5"):
        response = client.post(f"/pilots/{world.pilot.id}/updates",
                               data={"update-body": "週次報告", f"update-kpi_{kpi.id}": figure})
        assert response.status_code == 302
    values = db.session.scalars(db.select(KpiValue.value).order_by(KpiValue.id)).all()
    assert values == [40.0, 62.5]
    page = _page(client, world.pilot)
    assert "62.5 %" in page and "78%" in page  # latest figure and its share of the 80 target
    svg = page[page.index("<svg"):page.index("</svg>")]
    assert svg.count("<circle") == 2 and "<polyline" in svg and 'stroke-dasharray' in svg
    assert "style=" not in page  # the CSP forbids inline styles


def test_bad_figures_are_refused_and_the_text_is_kept(client, world, login_as):
    kpi = world.pilot.kpis[0]
    login_as("bureau")
    for bad in ("abc", "nan", "inf"):
        response = client.post(f"/pilots/{world.pilot.id}/updates",
                               data={"update-body": "書きかけの報告", f"update-kpi_{kpi.id}": bad})
        assert response.status_code == 400
        page = response.get_data(as_text=True)
        assert "書きかけの報告" in page and 'aria-invalid="true"' in page
    empty = client.post(f"/pilots/{world.pilot.id}/updates", data={"update-body": "  "})
    assert empty.status_code == 400
    assert db.session.scalar(db.select(db.func.count()).select_from(PilotUpdate)) == 0


def test_attachments_are_checked_stored_and_served_to_the_pilot_only(app, client, auth, world,
                                                                     login_as):
    login_as("startup")
    fake = client.post(f"/pilots/{world.pilot.id}/updates", content_type="multipart/form-data",
                       data={"update-body": "資料", "update-attachment":
                             (io.BytesIO(b"MZ not a pdf"), "report.pdf")})
    assert fake.status_code == 400
    assert db.session.scalar(db.select(db.func.count()).select_from(PilotUpdate)) == 0
    response = client.post(f"/pilots/{world.pilot.id}/updates",
                           content_type="multipart/form-data",
                           data={"update-attachment": (io.BytesIO(PDF), "中間報告.pdf")})
    assert response.status_code == 302
    stored = db.session.scalar(db.select(PilotAttachment))
    assert stored.original_name == "中間報告.pdf"
    url = f"/pilots/{world.pilot.id}/attachments/{stored.id}"
    assert url in _page(client, world.pilot)
    download = client.get(url)
    assert download.status_code == 200 and download.data == PDF
    download.close()
    auth.logout()
    login_as("other_bureau")
    assert client.get(url).status_code == 404


def test_overdue_milestones_are_highlighted_by_tokyo_day(client, world, login_as, monkeypatch):
    db.session.add_all([Milestone(pilot=world.pilot, title="機器設置", due_on=date(2026, 6, 30)),
                        Milestone(pilot=world.pilot, title="中間報告", due_on=date(2026, 7, 1)),
                        Milestone(pilot=world.pilot, title="協定締結", due_on=date(2026, 6, 1),
                                  status="done", done_on=date(2026, 6, 1))])
    db.session.commit()
    login_as("bureau")
    # 15:00 UTC on 30 June is already 1 July in Tokyo.
    monkeypatch.setattr("pitch.pilots.workspace.utcnow",
                        lambda: datetime(2026, 6, 30, 15, 0, tzinfo=UTC))
    page = _page(client, world.pilot)
    overdue_rows = re.findall(r'<tr class="overdue">\s*<th scope="row">([^<]+)</th>', page)
    assert overdue_rows == ["機器設置"]
    monkeypatch.setattr("pitch.pilots.workspace.utcnow",
                        lambda: datetime(2026, 6, 30, 14, 59, 59, tzinfo=UTC))
    assert 'class="overdue"' not in _page(client, world.pilot)


def test_the_stages_run_to_the_decision(client, world, login_as):
    pilot_url = f"/pilots/{world.pilot.id}"
    login_as("bureau")
    client.post(f"{pilot_url}/stage", data={"target": "preparation"})
    refused = client.post(f"{pilot_url}/stage", data={"target": "running"}, follow_redirects=True)
    assert "マイルストーン" in refused.get_data(as_text=True)  # plan a milestone first
    db.session.expire_all()
    assert db.session.get(Pilot, world.pilot.id).stage == "preparation"
    client.post(f"{pilot_url}/milestones",
                data={"milestone-title": "運用開始", "milestone-due_on": "2026-05-01"})
    client.post(f"{pilot_url}/stage", data={"target": "running"})
    kpi = world.pilot.kpis[0]
    client.post(f"{pilot_url}/updates", data={f"update-kpi_{kpi.id}": "85"})
    client.post(f"{pilot_url}/stage", data={"target": "report"})
    decision = {"decision-decision": "deploy", "decision-reason": "目標を上回った"}
    refused = client.post(f"{pilot_url}/decision", data=decision)
    assert refused.status_code == 400
    assert "目標を上回った" in refused.get_data(as_text=True)  # the reason typed is kept
    client.post(f"{pilot_url}/outcome", data={"outcome-outcome_summary": "混雑把握率85%"})
    assert client.post(f"{pilot_url}/decision", data=decision).status_code == 302
    db.session.expire_all()
    pilot = db.session.get(Pilot, world.pilot.id)
    assert (pilot.stage, pilot.decision, pilot.decision_reason) == (
        "decision", "deploy", "目標を上回った")
    assert [e.kind for e in pilot.events] == ["stage", "milestone_added", "stage", "stage",
                                             "outcome", "decision"]
    # After the decision the pilot is closed to further change.
    assert client.post(f"{pilot_url}/stage", data={"target": "agreement"}).status_code == 403
    assert client.post(f"{pilot_url}/updates", data={"update-body": "x"}).status_code == 403


def test_a_skipping_or_unknown_target_is_refused(client, world, login_as):
    login_as("admin")
    for target in ("running", "decision", "bogus"):
        client.post(f"/pilots/{world.pilot.id}/stage", data={"target": target})
    db.session.expire_all()
    assert db.session.get(Pilot, world.pilot.id).stage == "agreement"


def test_kpis_are_fixed_once_the_agreement_is_signed(client, world, login_as):
    login_as("bureau")
    bad = client.post(f"/pilots/{world.pilot.id}/kpis", data={"kpi-name": "利用者数",
                                                             "kpi-target": "多い"})
    assert bad.status_code == 400 and "利用者数" in bad.get_data(as_text=True)
    client.post(f"/pilots/{world.pilot.id}/stage", data={"target": "preparation"})
    late = client.post(f"/pilots/{world.pilot.id}/kpis",
                       data={"kpi-name": "利用者数", "kpi-target": "500"})
    assert late.status_code == 403
    db.session.expire_all()
    assert len(db.session.get(Pilot, world.pilot.id).kpis) == 1


def test_the_plan_sets_the_period_the_agreement_needs(client, world, login_as):
    world.pilot.starts_on = world.pilot.ends_on = None
    db.session.commit()
    login_as("bureau")
    url = f"/pilots/{world.pilot.id}"
    refused = client.post(f"{url}/stage", data={"target": "preparation"}, follow_redirects=True)
    assert "先に実証実験の期間を設定してください。" in refused.get_data(as_text=True)
    bad = client.post(f"{url}/plan", data={"plan-title": "新しい名前",
                                           "plan-starts_on": "2026-10-01",
                                           "plan-ends_on": "2026-04-01"})
    assert bad.status_code == 400
    assert "終了日は開始日以降にしてください。" in bad.get_data(as_text=True)
    assert 'value="新しい名前"' in bad.get_data(as_text=True)
    client.post(f"{url}/plan", data={"plan-title": "新しい名前", "plan-starts_on": "2026-04-01",
                                     "plan-ends_on": "2026-10-01", "plan-budget_yen": "3000000"})
    client.post(f"{url}/stage", data={"target": "preparation"})
    db.session.expire_all()
    pilot = db.session.get(Pilot, world.pilot.id)
    assert (pilot.title, pilot.starts_on, pilot.ends_on, pilot.budget_yen, pilot.stage) == (
        "新しい名前", date(2026, 4, 1), date(2026, 10, 1), 3_000_000, "preparation")
