"""A judge's work: their assignments by contest and round, for the dashboard and the API."""

from dataclasses import dataclass, field
from typing import NamedTuple

from pitch.extensions import db
from pitch.judging.access import OPEN
from pitch.models import (
    Assignment,
    Conflict,
    Contest,
    PanelMember,
    Pitch,
    Round,
    RoundEntry,
    Scorecard,
)


@dataclass
class RoundWork:
    round: Round
    rows: list[tuple[int | None, "PitchRef", str]] = field(default_factory=list)

    @property
    def submitted(self) -> int:
        return sum(1 for _, _, status in self.rows if status == "submitted")

    @property
    def next_pitch(self) -> "PitchRef | None":
        if self.round.state != OPEN:
            return None
        return next((pitch for _, pitch, status in self.rows if status != "submitted"), None)


class PitchRef(NamedTuple):
    """What the dashboard and the API show of an assigned pitch (never the startup)."""
    id: int
    title: str
    startup_id: int


def work_of(user, contests: list) -> dict[int, list[RoundWork]]:
    """The user's assignments by contest and round, in running order, conflicts left out.

    Plain rows rather than ORM objects: a judge may have hundreds of pitches, and building an
    Assignment and a Pitch object for each was most of the dashboard's time.
    """
    if not contests:
        return {}
    conflicted = {(contest_id, startup_id) for contest_id, startup_id in db.session.execute(
        db.select(Conflict.contest_id, Conflict.startup_id).where(Conflict.judge_id == user.id))}
    rounds = {round_.id: round_ for round_ in db.session.scalars(
        db.select(Round).where(Round.contest_id.in_([c.id for c in contests])))}
    rows = db.session.execute(
        db.select(Assignment.round_id, Pitch.id, Pitch.title, Pitch.startup_id,
                  RoundEntry.position, Scorecard.status)
        .join(Pitch, Pitch.id == Assignment.pitch_id)
        .join(Round, Round.id == Assignment.round_id)
        .outerjoin(RoundEntry, db.and_(RoundEntry.round_id == Assignment.round_id,
                                       RoundEntry.pitch_id == Assignment.pitch_id))
        .outerjoin(Scorecard, db.and_(Scorecard.round_id == Assignment.round_id,
                                      Scorecard.judge_id == Assignment.judge_id,
                                      Scorecard.pitch_id == Assignment.pitch_id))
        .where(Assignment.judge_id == user.id, Round.id.in_(list(rounds)))
        .order_by(Round.number, RoundEntry.position, Assignment.pitch_id)
    ).all()
    work: dict[int, dict[int, RoundWork]] = {}
    for round_id, pitch_id, title, startup_id, position, status in rows:
        round_ = rounds[round_id]
        if (round_.contest_id, startup_id) in conflicted or startup_id == user.startup_id:
            continue
        by_round = work.setdefault(round_.contest_id, {})
        by_round.setdefault(round_id, RoundWork(round_)).rows.append(
            (position, PitchRef(pitch_id, title, startup_id), status or "assigned"))
    return {contest_id: list(of_contest.values()) for contest_id, of_contest in work.items()}


# Built once: on a dashboard served from the cache these queries are most of the work, and
# building the statements again on each request would double it.
_PANELS = (
    db.select(PanelMember.contest_id, PanelMember.status, PanelMember.invited_at,
              PanelMember.conflicts_declared_at.is_(None), Contest.content_version,
              *Round.__table__.c)
    .join(Contest, Contest.id == PanelMember.contest_id)
    .outerjoin(Round, Round.contest_id == PanelMember.contest_id)
    .where(PanelMember.user_id == db.bindparam("user_id")).order_by(PanelMember.id, Round.id))
_CONFLICTS = (db.select(Conflict.contest_id, Conflict.startup_id)
              .where(Conflict.judge_id == db.bindparam("user_id")).order_by(Conflict.id))


def dashboard_fingerprint(user) -> tuple:
    """Everything the judge's dashboard shows that can change, for ``pitch.cache``: the
    user's places on panels, each contest's content version (its title), every round of those
    contests (state, names, and the data version that moves with assignments, entries,
    scorecards and pitch titles) and the user's conflicts."""
    connection = db.session.connection()
    return tuple(tuple(map(tuple, connection.execute(statement, {"user_id": user.id})))
                 for statement in (_PANELS, _CONFLICTS))
