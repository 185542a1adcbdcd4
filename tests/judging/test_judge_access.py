"""Conflicts and blind screening hold on every judge route, whatever URL is typed."""

import io
import re

import pytest
from pypdf import PdfReader

from pitch.extensions import db
from pitch.models import Pitch
from tests.judging.helpers import add_conflict, assign, enter, make_scene
from tests.pdfs import make_pdf

SECRET_NAME = "株式会社ヒミツ防災"
SECRET_NUMBER = "7000012050002"
MEMBER_NAME = "山田 秘密"


def _judge_urls(round_id: int, pitch_id: int) -> list[str]:
    return [f"/judging/rounds/{round_id}/pitches/{pitch_id}",
            f"/judging/rounds/{round_id}/day/{pitch_id}",
            f"/judging/rounds/{round_id}/pitches/{pitch_id}/deck"]


@pytest.fixture
def deck(app):
    """A stored deck whose original name and document properties carry the startup's name."""
    import os

    folder = app.config["UPLOAD_FOLDER"]
    os.makedirs(folder, exist_ok=True)
    with open(os.path.join(folder, "a" * 32 + ".pdf"), "wb") as stored:
        stored.write(make_pdf(name=SECRET_NAME))
    return "a" * 32 + ".pdf"


def test_a_conflicted_judge_gets_404_everywhere_even_when_assigned(app, client, auth, deck):
    scene = make_scene(state="open")
    judge, pitch = scene.judges[0], scene.pitches[0]
    pitch.deck_stored_name, pitch.deck_original_name = deck, "deck.pdf"
    scene.final.state = "open"
    enter(scene.final, pitch)
    assign(scene.final, judge, pitch)
    add_conflict(scene.contest, judge, pitch, by=scene.admin)
    # The conflict is recorded behind the operations' back: the assignments stay.
    assign_check = db.session.execute(db.text(
        "select count(*) from assignment where judge_id = :j and pitch_id = :p"),
        {"j": judge.id, "p": pitch.id}).scalar()
    assert assign_check == 2
    db.session.commit()
    auth.login(judge)
    for round_ in (scene.screening, scene.final):
        for url in _judge_urls(round_.id, pitch.id):
            assert client.get(url).status_code == 404, url
        for url in _judge_urls(round_.id, pitch.id)[:2]:
            response = client.post(url, data={"score-novelty": "5", "action": "draft",
                                              "version": "0"})
            assert response.status_code == 404, url
    # Nor does it appear on the dashboard or in the running order.
    html = client.get("/judging/").get_data(as_text=True)
    assert f"/pitches/{pitch.id}\"" not in html
    other = scene.pitches[1]
    html = client.get(f"/judging/rounds/{scene.screening.id}/day/{other.id}").get_data(as_text=True)
    assert f"/day/{pitch.id}\"" not in html


def test_a_judge_from_the_startup_itself_is_conflicted(app, client, auth):
    scene = make_scene()
    judge, pitch = scene.judges[0], scene.pitches[0]
    judge.startup_id = pitch.startup_id
    db.session.commit()
    auth.login(judge)
    for url in _judge_urls(scene.screening.id, pitch.id):
        assert client.get(url).status_code == 404, url


def test_a_judge_without_the_assignment_gets_404(app, client, auth, deck):
    scene = make_scene()
    judge, pitch = scene.judges[0], scene.pitches[0]
    pitch.deck_stored_name = deck
    db.session.execute(db.text("delete from assignment where judge_id = :j and pitch_id = :p"),
                       {"j": judge.id, "p": pitch.id})
    db.session.commit()
    auth.login(judge)
    for url in _judge_urls(scene.screening.id, pitch.id):
        assert client.get(url).status_code == 404, url


def _identity_scene(blind: bool, deck: str):
    from tests.factories import make_user

    scene = make_scene(blind=blind, startup_names=(SECRET_NAME,))
    pitch: Pitch = scene.pitches[0]
    pitch.startup.corporate_number = SECRET_NUMBER
    pitch.title, pitch.team = "避難所混雑の見える化", f"代表 {MEMBER_NAME}"
    pitch.deck_stored_name, pitch.deck_original_name = deck, f"{SECRET_NAME}_資料.pdf"
    make_user(role="startup", startup=pitch.startup, name=MEMBER_NAME)
    db.session.commit()
    return scene, pitch


def _leaks(text: str) -> list[str]:
    return [secret for secret in (SECRET_NAME, SECRET_NUMBER, MEMBER_NAME) if secret in text]


def test_blind_screening_pages_and_downloads_show_no_identity(app, client, auth, deck):
    scene, pitch = _identity_scene(True, deck)
    auth.login(scene.judges[0])
    round_id = scene.screening.id
    pages = ["/judging/", *_judge_urls(round_id, pitch.id)[:2],
             f"/judging/rounds/{round_id}/pitches/{scene.pitches[1].id}"]
    for url in pages:
        response = client.get(url)
        assert response.status_code == 200, url
        assert _leaks(response.get_data(as_text=True)) == [], url
    response = client.get(_judge_urls(round_id, pitch.id)[2])
    assert response.status_code == 200
    disposition = response.headers["Content-Disposition"]
    assert _leaks(str(response.headers)) == [] and "%E6%A0%AA" not in disposition
    assert re.search(r'filename="pitch-1-deck\.pdf"', disposition)
    assert PdfReader(io.BytesIO(response.get_data())).metadata is None
    response.close()


def test_open_rounds_show_the_startup(app, client, auth, deck):
    scene, pitch = _identity_scene(False, deck)
    auth.login(scene.judges[0])
    html = client.get(_judge_urls(scene.screening.id, pitch.id)[0]).get_data(as_text=True)
    assert SECRET_NAME in html and MEMBER_NAME in html
