"""In Chromium: the public pages at phone width and the secretariat's rubric, checked by axe."""

import random

import pytest
from playwright.sync_api import expect

from pitch.demo import DemoOptions, DemoWorld, accounts, contests
from pitch.extensions import db
from pitch.models import Question
from tests.browser import conftest as browser_fixtures
from tests.browser.conftest import DESKTOP, PHONE, screenshot, serious_accessibility_violations
from tests.factories import PASSWORD, _password_hash

pytestmark = pytest.mark.browser
# The browser fixtures live in tests/browser; this module borrows them.
browser = browser_fixtures.browser
live_server = browser_fixtures.live_server
new_page = browser_fixtures.new_page


@pytest.fixture
def demo(app):
    world = DemoWorld(options=DemoOptions(), rng=random.Random(1),
                      password_hash=_password_hash())
    for stage in (accounts, contests):
        stage.build(world)
        db.session.flush()
    # The demo contest is in screening; these pages are tried while the call is open.
    contests.use_phase(world.objects["contest"], "open")
    db.session.commit()
    return world


def _fits(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def _login(page, server, email):
    page.goto(server + "/auth/login")
    page.get_by_label("メールアドレス").fill(email)
    page.get_by_label("パスワード").fill(PASSWORD)
    page.get_by_role("button", name="ログイン").click()


def test_public_pages_on_a_phone(live_server, new_page, demo):
    page = new_page(viewport=PHONE)
    contest, challenge = demo.objects["contest"], demo.objects["challenges"][0]
    for name, path in (("home", "/"), ("contest", f"/contests/{contest.id}"),
                       ("challenge-list", "/challenges?tag=防災"),
                       ("challenge", f"/challenges/{challenge.id}")):
        page.goto(live_server + path)
        screenshot(page, f"contests-{name}-phone")
        assert serious_accessibility_violations(page) == [], name
        assert _fits(page), name
    assert page.get_by_text("建物の構造・築年数のデータは提供いただけますか。").is_visible()


def test_a_startup_asks_on_a_phone(live_server, new_page, demo):
    page = new_page(viewport=PHONE)
    challenge = demo.objects["challenges"][1]
    _login(page, live_server, "machidata@example.jp")
    page.goto(live_server + f"/challenges/{challenge.id}")
    page.get_by_label("質問内容").fill("雨量レーダーの解像度を教えてください。")
    page.get_by_role("button", name="局に質問する").click()
    # expect() waits for the page after the post; is_visible() would race it on a busy machine.
    expect(page.get_by_text("質問を送信しました")).to_be_visible()
    expect(page.get_by_text("未回答（あなたのチームと局だけに表示されています）")).to_be_visible()
    assert db.session.scalars(db.select(Question).where(
        Question.body == "雨量レーダーの解像度を教えてください。")).one()


def test_the_secretariat_edits_a_rubric(live_server, new_page, demo):
    page = new_page(viewport=DESKTOP)
    contest = demo.objects["contest"]
    _login(page, live_server, "admin@example.jp")
    page.goto(live_server + f"/contests/manage/{contest.id}/rounds/{contest.rounds[0].id}/rubric")
    assert serious_accessibility_violations(page) == []
    page.locator("#criteria-0-weight").fill("0")
    page.get_by_role("button", name="評価基準を保存").click()
    assert page.get_by_text("「novelty」の重みは0より大きい数にしてください").is_visible()
    screenshot(page, "contests-rubric-refused")
    page.goto(live_server + "/contests/manage")
    assert serious_accessibility_violations(page) == []


def test_the_rounds_section_on_a_phone(live_server, new_page, demo):
    page = new_page(viewport=PHONE)
    contest = demo.objects["contest"]
    _login(page, live_server, "admin@example.jp")
    page.goto(live_server + f"/contests/manage/{contest.id}/rounds/{contest.rounds[-1].id}/rubric")
    page.get_by_label("審査の名称（日本語）").last.fill("最終審査")
    page.get_by_label("審査の名称（英語）").last.fill("Grand final")
    page.get_by_role("button", name="審査を追加する").click()
    expect(page.get_by_text("第3審査を追加しました")).to_be_visible()
    screenshot(page, "contests-rounds-phone")
    assert serious_accessibility_violations(page) == []
    assert _fits(page)
