"""Blind screening beyond names: the video link, and the startup told what not to write."""

import pytest

from pitch.extensions import db
from tests.factories import make_user
from tests.judging.helpers import make_challenge, make_scene

VIDEO = "https://www.youtube.com/@himitsu-bousai/videos"


def _video_scene(blind: bool):
    scene = make_scene(blind=blind)
    scene.pitches[0].video_url = VIDEO
    db.session.commit()
    return scene


@pytest.mark.parametrize("view", ["pitches", "day"])
def test_blind_screening_hides_the_video_link(app, client, auth, view):
    scene = _video_scene(blind=True)
    auth.login(scene.judges[0])
    response = client.get(f"/judging/rounds/{scene.screening.id}/{view}/{scene.pitches[0].id}")
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "himitsu" not in page and "youtube" not in page
    assert "ブラインド審査では表示しません" in page


def test_open_screening_shows_the_video_link(app, client, auth):
    scene = _video_scene(blind=False)
    auth.login(scene.judges[0])
    page = client.get(f"/judging/rounds/{scene.screening.id}/pitches/{scene.pitches[0].id}")
    assert VIDEO in page.get_data(as_text=True)


def test_api_and_page_agree_on_the_video_in_blind_screening(app, client):
    from tests.api.conftest import API, bearer

    scene = _video_scene(blind=True)
    url = f"{API}/judging/rounds/{scene.screening.id}/pitches/{scene.pitches[0].id}"
    body = client.get(url, headers=bearer(scene.judges[0])).get_json()
    assert body["blind"] is True and body["pitch"]["video_url"] is None


@pytest.mark.parametrize(("blind", "shown"), [(True, True), (False, False)])
def test_pitch_form_warns_the_startup_in_a_blind_contest(app, client, auth, blind, shown):
    scene = make_scene(blind=blind, pitches=0, judges=0)
    challenge = make_challenge(scene.contest)
    member = make_user(role="startup")
    db.session.commit()
    auth.login(member)
    response = client.get(f"/challenges/{challenge.id}/pitch")
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert ('id="blind-screening-note"' in page) is shown
    assert ("会社名、メンバーの氏名、製品のブランド名を書かないでください" in page) is shown
    assert ("資料は文書のプロパティ（作成者・タイトルなど）を取り除いて渡されます" in page) is shown
