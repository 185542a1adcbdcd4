"""The workspace in a real browser: fits a phone, passes axe-core, records an update."""

import pytest

from pitch.extensions import db
from pitch.models.pilot import KpiValue, Milestone, PilotUpdate
from tests.browser.conftest import (
    DESKTOP,
    PHONE,
    screenshot,
    serious_accessibility_violations,
)
from tests.factories import PASSWORD

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("viewport,label", [(DESKTOP, "desktop"), (PHONE, "phone")])
def test_workspace_fits_and_is_accessible(live_server, new_page, world, viewport, label):
    from datetime import date

    pilot = world.pilot
    pilot.stage = "running"
    db.session.add(Milestone(pilot=pilot, title="機器設置", due_on=date(2026, 1, 31)))
    update = PilotUpdate(author_id=world.startup_member.id, body="初回の報告")
    update.kpi_values = [KpiValue(kpi=pilot.kpis[0], value=40.0)]
    pilot.updates.append(update)
    db.session.commit()
    page = new_page(viewport=viewport)
    page.goto(live_server + "/auth/login")
    page.get_by_label("メールアドレス").fill(world.bureau_staff.email)
    page.get_by_label("パスワード").fill(PASSWORD)
    page.get_by_role("button", name="ログイン").click()
    page.goto(f"{live_server}/pilots/{pilot.id}")
    assert page.get_by_text("期限超過").is_visible()
    screenshot(page, f"pilot-workspace-{label}")
    assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"]
    assert serious_accessibility_violations(page) == []
    page.get_by_label("避難所の混雑把握率 (%)").fill("55")
    page.get_by_role("button", name="進捗を報告する").click()
    assert page.get_by_text("進捗報告を登録しました。").is_visible()
    assert page.locator("svg circle").count() == 2
