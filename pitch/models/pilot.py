from datetime import date, datetime

from sqlalchemy import ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from pitch.extensions import db
from pitch.models.challenge import Challenge
from pitch.models.organisation import Bureau, Startup
from pitch.models.pitch import Pitch
from pitch.models.types import UTCDateTime, utcnow
from pitch.models.user import User


class Pilot(db.Model):
    """A pilot project (実証実験) that follows an awarded pitch; stages in pitch.domain.pilots."""

    id: Mapped[int] = mapped_column(primary_key=True)
    pitch_id: Mapped[int] = mapped_column(ForeignKey("pitch.id"), unique=True)
    challenge_id: Mapped[int] = mapped_column(ForeignKey("challenge.id"))
    bureau_id: Mapped[int] = mapped_column(ForeignKey("bureau.id"), index=True)
    startup_id: Mapped[int] = mapped_column(ForeignKey("startup.id"), index=True)
    title: Mapped[str] = mapped_column(String(200))
    goal: Mapped[str] = mapped_column(Text, default="")
    stage: Mapped[str] = mapped_column(String(16), default="agreement")
    starts_on: Mapped[date | None]
    ends_on: Mapped[date | None]
    budget_yen: Mapped[int | None]
    decision: Mapped[str | None] = mapped_column(String(16))
    decision_reason: Mapped[str] = mapped_column(Text, default="")
    decided_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    outcome_summary: Mapped[str] = mapped_column(Text, default="")
    public: Mapped[bool] = mapped_column(default=False)
    opened_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    pitch: Mapped[Pitch] = relationship()
    challenge: Mapped[Challenge] = relationship()
    bureau: Mapped[Bureau] = relationship()
    startup: Mapped[Startup] = relationship()
    kpis: Mapped[list["Kpi"]] = relationship(
        back_populates="pilot", order_by="Kpi.position, Kpi.id", cascade="all, delete-orphan"
    )
    milestones: Mapped[list["Milestone"]] = relationship(
        back_populates="pilot", order_by="Milestone.due_on, Milestone.id",
        cascade="all, delete-orphan"
    )
    updates: Mapped[list["PilotUpdate"]] = relationship(
        back_populates="pilot", order_by="PilotUpdate.created_at, PilotUpdate.id",
        cascade="all, delete-orphan"
    )
    events: Mapped[list["PilotEvent"]] = relationship(
        back_populates="pilot", order_by="PilotEvent.at, PilotEvent.id",
        cascade="all, delete-orphan"
    )


class Kpi(db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    pilot_id: Mapped[int] = mapped_column(ForeignKey("pilot.id"), index=True)
    position: Mapped[int] = mapped_column(default=0)
    name: Mapped[str] = mapped_column(String(200))
    unit: Mapped[str] = mapped_column(String(40), default="")
    target: Mapped[float]
    # For indicators such as an error or a response time, where less is the goal.
    lower_is_better: Mapped[bool] = mapped_column(default=False)

    pilot: Mapped[Pilot] = relationship(back_populates="kpis")


class Milestone(db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    pilot_id: Mapped[int] = mapped_column(ForeignKey("pilot.id"), index=True)
    title: Mapped[str] = mapped_column(String(200))
    due_on: Mapped[date]
    # planned → done; "overdue" is not stored: it depends on today in the configured zone.
    status: Mapped[str] = mapped_column(String(16), default="planned")
    done_on: Mapped[date | None]

    pilot: Mapped[Pilot] = relationship(back_populates="milestones")


class PilotUpdate(db.Model):
    """A progress update from either side: text, KPI figures, attachments."""

    id: Mapped[int] = mapped_column(primary_key=True)
    pilot_id: Mapped[int] = mapped_column(ForeignKey("pilot.id"), index=True)
    author_id: Mapped[int] = mapped_column(ForeignKey("user.id"))
    body: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    pilot: Mapped[Pilot] = relationship(back_populates="updates")
    author: Mapped[User] = relationship()
    kpi_values: Mapped[list["KpiValue"]] = relationship(
        back_populates="update", cascade="all, delete-orphan"
    )
    attachments: Mapped[list["PilotAttachment"]] = relationship(
        back_populates="update", cascade="all, delete-orphan"
    )


class KpiValue(db.Model):
    __table_args__ = (UniqueConstraint("update_id", "kpi_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    update_id: Mapped[int] = mapped_column(ForeignKey("pilot_update.id"), index=True)
    kpi_id: Mapped[int] = mapped_column(ForeignKey("kpi.id"), index=True)
    value: Mapped[float]

    update: Mapped[PilotUpdate] = relationship(back_populates="kpi_values")
    kpi: Mapped[Kpi] = relationship()


class PilotAttachment(db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    update_id: Mapped[int] = mapped_column(ForeignKey("pilot_update.id"), index=True)
    stored_name: Mapped[str] = mapped_column(String(64), unique=True)
    original_name: Mapped[str] = mapped_column(String(255))
    content_type: Mapped[str] = mapped_column(String(100))
    size: Mapped[int]

    update: Mapped[PilotUpdate] = relationship(back_populates="attachments")


class PilotEvent(db.Model):
    """The pilot's log: opened, stage moves, the decision, milestones done, publication."""

    id: Mapped[int] = mapped_column(primary_key=True)
    pilot_id: Mapped[int] = mapped_column(ForeignKey("pilot.id"), index=True)
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    kind: Mapped[str] = mapped_column(String(24))
    detail: Mapped[str] = mapped_column(Text, default="")

    pilot: Mapped[Pilot] = relationship(back_populates="events")
    actor: Mapped[User | None] = relationship()
