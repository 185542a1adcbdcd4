import secrets
from datetime import datetime

from sqlalchemy import CheckConstraint, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from pitch.extensions import db
from pitch.models.types import UTCDateTime, utcnow


def first_version() -> int:
    """A random start for a data version, so that a row deleted and made again under the same
    id (SQLite reuses the highest one) does not meet the old row's cache entries."""
    return secrets.randbits(30)


class Contest(db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    title_ja: Mapped[str] = mapped_column(String(200))
    title_en: Mapped[str] = mapped_column(String(200), default="")
    description_ja: Mapped[str] = mapped_column(Text, default="")
    description_en: Mapped[str] = mapped_column(Text, default="")
    theme: Mapped[str] = mapped_column(String(200), default="")
    state: Mapped[str] = mapped_column(String(16), default="draft")
    application_opens: Mapped[datetime | None] = mapped_column(UTCDateTime)
    question_deadline: Mapped[datetime | None] = mapped_column(UTCDateTime)
    application_closes: Mapped[datetime | None] = mapped_column(UTCDateTime)
    screening_ends: Mapped[datetime | None] = mapped_column(UTCDateTime)
    pitch_day: Mapped[datetime | None] = mapped_column(UTCDateTime)
    results_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    judges_per_pitch: Mapped[int] = mapped_column(default=3)
    shortlist_size: Mapped[int] = mapped_column(default=5)
    blind_screening: Mapped[bool] = mapped_column(default=True)
    method: Mapped[str] = mapped_column(String(16), default="mean")
    # Share of the screening score carried into the final ranking (0 = final only).
    screening_weight: Mapped[float] = mapped_column(default=0.0)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    # Bumped with every change to what the public pages show of the contest (pitch.freshness).
    content_version: Mapped[int] = mapped_column(default=first_version)

    rounds: Mapped[list["Round"]] = relationship(
        back_populates="contest", order_by="Round.number", cascade="all, delete-orphan"
    )

    def title(self, locale: str) -> str:
        return self.title_en if locale == "en" and self.title_en else self.title_ja

    def description(self, locale: str) -> str:
        if locale == "en" and self.description_en:
            return self.description_en
        return self.description_ja


class Round(db.Model):
    __table_args__ = (UniqueConstraint("contest_id", "number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    contest_id: Mapped[int] = mapped_column(ForeignKey("contest.id"), index=True)
    number: Mapped[int]
    kind: Mapped[str] = mapped_column(String(16), default="screening")
    name_ja: Mapped[str] = mapped_column(String(100))
    name_en: Mapped[str] = mapped_column(String(100))
    # pending → open (scoring) → closed (scorecards locked)
    state: Mapped[str] = mapped_column(String(16), default="pending")
    # Bumped with every change to what the round's results show (pitch.freshness says what).
    data_version: Mapped[int] = mapped_column(default=first_version)

    contest: Mapped[Contest] = relationship(back_populates="rounds")
    criteria: Mapped[list["Criterion"]] = relationship(
        back_populates="round", order_by="Criterion.position", cascade="all, delete-orphan"
    )

    def name(self, locale: str) -> str:
        return self.name_en if locale == "en" else self.name_ja


class Criterion(db.Model):
    __table_args__ = (
        UniqueConstraint("round_id", "key"),
        CheckConstraint("weight > 0", name="weight_positive"),
        CheckConstraint("min_score < max_score", name="range_ordered"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    round_id: Mapped[int] = mapped_column(ForeignKey("round.id"), index=True)
    key: Mapped[str] = mapped_column(String(40))
    position: Mapped[int] = mapped_column(default=0)
    label_ja: Mapped[str] = mapped_column(String(100))
    label_en: Mapped[str] = mapped_column(String(100))
    description_ja: Mapped[str] = mapped_column(Text, default="")
    description_en: Mapped[str] = mapped_column(Text, default="")
    guide_ja: Mapped[str] = mapped_column(Text, default="")
    guide_en: Mapped[str] = mapped_column(Text, default="")
    weight: Mapped[float] = mapped_column(default=1.0)
    min_score: Mapped[int] = mapped_column(default=1)
    max_score: Mapped[int] = mapped_column(default=5)

    round: Mapped[Round] = relationship(back_populates="criteria")

    def label(self, locale: str) -> str:
        return self.label_en if locale == "en" else self.label_ja
