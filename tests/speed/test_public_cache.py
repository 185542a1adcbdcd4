"""Public pages served from the cache to visitors who are not logged in: never stale, never
someone else's page, each visitor with their own CSRF token."""

import re
from datetime import timedelta

import pytest

from pitch import cache
from pitch.challenges import routes as challenge_routes
from pitch.extensions import db
from pitch.models import Challenge, Question
from pitch.models.types import utcnow
from tests import factories
from tests.conftest import make_app

PAGES = ("/", "/challenges")
TOKEN = re.compile(r'name="csrf_token" value="([^"]+)"')


@pytest.fixture
def challenge(app):
    challenge = factories.make_challenge(title="浸水センサーの設置場所")
    db.session.commit()
    return challenge


@pytest.fixture
def other_worker(app_config):
    return make_app(app_config)


def get(client, path: str) -> str:
    response = client.get(path)
    assert response.status_code == 200
    return response.get_data(as_text=True)


def pages_cached(app) -> int:
    return len(app.extensions["pitch_caches"]["pages"])


@pytest.mark.parametrize("path", PAGES)
def test_an_edit_in_another_worker_shows_at_once(client, challenge, other_worker, path):
    assert "浸水センサーの設置場所" in get(client, path)
    assert pages_cached(client.application) == 1
    get(client, path)  # served from the cache
    with other_worker.app_context():
        db.session.get(Challenge, challenge.id).title = "避難所の混雑を知らせる"
        db.session.commit()
    body = get(client, path)
    assert "避難所の混雑を知らせる" in body and "浸水センサーの設置場所" not in body


def test_an_answer_shows_at_once_on_the_challenge_page(client, challenge, other_worker):
    path = f"/challenges/{challenge.id}"
    assert "雨量計のデータは" not in get(client, path)
    with other_worker.app_context():
        asker = factories.make_user("startup")
        db.session.add(Question(challenge_id=challenge.id, asker_id=asker.id, body="データは？",
                                answer="雨量計のデータは毎時公開します。", answered_at=utcnow()))
        db.session.commit()
    assert "雨量計のデータは" in get(client, path)


def test_the_question_deadline_passing_shows_without_any_edit(client, challenge, monkeypatch):
    path = f"/challenges/{challenge.id}"
    assert "質問するにはスタートアップとしてログインしてください" in get(client, path)
    later = utcnow() + timedelta(days=6)  # past the contest's question deadline
    monkeypatch.setattr(cache, "utcnow", lambda: later)
    monkeypatch.setattr(challenge_routes, "utcnow", lambda: later)
    assert "質問の受付は終了しました" in get(client, path)


def test_a_draft_is_not_found_until_published(client, other_worker):
    draft = factories.make_challenge(status="draft", title="下書きの課題")
    db.session.commit()
    assert client.get(f"/challenges/{draft.id}").status_code == 404
    with other_worker.app_context():
        db.session.get(Challenge, draft.id).status = "published"
        db.session.commit()
    assert "下書きの課題" in get(client, f"/challenges/{draft.id}")


@pytest.mark.parametrize("path", PAGES)
def test_logged_in_users_never_share_the_cached_page(client, auth, challenge, path):
    anonymous = get(client, path)
    assert "ログアウト" not in anonymous
    startup = factories.make_user("startup")
    db.session.commit()
    auth.login(startup)
    assert "ログアウト" in get(client, path)
    assert pages_cached(client.application) == 1  # the logged-in page was not stored
    auth.logout()  # leaves a flash message: that request goes through the view
    assert "ログアウトしました" in get(client, "/")
    assert "ログアウト" not in get(client, path)


def test_each_visitor_gets_their_own_working_csrf_token(app_config, challenge):
    app = make_app(dict(app_config, WTF_CSRF_ENABLED=True))
    first, second = app.test_client(), app.test_client()
    with app.app_context():
        first_token = TOKEN.search(get(first, "/")).group(1)
        second_token = TOKEN.search(get(second, "/")).group(1)  # from the cache
        assert pages_cached(app) == 1
        assert first_token != second_token and cache.CSRF_SLOT not in get(second, "/")
        switched = second.post("/language", data={"language": "en", "next": "/",
                                                  "csrf_token": second_token})
        assert switched.status_code == 302
        assert "Challenges" in get(second, "/")  # English, a page of its own
        assert first.post("/language", data={"language": "en", "next": "/",
                                             "csrf_token": second_token}).status_code == 400
        db.session.remove()


def test_the_page_cache_is_bounded(app_config, challenge):
    """By the bytes it holds: a budget of two and a half pages keeps two."""
    first = make_app(app_config)
    with first.app_context():
        get(first.test_client(), "/challenges?page=1")
        page_bytes = first.extensions["pitch_caches"]["pages"].weight
        db.session.remove()
    app = make_app(dict(app_config, PAGES_CACHE_SIZE=page_bytes * 5 // 2))
    client = app.test_client()
    with app.app_context():
        for page in range(1, 5):
            get(client, f"/challenges?page={page}")
        assert pages_cached(app) == 2
        db.session.remove()
