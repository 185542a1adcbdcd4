"""The pitch-day countdown survives the reload of a refused save, and is kept per scorecard."""

import pytest

from pitch.extensions import db
from pitch.models import Scorecard
from tests.browser.conftest import PHONE
from tests.judging.test_browser_scorecard import _login, pitch_day_scene

pytestmark = pytest.mark.browser


def _seconds(page) -> int:
    minutes, seconds = page.locator("[data-timer-display]").text_content().split(":")
    return int(minutes) * 60 + int(seconds)


def test_a_refused_save_keeps_the_countdown(live_server, new_page, app):
    scene, judge = pitch_day_scene()
    first, second = scene.pitches[0], scene.pitches[1]
    page = new_page(viewport=PHONE)
    _login(page, live_server, judge.email)
    page.goto(f"{live_server}/judging/rounds/{scene.final.id}/day/{first.id}")
    page.get_by_role("button", name="開始").click()
    page.wait_for_timeout(2200)
    page.locator("#score-novelty").fill("9")  # out of the 1-5 range: refused
    page.locator("#score-feasibility").fill("3")
    page.locator("#score-impact").fill("3")
    with page.expect_navigation():
        page.get_by_role("button", name="提出する").click()
    assert page.locator("#score-novelty").input_value() == "9"  # what was typed is kept
    running = _seconds(page)
    assert running <= 298  # went on counting through the reload, not back to 05:00
    page.wait_for_timeout(1300)
    assert _seconds(page) < running  # and still runs

    page.get_by_role("button", name="一時停止").click()
    paused = _seconds(page)
    page.reload()
    assert _seconds(page) == paused  # a paused timer stays paused where it was
    page.wait_for_timeout(1200)
    assert _seconds(page) == paused

    # Another scorecard has its own timer, from the full time.
    page.goto(f"{live_server}/judging/rounds/{scene.final.id}/day/{second.id}")
    assert page.locator("[data-timer-display]").text_content() == "05:00"
    page.get_by_role("button", name="リセット").click()
    db.session.expire_all()
    assert db.session.scalar(db.select(db.func.count()).select_from(Scorecard)) == 0
