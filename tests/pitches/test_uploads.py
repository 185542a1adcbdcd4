"""The deck: checked by content and size, stored under a random name, served with care."""

import io
from pathlib import Path
from urllib.parse import quote

import pytest
from pypdf import PdfReader
from werkzeug.test import EnvironBuilder

from pitch.extensions import db
from pitch.models import Pitch
from pitch.models.types import utcnow
from pitch.pitches import operations
from pitch.pitches.blind_deck import SUFFIX
from pitch.uploads import StoredFile
from tests.pdfs import make_pdf
from tests.pitches.conftest import PDF, PNG, complete_form, pdf_file, with_copy


def _post(client, challenge, deck, **overrides):
    return client.post(f"/challenges/{challenge.id}/pitch",
                       data=complete_form(deck=deck, **overrides),
                       content_type="multipart/form-data")


def _pitch() -> Pitch | None:
    db.session.expire_all()
    return db.session.scalar(db.select(Pitch))


def test_a_renamed_non_pdf_is_refused(client, auth, member, challenge, uploads):
    auth.login(member)
    response = _post(client, challenge, pdf_file("deck.pdf", PNG))
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert "ファイルの中身が PDF ではありません" in page
    assert 'value="避難所の混雑を見える化"' in page
    assert _pitch() is None and uploads() == []


def test_an_oversized_file_is_refused(app, client, auth, member, challenge, uploads):
    app.config["DECK_MAX_BYTES"] = 1024 * 1024
    auth.login(member)
    big = PDF + b"0" * (1024 * 1024)
    # Past 500 KB the test client spools the body to a temporary file it never closes.
    builder = EnvironBuilder(path=f"/challenges/{challenge.id}/pitch", method="POST",
                             base_url="http://pitch.test/",
                             data=complete_form(deck=pdf_file("big.pdf", big)))
    environ = builder.get_environ()
    try:
        response = client.open(environ)
    finally:
        environ["wsgi.input"].close()
        builder.close()
    assert response.status_code == 400
    assert "ファイルが 1 MB を超えています" in response.get_data(as_text=True)
    assert _pitch() is None and uploads() == []


def test_a_pdf_that_cannot_be_read_is_refused(client, auth, member, challenge, uploads):
    auth.login(member)
    response = _post(client, challenge, pdf_file("deck.pdf", b"%PDF-1.7 cut short"))
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert "PDFを読み取れませんでした" in page and 'value="避難所の混雑を見える化"' in page
    assert _pitch() is None and uploads() == []


def test_an_upload_keeps_the_original_and_a_copy_without_properties(app, client, auth, member,
                                                                    challenge, uploads):
    named = make_pdf(2, name="Sora Inc.")
    auth.login(member)
    _post(client, challenge, pdf_file("deck.pdf", named))
    pitch = _pitch()
    folder = Path(app.config["UPLOAD_FOLDER"])
    copy = (folder / with_copy(pitch.deck_stored_name)[0]).read_bytes()
    assert (folder / pitch.deck_stored_name).read_bytes() == named
    assert b"Sora" not in copy and len(PdfReader(io.BytesIO(copy)).pages) == 2


def test_a_pdf_with_any_name_is_accepted(client, auth, member, challenge, uploads):
    auth.login(member)
    _post(client, challenge, pdf_file("slides.bin", PDF))
    pitch = _pitch()
    assert pitch.status == "submitted" and uploads() == with_copy(pitch.deck_stored_name)


def test_path_parts_are_dropped_and_the_japanese_name_is_served(client, auth, member,
                                                                 challenge, uploads):
    auth.login(member)
    _post(client, challenge, pdf_file("..\\..\\秘密/../提案書 最終版.pdf"))
    pitch = _pitch()
    assert pitch.deck_original_name == "提案書 最終版.pdf"
    stored = uploads()
    assert stored == with_copy(pitch.deck_stored_name)
    assert not any("提案" in name for name in stored)
    assert len(pitch.deck_stored_name) == len("0" * 32 + ".pdf")
    response = client.get(f"/pitches/{pitch.id}/deck")
    assert response.status_code == 200 and response.data == PDF
    disposition = response.headers["Content-Disposition"]
    assert disposition.startswith("attachment;")
    assert f"filename*=UTF-8''{quote('提案書 最終版.pdf')}" in disposition
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Content-Type"] == "application/pdf"
    response.close()


def test_the_file_is_outside_static(app, client, auth, member, challenge, uploads):
    auth.login(member)
    _post(client, challenge, pdf_file())
    name = _pitch().deck_stored_name
    assert not Path(app.static_folder, name).exists()
    assert client.get(f"/static/{name}").status_code == 404


def test_a_rejected_form_asks_for_the_file_again_and_stores_nothing(client, auth, member,
                                                                     challenge, uploads):
    auth.login(member)
    response = _post(client, challenge, pdf_file(), title="", action="submit")
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert "資料をもう一度選んでください" in page and "避難所の混雑状況を地図で共有します。" in page
    assert uploads() == []


def test_replacing_the_deck_removes_the_old_file_after_commit(client, auth, member, challenge,
                                                              uploads):
    auth.login(member)
    _post(client, challenge, pdf_file("v1.pdf"))
    pitch = _pitch()
    old = pitch.deck_stored_name
    response = client.post(f"/pitches/{pitch.id}/edit", content_type="multipart/form-data",
                           data=complete_form(deck=pdf_file("v2.pdf")))
    assert response.status_code == 302
    pitch = _pitch()
    assert pitch.deck_original_name == "v2.pdf"
    assert uploads() == with_copy(pitch.deck_stored_name)
    assert pitch.deck_stored_name != old


def test_a_rolled_back_replacement_keeps_the_old_file(app, member, challenge, uploads):
    folder = Path(app.config["UPLOAD_FOLDER"])
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "old.pdf").write_bytes(PDF)
    (folder / "new.pdf").write_bytes(PDF)
    pitch = Pitch(challenge=challenge, startup_id=member.startup_id, status="draft",
                  deck_stored_name="old.pdf", deck_original_name="old.pdf", deck_size=len(PDF))
    db.session.add(pitch)
    db.session.commit()
    new = StoredFile("new.pdf", "new.pdf", "application/pdf", len(PDF))
    operations.keep_until_commit(new)
    values = {name: getattr(pitch, name) for name in operations.CONTENT_FIELDS}
    operations.save_pitch(pitch, member, values, new, remove_deck=False, submit=False,
                          now=utcnow())
    assert uploads() == ["new.pdf", "old.pdf"]
    db.session.rollback()
    assert uploads() == ["old.pdf"]


def test_removing_the_deck(client, auth, member, challenge, uploads):
    auth.login(member)
    _post(client, challenge, pdf_file(), action="draft")
    pitch = _pitch()
    client.post(f"/pitches/{pitch.id}/edit", data=complete_form(remove_deck="y", action="draft"))
    pitch = _pitch()
    assert pitch.deck_stored_name is None and uploads() == []
    assert client.get(f"/pitches/{pitch.id}/deck").status_code == 404


def test_an_empty_file_field_keeps_the_current_deck(client, auth, member, challenge, uploads):
    auth.login(member)
    _post(client, challenge, pdf_file())
    pitch = _pitch()
    client.post(f"/pitches/{pitch.id}/edit", content_type="multipart/form-data",
                data=complete_form(deck=(io.BytesIO(b""), ""), title="新しい題"))
    pitch = _pitch()
    assert pitch.title == "新しい題" and uploads() == with_copy(pitch.deck_stored_name)


def test_a_copy_that_cannot_be_written_leaves_no_file_behind(client, auth, member, challenge,
                                                             uploads, monkeypatch):
    write_bytes = Path.write_bytes

    def disk_fills_up(path: Path, data: bytes) -> int:
        if not path.name.endswith(SUFFIX):
            return write_bytes(path, data)
        write_bytes(path, data[:10])
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(Path, "write_bytes", disk_fills_up)
    auth.login(member)
    with pytest.raises(OSError, match="No space left"):
        _post(client, challenge, pdf_file())
    assert _pitch() is None and uploads() == []
