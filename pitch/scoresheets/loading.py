"""What a round's score sheets are built from and checked against, each in a query or two."""

from dataclasses import dataclass

from sqlalchemy.orm import joinedload

from pitch.domain.score_sheet import CriterionRange, SheetContext
from pitch.extensions import db
from pitch.judging.access import ACCEPTED, assigned_pairs, conflicted_pairs
from pitch.models import (
    Assignment,
    Criterion,
    PanelMember,
    Round,
    RoundEntry,
    User,
)


def criteria_of(round_: Round) -> list[Criterion]:
    return list(db.session.scalars(
        db.select(Criterion).where(Criterion.round_id == round_.id).order_by(Criterion.position)))


def round_pitch_ids(round_: Round) -> set[int]:
    """The round's pitches: its entries, and any pitch assigned in it without an entry."""
    entries = db.select(RoundEntry.pitch_id).where(RoundEntry.round_id == round_.id)
    assigned = db.select(Assignment.pitch_id).where(Assignment.round_id == round_.id)
    return set(db.session.scalars(db.union(entries, assigned)))


def panel_emails(contest_id: int) -> dict[str, int]:
    return {judge.email: judge.id for judge in panel_judges(contest_id)}


def sheet_context(round_: Round) -> SheetContext:
    ranges = [CriterionRange(c.key, c.min_score, c.max_score) for c in criteria_of(round_)]
    return SheetContext(criteria=ranges, pitch_ids=round_pitch_ids(round_),
                        judge_ids_by_email=panel_emails(round_.contest_id),
                        assignments=assigned_pairs(round_),
                        conflicts=conflicted_pairs(round_.contest_id))


def blank_sheet_rows(round_: Round, judge: User | None = None) -> list[tuple[int, str]]:
    """(pitch_id, judge_email) of the round's assignments, or one judge's, never conflicted ones.

    Only judges on the panel: a sheet lists nothing its import would refuse. Sorted by judge
    then pitch, so a judge's rows sit together on the secretariat's sheet.
    """
    statement = (db.select(Assignment.judge_id, Assignment.pitch_id, User.email)
                 .join(User, User.id == Assignment.judge_id)
                 .join(PanelMember, db.and_(PanelMember.user_id == User.id,
                                            PanelMember.contest_id == round_.contest_id))
                 .where(Assignment.round_id == round_.id, PanelMember.status == ACCEPTED)
                 .order_by(User.email, Assignment.pitch_id))
    if judge is not None:
        statement = statement.where(Assignment.judge_id == judge.id)
    conflicts = conflicted_pairs(round_.contest_id)
    return [(pitch, email) for judge_id, pitch, email in db.session.execute(statement)
            if (judge_id, pitch) not in conflicts]


@dataclass(frozen=True)
class RoundSummary:
    round: Round
    pitches: int
    judges: int


def round_summaries(round_id: int | None = None) -> list[RoundSummary]:
    """Every round (or one) with its number of entries and of distinct assigned judges."""
    entries = (db.select(RoundEntry.round_id, db.func.count().label("n"))
               .group_by(RoundEntry.round_id).subquery())
    judges = (db.select(Assignment.round_id,
                        db.func.count(db.distinct(Assignment.judge_id)).label("n"))
              .group_by(Assignment.round_id).subquery())
    statement = (
        db.select(Round, db.func.coalesce(entries.c.n, 0), db.func.coalesce(judges.c.n, 0))
        .outerjoin(entries, entries.c.round_id == Round.id)
        .outerjoin(judges, judges.c.round_id == Round.id)
        .options(joinedload(Round.contest))
        .order_by(Round.contest_id, Round.number))
    if round_id is not None:
        statement = statement.where(Round.id == round_id)
    return [RoundSummary(*row) for row in db.session.execute(statement)]


@dataclass(frozen=True)
class JudgeRound:
    round: Round
    assigned: int
    declared: bool


def judge_rounds(user: User) -> list[JudgeRound]:
    """The rounds of the contests whose panel the user has accepted, with their assignments."""
    assigned = (db.select(Assignment.round_id, db.func.count().label("n"))
                .where(Assignment.judge_id == user.id).group_by(Assignment.round_id).subquery())
    rows = db.session.execute(
        db.select(Round, db.func.coalesce(assigned.c.n, 0), PanelMember.conflicts_declared_at)
        .join(PanelMember, PanelMember.contest_id == Round.contest_id)
        .outerjoin(assigned, assigned.c.round_id == Round.id)
        .where(PanelMember.user_id == user.id, PanelMember.status == ACCEPTED)
        .options(joinedload(Round.contest))
        .order_by(Round.contest_id.desc(), Round.number))
    return [JudgeRound(round_, count, declared is not None) for round_, count, declared in rows]


def panel_judges(contest_id: int) -> list[User]:
    return list(db.session.scalars(
        db.select(User).join(PanelMember, PanelMember.user_id == User.id)
        .where(PanelMember.contest_id == contest_id, PanelMember.status == ACCEPTED)
        .order_by(User.email)))
