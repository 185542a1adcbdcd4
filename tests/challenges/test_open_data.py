"""The public challenges as open data: CSV and JSON under CC BY 4.0."""

import csv
import io

import pytest

from pitch.challenges.opendata import COLUMNS
from pitch.extensions import db
from tests.challenges.conftest import add_challenge
from tests.factories import make_bureau, make_contest


@pytest.fixture
def data(app):
    contest = make_contest(state="open", title_ja="都市防災ピッチ")
    bureau = make_bureau(code="toshi", name_ja="都市整備局")
    add_challenge(contest, bureau, title="延焼リスクの見える化", title_en="Fire risk",
                  summary="木密地域, \"延焼\"\n2行目", budget_yen=8_000_000, tags="防災,可視化",
                  data_links="https://a.example.jp/1\nhttps://a.example.jp/2")
    add_challenge(contest, bureau, "closed", title="終了した課題")
    add_challenge(contest, bureau, "draft", title="下書きの課題")
    add_challenge(make_contest(state="draft"), bureau, title="準備中の課題")
    db.session.commit()


def test_csv(client, data):
    response = client.get("/challenges/open-data.csv")
    assert response.status_code == 200
    assert response.mimetype == "text/csv"
    assert 'rel="license"' in response.headers["Link"]
    assert "creativecommons.org/licenses/by/4.0" in response.headers["Link"]
    text = response.get_data(as_text=True)
    assert text.startswith("\ufeff")
    rows = list(csv.DictReader(io.StringIO(text.removeprefix("\ufeff"))))
    assert tuple(rows[0]) == COLUMNS
    assert [row["title"] for row in rows] == ["延焼リスクの見える化", "終了した課題"]
    first = rows[0]
    assert first["summary"] == "木密地域, \"延焼\"\n2行目"
    assert (first["budget_yen"], first["bureau_code"], first["contest_title"]) == (
        "8000000", "toshi", "都市防災ピッチ")
    assert first["tags"] == "防災|可視化"
    assert first["data_links"] == "https://a.example.jp/1|https://a.example.jp/2"
    assert first["url"].endswith(f"/challenges/{first['id']}")
    assert rows[1]["status"] == "closed" and rows[1]["budget_yen"] == ""


def test_json(client, data):
    response = client.get("/challenges/open-data.json")
    assert response.status_code == 200
    body = response.get_json()
    assert body["license"] == {"name": "CC BY 4.0",
                               "url": "https://creativecommons.org/licenses/by/4.0/"}
    titles = [item["title"] for item in body["challenges"]]
    assert titles == ["延焼リスクの見える化", "終了した課題"]
    first = body["challenges"][0]
    assert set(first) == set(COLUMNS)
    assert first["tags"] == ["防災", "可視化"] and first["budget_yen"] == 8_000_000
    assert "延焼" in response.get_data(as_text=True)  # UTF-8, not \\u escapes


def test_list_links_to_open_data_with_the_licence(client, data):
    page = client.get("/challenges").get_data(as_text=True)
    assert "/challenges/open-data.csv" in page and "/challenges/open-data.json" in page
    assert "CC BY 4.0" in page
