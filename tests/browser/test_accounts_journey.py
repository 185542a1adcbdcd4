"""A startup registers, logs out and back in; the language switch; accessibility."""

import pytest
from playwright.sync_api import expect

from pitch.models import User
from tests.browser.conftest import (
    DESKTOP,
    PHONE,
    screenshot,
    serious_accessibility_violations,
)

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("viewport,label", [(DESKTOP, "desktop"), (PHONE, "phone")])
def test_startup_registers_in_japanese(live_server, new_page, viewport, label):
    page = new_page(viewport=viewport)
    page.goto(live_server + "/")
    page.get_by_role("link", name="スタートアップ登録").first.click()
    page.get_by_label("氏名").fill("山田 花子")
    page.get_by_label("メールアドレス").fill(f"hanako-{label}@example.jp")
    page.get_by_label("パスワード", exact=True).fill("long-enough-pw")
    page.get_by_label("パスワード（確認）").fill("long-enough-pw")
    page.get_by_label("スタートアップ・団体名").fill("防災テック株式会社")
    page.get_by_label("法人番号（13桁）").fill("7000012050002")
    page.get_by_label("個人情報の取扱いに同意します").check()
    screenshot(page, f"register-{label}")
    assert serious_accessibility_violations(page) == []
    page.get_by_role("button", name="登録").click()
    page.wait_for_url(live_server + "/")
    assert "ようこそ" in page.content()
    assert User.by_email(f"hanako-{label}@example.jp").startup.name == "防災テック株式会社"


def test_wrong_corporate_number_keeps_what_was_typed(live_server, new_page):
    page = new_page()
    page.goto(live_server + "/auth/register")
    page.get_by_label("氏名").fill("佐藤 一郎")
    page.get_by_label("メールアドレス").fill("ichiro@example.jp")
    page.get_by_label("パスワード", exact=True).fill("long-enough-pw")
    page.get_by_label("パスワード（確認）").fill("long-enough-pw")
    page.get_by_label("スタートアップ・団体名").fill("市民テック")
    page.get_by_label("法人番号（13桁）").fill("1000012050002")
    page.get_by_label("個人情報の取扱いに同意します").check()
    page.get_by_role("button", name="登録").click()
    assert page.get_by_text("正しい13桁の法人番号ではありません").is_visible()
    assert page.get_by_label("スタートアップ・団体名").input_value() == "市民テック"
    assert User.by_email("ichiro@example.jp") is None


def test_language_switch_and_login_in_english(live_server, new_page, app):
    from pitch.extensions import db
    from tests.factories import make_user

    make_user(email="en-user@example.com")
    db.session.commit()
    page = new_page(viewport=PHONE, locale="en-US")
    page.goto(live_server + "/auth/login")
    assert page.locator("html").get_attribute("lang") == "ja"
    page.get_by_role("button", name="English").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")  # waits for the new page
    page.get_by_label("E-mail").fill("en-user@example.com")
    page.get_by_label("Password").fill("correct-horse-battery")
    screenshot(page, "login-phone-en")
    assert serious_accessibility_violations(page) == []
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(live_server + "/")
    assert page.get_by_role("link", name="Settings").is_visible()


def test_keyboard_user_can_skip_to_content(live_server, new_page):
    page = new_page()
    page.goto(live_server + "/")
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="本文へスキップ")
    assert skip.evaluate("el => el === document.activeElement")
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "content"
