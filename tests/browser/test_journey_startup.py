"""A startup's journey in a real browser, in Japanese and in English: it registers, finds a
challenge, asks a question, submits a pitch with its PDF deck, revises it, and after the
judging reads its result and the judges' feedback."""

from pathlib import Path

import pytest

from pitch.extensions import db
from pitch.models import Pitch, PitchChange, Question, User
from pitch.results.operations import publish
from tests.browser.journey_helpers_people import (
    check_page,
    fill,
    log_out,
    name_criteria,
    say,
    tiny_pdf,
)
from tests.browser.journeys import LANGUAGES, choose_language, log_in
from tests.factories import make_bureau, make_challenge, make_contest, make_pitch, make_user
from tests.results.world import card, enter

pytestmark = pytest.mark.browser

PASSWORD = "long-enough-pw"
TITLE = "避難所の混雑を見える化したい"
FEEDBACK = "費用の内訳が明確で、実証の進め方も具体的です。"
PRIVATE_COMMENT = "事務局だけが読むコメント"
JUDGES = ("目利き 一郎", "目利き 二郎")


def _world():
    contest = make_contest(title_ja="都市防災ピッチ", title_en="Urban disaster pitch")
    name_criteria(contest)
    bureau = make_bureau(name_ja="総合防災部", name_en="Disaster Prevention Division")
    challenge = make_challenge(contest, bureau, title=TITLE, title_en="Crowding at shelters",
                               summary="避難所の混雑状況を住民に知らせたい。")
    make_challenge(contest, bureau, title="道路の陥没を早く見つけたい", summary="道路の点検")
    db.session.commit()
    return contest, challenge


def _register(page, language: str, email: str) -> None:
    page.get_by_role("link", name=say(language, "Register a startup")).first.click()
    fill(page, language, "Your name", "山田 花子")
    fill(page, language, "E-mail", email)
    fill(page, language, "Password", PASSWORD)
    fill(page, language, "Password again", PASSWORD)
    fill(page, language, "Startup or group name", "防災テック株式会社")
    fill(page, language, "Corporate number (法人番号, 13 digits)", "7000012050002")
    page.get_by_label(say(language, "I agree to the handling of personal data")).check()
    check_page(page, "startup-register", language)
    page.get_by_role("button", name=say(language, "Register"), exact=True).click()
    page.get_by_text(say(language, "Welcome! Your startup is registered.")).wait_for()


def _find_and_ask(page, language: str, challenge) -> None:
    page.get_by_role("link", name=say(language, "Challenges"), exact=True).click()
    page.get_by_label(say(language, "Search title and text")).fill("混雑")
    page.get_by_role("button", name=say(language, "Search"), exact=True).click()
    page.wait_for_url("**/challenges?q=*")
    results = page.locator("main")
    assert results.get_by_text("道路の陥没を早く見つけたい").count() == 0
    results.get_by_role("link", name=challenge.display_title(language)).click()
    fill(page, language, "Your question", "受付データはCSVで提供されますか？")
    page.get_by_role("button", name=say(language, "Ask the bureau")).click()
    page.get_by_text(say(language, "Your question is sent. The answer will appear here for "
                                   "everyone.")).wait_for()
    assert page.get_by_text(say(
        language, "Not answered yet (visible only to your team and the bureau)")).is_visible()
    check_page(page, "startup-question", language)


def _submit_pitch(page, language: str) -> None:
    page.get_by_role("button", name=say(language, "Submit a pitch")).click()
    fill(page, language, "Title of the proposal", "混雑マップ")
    fill(page, language, "Summary", "受付とセンサーのデータから避難所の混雑を地図に示します。")
    fill(page, language, "Your understanding of the problem", "電話での確認に時間がかかる。")
    fill(page, language, "Proposed solution", "受付の人数を**リアルタイム**で公開する。")
    fill(page, language, "What is new", "既存の受付端末だけで動く。")
    fill(page, language, "Implementation plan and schedule", "3か月で2か所の避難所で実証。")
    fill(page, language, "Cost estimate (yen)", "3,000,000")
    fill(page, language, "Team", "エンジニア3名、防災士1名。")
    for declaration in (
            "We are not listed on a stock exchange.",
            "This work receives no other public funding (subsidies or contracts from the "
            "national or a local government).",
            "We declare that we, our officers and our major shareholders are not an "
            "anti-social force (反社会的勢力) and have no relationship with one.",
            "We consent to the handling of the personal data in this pitch for the contest's "
            "screening, contact and results."):
        page.get_by_label(say(language, declaration)).check()
    # Submitting without the deck: refused, nothing saved, everything typed still there.
    page.get_by_role("button", name=say(language, "Submit the pitch")).click()
    page.get_by_text(say(language, "Attach the PDF deck to submit.")).wait_for()
    assert page.get_by_label(say(language, "Cost estimate (yen)")).input_value() == "3,000,000"
    assert db.session.scalars(db.select(Pitch)).all() == []
    page.get_by_label(say(language, "Deck (PDF)"), exact=True).set_input_files(
        files=[{"name": "混雑マップ.pdf", "mimeType": "application/pdf", "buffer": tiny_pdf()}])
    check_page(page, "startup-pitch-form", language)
    page.get_by_role("button", name=say(language, "Submit the pitch")).click()
    page.get_by_text(say(language, "Your pitch has been submitted. A receipt has been sent by "
                                   "e-mail.")).wait_for()


def _revise(page, language: str) -> None:
    page.get_by_role("button", name=say(language, "Edit the pitch")).click()
    fill(page, language, "Cost estimate (yen)", "2,800,000")
    page.get_by_role("button", name=say(language, "Save changes")).click()
    page.get_by_text(say(language, "Your changes are saved.")).wait_for()
    page.get_by_role("link", name=say(language, "History of changes")).click()
    change = page.get_by_role("row", name=say(language, "Cost estimate (yen)")).first  # newest
    assert "¥3,000,000" in change.text_content() and "¥2,800,000" in change.text_content()
    check_page(page, "startup-history", language)


def _judge_and_publish(contest, pitch) -> None:
    """The world moves on: two judges score the screening, the secretariat publishes."""
    screening = contest.rounds[0]
    rival = make_pitch(pitch.challenge, title="浸水センサー")
    judges = [make_user("expert", name=name) for name in JUDGES]
    enter(screening, judges, pitch, rival)
    card(screening, judges[0], pitch, [5, 4, 4], feedback=FEEDBACK, comment=PRIVATE_COMMENT)
    card(screening, judges[1], pitch, [4, 4, 5])
    card(screening, judges[0], rival, [2, 2, 2])
    card(screening, judges[1], rival, [3, 3, 3])
    screening.state = "closed"
    publish(screening, contest.method, make_user("admin"))
    db.session.commit()


@pytest.mark.parametrize("language", LANGUAGES)
def test_startup_pitches_and_reads_its_result(live_server, new_page, app, outbox, language):
    contest, challenge = _world()
    email = f"hanako-{language}@example.jp"
    page = new_page()
    page.goto(live_server + "/")
    choose_language(page, language)
    _register(page, language, email)
    user = User.by_email(email)
    assert (user.startup.name, user.startup.corporate_number) == ("防災テック株式会社",
                                                                  "7000012050002")
    log_out(page, language)
    log_in(page, language, email, PASSWORD)

    _find_and_ask(page, language, challenge)
    question = db.session.scalars(db.select(Question)).one()
    assert (question.challenge_id, question.asker_id, question.answer) == (
        challenge.id, user.id, None)

    _submit_pitch(page, language)
    pitch = db.session.scalars(db.select(Pitch)).one()
    receipt = page.locator(".receipt")
    assert pitch.submission_number and pitch.submission_number in receipt.text_content()
    assert (pitch.status, pitch.startup_id, pitch.cost_yen) == ("submitted", user.startup_id,
                                                                3_000_000)
    stored = Path(app.config["UPLOAD_FOLDER"]) / pitch.deck_stored_name
    assert stored.read_bytes() == tiny_pdf()
    assert pitch.deck_original_name == "混雑マップ.pdf"
    receipts = [mail for mail in outbox if pitch.submission_number in mail.body]
    assert [mail.to for mail in receipts] == [email]
    check_page(page, "startup-submit", language)

    _revise(page, language)
    db.session.expire_all()
    assert pitch.cost_yen == 2_800_000
    changes = db.session.scalars(db.select(PitchChange).where(PitchChange.pitch_id == pitch.id)
                                 .order_by(PitchChange.id)).all()
    assert changes[-1].changes["cost_yen"] == [3_000_000, 2_800_000]
    log_out(page, language)

    _judge_and_publish(contest, pitch)
    log_in(page, language, email, PASSWORD)
    page.get_by_role("link", name=say(language, "Our results")).click()
    page.get_by_role("link", name="混雑マップ").click()
    page.get_by_text(say(language, "Rank %(rank)d of %(count)d", rank=1, count=2)).wait_for()
    assert page.locator("blockquote").all_text_contents() == [FEEDBACK]
    text = page.content()
    for secret in (PRIVATE_COMMENT, *JUDGES):  # the feedback reaches the startup unsigned
        assert secret not in text
    check_page(page, "startup-result", language)
