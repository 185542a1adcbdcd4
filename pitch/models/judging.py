from datetime import datetime

from sqlalchemy import JSON, ForeignKey, Index, String, Text, UniqueConstraint, event
from sqlalchemy.orm import Mapped, mapped_column, relationship

from pitch.extensions import db
from pitch.models.contest import Contest, Criterion, Round
from pitch.models.organisation import Startup
from pitch.models.pitch import Pitch
from pitch.models.types import UTCDateTime, utcnow
from pitch.models.user import User


class PanelMember(db.Model):
    """A judge on a contest's panel; judging is membership, not an organisation role."""

    __table_args__ = (UniqueConstraint("contest_id", "user_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    contest_id: Mapped[int] = mapped_column(ForeignKey("contest.id"), index=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id"), index=True)
    status: Mapped[str] = mapped_column(String(16), default="invited")
    invited_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    accepted_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    conflicts_declared_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    contest: Mapped[Contest] = relationship()
    user: Mapped[User] = relationship()


class Conflict(db.Model):
    __table_args__ = (UniqueConstraint("contest_id", "judge_id", "startup_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    contest_id: Mapped[int] = mapped_column(ForeignKey("contest.id"), index=True)
    judge_id: Mapped[int] = mapped_column(ForeignKey("user.id"))
    startup_id: Mapped[int] = mapped_column(ForeignKey("startup.id"))
    kind: Mapped[str] = mapped_column(String(32))
    note: Mapped[str] = mapped_column(Text, default="")
    declared_by_id: Mapped[int] = mapped_column(ForeignKey("user.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    judge: Mapped[User] = relationship(foreign_keys=[judge_id])
    startup: Mapped[Startup] = relationship()


class RoundEntry(db.Model):
    """A pitch taking part in a round, with its place in the running order."""

    __table_args__ = (UniqueConstraint("round_id", "pitch_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    round_id: Mapped[int] = mapped_column(ForeignKey("round.id"), index=True)
    pitch_id: Mapped[int] = mapped_column(ForeignKey("pitch.id"), index=True)
    position: Mapped[int] = mapped_column(default=0)
    note: Mapped[str] = mapped_column(Text, default="")

    round: Mapped[Round] = relationship()
    pitch: Mapped[Pitch] = relationship()


class Assignment(db.Model):
    __table_args__ = (
        UniqueConstraint("round_id", "judge_id", "pitch_id"),
        Index("ix_assignment_round_pitch", "round_id", "pitch_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    round_id: Mapped[int] = mapped_column(ForeignKey("round.id"))
    judge_id: Mapped[int] = mapped_column(ForeignKey("user.id"), index=True)
    pitch_id: Mapped[int] = mapped_column(ForeignKey("pitch.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    round: Mapped[Round] = relationship()
    judge: Mapped[User] = relationship()
    pitch: Mapped[Pitch] = relationship()


class Scorecard(db.Model):
    __table_args__ = (
        UniqueConstraint("round_id", "judge_id", "pitch_id"),
        Index("ix_scorecard_round_status", "round_id", "status"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    round_id: Mapped[int] = mapped_column(ForeignKey("round.id"))
    judge_id: Mapped[int] = mapped_column(ForeignKey("user.id"), index=True)
    pitch_id: Mapped[int] = mapped_column(ForeignKey("pitch.id"), index=True)
    status: Mapped[str] = mapped_column(String(16), default="draft")
    comment: Mapped[str] = mapped_column(Text, default="")
    feedback: Mapped[str] = mapped_column(Text, default="")
    submitted_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)
    # Optimistic locking: two saves of the same card cannot silently overwrite each other.
    version: Mapped[int] = mapped_column(default=1)

    lines: Mapped[list["ScoreLine"]] = relationship(
        back_populates="scorecard", cascade="all, delete-orphan"
    )
    judge: Mapped[User] = relationship()
    pitch: Mapped[Pitch] = relationship()

    __mapper_args__ = {"version_id_col": version}


class ScoreLine(db.Model):
    __table_args__ = (
        UniqueConstraint("scorecard_id", "criterion_id"),
        # Covers the results query (pitch.results.loader): lines are read without the table.
        Index("ix_score_line_card_criterion_score", "scorecard_id", "criterion_id", "score"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    scorecard_id: Mapped[int] = mapped_column(ForeignKey("scorecard.id"))
    criterion_id: Mapped[int] = mapped_column(ForeignKey("criterion.id"))
    score: Mapped[int]

    scorecard: Mapped[Scorecard] = relationship(back_populates="lines")
    criterion: Mapped[Criterion] = relationship()


class ScoreAudit(db.Model):
    """Append-only trail of every change to a scorecard."""

    id: Mapped[int] = mapped_column(primary_key=True)
    round_id: Mapped[int] = mapped_column(ForeignKey("round.id"), index=True)
    judge_id: Mapped[int] = mapped_column(ForeignKey("user.id"))
    pitch_id: Mapped[int] = mapped_column(ForeignKey("pitch.id"))
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    source: Mapped[str] = mapped_column(String(16), default="web")
    action: Mapped[str] = mapped_column(String(16))
    old: Mapped[dict | None] = mapped_column(JSON)
    new: Mapped[dict | None] = mapped_column(JSON)


class JudgingEvent(db.Model):
    """Append-only record of a change to a panel or a round made after the fact, with its reason:
    a conflict withdrawn, an invitation declined, a judge removed, a closed round reopened."""

    id: Mapped[int] = mapped_column(primary_key=True)
    contest_id: Mapped[int] = mapped_column(ForeignKey("contest.id"), index=True)
    round_id: Mapped[int | None] = mapped_column(ForeignKey("round.id"))
    action: Mapped[str] = mapped_column(String(32))
    actor_id: Mapped[int] = mapped_column(ForeignKey("user.id"))
    judge_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    startup_id: Mapped[int | None] = mapped_column(ForeignKey("startup.id"))
    reason: Mapped[str] = mapped_column(Text, default="")
    # What the change took away, e.g. a withdrawn conflict's kind and note.
    details: Mapped[dict | None] = mapped_column(JSON)
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    actor: Mapped[User] = relationship(foreign_keys=[actor_id])
    judge: Mapped[User | None] = relationship(foreign_keys=[judge_id])
    startup: Mapped[Startup | None] = relationship()
    round: Mapped[Round | None] = relationship()


class AuditIsAppendOnly(Exception):
    """Raised on any attempt to change or remove a row of the audit trail."""


@event.listens_for(ScoreAudit, "before_update")
@event.listens_for(ScoreAudit, "before_delete")
@event.listens_for(JudgingEvent, "before_update")
@event.listens_for(JudgingEvent, "before_delete")
def _refuse_audit_change(_mapper, _connection, target: ScoreAudit | JudgingEvent) -> None:
    raise AuditIsAppendOnly(f"{target.__tablename__} row {target.id} cannot be changed or removed")
