"""In Chromium at phone width: create and revoke a token, read the API documentation; axe."""

import pytest

from pitch.extensions import db
from tests.browser import conftest as browser_fixtures
from tests.browser.conftest import PHONE, screenshot, serious_accessibility_violations
from tests.factories import PASSWORD, make_user

pytestmark = pytest.mark.browser
# The browser fixtures live in tests/browser; this module borrows them.
browser = browser_fixtures.browser
live_server = browser_fixtures.live_server
new_page = browser_fixtures.new_page


def _fits(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def test_token_journey_on_a_phone(app, live_server, new_page):
    user = make_user(role="expert", email="judge@example.com")
    db.session.commit()
    page = new_page(PHONE)
    page.goto(live_server + "/auth/login")
    page.get_by_label("メールアドレス").fill(user.email)
    page.get_by_label("パスワード").fill(PASSWORD)
    page.get_by_role("button", name="ログイン").click()
    page.goto(live_server + "/account/")
    page.get_by_role("link", name="APIトークンを管理").click()
    page.get_by_label("トークンの名前").fill("採点アプリ")
    page.get_by_role("button", name="トークンを作成").click()
    secret = page.get_by_label("トークン", exact=True).input_value()
    assert secret.startswith("pitch_")
    assert _fits(page)
    assert serious_accessibility_violations(page) == []
    screenshot(page, "api-token-created-phone")
    page.goto(live_server + "/account/tokens/")
    assert secret not in page.content()
    page.get_by_role("button", name="無効にする").click()
    assert "有効なトークンはありません。" in page.content()


def test_api_docs_on_a_phone(app, live_server, new_page):
    page = new_page(PHONE)
    page.goto(live_server + "/api/v1/docs")
    assert page.get_by_role("heading", name="APIドキュメント", level=1).is_visible()
    assert page.get_by_text("GET /api/v1/challenges", exact=True).first.is_visible()
    assert _fits(page)
    assert serious_accessibility_violations(page) == []
    screenshot(page, "api-docs-phone")
