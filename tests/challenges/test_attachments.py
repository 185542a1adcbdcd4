"""Attachments: checked by content and size, served only where the challenge may be seen."""

import io

from pitch.challenges import operations
from pitch.extensions import db
from pitch.models import Attachment

PDF = b"%PDF-1.4\n%%EOF\n"


def _upload(client, challenge, content=PDF, name="説明資料.pdf"):
    return client.post(f"/challenges/{challenge.id}/attachments",
                       data={"file": (io.BytesIO(content), name)}, follow_redirects=True)


def test_attachment_is_downloadable_where_the_challenge_is_public(client, auth, cast):
    auth.login(cast.staff)
    _upload(client, cast.published)
    _upload(client, cast.draft)
    published, draft = (db.session.scalars(db.select(Attachment).where(
        Attachment.challenge_id == c.id)).one() for c in (cast.published, cast.draft))
    auth.logout()
    response = client.get(f"/challenges/{cast.published.id}/attachments/{published.id}")
    assert response.status_code == 200 and response.data == PDF
    assert response.mimetype == "application/pdf"
    assert "filename*=UTF-8''%E8%AA%AC" in response.headers["Content-Disposition"]
    response.close()
    assert client.get(f"/challenges/{cast.draft.id}/attachments/{draft.id}").status_code == 404
    # An attachment reached through another challenge's URL is not found.
    assert client.get(f"/challenges/{cast.published.id}/attachments/{draft.id}").status_code == 404


def test_content_that_is_not_pdf_or_image_is_refused(client, auth, cast):
    auth.login(cast.staff)
    page = _upload(client, cast.draft, content=b"MZ\x90\x00 not a pdf").get_data(as_text=True)
    assert "PDF" in page
    assert db.session.scalar(db.select(db.func.count()).select_from(Attachment)) == 0


def test_too_large_file_is_refused(client, auth, cast, monkeypatch):
    monkeypatch.setattr(operations, "ATTACHMENT_MAX_BYTES", 1024 * 1024)
    auth.login(cast.staff)
    _upload(client, cast.draft, content=PDF + b"0" * (1024 * 1024))
    assert db.session.scalar(db.select(db.func.count()).select_from(Attachment)) == 0


def test_staff_remove_an_attachment(client, auth, cast, app):
    from pathlib import Path

    auth.login(cast.staff)
    _upload(client, cast.draft)
    item = db.session.scalars(db.select(Attachment)).one()
    stored = Path(app.config["UPLOAD_FOLDER"]) / item.stored_name
    assert stored.exists()
    auth.logout()
    auth.login(cast.other_staff)
    url = f"/challenges/{cast.draft.id}/attachments/{item.id}/delete"
    assert client.post(url).status_code == 404  # another bureau's draft stays unmentioned
    auth.logout()
    auth.login(cast.staff)
    assert client.post(url).status_code == 302
    assert db.session.scalar(db.select(db.func.count()).select_from(Attachment)) == 0
    assert not stored.exists()
