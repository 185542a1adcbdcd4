"""Public records: contests, challenges with answered Q&A, published results, public pilots."""

import pytest

from pitch.extensions import db
from pitch.results.operations import publish
from tests.api.conftest import API, add_pilot, add_question, bearer, submit_all
from tests.factories import make_bureau, make_challenge, make_contest, make_pitch, make_user


def test_contests_list_leaves_drafts_out(client, app):
    shown = make_contest(title_ja="公開コンテスト")
    make_contest(state="draft", title_ja="準備中")
    db.session.commit()
    body = client.get(f"{API}/contests").get_json()
    assert [item["id"] for item in body["items"]] == [shown.id]
    assert body["total"] == 1 and body["page"] == 1 and body["per_page"] == 20


def test_contest_detail_has_rounds_and_rubric(client, app):
    contest = make_contest()
    db.session.commit()
    body = client.get(f"{API}/contests/{contest.id}").get_json()
    assert [r["number"] for r in body["rounds"]] == [1, 2]
    assert [c["key"] for c in body["rounds"][0]["criteria"]] == ["novelty", "feasibility", "impact"]
    assert body["blind_screening"] is True


@pytest.mark.parametrize("role", [None, "startup", "bureau", "admin"])
def test_draft_contest_is_404_for_everyone(client, app, role):
    """The public API shows public records only, whoever asks."""
    contest = make_contest(state="draft")
    headers = bearer(make_user(role=role)) if role else {}
    db.session.commit()
    response = client.get(f"{API}/contests/{contest.id}", headers=headers)
    assert response.status_code == 404
    assert response.get_json()["error"]["code"] == "not_found"


def test_challenges_pagination_envelope(client, app):
    contest = make_contest()
    for _ in range(5):
        make_challenge(contest)
    db.session.commit()
    body = client.get(f"{API}/challenges?per_page=2&page=3").get_json()
    assert (body["page"], body["per_page"], body["total"], len(body["items"])) == (3, 2, 5, 1)
    assert client.get(f"{API}/challenges?page=9").get_json()["items"] == []


@pytest.mark.parametrize("query", ["per_page=101", "per_page=0", "page=0", "page=x",
                                   "status=draft", "contest=-1"])
def test_bad_paging_or_filter_is_422(client, app, query):
    response = client.get(f"{API}/challenges?{query}")
    assert response.status_code == 422
    error = response.get_json()["error"]
    assert error["code"] == "unprocessable_entity"
    assert "query" in error["details"]


def test_challenge_filters_match_the_page(client, app):
    contest, other_contest = make_contest(), make_contest()
    bureau = make_bureau()
    wanted = make_challenge(contest, bureau, title="避難所の混雑", tags="防災,センサー",
                            summary="Shelter crowding")
    make_challenge(contest, title="道路の補修", tags="道路")
    make_challenge(other_contest, bureau, title="避難所の照明", tags="防災")
    make_challenge(contest, bureau, status="draft", title="避難所 下書き", tags="防災")
    closed = make_challenge(contest, bureau, status="closed", title="避難所 終了", tags="防災")
    db.session.commit()

    def ids(query):
        return {item["id"] for item in client.get(f"{API}/challenges?{query}").get_json()["items"]}

    assert ids(f"contest={contest.id}&bureau={bureau.id}") == {wanted.id, closed.id}
    assert ids(f"contest={contest.id}&tag=センサー") == {wanted.id}
    assert ids(f"contest={contest.id}&q=shelter") == {wanted.id}
    assert ids(f"contest={contest.id}&bureau={bureau.id}&status=closed") == {closed.id}


def test_challenge_detail_shows_answered_questions_only(client, app):
    challenge = make_challenge(data_links="https://example.org/a.csv\n\nhttps://example.org/b")
    asker = make_user(role="startup")
    answered = add_question(challenge, asker, "データ形式は？", "CSVです。")
    add_question(challenge, asker, "未回答の質問")
    db.session.commit()
    body = client.get(f"{API}/challenges/{challenge.id}", headers=bearer(asker)).get_json()
    assert [q["id"] for q in body["questions"]] == [answered.id]
    assert body["questions"][0]["answer"] == "CSVです。"
    assert body["data_links"] == ["https://example.org/a.csv", "https://example.org/b"]
    assert body["bureau"]["code"] == challenge.bureau.code


@pytest.mark.parametrize("role", [None, "bureau", "admin"])
def test_draft_challenge_is_404(client, app, role):
    challenge = make_challenge(status="draft")
    headers = bearer(make_user(role=role)) if role else {}
    db.session.commit()
    assert client.get(f"{API}/challenges/{challenge.id}", headers=headers).status_code == 404


def test_published_results_are_the_pages_open_data(client, published):
    contest = published.contest
    body = client.get(f"{API}/contests/{contest.id}/results").get_json()
    page_data = client.get(f"/results/contest/{contest.id}/open-data.json").get_json()
    assert body == page_data
    final, screening = body["rounds"]
    assert (final["round_id"], final["version"]) == (published.final.id, 1)
    assert [row["startup_name"] for row in final["pitches"]] == ["Sora Inc.", "Umi LLC"]
    assert [row["rank"] for row in final["pitches"]] == [1, 2]
    assert (screening["version"], screening["method"]) == (2, "median")
    assert len(screening["sha256"]) == 64


def test_pitches_left_out_of_the_final_are_not_named(client, published):
    body = client.get(f"{API}/contests/{published.contest.id}/results").get_data(as_text=True)
    assert "Yama KK" not in body
    assert "judge_id" not in body


def test_screening_alone_is_not_public_yet(client, scene):
    submit_all(scene)
    scene.screening.state = "closed"
    publish(scene.screening, "mean", scene.admin)
    db.session.commit()
    body = client.get(f"{API}/contests/{scene.contest.id}/results").get_json()
    assert body["rounds"] == []


def test_unpublished_results_are_empty(client, scene):
    body = client.get(f"{API}/contests/{scene.contest.id}/results").get_json()
    assert body["contest_id"] == scene.contest.id and body["rounds"] == []


def test_results_of_draft_contest_are_404(client, app):
    contest = make_contest(state="draft")
    db.session.commit()
    assert client.get(f"{API}/contests/{contest.id}/results").status_code == 404


def test_pilots_lists_public_ones_only(client, scene):
    shown = add_pilot(scene.pitches[0], public=True)
    add_pilot(scene.pitches[1], public=False, title="非公開")
    other_contest_pilot = add_pilot(make_pitch(make_challenge()), public=True, title="別コンテスト")
    db.session.commit()
    body = client.get(f"{API}/pilots").get_json()
    assert {item["id"] for item in body["items"]} == {shown.id, other_contest_pilot.id}
    only = client.get(f"{API}/pilots?contest={scene.contest.id}").get_json()
    assert [item["id"] for item in only["items"]] == [shown.id]
    item = only["items"][0]
    assert item["startup_name"] == "Sora Inc." and item["starts_on"] == "2026-04-01"
    assert item["ends_on"] is None
    by_bureau = client.get(f"{API}/pilots?bureau={shown.bureau_id}").get_json()
    assert [i["id"] for i in by_bureau["items"]] == [shown.id]



ROLES = ["startup", "bureau", "judge", "conflicted", "admin"]


@pytest.mark.parametrize("role", ROLES)
def test_public_endpoints_answer_every_role_alike(client, published, role):
    """Public records are the same whoever asks, signed in by token or not."""
    user = {"startup": published.startup, "bureau": published.bureau,
            "judge": published.judges[0], "conflicted": published.conflicted,
            "admin": published.admin}[role]
    challenge = published.pitches[0].challenge
    add_pilot(published.pitches[0], public=True)
    add_question(challenge, published.startup, "質問", "回答")
    db.session.commit()
    headers = bearer(user)
    for path in ("/contests", f"/contests/{published.contest.id}", "/challenges",
                 f"/challenges/{challenge.id}", f"/contests/{published.contest.id}/results",
                 "/pilots"):
        anonymous = client.get(API + path)
        signed_in = client.get(API + path, headers=headers)
        assert anonymous.status_code == signed_in.status_code == 200, path
        assert anonymous.get_json() == signed_in.get_json(), path
