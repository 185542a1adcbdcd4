"""Public pages: the list with search, filters and pages; safe Markdown; the home page."""

import re

import pytest

from pitch.extensions import db
from tests.challenges.conftest import add_challenge
from tests.factories import make_bureau, make_contest


@pytest.fixture
def listed(app):
    open_contest = make_contest(state="open", title_ja="都市防災ピッチ")
    other_contest = make_contest(state="results", title_ja="子育てピッチ")
    draft_contest = make_contest(state="draft", title_ja="準備中のピッチ")
    fire, welfare = make_bureau(name_ja="消防局"), make_bureau(name_ja="福祉局")
    items = {
        "river": add_challenge(open_contest, fire, title="河川の水位予測",
                               summary="豪雨の水位を予測したい", tags="防災,AI"),
        "shelter": add_challenge(open_contest, welfare, title="避難所の受付",
                                 situation="紙の名簿で Flood of paperwork", tags="防災,DX"),
        "closed": add_challenge(other_contest, welfare, "closed", title="保育所の空き状況",
                                tags="子育て"),
        "draft": add_challenge(open_contest, fire, "draft", title="下書きの課題", tags="防災"),
        "hidden": add_challenge(draft_contest, fire, title="準備中コンテストの課題", tags="防災"),
    }
    db.session.commit()
    return {"open": open_contest, "other": other_contest, "fire": fire, "welfare": welfare,
            **items}


def _titles(client, query: str = "") -> set[str]:
    page = client.get("/challenges" + query).get_data(as_text=True)
    every = ["河川の水位予測", "避難所の受付", "保育所の空き状況", "下書きの課題",
             "準備中コンテストの課題"]
    return {title for title in every if title in page}


def test_list_shows_public_challenges_only(client, listed):
    assert _titles(client) == {"河川の水位予測", "避難所の受付", "保育所の空き状況"}


@pytest.mark.parametrize("query, expected", [
    ("?q=水位", {"河川の水位予測"}),
    ("?q=豪雨", {"河川の水位予測"}),
    ("?q=flood", {"避難所の受付"}),
    ("?q=FLOOD+名簿", {"避難所の受付"}),
    ("?q=下書き", set()),
    ("?q=%25", set()),
    ("?tag=防災", {"河川の水位予測", "避難所の受付"}),
    ("?tag=防", set()),
    ("?tag=AI", {"河川の水位予測"}),
    ("?status=closed", {"保育所の空き状況"}),
    ("?status=published", {"河川の水位予測", "避難所の受付"}),
    ("?status=draft", {"河川の水位予測", "避難所の受付", "保育所の空き状況"}),
])
def test_search_and_filters(client, listed, query, expected):
    assert _titles(client, query) == expected


def test_filters_by_contest_and_bureau(client, listed):
    assert _titles(client, f"?contest={listed['other'].id}") == {"保育所の空き状況"}
    assert _titles(client, f"?bureau={listed['fire'].id}") == {"河川の水位予測"}
    welfare_open = f"?bureau={listed['welfare'].id}&contest={listed['open'].id}"
    assert _titles(client, welfare_open) == {"避難所の受付"}


def test_pagination_keeps_the_filters(app, client, listed):
    app.config["PER_PAGE"] = 1
    page = client.get("/challenges?tag=防災").get_data(as_text=True)
    assert "2ページ中 1ページ目" in page
    assert "page=2" in page and "tag=%E9%98%B2%E7%81%BD" in page
    second = client.get("/challenges?tag=防災&page=2").get_data(as_text=True)
    assert "2ページ中 2ページ目" in second
    assert client.get("/challenges?page=99").status_code == 200


def test_list_runs_a_fixed_number_of_queries(app, client, listed):
    from sqlalchemy import event

    statements = []
    engine = db.engine
    listener = lambda *args: statements.append(args[2])  # noqa: E731
    event.listen(engine, "before_cursor_execute", listener)
    try:
        client.get("/challenges")
    finally:
        event.remove(engine, "before_cursor_execute", listener)
    assert len([s for s in statements if "challenge" in s.lower()]) <= 3


def test_markdown_cannot_run_scripts(client, listed):
    challenge = listed["river"]
    challenge.situation = (
        "<script>alert(1)</script>\n\n"
        "[click](javascript:alert(2)) <img src=x onerror=alert(3)>\n\n"
        "[資料](https://example.jp/data)")
    db.session.commit()
    page = client.get(f"/challenges/{challenge.id}").get_data(as_text=True)
    assert "<script>alert(1)" not in page
    assert 'href="javascript' not in page
    assert "<img" not in page and "&lt;img" in page  # shown as text, never as an element
    assert 'href="https://example.jp/data" rel="nofollow noopener' in page


def test_home_shows_running_contests_and_their_public_challenges(client, listed):
    page = client.get("/").get_data(as_text=True)
    assert "都市防災ピッチ" in page and "子育てピッチ" in page
    assert "河川の水位予測" in page and "保育所の空き状況" in page
    assert "準備中のピッチ" not in page and "下書きの課題" not in page


def test_contest_page_shows_timeline_rubric_and_challenges(client, listed):
    page = client.get(f"/contests/{listed['open'].id}").get_data(as_text=True)
    current = re.search(r'step-current" aria-current="step">\s*<strong>([^<]+)', page)
    upcoming = re.search(r'step-next">\s*<strong>([^<]+)', page)
    assert (current.group(1), upcoming.group(1)) == ("応募の受付開始", "質問の締切")
    assert "河川の水位予測" in page and "下書きの課題" not in page
    assert "第1審査: 書類審査" in page and "重み" in page


def test_english_pages(client, listed):
    client.post("/language", data={"language": "en"})
    page = client.get("/challenges").get_data(as_text=True)
    assert "Search title and text" in page and "Open data" in page
