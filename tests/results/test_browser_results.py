"""The results pages in real Chromium, on a desktop and a phone: they render and pass axe."""

import pytest

from pitch.extensions import db
from pitch.results.operations import add_award, publish
from tests.browser.conftest import (
    DESKTOP,
    PHONE,
    screenshot,
    serious_accessibility_violations,
)
from tests.factories import PASSWORD
from tests.results.world import build_world, score_final

pytestmark = pytest.mark.browser


def log_in(page, server, user):
    page.goto(server + "/auth/login")
    page.get_by_label("メールアドレス").fill(user.email)
    page.get_by_label("パスワード", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="ログイン").click()


@pytest.mark.parametrize("viewport,label", [(DESKTOP, "desktop"), (PHONE, "phone")])
def test_results_pages_render_and_are_accessible(live_server, new_page, viewport, label):
    world = build_world()
    publish(world.screening, "mean", world.admin)
    score_final(world)
    publish(world.final, "mean", world.admin)
    add_award(world.contest, world.c.id, "最優秀賞", "Grand prize")
    db.session.commit()

    page = new_page(viewport=viewport)
    page.goto(f"{live_server}/results/contest/{world.contest.id}")
    assert "最優秀賞" in page.content()
    screenshot(page, f"results-public-{label}")
    assert serious_accessibility_violations(page) == []

    log_in(page, live_server, world.admin)
    page.goto(f"{live_server}/results/round/{world.screening.id}")
    assert page.get_by_role("heading", name="審査員の評価の一致度").is_visible()
    screenshot(page, f"results-round-{label}")
    assert serious_accessibility_violations(page) == []
