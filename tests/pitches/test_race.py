"""One pitch per startup per challenge, even when two teammates submit at the same moment."""

import threading
from pathlib import Path

from pitch.extensions import db
from pitch.models import Challenge, Pitch, User
from pitch.models.types import utcnow
from pitch.pitches import operations
from pitch.uploads import StoredFile
from tests.pitches.conftest import complete_form, pdf_file, with_copy

VALUES = {name: "" for name in operations.CONTENT_FIELDS} | {
    "cost_yen": None, "not_listed": False, "no_other_funding": False, "not_antisocial": False,
    "privacy_consent": False}


def _count() -> int:
    return db.session.scalar(db.select(db.func.count()).select_from(Pitch))


def test_two_teammates_creating_at_once_get_one_pitch(app, member, teammate, challenge):
    """Two threads, two sessions, two connections: the unique key lets exactly one in."""
    barrier = threading.Barrier(2)
    outcomes = {}

    def create(user_id: int, title: str) -> None:
        with app.app_context():
            user = db.session.get(User, user_id)
            target = db.session.get(Challenge, challenge.id)
            barrier.wait()
            try:
                pitch = operations.create_pitch(target, user, VALUES | {"title": title}, None,
                                                submit=False, now=utcnow())
                outcomes[title] = ("created", pitch.id)
            except operations.PitchExists as exists:
                outcomes[title] = ("exists", exists.pitch.id)
            finally:
                db.session.remove()

    threads = [threading.Thread(target=create, args=(member.id, "A")),
               threading.Thread(target=create, args=(teammate.id, "B"))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    assert sorted(kind for kind, _ in outcomes.values()) == ["created", "exists"]
    assert len({pitch_id for _, pitch_id in outcomes.values()}) == 1
    assert _count() == 1


def test_the_second_submit_shows_the_existing_pitch(client, auth, app, member, teammate,
                                                    challenge, uploads, outbox):
    """Both teammates opened the empty form; the second to submit is told, and keeps the text."""
    auth.login(member)
    assert client.get(f"/challenges/{challenge.id}/pitch").status_code == 200
    other = app.test_client()
    other.post("/auth/login", data={"email": teammate.email, "password": "correct-horse-battery"})
    assert other.get(f"/challenges/{challenge.id}/pitch").status_code == 200

    first = client.post(f"/challenges/{challenge.id}/pitch", content_type="multipart/form-data",
                        data=complete_form(deck=pdf_file()))
    assert first.status_code == 302
    second = other.post(f"/challenges/{challenge.id}/pitch", content_type="multipart/form-data",
                        data=complete_form(title="同時に書いた提案", deck=pdf_file()))
    assert second.status_code == 409
    page = second.get_data(as_text=True)
    pitch = db.session.scalar(db.select(Pitch))
    assert "同時にこの課題への提案を作成しました" in page and "保存されていません" in page
    assert 'value="同時に書いた提案"' in page
    assert f"/pitches/{pitch.id}" in page
    assert _count() == 1 and pitch.title == "避難所の混雑を見える化"
    assert uploads() == with_copy(pitch.deck_stored_name)
    assert len(outbox) == 2  # the first submission's receipts only


def test_the_database_refuses_the_race_the_forms_cannot_see(app, member, teammate, challenge,
                                                             uploads):
    """A lost race at the insert: rolled back, the new deck file removed, the pitch returned."""
    existing = Pitch(challenge_id=challenge.id, startup_id=member.startup_id, title="先")
    db.session.add(existing)
    db.session.commit()
    folder = Path(app.config["UPLOAD_FOLDER"])
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "late.pdf").write_bytes(b"%PDF-1.4")
    deck = StoredFile("late.pdf", "late.pdf", "application/pdf", 8)
    operations.keep_until_commit(deck)
    try:
        operations.create_pitch(challenge, teammate, VALUES | {"title": "後"}, deck,
                                submit=True, now=utcnow())
    except operations.PitchExists as exists:
        assert exists.pitch.id == existing.id
    else:
        raise AssertionError("a second pitch for the same startup and challenge was accepted")
    assert _count() == 1 and uploads() == []
