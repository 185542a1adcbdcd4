"""The secretariat runs a contest from screening to published results, then the public reads
them: a real browser, from the home page, by clicking and typing, in Japanese and in English.

Judges' scores arrive through the app's own operation (as if they had scored online), except
one judge's, which the secretariat imports from the blank sheet downloaded through the page.
Screenshots: test-artifacts/screenshots/journey-{secretariat,public}-<page>-<lang>-<size>.png
"""

import re
from collections import Counter

import pytest
from playwright.sync_api import expect

from pitch.extensions import db
from pitch.models import ResultSnapshot, RoundEntry, Scorecard
from tests.browser.conftest import DESKTOP
from tests.browser.journeys import (
    LANGUAGES,
    capture,
    choose_language,
    flash_shows,
    log_in_from_home,
    row_headed,
    words,
)
from tests.browser.secretariat import (
    Secretariat,
    assignments_of,
    build_world,
    read_sheet,
    submit_scores,
    write_sheet,
)

pytestmark = pytest.mark.browser
REASON = "ドローン調査は災害直後の把握に欠かせないため、最終審査で比べたい。"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_secretariat_runs_the_contest_and_the_public_reads_the_results(
        live_server, new_page, tmp_path, lang):
    world = build_world()
    page = new_page(viewport=DESKTOP)
    log_in_from_home(page, live_server, lang, world.admin.email)
    admin = Secretariat(page, world, lang)

    open_the_contest_and_round_1(admin)
    assign_the_judges(admin)
    import_a_score_sheet(admin, tmp_path)
    admin.move_round(world.screening, "Close the round and lock scorecards",
                     "The round is closed; its scorecards are locked.")
    public_results_page(new_page, live_server, world, lang, published=False)
    compare_methods_and_shortlist(admin)
    run_the_final(admin)
    publish_and_award(admin)
    public_results_page(new_page, live_server, world, lang, published=True)


def open_the_contest_and_round_1(admin: Secretariat) -> None:
    page, world = admin.page, admin.world
    admin.menu("Contests")
    title = world.contest.title(admin.lang)
    page.get_by_role("link", name=title, exact=True).click()
    expect(page.get_by_role("heading", level=1, name=title)).to_be_visible()
    admin.move_contest("Screening")
    admin.capture("contests")
    admin.move_round(world.screening, "Open scoring", "Scoring is open for this round.")
    db.session.expire_all()
    entered = db.session.scalars(db.select(RoundEntry.pitch_id)
                                 .filter_by(round_id=world.screening.id)).all()
    assert sorted(entered) == sorted(pitch.id for pitch in world.pitches.values())


def assign_the_judges(admin: Secretariat) -> None:
    page, world = admin.page, admin.world
    admin.click("Run the assignment")
    admin.sees("%(n)d assignments added.", n=10)
    db.session.expire_all()
    assignments = assignments_of(world.screening)
    loads = Counter(a.judge_id for a in assignments)
    # Two judges for each of five pitches, spread over four: loads differ by at most one.
    assert Counter(a.pitch_id for a in assignments) == dict.fromkeys(world.score_of, 2)
    assert sorted(loads.values()) == [2, 2, 3, 3]
    conflicted_pitch = world.pitches["防災テック株式会社"]
    assert (world.conflicted.id, conflicted_pitch.id) not in {
        (a.judge_id, a.pitch_id) for a in assignments}
    for judge in world.judges:  # the loads table: assigned, then submitted
        cells = row_headed(page, judge.name).get_by_role("cell")
        assert cells.all_text_contents() == [str(loads[judge.id]), "0"]
    admin.capture("assign")

    admin.click("Progress", role="link")
    expect(page.get_by_role("heading", level=1)).to_contain_text(admin.t("Progress"))
    for judge in world.judges:  # assigned, draft, submitted
        cells = row_headed(page, judge.name).get_by_role("cell")
        assert cells.all_text_contents() == [str(loads[judge.id]), "0", "0"]
    # The judges score; the pitch on stage shows their scorecards arrive without a reload.
    submit_scores(world.screening, world.score_of, except_judge=world.judges[0])
    live = page.locator("[data-live-url]")
    live.get_by_text(admin.t("submitted")).first.wait_for(timeout=12_000)  # polled every 5 s
    admin.capture("progress")


def import_a_score_sheet(admin: Secretariat, tmp_path) -> None:
    """Download one judge's blank sheet, upload it broken (refused), then filled.

    In Japanese the sheet goes through Excel (.xlsx), in English through CSV.
    """
    page, world, t = admin.page, admin.world, admin.t
    file_format = "xlsx" if admin.lang == "ja" else "csv"
    judge = world.judges[0]
    admin.menu("Score sheets")
    page.get_by_role("link", name=world.screening.name(admin.lang), exact=True).click()
    page.get_by_label(t("Judge"), exact=True).select_option(label=f"{judge.name} <{judge.email}>")
    page.get_by_label(t("Format"), exact=True).select_option(file_format)
    with page.expect_download() as download:
        admin.click("Download")
    assert download.value.suggested_filename.endswith(f"-judge-{judge.id}.{file_format}")
    header, rows = read_sheet(download.value.path(), file_format)
    theirs = {a.pitch_id for a in assignments_of(world.screening) if a.judge_id == judge.id}
    assert {int(row["pitch_id"]) for row in rows} == theirs
    assert {row["judge_email"] for row in rows} == {judge.email}
    keys = [criterion.key for criterion in world.screening.criteria]
    filled = [{**row, **dict.fromkeys(keys, str(world.score_of[int(row["pitch_id"])])),
               "comment": "紙の採点票から"} for row in rows]

    broken = [dict(row) for row in filled]
    broken[0]["novelty"], broken[1]["impact"] = "9", "4.5"
    in_conflict = world.pitches["防災テック株式会社"].id
    broken.append({**filled[0], "pitch_id": str(in_conflict),
                   "judge_email": world.conflicted.email})
    sheet = page.get_by_label(t("Filled score sheet (CSV or .xlsx)"))
    sheet.set_input_files(write_sheet(tmp_path / f"broken.{file_format}", file_format, header,
                                      broken))
    admin.click("Import")
    admin.sees("The file was not imported. Problems found: %(count)d. Nothing was saved; "
               "correct the file and upload it again.", count=3)
    for row, message in (
            ("2", t("The score for %(criterion)s must be from %(min)s to %(max)s, got %(value)s.",
                    criterion="novelty", min=1, max=5, value=9)),
            ("3", t("The score for %(criterion)s must be a whole number, got %(value)s.",
                    criterion="impact", value="4.5")),
            (str(len(broken) + 1), t("%(judge_email)s has a conflict of interest with pitch "
                                     "%(pitch_id)s.", judge_email=world.conflicted.email,
                                     pitch_id=in_conflict))):
        cell = row_headed(page, row, within=".sheet-problems").get_by_role("cell")
        assert cell.text_content() == message
    db.session.expire_all()
    assert db.session.scalars(db.select(Scorecard).filter_by(judge_id=judge.id)).all() == []
    admin.capture("import-refused")

    sheet.set_input_files(write_sheet(tmp_path / f"filled.{file_format}", file_format, header,
                                      filled))
    admin.click("Import")
    admin.sees("%(count)d scorecards imported and submitted (%(created)d new, %(replaced)d "
               "replaced, %(unchanged)d unchanged).", count=len(rows), created=len(rows),
               replaced=0, unchanged=0)
    db.session.expire_all()
    cards = db.session.scalars(db.select(Scorecard).filter_by(judge_id=judge.id)).all()
    assert {card.pitch_id for card in cards} == theirs
    for card in cards:
        assert card.status == "submitted" and card.comment == "紙の採点票から"
        assert [line.score for line in card.lines] == [world.score_of[card.pitch_id]] * 3
    admin.capture("import")


def ranked_titles(page) -> list[str]:
    """The ranking table's pitches, top first (each header cell: title, then startup)."""
    table = page.locator("table.results-table")
    table.wait_for()
    return [text.strip() for text in table.locator("tbody th[scope=row]").all_inner_texts()]


def compare_methods_and_shortlist(admin: Secretariat) -> None:
    page, world, t = admin.page, admin.world, admin.t
    admin.menu("Results")
    page.get_by_role("link", name=world.screening.name(admin.lang), exact=True).click()
    assert ranked_titles(page) == world.ranking(world.score_of)
    switch = page.locator("form.method-switch")
    switch.get_by_label(t("Aggregation method")).select_option("median")
    switch.get_by_role("button", name=t("Show"), exact=True).click()
    page.wait_for_url("**method=median**")
    heading = f"{t('Ranking')} ({t('Median')})"
    expect(page.get_by_role("heading", name=heading, exact=True)).to_be_visible()
    assert ranked_titles(page) == world.ranking(world.score_of)
    admin.capture("results")

    # The secretariat swaps the second for the third, which needs a reason.
    admin.click("Shortlist for the final", role="link")
    a, b, c = (world.pitches[name] for name in ("防災テック株式会社", "みらい水位ラボ",
                                                "ドローン測量合同会社"))

    def box(pitch):
        return page.get_by_role("checkbox", name=f" {pitch.title} — {pitch.startup.name} ")

    assert box(a).is_checked() and box(b).is_checked() and not box(c).is_checked()
    box(b).uncheck()
    box(c).check()
    admin.click("Move these pitches to the final")
    admin.sees("Say why the shortlist differs from the ranking.")
    assert box(a).is_checked() and not box(b).is_checked() and box(c).is_checked()
    db.session.expire_all()
    assert db.session.scalars(db.select(RoundEntry).filter_by(round_id=world.final.id)).all() == []
    admin.capture("shortlist-refused")

    page.get_by_label(t("Reason for the adjustment")).fill(REASON)
    admin.click("Move these pitches to the final")
    admin.sees("%(count)d pitches are in the final round; every startup has been told.", count=2)
    db.session.expire_all()
    entries = db.session.scalars(db.select(RoundEntry).filter_by(round_id=world.final.id)
                                 .order_by(RoundEntry.position)).all()
    assert [(e.pitch_id, e.note) for e in entries] == [(a.id, REASON), (c.id, REASON)]


def run_the_final(admin: Secretariat) -> None:
    world = admin.world
    admin.move_contest("Final pitch")
    admin.move_round(world.final, "Open scoring", "Scoring is open for this round.")
    admin.click("Run the assignment")
    admin.sees("%(n)d assignments added.", n=4)
    submit_scores(world.final, world.final_score_of)
    admin.move_round(world.final, "Close the round and lock scorecards",
                     "The round is closed; its scorecards are locked.")


def publish_and_award(admin: Secretariat) -> None:
    page, world, t = admin.page, admin.world, admin.t
    admin.menu("Results")
    page.get_by_role("link", name=world.final.name(admin.lang), exact=True).click()
    assert ranked_titles(page) == world.ranking(world.final_score_of)
    publish = page.locator("form[action$='/publish']")
    expect(publish.get_by_label(t("Aggregation method"))).to_have_value("mean")
    admin.click("Publish the results")
    admin.sees("Version %(version)d of the results is published.", version=1)
    db.session.expire_all()
    snapshot = db.session.scalars(
        db.select(ResultSnapshot).filter_by(round_id=world.final.id)).one()
    assert (snapshot.version, snapshot.method) == (1, "mean")
    assert [(row["rank"], row["pitch_id"]) for row in snapshot.content["pitches"]] == [
        (1, world.pitches["ドローン測量合同会社"].id), (2, world.pitches["防災テック株式会社"].id)]

    winner = world.pitches["ドローン測量合同会社"]
    page.get_by_label(t("Pitch"), exact=True).select_option(
        label=f"{winner.title} — {winner.startup.name}")
    page.get_by_label(t("Award name (Japanese)")).fill("最優秀賞")
    page.get_by_label(t("Award name (English)")).fill("Grand prize")
    admin.click("Give the award")
    admin.sees("The award has been added.")
    admin.capture("publish")
    admin.move_contest("Results")


def public_results_page(new_page, server: str, world, lang: str, published: bool) -> None:
    """A visitor, not logged in, in a browser of their own."""
    t = words(lang)
    page = new_page(viewport=DESKTOP)
    page.goto(server + "/")
    choose_language(page, lang)
    title = world.contest.title(lang)
    page.get_by_role("link", name=title, exact=True).first.click()
    expect(page.get_by_role("heading", level=1, name=title)).to_be_visible()
    results_link = page.get_by_role("link", name=t("Public results page"), exact=True)
    if not published:
        assert results_link.count() == 0
        page.goto(f"{server}/results/contest/{world.contest.id}")  # a link passed around early
        flash_shows(page, t("The results of this contest are not published yet."))
        assert all(pitch.title not in page.content() for pitch in world.pitches.values())
        page.goto(f"{server}/results/round/{world.screening.id}")  # the secretariat's page
        expect(page).to_have_url(re.compile(r"/auth/login"))
        return
    results_link.click()
    final = page.get_by_role("region", name=t("Final round"), exact=True)
    final.wait_for()
    rows = final.locator("tbody th[scope=row]").all_inner_texts()
    assert [row.strip() for row in rows] == world.ranking(world.final_score_of)
    award = "Grand prize" if lang == "en" else "最優秀賞"
    winner = f"{award}: ドローンによる被害調査 — ドローン測量合同会社"
    expect(page.get_by_role("listitem").filter(has_text=winner)).to_be_visible()
    # The screening was never published, so neither its ranking nor the others' names show.
    assert page.get_by_role("heading", name=t("Screening (finalists)")).count() == 0
    assert "みらい水位ラボ" not in page.content()
    capture(page, f"journey-public-results-{lang}", lang)
