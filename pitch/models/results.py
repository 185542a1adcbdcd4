from datetime import datetime

from sqlalchemy import JSON, ForeignKey, String, Text, UniqueConstraint, event
from sqlalchemy.orm import Mapped, mapped_column, relationship

from pitch.extensions import db
from pitch.models.contest import Round
from pitch.models.pitch import Pitch
from pitch.models.types import UTCDateTime, utcnow
from pitch.models.user import User


class ResultSnapshot(db.Model):
    """A published version of a round's results; never updated, corrected by a new version.

    The mapper events below refuse UPDATE and DELETE through the ORM, so a published
    version stays exactly what was published (its sha256 can always be checked).
    """

    __table_args__ = (UniqueConstraint("round_id", "version"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    round_id: Mapped[int] = mapped_column(ForeignKey("round.id"), index=True)
    version: Mapped[int]
    method: Mapped[str] = mapped_column(String(16))
    published_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    published_by_id: Mapped[int] = mapped_column(ForeignKey("user.id"))
    reason: Mapped[str] = mapped_column(Text, default="")
    content: Mapped[dict] = mapped_column(JSON)
    sha256: Mapped[str] = mapped_column(String(64))

    round: Mapped[Round] = relationship()
    published_by: Mapped[User] = relationship()


class Award(db.Model):
    __table_args__ = (UniqueConstraint("contest_id", "pitch_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    contest_id: Mapped[int] = mapped_column(ForeignKey("contest.id"), index=True)
    pitch_id: Mapped[int] = mapped_column(ForeignKey("pitch.id"))
    name_ja: Mapped[str] = mapped_column(String(100))
    name_en: Mapped[str] = mapped_column(String(100))

    pitch: Mapped[Pitch] = relationship()


class SnapshotImmutable(Exception):
    """Raised when code tries to change or remove a published snapshot."""


@event.listens_for(ResultSnapshot, "before_update")
def _refuse_update(_mapper, _connection, snapshot: ResultSnapshot) -> None:
    raise SnapshotImmutable(f"result snapshot {snapshot.id} is published and cannot change")


@event.listens_for(ResultSnapshot, "before_delete")
def _refuse_delete(_mapper, _connection, snapshot: ResultSnapshot) -> None:
    raise SnapshotImmutable(f"result snapshot {snapshot.id} is published and cannot be deleted")
