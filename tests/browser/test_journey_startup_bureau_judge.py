"""Journeys of a bureau and of a judge, in a real browser, in Japanese and in English.

Each starts from the home page and goes by clicking and typing, as the person would; the
test checks what the page says and what the database holds afterwards.
"""

import pytest

from pitch.challenges.operations import ask_question
from pitch.extensions import db
from pitch.models import Assignment, Challenge, Conflict, PanelMember, Question, Scorecard
from tests.browser.journey_helpers_people import (
    CRITERIA,
    check_page,
    fill,
    name_criteria,
    phone_page,
    say,
)
from tests.browser.journeys import LANGUAGES, choose_language, log_in_from_home
from tests.factories import make_bureau, make_contest, make_user
from tests.judging.helpers import assign, enter, make_challenge, make_pitch

pytestmark = pytest.mark.browser

TITLE = "避難所の混雑を見える化したい"


@pytest.mark.parametrize("language", LANGUAGES)
def test_bureau_posts_a_challenge_and_answers_a_question(live_server, new_page, app, outbox,
                                                         language):
    make_contest(title_ja="都市防災ピッチ", title_en="Urban disaster pitch")
    bureau = make_bureau(name_ja="総合防災部", name_en="Disaster Prevention Division")
    staff = make_user("bureau", bureau=bureau, name="防災 一郎")
    asker = make_user("startup", name="質問 花子", email="asker@example.jp")
    db.session.commit()

    page = new_page()
    log_in_from_home(page, live_server, language, staff.email)
    page.get_by_role("link", name=say(language, "Our challenges")).click()
    page.get_by_role("button", name=say(language, "New challenge")).click()
    fill(page, language, "Title (Japanese)", TITLE)
    fill(page, language, "Title (English)", "See how crowded shelters are")
    fill(page, language, "Summary", "災害時に避難所の**混雑状況**を住民に知らせたい。")
    fill(page, language, "Current situation and problems (現状と課題)",
          "- 電話で確認している\n- 集計に半日かかる")
    fill(page, language, "What we are looking for", "センサーや受付データで混雑を推定する仕組み")
    fill(page, language, "Expected outcome and indicators", "問い合わせ件数を **50%** 減らす")
    fill(page, language, "Pilot budget cap (yen)", "5000000")
    fill(page, language, "Pilot period", "2026年10月〜2027年3月")
    fill(page, language, "Data on offer", "ftp://data.example.jp/shelter.csv")
    fill(page, language, "Tags", "防災、避難所, 混雑")
    page.get_by_role("button", name=say(language, "Save"), exact=True).click()
    # A mistake: the form comes back saying what is wrong, with everything else as typed.
    page.get_by_text(say(language, "“%(line)s” is not an http(s) link.",
                         line="ftp://data.example.jp/shelter.csv")).wait_for()
    assert page.get_by_label(say(language, "Title (Japanese)")).input_value() == TITLE
    assert page.get_by_label(say(language, "Pilot budget cap (yen)")).input_value() == "5000000"
    assert db.session.scalars(db.select(Challenge)).all() == []
    fill(page, language, "Data on offer", "https://catalog.data.metro.tokyo.lg.jp/dataset/shelter")
    check_page(page, "bureau-challenge-form", language)
    page.get_by_role("button", name=say(language, "Save"), exact=True).click()
    page.get_by_text(say(language, "The challenge is saved as a draft.")).wait_for()
    assert page.get_by_text(say(language, "Draft (not public)")).is_visible()

    page.get_by_role("button", name=say(language, "Publish"), exact=True).click()
    page.get_by_text(say(language, "The challenge is published.")).wait_for()
    body = page.locator(".challenge-body")
    assert body.locator("strong", has_text="混雑状況").is_visible()  # the Markdown is rendered
    assert body.locator("li", has_text="集計に半日かかる").is_visible()
    assert "¥5,000,000" in body.text_content()
    for tag in ("防災", "避難所", "混雑"):
        assert body.get_by_role("link", name=tag, exact=True).is_visible()
    check_page(page, "bureau-challenge-published", language)
    challenge = db.session.scalars(db.select(Challenge)).one()
    assert (challenge.status, challenge.bureau_id, challenge.budget_yen, challenge.tags) == (
        "published", bureau.id, 5_000_000, "防災,避難所,混雑")

    # Later a startup asks; the bureau finds the question on its challenge and answers it.
    question = ask_question(challenge, asker, "受付データはCSVで提供されますか？")
    db.session.commit()
    page.get_by_role("link", name=say(language, "Our challenges")).click()
    page.get_by_role("link", name="See how crowded shelters are" if language == "en" else TITLE
                     ).click()
    page.get_by_label(say(language, "Answer"), exact=True).fill("はい、**CSV** で毎日提供します。")
    check_page(page, "bureau-answer", language)
    page.get_by_role("button", name=say(language, "Publish the answer")).click()
    page.get_by_text(say(language, "The answer is published.")).wait_for()
    db.session.expire_all()
    assert db.session.get(Question, question.id).answered_by_id == staff.id
    assert "asker@example.jp" in [mail.to for mail in outbox]  # told of the answer

    # Anyone, logged in or not, reads the answer without learning who asked.
    visitor = new_page()
    visitor.goto(live_server + "/")
    choose_language(visitor, language)
    visitor.get_by_role("link", name=challenge.display_title(language)).first.click()
    answer = visitor.locator(f"#question-{question.id}")
    assert "受付データはCSVで提供されますか？" in answer.text_content()
    assert answer.locator(".answer strong", has_text="CSV").is_visible()
    text = visitor.content()
    for secret in (asker.name, asker.email, asker.startup.name):
        assert secret not in text
    check_page(visitor, "public-question-answered", language)


@pytest.fixture
def phone(browser):
    """The judge's phone; its context is closed after the test."""
    made = []

    def open_phone():
        context, page = phone_page(browser)
        made.append(context)
        return page

    yield open_phone
    for context in made:
        context.close()


def _final_with_an_invited_judge():
    """Pitch day of a contest: three pitches in the final, one judge invited to all three."""
    contest = make_contest(state="final", title_ja="都市防災ピッチ",
                           title_en="Urban disaster pitch")
    name_criteria(contest)
    screening, final = contest.rounds
    screening.state, final.state = "closed", "open"
    challenge = make_challenge(contest, title=TITLE)
    pitches = [make_pitch(challenge, startup, title=title) for startup, title in (
        ("みまもりAI株式会社", "避難所混雑マップ"), ("親戚テック合同会社", "浸水センサー網"),
        ("ドローン測量株式会社", "ドローン被害調査"))]
    judge = make_user("expert", name="専門 審査子")
    db.session.add(PanelMember(contest_id=contest.id, user_id=judge.id, status="invited"))
    enter(final, *pitches)
    for pitch in pitches:
        assign(final, judge, pitch)
    db.session.commit()
    return contest, final, judge, pitches


@pytest.mark.parametrize("language", LANGUAGES)
def test_judge_declares_a_conflict_and_scores_on_pitch_day(live_server, phone, app, language):
    from playwright.sync_api import expect  # only where Chromium runs, as in conftest.py

    contest, final, judge, (first, conflicted, third) = _final_with_an_invited_judge()
    page = phone()
    log_in_from_home(page, live_server, language, judge.email)
    page.get_by_role("link", name=say(language, "Judging"), exact=True).tap()
    page.get_by_role("button", name=say(language, "Accept the invitation")).tap()

    page.get_by_label(say(language, "Startup"), exact=True).select_option(
        label=conflicted.startup.name)
    page.get_by_label(say(language, "Kind of conflict")).select_option(
        label=say(language, "Family or personal relationship"))
    page.get_by_label(say(language, "Note"), exact=True).fill("代表者が親族です。")
    page.get_by_role("button", name=say(language, "Add this conflict")).tap()
    page.get_by_text(say(language, "The conflict has been recorded.")).wait_for()
    assert page.locator("main table tbody tr", has_text=conflicted.startup.name).is_visible()
    check_page(page, "judge-conflicts", language)
    page.get_by_role("button", name=say(language, "I have declared all my conflicts")).tap()
    page.get_by_text(say(language, "Thank you: your declaration is recorded. You can now "
                                   "score.")).wait_for()

    # The conflicted pitch is gone from the judge's list; the other two remain, in order.
    listed = page.locator("main table tbody tr").all_text_contents()
    assert [row.split()[0:2] for row in listed] == [["No.1", first.title],
                                                    ["No.3", third.title]]
    check_page(page, "judge-assignments", language)
    db.session.expire_all()
    assert [(c.contest_id, c.judge_id, c.startup_id, c.kind)
            for c in db.session.scalars(db.select(Conflict))] == [
        (contest.id, judge.id, conflicted.startup_id, "family_or_personal")]
    assert set(db.session.scalars(db.select(Assignment.pitch_id))) == {first.id, third.id}

    # Nor can the judge reach it by its address: it looks like a pitch that does not exist.
    dashboard = page.url
    hidden = page.goto(f"{live_server}/judging/rounds/{final.id}/day/{conflicted.id}")
    assert hidden.status == 404
    page.goto(dashboard)
    page.get_by_role("button", name=say(language, "Pitch-day mode")).tap()
    page.get_by_role("heading", name=f"No.1 {first.title}").wait_for()
    assert page.get_by_text(say(language, "Pitch %(n)d of %(all)d", n=1, all=2)).is_visible()
    display = page.locator("[data-timer-display]")
    expect(display).to_be_visible()  # shown once the page's script has set the timer up
    expect(display).to_have_text("05:00")
    page.get_by_role("button", name=say(language, "Start"), exact=True).tap()
    expect(display).not_to_have_text("05:00", timeout=5_000)  # the countdown runs
    page.get_by_role("button", name=say(language, "Pause"), exact=True).tap()

    total = page.locator("[data-total]")
    criterion = {key: page.get_by_label(labels[language == "en"])
                 for key, labels in CRITERIA.items()}
    for key, score, shown in (("novelty", "4", "—"), ("feasibility", "5", "—"),
                              ("impact", "3", "75.0"), ("impact", "6", "—")):
        criterion[key].fill(score)
        assert total.text_content() == shown
    page.get_by_label(say(language, "Feedback for the startup")).fill("実証の規模感が明確です。")
    page.get_by_role("button", name=say(language, "Submit"), exact=True).tap()
    # Out of range: refused with the reason next to the score, what was typed kept.
    page.get_by_text(say(language, "Give a score from %(min)d to %(max)d.", min=1, max=5)
                     ).wait_for()
    assert criterion["impact"].get_attribute("aria-invalid") == "true"
    assert [criterion[key].input_value() for key in CRITERIA] == ["4", "5", "6"]
    assert db.session.scalars(db.select(Scorecard)).all() == []
    criterion["impact"].fill("5")
    assert total.text_content() == "91.7"
    check_page(page, "judge-pitch-day", language)
    page.get_by_role("button", name=say(language, "Submit"), exact=True).tap()
    page.get_by_role("heading", name=f"No.3 {third.title}").wait_for()

    page.get_by_role("button", name=f"← {say(language, 'Previous')}").tap()
    page.get_by_role("heading", name=f"No.1 {first.title}").wait_for()
    assert page.locator(".submitted-mark").is_visible()
    check_page(page, "judge-submitted", language)
    db.session.expire_all()
    card = db.session.scalars(db.select(Scorecard)).one()
    scores = {line.criterion.key: line.score for line in card.lines}
    assert (card.pitch_id, card.judge_id, card.status, card.feedback, scores) == (
        first.id, judge.id, "submitted", "実証の規模感が明確です。",
        {"novelty": 4, "feasibility": 5, "impact": 5})
