"""A judge's work: their assignments by contest and round, for the dashboard and the API."""

from dataclasses import dataclass, field

from pitch.extensions import db
from pitch.judging.access import OPEN
from pitch.models import Assignment, Conflict, Pitch, Round, RoundEntry, Scorecard


@dataclass
class RoundWork:
    round: Round
    rows: list[tuple[int | None, Pitch, str]] = field(default_factory=list)

    @property
    def submitted(self) -> int:
        return sum(1 for _, _, status in self.rows if status == "submitted")

    @property
    def next_pitch(self) -> Pitch | None:
        if self.round.state != OPEN:
            return None
        return next((pitch for _, pitch, status in self.rows if status != "submitted"), None)


def work_of(user, contests: list) -> dict[int, list[RoundWork]]:
    """The user's assignments by contest and round, in running order, conflicts left out."""
    if not contests:
        return {}
    conflicted = {(contest_id, startup_id) for contest_id, startup_id in db.session.execute(
        db.select(Conflict.contest_id, Conflict.startup_id).where(Conflict.judge_id == user.id))}
    rows = db.session.execute(
        db.select(Assignment, RoundEntry.position, Scorecard.status)
        .join(Round, Round.id == Assignment.round_id)
        .outerjoin(RoundEntry, db.and_(RoundEntry.round_id == Assignment.round_id,
                                       RoundEntry.pitch_id == Assignment.pitch_id))
        .outerjoin(Scorecard, db.and_(Scorecard.round_id == Assignment.round_id,
                                      Scorecard.judge_id == Assignment.judge_id,
                                      Scorecard.pitch_id == Assignment.pitch_id))
        .where(Assignment.judge_id == user.id, Round.contest_id.in_([c.id for c in contests]))
        .options(db.joinedload(Assignment.pitch), db.joinedload(Assignment.round))
        .order_by(Round.number, RoundEntry.position, Assignment.pitch_id)
    ).all()
    work: dict[int, dict[int, RoundWork]] = {}
    for assignment, position, status in rows:
        round_, pitch = assignment.round, assignment.pitch
        if ((round_.contest_id, pitch.startup_id) in conflicted
                or pitch.startup_id == user.startup_id):
            continue
        by_round = work.setdefault(round_.contest_id, {})
        by_round.setdefault(round_.id, RoundWork(round_)).rows.append(
            (position, pitch, status or "assigned"))
    return {contest_id: list(rounds.values()) for contest_id, rounds in work.items()}
