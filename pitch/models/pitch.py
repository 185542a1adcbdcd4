from datetime import datetime

from sqlalchemy import JSON, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from pitch.extensions import db
from pitch.models.challenge import Challenge
from pitch.models.organisation import Startup
from pitch.models.types import UTCDateTime, utcnow


class Pitch(db.Model):
    # One pitch per startup per challenge, held by the database as well as the forms.
    __table_args__ = (UniqueConstraint("challenge_id", "startup_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    challenge_id: Mapped[int] = mapped_column(ForeignKey("challenge.id"), index=True)
    startup_id: Mapped[int] = mapped_column(ForeignKey("startup.id"), index=True)
    status: Mapped[str] = mapped_column(String(16), default="draft")
    title: Mapped[str] = mapped_column(String(200), default="")
    summary: Mapped[str] = mapped_column(Text, default="")
    problem: Mapped[str] = mapped_column(Text, default="")
    solution: Mapped[str] = mapped_column(Text, default="")
    novelty: Mapped[str] = mapped_column(Text, default="")
    plan: Mapped[str] = mapped_column(Text, default="")
    cost_yen: Mapped[int | None]
    team: Mapped[str] = mapped_column(Text, default="")
    video_url: Mapped[str] = mapped_column(String(500), default="")
    deck_stored_name: Mapped[str | None] = mapped_column(String(64))
    deck_original_name: Mapped[str | None] = mapped_column(String(255))
    deck_size: Mapped[int | None]
    not_listed: Mapped[bool] = mapped_column(default=False)
    no_other_funding: Mapped[bool] = mapped_column(default=False)
    not_antisocial: Mapped[bool] = mapped_column(default=False)
    privacy_consent: Mapped[bool] = mapped_column(default=False)
    submission_number: Mapped[str | None] = mapped_column(String(32), unique=True)
    submitted_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)

    challenge: Mapped[Challenge] = relationship()
    startup: Mapped[Startup] = relationship()


class PitchChange(db.Model):
    """Who changed a pitch, when, and which fields went from what to what."""

    id: Mapped[int] = mapped_column(primary_key=True)
    pitch_id: Mapped[int] = mapped_column(ForeignKey("pitch.id"), index=True)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    action: Mapped[str] = mapped_column(String(16))
    changes: Mapped[dict] = mapped_column(JSON, default=dict)
