import csv
import io

import openpyxl
import pytest

from pitch.extensions import db
from pitch.models import PanelMember
from tests.factories import make_user
from tests.judging.helpers import add_conflict, make_judge
from tests.scoresheets.conftest import ASSIGNED


def _rows(response) -> list[list[str]]:
    return list(csv.reader(io.StringIO(response.get_data(as_text=True))))


def _url(world, **params) -> str:
    query = "&".join(f"{key}={value}" for key, value in params.items())
    return f"/scoresheets/rounds/{world.round.id}/sheet" + (f"?{query}" if query else "")


def test_secretariat_downloads_the_whole_round(client, auth, sheet_round):
    auth.login(sheet_round.admin)
    response = client.get(_url(sheet_round))
    assert response.status_code == 200 and response.mimetype == "text/csv"
    assert 'filename="score-sheet-round-' in response.headers["Content-Disposition"]
    rows = _rows(response)
    assert rows[0] == ["pitch_id", "judge_email", "novelty", "feasibility", "impact", "comment"]
    assert len(rows) == 1 + sum(len(pitches) for pitches in ASSIGNED.values())


def test_secretariat_downloads_one_judges_sheet_as_xlsx(client, auth, sheet_round):
    auth.login(sheet_round.admin)
    judge = sheet_round.judges[1]
    response = client.get(_url(sheet_round, judge=judge.id, format="xlsx"))
    assert response.status_code == 200
    assert f"-judge-{judge.id}.xlsx" in response.headers["Content-Disposition"]
    sheet = openpyxl.load_workbook(io.BytesIO(response.data)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert [row[:2] for row in rows[1:]] == [(sheet_round.pitches[p].id, judge.email)
                                             for p in ASSIGNED[1]]


def test_a_judge_gets_only_their_own_rows_without_conflicted_pairs(client, auth, sheet_round):
    judge = sheet_round.judges[0]
    # Declared after the assignment was made: the pair must leave the sheet at once.
    add_conflict(sheet_round.contest, judge, sheet_round.pitches[1], sheet_round.admin)
    db.session.commit()
    auth.login(judge)
    response = client.get(_url(sheet_round))
    assert response.status_code == 200
    body = response.get_data(as_text=True)
    assert [row[:2] for row in _rows(response)[1:]] == [
        [str(sheet_round.pitches[p].id), judge.email] for p in (0, 3)]
    assert "サンプル" not in body and "judge1@" not in body
    assert client.get(_url(sheet_round, judge=judge.id, format="xlsx")).status_code == 200


def test_a_judge_may_not_download_another_judges_sheet(client, auth, sheet_round):
    auth.login(sheet_round.judges[0])
    assert client.get(_url(sheet_round, judge=sheet_round.judges[1].id)).status_code == 403


def test_a_judge_who_has_not_declared_conflicts_gets_403(client, auth, sheet_round):
    judge = sheet_round.judges[0]
    member = db.session.scalar(db.select(PanelMember).filter_by(user_id=judge.id))
    member.conflicts_declared_at = None
    db.session.commit()
    auth.login(judge)
    assert client.get(_url(sheet_round)).status_code == 403


@pytest.mark.parametrize("role", ["startup", "bureau", "expert"])
def test_people_off_the_panel_get_403(client, auth, sheet_round, role):
    user = make_user(role)
    db.session.commit()
    auth.login(user)
    assert client.get(_url(sheet_round)).status_code == 403
    assert client.get(_url(sheet_round, judge=sheet_round.judges[0].id)).status_code == 403


def test_a_judge_of_another_contest_gets_403(client, auth, sheet_round):
    from tests.factories import make_contest

    outsider = make_judge(make_contest())
    db.session.commit()
    auth.login(outsider)
    assert client.get(_url(sheet_round)).status_code == 403


def test_missing_things_are_404_and_anonymous_goes_to_login(client, auth, sheet_round):
    assert client.get(_url(sheet_round)).status_code == 302
    auth.login(sheet_round.admin)
    assert client.get("/scoresheets/rounds/999999/sheet").status_code == 404
    assert client.get(_url(sheet_round, judge=999999)).status_code == 404
    assert client.get(_url(sheet_round, format="pdf")).status_code == 404


def test_judge_page_lists_their_rounds_with_links(client, auth, sheet_round):
    auth.login(sheet_round.judges[2])
    page = client.get("/scoresheets/").get_data(as_text=True)
    assert "書類審査" in page and f"/scoresheets/rounds/{sheet_round.round.id}/sheet" in page
    assert "サンプル" not in page


def test_judge_page_asks_for_the_declaration_first(client, auth, sheet_round):
    undeclared = make_judge(sheet_round.contest, declared=False)
    db.session.commit()
    auth.login(undeclared)
    page = client.get("/scoresheets/").get_data(as_text=True)
    assert "利益相反" in page and "/sheet" not in page


def test_startups_cannot_open_the_score_sheets_page(client, auth, app):
    user = make_user("startup")
    db.session.commit()
    auth.login(user)
    assert client.get("/scoresheets/").status_code == 403


def test_a_judge_who_left_the_panel_is_not_on_the_round_sheet(client, auth, sheet_round):
    leaver = sheet_round.judges[2]
    member = db.session.scalar(db.select(PanelMember).filter_by(user_id=leaver.id))
    member.status = "declined"
    db.session.commit()
    auth.login(sheet_round.admin)
    emails = {row[1] for row in _rows(client.get(_url(sheet_round)))[1:]}
    assert emails == {sheet_round.judges[0].email, sheet_round.judges[1].email}


def test_a_judge_belonging_to_the_startup_is_conflicted(client, auth, sheet_round):
    judge = sheet_round.judges[0]
    judge.startup_id = sheet_round.pitches[0].startup_id
    db.session.commit()
    auth.login(sheet_round.admin)
    rows = _rows(client.get(_url(sheet_round, judge=judge.id)))[1:]
    assert [row[0] for row in rows] == [str(sheet_round.pitches[p].id) for p in (1, 3)]


def test_both_index_pages_say_so_when_there_is_nothing(client, auth):
    """The two pages share one table; each keeps its own empty message."""
    from tests.factories import make_user

    outsider, admin = make_user(role="bureau"), make_user(role="admin")
    db.session.commit()
    auth.login(outsider)
    page = client.get("/scoresheets/").get_data(as_text=True)
    assert "どの審査員団にも入っていません" in page and "<table" not in page
    auth.logout()
    auth.login(admin)
    page = client.get("/scoresheets/").get_data(as_text=True)
    assert "審査回はまだありません" in page and "<table" not in page
