"""Decks encrypted to restrict what may be done with them (Acrobat, Office) open without a
password: they are stored, and their copy for blind rounds is written readable. A deck
that needs a password to open is refused: judges could not read it."""

import io
from pathlib import Path

import pytest
from pypdf import PdfReader

from pitch.extensions import db
from pitch.models import Pitch
from tests.pdfs import encrypted, make_pdf
from tests.pitches.conftest import complete_form, pdf_file, with_copy


def _upload(client, challenge, content: bytes):
    return client.post(f"/challenges/{challenge.id}/pitch",
                       data=complete_form(deck=pdf_file("deck.pdf", content)),
                       content_type="multipart/form-data")


@pytest.mark.parametrize("algorithm", ["AES-128", "AES-256", "RC4-128"])
def test_a_deck_with_only_an_owner_password_is_stored_and_copied(app, client, auth, member,
                                                                  challenge, uploads,
                                                                  algorithm):
    deck = encrypted(make_pdf(2, name="Sora Inc."), algorithm)
    auth.login(member)
    assert _upload(client, challenge, deck).status_code == 302
    pitch = db.session.scalar(db.select(Pitch))
    assert uploads() == with_copy(pitch.deck_stored_name)
    folder = Path(app.config["UPLOAD_FOLDER"])
    assert (folder / pitch.deck_stored_name).read_bytes() == deck
    copy = PdfReader(io.BytesIO((folder / with_copy(pitch.deck_stored_name)[0]).read_bytes()))
    assert not copy.is_encrypted and len(copy.pages) == 2
    assert copy.metadata is None and copy.xmp_metadata is None


def test_a_deck_that_needs_a_password_to_open_is_refused(client, auth, member, challenge,
                                                         uploads):
    auth.login(member)
    response = _upload(client, challenge, encrypted(make_pdf(2), "AES-256", "open"))
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert "開くためのパスワードを付けずに保存し直して" in page
    assert "PDFを読み取れませんでした" not in page
    assert 'value="避難所の混雑を見える化"' in page
    assert db.session.scalar(db.select(Pitch)) is None and uploads() == []
