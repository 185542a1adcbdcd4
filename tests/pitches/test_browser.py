"""A startup member submits a pitch on a phone, in a real browser; accessibility checked."""

import pytest

from pitch.extensions import db
from pitch.models import Pitch
from tests.browser.conftest import PHONE, screenshot, serious_accessibility_violations
from tests.factories import PASSWORD
from tests.pitches.conftest import PDF

pytestmark = pytest.mark.browser


def test_a_member_submits_a_pitch_on_a_phone(live_server, new_page, member, challenge,
                                             tmp_path):
    deck = tmp_path / "提案資料.pdf"
    deck.write_bytes(PDF)
    page = new_page(viewport=PHONE)
    page.goto(live_server + "/auth/login")
    page.get_by_label("メールアドレス").fill(member.email)
    page.get_by_label("パスワード").fill(PASSWORD)
    page.get_by_role("button", name="ログイン").click()
    page.goto(f"{live_server}/challenges/{challenge.id}/pitch")
    progress = page.locator("#progress-heading")
    assert "5項目中 0項目" in progress.inner_text()
    page.get_by_label("提案のタイトル").fill("避難所の混雑を見える化")
    page.get_by_label("概要").fill("避難所の混雑を地図で共有します。")
    assert "5項目中 1項目" in progress.inner_text()  # updated as the user types
    page.get_by_label("課題の認識").fill("混雑が分からない。")
    page.get_by_label("解決策の提案").fill("センサーで可視化する。")
    page.get_by_label("新規性").fill("既存カメラを活用する。")
    page.get_by_label("実施計画とスケジュール").fill("6か月で実証。")
    page.get_by_label("概算費用（円）").fill("3,000,000")
    page.get_by_label("実施体制").fill("3名")
    page.get_by_label("提案資料（PDF）").set_input_files(str(deck))
    for label in ("上場していません", "公的資金を受けていません", "反社会的勢力でなく",
                  "個人情報が取り扱われることに同意"):
        page.get_by_label(label).check()
    assert "5項目中 5項目" in progress.inner_text()
    screenshot(page, "pitch-form-phone")
    assert serious_accessibility_violations(page) == []
    page.get_by_role("button", name="提案を提出").click()
    page.wait_for_url(f"{live_server}/pitches/*")
    pitch = db.session.scalar(db.select(Pitch))
    assert page.get_by_text(pitch.submission_number).first.is_visible()
    assert pitch.deck_original_name == "提案資料.pdf"
    screenshot(page, "pitch-receipt-phone")
    assert serious_accessibility_violations(page) == []
