"""The secretariat sets up a contest: who may, what is stored, what is refused."""

from datetime import UTC, datetime

import pytest

from pitch.extensions import db
from pitch.models import Contest
from tests.factories import make_contest, make_user

FORM = {
    "title_ja": "都市防災ピッチ", "title_en": "Disaster pitch", "theme": "都市防災",
    "description_ja": "説明", "description_en": "About",
    "application_opens": "2026-03-02T10:00", "question_deadline": "2026-03-20T17:00",
    "application_closes": "2026-03-31T17:00", "screening_ends": "2026-04-20T17:00",
    "pitch_day": "2026-05-15T13:00", "results_at": "2026-05-15T18:00",
    "judges_per_pitch": "3", "shortlist_size": "5", "blind_screening": "y", "method": "z_mean",
}


def test_new_contest_is_a_draft_with_two_rounds_and_the_default_rubric(client, admin):
    response = client.post("/contests/manage/new", data=FORM)
    assert response.status_code == 302
    contest = db.session.scalars(db.select(Contest)).one()
    assert contest.state == "draft" and contest.method == "z_mean" and contest.blind_screening
    assert [(r.number, r.name_ja, r.name_en) for r in contest.rounds] == [
        (1, "書類審査", "Screening"), (2, "ピッチ審査", "Final pitch")]
    keys = [c.key for c in contest.rounds[0].criteria]
    assert keys == ["novelty", "feasibility", "social_impact", "challenge_fit", "team",
                    "cost_effectiveness"]
    assert contest.rounds[1].criteria[0].label_ja == "新規性"
    assert contest.rounds[0].criteria[0].guide_ja.startswith("1: ")


def test_timeline_is_read_in_tokyo_time_and_stored_in_utc(client, admin):
    client.post("/contests/manage/new", data=FORM)
    contest = db.session.scalars(db.select(Contest)).one()
    assert contest.application_closes == datetime(2026, 3, 31, 8, 0, tzinfo=UTC)
    page = client.get(f"/contests/manage/{contest.id}/edit").get_data(as_text=True)
    assert 'value="2026-03-31T17:00"' in page


def test_timeline_out_of_order_is_refused_and_keeps_what_was_typed(client, admin):
    data = dict(FORM, title_ja="順序の誤り", application_closes="2026-03-10T17:00")
    response = client.post("/contests/manage/new", data=data)
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert "「質問の締切」は「応募の締切」より前でなければなりません" in page
    assert 'value="順序の誤り"' in page
    assert db.session.scalar(db.select(db.func.count()).select_from(Contest)) == 0


def test_missing_title_is_refused(client, admin):
    response = client.post("/contests/manage/new", data=dict(FORM, title_ja=""))
    assert response.status_code == 400
    assert db.session.scalar(db.select(db.func.count()).select_from(Contest)) == 0


def test_edit_changes_settings(client, admin):
    contest = make_contest(state="draft")
    db.session.commit()
    response = client.post(f"/contests/manage/{contest.id}/edit",
                           data=dict(FORM, title_ja="改題", shortlist_size="8"))
    assert response.status_code == 302
    db.session.refresh(contest)
    assert (contest.title_ja, contest.shortlist_size) == ("改題", 8)


@pytest.mark.parametrize("role, expected", [(None, 302), ("startup", 403), ("bureau", 403),
                                            ("expert", 403), ("admin", 200)])
@pytest.mark.parametrize("path", ["/contests/manage", "/contests/manage/new",
                                  "/contests/manage/{id}/edit",
                                  "/contests/manage/{id}/rounds/{round}/rubric"])
def test_only_the_secretariat_manages_contests(client, auth, role, expected, path):
    contest = make_contest(state="draft")
    if role:
        user = make_user(role)
    db.session.commit()
    if role:
        auth.login(user)
    url = path.format(id=contest.id, round=contest.rounds[0].id)
    assert client.get(url).status_code == expected


def test_move_is_for_the_secretariat_only(client, auth):
    contest = make_contest(state="draft")
    staff = make_user("bureau")
    db.session.commit()
    auth.login(staff)
    assert client.post(f"/contests/manage/{contest.id}/move",
                       data={"target": "open"}).status_code == 403


def test_missing_contest_is_404(client, admin):
    assert client.get("/contests/manage/999/edit").status_code == 404
    assert client.get("/contests/999").status_code == 404


def test_draft_contest_page_is_hidden_from_the_public(client, auth):
    contest = make_contest(state="draft")
    admin_user = make_user("admin")
    db.session.commit()
    assert client.get(f"/contests/{contest.id}").status_code == 404
    auth.login(admin_user)
    assert client.get(f"/contests/{contest.id}").status_code == 200


def test_contest_without_a_full_timeline_says_so(client, auth):
    contest = make_contest(state="open")
    contest.results_at = None
    db.session.commit()
    page = client.get(f"/contests/{contest.id}").get_data(as_text=True)
    assert "日程はまだ決まっていません。" in page


def test_contest_page_in_english(client):
    contest = make_contest(state="open", title_en="Disaster pitch")
    db.session.commit()
    client.post("/language", data={"language": "en"})
    page = client.get(f"/contests/{contest.id}").get_data(as_text=True)
    assert "Disaster pitch" in page and "How pitches are judged" in page
    assert "Round 1: Screening" in page


@pytest.mark.parametrize("field, value", [("judges_per_pitch", "0"), ("shortlist_size", "-1"),
                                          ("judges_per_pitch", "three"), ("method", "max")])
def test_bad_judging_settings_are_refused(client, admin, field, value):
    response = client.post("/contests/manage/new", data=dict(FORM, **{field: value}))
    assert response.status_code == 400
    assert db.session.scalar(db.select(db.func.count()).select_from(Contest)) == 0


def test_timeline_follows_the_configured_timezone(app, client, admin):
    app.config["PITCH_TIMEZONE"] = "Europe/London"
    client.post("/contests/manage/new", data=FORM)
    contest = db.session.scalars(db.select(Contest)).one()
    # 31 March 2026 is British Summer Time (UTC+1).
    assert contest.application_closes == datetime(2026, 3, 31, 16, 0, tzinfo=UTC)
    assert contest.application_opens == datetime(2026, 3, 2, 10, 0, tzinfo=UTC)
