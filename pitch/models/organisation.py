from datetime import datetime

from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from pitch.extensions import db
from pitch.models.types import UTCDateTime, utcnow


class Bureau(db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(32), unique=True)
    name_ja: Mapped[str] = mapped_column(String(200))
    name_en: Mapped[str] = mapped_column(String(200))

    def name(self, locale: str) -> str:
        return self.name_en if locale == "en" else self.name_ja


class Startup(db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    corporate_number: Mapped[str | None] = mapped_column(String(13), unique=True)
    website: Mapped[str | None] = mapped_column(String(500))
    founded_year: Mapped[int | None]
    employees: Mapped[int | None]
    description: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    members: Mapped[list["User"]] = relationship(  # noqa: F821
        back_populates="startup", foreign_keys="User.startup_id"
    )


class Invitation(db.Model):
    """An invitation sent by e-mail; the link carries its id, signed and dated."""

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(254))
    role: Mapped[str] = mapped_column(String(16))
    bureau_id: Mapped[int | None] = mapped_column(ForeignKey("bureau.id"))
    startup_id: Mapped[int | None] = mapped_column(ForeignKey("startup.id"))
    contest_id: Mapped[int | None] = mapped_column(ForeignKey("contest.id"))
    invited_by_id: Mapped[int] = mapped_column(ForeignKey("user.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    accepted_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    bureau: Mapped[Bureau | None] = relationship()
    startup: Mapped[Startup | None] = relationship()
