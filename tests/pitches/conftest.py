import io

import pytest

from pitch.extensions import db
from pitch.pitches.blind_deck import SUFFIX
from tests.factories import make_challenge, make_user
from tests.pdfs import make_pdf

# A real PDF: a deck is stored only if pypdf can read it (to copy it for blind rounds).
PDF = make_pdf()
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def complete_form(**overrides) -> dict:
    data = {
        "title": "避難所の混雑を見える化",
        "summary": "避難所の混雑状況を地図で共有します。",
        "problem": "避難所の混雑が分からない。",
        "solution": "センサーとアプリで可視化する。",
        "novelty": "既存の防犯カメラを活用する。",
        "plan": "3か月で試作、6か月で実証。",
        "cost_yen": "3,000,000",
        "team": "エンジニア3名",
        "video_url": "https://video.example.jp/pitch",
        "not_listed": "y", "no_other_funding": "y", "not_antisocial": "y",
        "privacy_consent": "y",
        "action": "submit",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def pdf_file(name: str = "deck.pdf", content: bytes = PDF):
    return (io.BytesIO(content), name)


def with_copy(stored_name: str) -> list[str]:
    """A stored deck and its copy for blind rounds, as ``uploads()`` lists them."""
    return sorted([stored_name, stored_name.removesuffix(".pdf") + SUFFIX])


@pytest.fixture
def challenge(app):
    challenge = make_challenge()
    db.session.commit()
    return challenge


@pytest.fixture
def member(app):
    user = make_user("startup")
    db.session.commit()
    return user


@pytest.fixture
def teammate(member):
    user = make_user("startup", startup_id=member.startup_id)
    db.session.commit()
    return user


@pytest.fixture
def uploads(app):
    """The files stored in the upload folder, as a function."""
    from pathlib import Path

    folder = Path(app.config["UPLOAD_FOLDER"])
    return lambda: sorted(p.name for p in folder.iterdir()) if folder.exists() else []


# The browser journeys' fixtures (real Chromium), for test_browser.py.
from tests.browser.conftest import browser, live_server, new_page  # noqa: E402,F401
