"""Every write to a pitch: create, save, submit, withdraw — each recorded as a PitchChange."""

from datetime import datetime
from zoneinfo import ZoneInfo

from flask import current_app, url_for
from flask_babel import LazyString
from flask_babel import lazy_gettext as _l
from sqlalchemy.exc import IntegrityError

from pitch import mail
from pitch.extensions import db
from pitch.models import Challenge, Pitch, PitchChange, User
from pitch.templating import local_datetime
from pitch.uploads import StoredFile, delete_after_commit, discard_on_rollback

CONTENT_FIELDS = ("title", "summary", "problem", "solution", "novelty", "plan", "cost_yen",
                  "team", "video_url", "not_listed", "no_other_funding", "not_antisocial",
                  "privacy_consent")


class PitchExists(Exception):
    """A teammate created the startup's pitch for this challenge first."""

    def __init__(self, pitch: Pitch):
        super().__init__(pitch.id)
        self.pitch = pitch


def create_pitch(challenge: Challenge, user: User, values: dict, deck: StoredFile | None,
                 submit: bool, now: datetime) -> Pitch:
    """Start the startup's pitch; the database's unique key settles a race between teammates.

    Commits. Raises PitchExists (after rolling back, so the new deck file is gone too) when
    the startup already has a pitch for the challenge.
    """
    pitch = Pitch(challenge_id=challenge.id, startup_id=user.startup_id, created_by_id=user.id,
                  status="draft")
    db.session.add(pitch)
    try:
        db.session.flush()
    except IntegrityError:
        db.session.rollback()
        existing = db.session.scalar(db.select(Pitch).where(
            Pitch.challenge_id == challenge.id, Pitch.startup_id == user.startup_id))
        if existing is None:
            raise
        raise PitchExists(existing) from None
    save_pitch(pitch, user, values, deck, remove_deck=False, submit=submit, now=now,
               action="create")
    db.session.commit()
    return pitch


def save_pitch(pitch: Pitch, user: User, values: dict, deck: StoredFile | None, *,
               remove_deck: bool, submit: bool, now: datetime, action: str = "update") -> None:
    """Apply the form's values, replace or drop the deck, and record what changed.

    A submitted pitch stays submitted (a revision); a draft or withdrawn one becomes a
    submission when ``submit`` is set, a draft otherwise. The caller commits.
    """
    changes = {}
    for name in CONTENT_FIELDS:
        old, new = getattr(pitch, name), values[name]
        if old != new:
            changes[name] = [old, new]
            setattr(pitch, name, new)
    if deck is not None or (remove_deck and pitch.deck_stored_name):
        changes["deck"] = [pitch.deck_original_name, deck.original_name if deck else None]
        _replace_deck(pitch, deck)
    newly_submitted = submit and pitch.status != "submitted"
    status = "submitted" if submit or pitch.status == "submitted" else "draft"
    if status != pitch.status:
        changes["status"] = [pitch.status, status]
        pitch.status = status
    if newly_submitted:
        pitch.submitted_at = now
        action = "submit"
    if not changes and action != "create":
        return
    pitch.updated_at = now
    db.session.add(PitchChange(pitch_id=pitch.id, user_id=user.id, at=now, action=action,
                               changes=changes))
    if newly_submitted:
        # The pitch already has its id (create_pitch flushes first), so this is one UPDATE.
        pitch.submission_number = pitch.submission_number or submission_number(pitch.id, now)
        _queue_receipts(pitch)


def withdraw_pitch(pitch: Pitch, user: User, now: datetime) -> None:
    """Take a submitted pitch back; it may be submitted again before the deadline."""
    db.session.add(PitchChange(pitch_id=pitch.id, user_id=user.id, at=now, action="withdraw",
                               changes={"status": [pitch.status, "withdrawn"]}))
    pitch.status = "withdrawn"
    pitch.updated_at = now


def submission_number(pitch_id: int, now: datetime) -> str:
    """P-<year in the configured zone>-<pitch id>: unique because the id is."""
    year = now.astimezone(ZoneInfo(current_app.config["PITCH_TIMEZONE"])).year
    return f"P-{year}-{pitch_id:06d}"


def _replace_deck(pitch: Pitch, deck: StoredFile | None) -> None:
    # The old file goes only once the new row is committed; a rollback keeps it.
    if pitch.deck_stored_name:
        delete_after_commit(db.session, pitch.deck_stored_name)
    pitch.deck_stored_name = deck.stored_name if deck else None
    pitch.deck_original_name = deck.original_name if deck else None
    pitch.deck_size = deck.size if deck else None


def keep_until_commit(deck: StoredFile | None) -> None:
    """A deck saved for a change that then fails must not stay on disk."""
    if deck is not None:
        discard_on_rollback(db.session, deck)


def _queue_receipts(pitch: Pitch) -> None:
    """A receipt to every active member of the startup, each in their own language."""
    members = db.session.scalars(
        db.select(User).where(User.startup_id == pitch.startup_id, User.active.is_(True))
    ).all()
    link = url_for("pitches.detail", pitch_id=pitch.id, _external=True)
    # Lazy, so that mail.tell writes the date in each member's own language.
    received_at = LazyString(local_datetime, pitch.submitted_at, "long")
    for member in members:
        subject = _l("Pitch received: %(number)s", number=pitch.submission_number)
        body = _l(
            "Your pitch has been received.\n\n"
            "Submission number: %(number)s\nReceived at: %(at)s\n"
            "Challenge: %(challenge)s\nTitle: %(title)s\n\n"
            "You can revise or withdraw it until the application deadline:\n%(link)s",
            number=pitch.submission_number, at=received_at,
            challenge=pitch.challenge.display_title(member.locale), title=pitch.title,
            link=link,
        )
        mail.tell(member.email, member.locale, subject, body)
