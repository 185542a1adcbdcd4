from datetime import date, datetime

from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from pitch.extensions import db
from pitch.models.challenge import Challenge
from pitch.models.organisation import Bureau, Startup
from pitch.models.pitch import Pitch
from pitch.models.types import UTCDateTime, utcnow


class Pilot(db.Model):
    """A pilot project (実証実験) that follows an awarded pitch."""

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
    outcome_summary: Mapped[str] = mapped_column(Text, default="")
    public: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    pitch: Mapped[Pitch] = relationship()
    challenge: Mapped[Challenge] = relationship()
    bureau: Mapped[Bureau] = relationship()
    startup: Mapped[Startup] = relationship()
    kpis: Mapped[list["Kpi"]] = relationship(back_populates="pilot", cascade="all, delete-orphan")
    milestones: Mapped[list["Milestone"]] = relationship(
        back_populates="pilot", order_by="Milestone.due_on", cascade="all, delete-orphan"
    )
    updates: Mapped[list["PilotUpdate"]] = relationship(
        back_populates="pilot", order_by="PilotUpdate.created_at", cascade="all, delete-orphan"
    )


class Kpi(db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    pilot_id: Mapped[int] = mapped_column(ForeignKey("pilot.id"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    unit: Mapped[str] = mapped_column(String(40), default="")
    target: Mapped[float]

    pilot: Mapped[Pilot] = relationship(back_populates="kpis")


class Milestone(db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    pilot_id: Mapped[int] = mapped_column(ForeignKey("pilot.id"), index=True)
    title: Mapped[str] = mapped_column(String(200))
    due_on: Mapped[date]
    status: Mapped[str] = mapped_column(String(16), default="planned")
    done_on: Mapped[date | None]

    pilot: Mapped[Pilot] = relationship(back_populates="milestones")


class PilotUpdate(db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    pilot_id: Mapped[int] = mapped_column(ForeignKey("pilot.id"), index=True)
    author_id: Mapped[int] = mapped_column(ForeignKey("user.id"))
    body: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    pilot: Mapped[Pilot] = relationship(back_populates="updates")
    kpi_values: Mapped[list["KpiValue"]] = relationship(cascade="all, delete-orphan")


class KpiValue(db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    update_id: Mapped[int] = mapped_column(ForeignKey("pilot_update.id"), index=True)
    kpi_id: Mapped[int] = mapped_column(ForeignKey("kpi.id"))
    value: Mapped[float]
