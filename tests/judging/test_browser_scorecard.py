"""The scorecard in a real browser: the live total, pitch-day mode on a phone, accessibility."""

import pytest

from pitch.extensions import db
from pitch.models import Scorecard
from tests.browser.conftest import (
    DESKTOP,
    PHONE,
    screenshot,
    serious_accessibility_violations,
)
from tests.factories import PASSWORD
from tests.judging.helpers import assign, enter, make_scene

pytestmark = pytest.mark.browser


def _login(page, base: str, email: str) -> None:
    page.goto(base + "/auth/login")
    page.get_by_label("メールアドレス").fill(email)
    page.get_by_label("パスワード").fill(PASSWORD)
    page.get_by_role("button", name="ログイン").click()


def test_total_follows_typing_and_the_card_submits(live_server, new_page, app):
    scene = make_scene()
    judge, pitch = scene.judges[0], scene.pitches[0]
    db.session.commit()
    page = new_page(viewport=DESKTOP)
    _login(page, live_server, judge.email)
    page.goto(f"{live_server}/judging/rounds/{scene.screening.id}/pitches/{pitch.id}")
    total = page.locator("[data-total]")
    assert total.text_content() == "—"
    page.locator("#score-novelty").fill("5")
    page.locator("#score-feasibility").fill("3")
    assert total.text_content() == "—"
    page.locator("#score-impact").fill("1")
    assert total.text_content() == "50.0"
    screenshot(page, "judging-scorecard-desktop")
    assert serious_accessibility_violations(page) == []
    page.get_by_role("button", name="提出する").click()
    page.wait_for_url(f"**/pitches/{scene.pitches[1].id}")
    db.session.expire_all()
    assert db.session.scalars(db.select(Scorecard.status)).one() == "submitted"


def pitch_day_scene():
    """An open final with every pitch entered and assigned to the first judge."""
    scene = make_scene(blind=False)
    scene.final.state = "open"
    enter(scene.final, *scene.pitches)
    judge = scene.judges[0]
    for pitch in scene.pitches:
        assign(scene.final, judge, pitch)
    db.session.commit()
    return scene, judge


def test_pitch_day_on_a_phone(live_server, new_page, app):
    scene, judge = pitch_day_scene()
    page = new_page(viewport=PHONE)
    _login(page, live_server, judge.email)
    page.goto(f"{live_server}/judging/rounds/{scene.final.id}/day")
    assert page.locator("[data-timer]").is_visible()
    assert page.locator("[data-timer-display]").text_content() == "05:00"
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"]  # nothing sticks out sideways on a phone
    screenshot(page, "judging-pitch-day-phone")
    assert serious_accessibility_violations(page) == []


def test_the_live_view_follows_submissions_without_reloading(live_server, new_page, app):
    from pitch.judging.operations import save_scorecard

    scene = make_scene(judges=1)
    judge, pitch = scene.judges[0], scene.pitches[0]
    db.session.commit()
    page = new_page(viewport=PHONE)
    _login(page, live_server, scene.admin.email)
    page.goto(f"{live_server}/judging/rounds/{scene.screening.id}/progress?stage={pitch.id}")
    live = page.locator("[data-live-url]")
    assert "開始前" in live.text_content()
    save_scorecard(scene.screening, judge, pitch, {"novelty": 4, "feasibility": 4, "impact": 4},
                   "", "", True, judge)
    db.session.commit()
    live.get_by_text("提出済み").wait_for(timeout=12_000)  # the page polls every 5 s
    assert serious_accessibility_violations(page) == []
