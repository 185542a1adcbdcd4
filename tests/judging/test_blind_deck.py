"""A judge of a blind round gets the deck without the properties that name the startup;
everyone else, and every other round, gets the file the startup uploaded."""

import io
from pathlib import Path

import pytest
from pypdf import PdfReader

from pitch.extensions import db
from pitch.pitches import blind_deck
from tests.factories import make_user
from tests.judging.helpers import assign, enter, make_scene
from tests.pdfs import make_pdf, page_sizes

NAME = "Sora Inc."
STORED = "c" * 32 + ".pdf"
PAGES = 3


def _store(app, content: bytes) -> Path:
    folder = Path(app.config["UPLOAD_FOLDER"])
    folder.mkdir(parents=True, exist_ok=True)
    (folder / STORED).write_bytes(content)
    return folder


def _scene(app, blind: bool = True, content: bytes | None = None):
    original = make_pdf(PAGES, name=NAME) if content is None else content
    folder = _store(app, original)
    scene = make_scene(blind=blind, startup_names=(NAME,))
    pitch = scene.pitches[0]
    pitch.deck_stored_name, pitch.deck_original_name = STORED, f"{NAME} deck.pdf"
    pitch.deck_size = len(original)
    db.session.commit()
    return scene, pitch, original, folder


def _download(client, auth, user, url: str):
    auth.login(user)
    response = client.get(url)
    data = response.get_data()
    response.close()
    client.get("/auth/logout")
    return response, data


def _judge_url(round_, pitch) -> str:
    return f"/judging/rounds/{round_.id}/pitches/{pitch.id}/deck"


def test_a_blind_judge_gets_the_pages_without_the_properties(app, client, auth):
    scene, pitch, original, _folder = _scene(app)
    response, data = _download(client, auth, scene.judges[0], _judge_url(scene.screening, pitch))
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    assert NAME.encode() in original and NAME.encode() not in data
    reader = PdfReader(io.BytesIO(data))
    assert reader.metadata is None and reader.xmp_metadata is None
    assert all("/Metadata" not in page for page in reader.pages)
    sizes = [(float(page.mediabox.width), float(page.mediabox.height)) for page in reader.pages]
    assert sizes == page_sizes(PAGES)
    assert "Sora" not in response.headers["Content-Disposition"]


def test_the_copy_stored_with_the_deck_is_served_as_it_is(app, client, auth, monkeypatch):
    scene, pitch, _original, folder = _scene(app)
    assert blind_deck.make_copy(STORED)
    stored_copy = (folder / ("c" * 32 + blind_deck.SUFFIX)).read_bytes()

    def must_not_run(data):
        raise AssertionError("the copy is made once, when the deck is stored")

    monkeypatch.setattr(blind_deck, "without_properties", must_not_run)
    url = _judge_url(scene.screening, pitch)
    assert _download(client, auth, scene.judges[0], url)[1] == stored_copy


def test_a_deck_stored_without_a_copy_is_copied_in_memory(app, client, auth):
    """Reading a page writes nothing, not even a copy."""
    scene, pitch, _original, folder = _scene(app)
    url = _judge_url(scene.screening, pitch)
    response, data = _download(client, auth, scene.judges[0], url)
    assert response.status_code == 200 and NAME.encode() not in data
    assert sorted(path.name for path in folder.iterdir()) == [STORED]


@pytest.mark.parametrize("who", ["team", "admin"])
def test_the_team_and_the_secretariat_get_the_original(app, client, auth, who):
    scene, pitch, original, _folder = _scene(app)
    user = make_user(role="startup", startup=pitch.startup) if who == "team" else scene.admin
    db.session.commit()
    response, data = _download(client, auth, user, f"/pitches/{pitch.id}/deck")
    assert response.status_code == 200 and data == original


@pytest.mark.parametrize("round_name", ["screening of an open contest", "final"])
def test_a_round_that_is_not_blind_serves_the_original(app, client, auth, round_name):
    scene, pitch, original, folder = _scene(app, blind=round_name == "final")
    round_ = scene.screening
    if round_name == "final":
        round_ = scene.final
        enter(round_, pitch)
        assign(round_, scene.judges[0], pitch)
        db.session.commit()
    response, data = _download(client, auth, scene.judges[0], _judge_url(round_, pitch))
    assert response.status_code == 200 and data == original
    assert "Sora" in response.headers["Content-Disposition"]
    assert sorted(path.name for path in folder.iterdir()) == [STORED]


def test_an_unreadable_deck_is_not_served_in_a_blind_round(app, client, auth):
    scene, pitch, _original, folder = _scene(app, content=b"%PDF-1.4 made by Sora Inc.")
    auth.login(scene.judges[0])
    response = client.get(_judge_url(scene.screening, pitch))
    assert response.status_code == 302
    assert response.headers["Location"].endswith(f"/judging/rounds/{scene.screening.id}"
                                                 f"/pitches/{pitch.id}")
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "ブラインド審査のため、この資料は表示できません" in page
    assert sorted(path.name for path in folder.iterdir()) == [STORED]
