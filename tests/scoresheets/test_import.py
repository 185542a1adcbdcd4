import io

import openpyxl
import pytest

from pitch.extensions import db
from pitch.models import ScoreAudit, Scorecard, ScoreLine
from tests.factories import make_user
from tests.judging.helpers import make_judge
from tests.scoresheets.conftest import full_sheet, sheet_csv

HEADER = ["pitch_id", "judge_email", "novelty", "feasibility", "impact", "comment"]


def _count(model) -> int:
    return db.session.scalar(db.select(db.func.count()).select_from(model))


def _upload(client, world, data: bytes, filename: str = "scores.csv"):
    return client.post(f"/scoresheets/rounds/{world.round.id}/import",
                       data={"sheet": (io.BytesIO(data), filename)},
                       content_type="multipart/form-data")


def _english(client) -> None:
    client.post("/language", data={"language": "en"})


@pytest.fixture
def office(client, auth, sheet_round):
    auth.login(sheet_round.admin)
    return sheet_round


def test_round_page_offers_downloads_and_the_import(client, office):
    page = client.get(f"/scoresheets/rounds/{office.round.id}").get_data(as_text=True)
    assert "白紙の採点シートをダウンロード" in page and 'type="file"' in page
    assert office.judges[0].email in page  # the judge choice for a single judge's sheet


def test_a_good_sheet_is_imported_as_submitted_scorecards(client, office):
    response = _upload(client, office, sheet_csv(full_sheet(office)).encode())
    assert response.status_code == 302
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "8 件の採点票を取り込み" in page
    assert _count(Scorecard) == 8 and _count(ScoreLine) == 24
    assert set(db.session.scalars(db.select(Scorecard.status))) == {"submitted"}
    actors = set(db.session.scalars(db.select(ScoreAudit.actor_id)))
    assert actors == {office.admin.id}


# (how the file goes wrong, the row named, the Japanese and the English message)
BAD_ROWS = [
    (lambda w, rows: rows[0].__setitem__(0, 999999), 2,
     "この審査回に提案 999999 はありません", "There is no pitch 999999 in this round."),
    (lambda w, rows: rows[1].__setitem__(1, "who@example.jp"), 3,
     "who@example.jp は審査員団にいません", "who@example.jp is not on the panel."),
    (lambda w, rows: rows[2].__setitem__(0, w.pitches[2].id), 4,
     "は提案 {p2} の担当ではありません", "is not assigned to pitch {p2}."),
    (lambda w, rows: rows[6].__setitem__(0, w.pitches[3].id), 8,
     "は提案 {p3} と利益相反があります", "has a conflict of interest with pitch {p3}."),
    (lambda w, rows: rows[3].__setitem__(2, 6), 5,
     "novelty の点数は 1 から 5 の範囲で入力してください（入力値: 6）",
     "The score for novelty must be from 1 to 5, got 6."),
    (lambda w, rows: rows[4].__setitem__(3, "3.5"), 6,
     "feasibility の点数は整数で入力してください（入力値: 3.5）",
     "The score for feasibility must be a whole number, got 3.5."),
    (lambda w, rows: rows[5].__setitem__(4, ""), 7,
     "impact の点数が空欄です", "The score for impact is empty."),
    (lambda w, rows: rows[0].__setitem__(1, ""), 2,
     "judge_email の欄が空欄です", "The judge_email cell is empty."),
    (lambda w, rows: rows.append(list(rows[0])), 10,
     "は 2 行目にすでにあります", "already appear in row 2."),
]


@pytest.mark.parametrize("language", ["ja", "en"])
@pytest.mark.parametrize(("spoil", "row", "japanese", "english"), BAD_ROWS)
def test_each_bad_row_is_named_and_nothing_is_written(client, office, language, spoil, row,
                                                      japanese, english):
    if language == "en":
        _english(client)
    rows = full_sheet(office)
    spoil(office, rows)
    response = _upload(client, office, sheet_csv(rows).encode())
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    expected = (japanese if language == "ja" else english).format(
        p2=office.pitches[2].id, p3=office.pitches[3].id)
    assert f'<th scope="row">{row}</th>' in page and expected in page
    assert _count(Scorecard) == _count(ScoreLine) == _count(ScoreAudit) == 0


def test_a_missing_column_is_reported_on_row_one(client, office):
    text = sheet_csv([row[:4] + row[5:] for row in full_sheet(office)],
                     keys=("novelty", "feasibility"))
    page = _upload(client, office, text.encode()).get_data(as_text=True)
    assert '<th scope="row">1</th>' in page and "列 impact がありません" in page
    assert _count(Scorecard) == 0


def test_every_problem_of_a_file_is_listed_at_once(client, office):
    rows = full_sheet(office)
    rows[0][2], rows[3][3], rows[7][1] = 0, "x", "nobody@example.jp"
    page = _upload(client, office, sheet_csv(rows).encode()).get_data(as_text=True)
    assert "問題が 3 件" in page
    for row in (2, 5, 9):
        assert f'<th scope="row">{row}</th>' in page
    assert _count(Scorecard) == 0


@pytest.mark.parametrize("encoding", ["cp932", "utf-8-sig", "utf-8"])
def test_csv_in_every_accepted_encoding(client, office, encoding):
    rows = full_sheet(office)
    rows[0][5] = "実現性が高く、費用も妥当"
    assert _upload(client, office, sheet_csv(rows).encode(encoding)).status_code == 302
    comments = set(db.session.scalars(db.select(Scorecard.comment)))
    assert "実現性が高く、費用も妥当" in comments and _count(Scorecard) == 8


def test_xlsx_is_imported(client, office):
    workbook = openpyxl.Workbook()
    workbook.active.append(HEADER)
    for row in full_sheet(office):
        workbook.active.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    assert _upload(client, office, buffer.getvalue(), "scores.xlsx").status_code == 302
    assert _count(Scorecard) == 8


def test_a_reimport_replaces_the_scores_and_the_audit_keeps_both(client, office):
    rows = full_sheet(office)
    _upload(client, office, sheet_csv(rows).encode())
    card = db.session.scalar(db.select(Scorecard).filter_by(
        judge_id=office.judges[0].id, pitch_id=office.pitches[0].id))
    first_submitted, version = card.submitted_at, card.version
    rows[0][2:] = [1, 1, 1, "再考しました"]
    response = _upload(client, office, sheet_csv(rows).encode())
    assert response.status_code == 302
    db.session.expire_all()
    card = db.session.get(Scorecard, card.id)
    assert sorted(line.score for line in card.lines) == [1, 1, 1]
    assert card.comment == "再考しました" and card.version == version + 1
    assert card.submitted_at == first_submitted and card.status == "submitted"
    assert _count(Scorecard) == 8 and _count(ScoreLine) == 24
    trail = db.session.scalars(db.select(ScoreAudit).filter_by(
        judge_id=card.judge_id, pitch_id=card.pitch_id).order_by(ScoreAudit.id)).all()
    assert [entry.source for entry in trail] == ["import", "import"]
    assert trail[0].old is None and trail[1].old == trail[0].new
    assert trail[0].new["scores"] == {"feasibility": 4, "impact": 5, "novelty": 3}
    assert trail[1].new["scores"] == {"feasibility": 1, "impact": 1, "novelty": 1}
    # The seven unchanged rows add nothing to the trail.
    assert _count(ScoreAudit) == 9


def test_a_closed_round_takes_no_import(client, office):
    office.round.state = "closed"
    db.session.commit()
    response = _upload(client, office, sheet_csv(full_sheet(office)).encode())
    assert response.status_code == 409
    assert "採点受付中の審査回にのみ" in response.get_data(as_text=True)
    assert _count(Scorecard) == 0


def test_no_file_or_a_wrong_file_is_refused(client, office):
    response = client.post(f"/scoresheets/rounds/{office.round.id}/import", data={},
                           content_type="multipart/form-data")
    assert response.status_code == 400
    assert "ファイルを選んでください" in response.get_data(as_text=True)
    response = _upload(client, office, b"%PDF-1.4", "scores.pdf")
    assert response.status_code == 400
    response = _upload(client, office, b"\xd0\xcf\x11\xe0rest", "scores.csv")
    assert "古い .xls" in response.get_data(as_text=True)
    assert _count(Scorecard) == 0


@pytest.mark.parametrize("role", ["startup", "bureau", "expert"])
def test_only_the_secretariat_imports(client, auth, sheet_round, role):
    user = make_user(role)
    db.session.commit()
    auth.login(user)
    assert client.get(f"/scoresheets/rounds/{sheet_round.round.id}").status_code == 403
    response = _upload(client, sheet_round, sheet_csv(full_sheet(sheet_round)).encode())
    assert response.status_code == 403 and _count(Scorecard) == 0


def test_a_judge_cannot_import_even_their_own_scores(client, auth, sheet_round):
    auth.login(sheet_round.judges[0])
    assert _upload(client, sheet_round, b"pitch_id\n").status_code == 403


def test_anonymous_and_missing_rounds(client, auth, sheet_round):
    assert client.get(f"/scoresheets/rounds/{sheet_round.round.id}").status_code == 302
    auth.login(sheet_round.admin)
    assert client.get("/scoresheets/rounds/999999").status_code == 404
    response = client.post("/scoresheets/rounds/999999/import", data={},
                           content_type="multipart/form-data")
    assert response.status_code == 404


def test_secretariat_index_lists_rounds_with_counts(client, office):
    make_judge(office.contest)
    db.session.commit()
    page = client.get("/scoresheets/").get_data(as_text=True)
    assert "採点シート" in page and f"/scoresheets/rounds/{office.round.id}" in page
