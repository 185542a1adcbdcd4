"""Reading one round from the database into the plain values the scoring module takes.

Each function is one query, whatever the size of the round: a results page of a 10,000-pitch
round runs a handful of statements, never one per pitch or judge.
"""

from dataclasses import dataclass, field
from itertools import chain

import numpy as np
import pandas as pd

from pitch.cache import app_cache
from pitch.domain.scoring import LINE_COLUMNS, SUBMITTED, RoundResult, aggregate, combine_rounds
from pitch.extensions import db
from pitch.freshness import has_pending_changes
from pitch.models import (
    Assignment,
    Challenge,
    Pitch,
    Round,
    RoundEntry,
    Scorecard,
    ScoreLine,
    Startup,
    User,
)

PITCH_COLUMNS = ("pitch_id", "title", "startup_id", "startup_name", "bureau_id", "position")


@dataclass(frozen=True)
class RoundData:
    """A round's aggregation with the names the pages and exports show beside it."""

    round: Round
    result: RoundResult
    pitches: pd.DataFrame  # indexed by pitch_id, PITCH_COLUMNS less pitch_id
    # Figures derived from the aggregation (pitch.results.ranking), kept with it in the cache.
    derived: dict = field(default_factory=dict, compare=False)

    @property
    def titles(self) -> dict[int, str]:
        return self.pitches["title"].to_dict()

    @property
    def startup_names(self) -> dict[int, str]:
        return self.pitches["startup_name"].to_dict()


def load_round(round_: Round, method: str | None = None) -> RoundData:
    """Aggregate ``round_`` with ``method`` (the contest's when None), or take the aggregation
    from the app's cache when the round's data version has not moved since.

    The version is read first: a change committed meanwhile can only make the entry newer
    than its key, never older. A session holding uncommitted changes neither reads nor fills
    the cache. The cached frames are shared between requests: treat them as read-only.
    """
    method = method or round_.contest.method
    if has_pending_changes(db.session):
        return _aggregate(round_, method)
    version = db.session.scalar(db.select(Round.data_version).where(Round.id == round_.id))
    cache = app_cache("rounds")
    key = (round_.id, method, version)
    shared = cache.get(key)
    if shared is None:
        data = _aggregate(round_, method)
        # Not the round itself: it belongs to this request's session.
        cache.put(key, (data.result, data.pitches, data.derived))
        return data
    result, pitches, derived = shared
    return RoundData(round=round_, result=result, pitches=pitches, derived=derived)


def _aggregate(round_: Round, method: str) -> RoundData:
    """Four queries in all, whatever the size of the round."""
    pitches = round_pitches(round_.id)
    lines = score_lines(round_, submitted_only=True)
    result = aggregate(lines, pitches.index, assigned_counts(round_.id), method)
    return RoundData(round=round_, result=result, pitches=pitches)


def combined_ranking(data: RoundData) -> pd.DataFrame | None:
    """The final's ranking with the screening score carried in, when the contest sets a
    screening weight: screening_score, final_score, score, rank, flags by pitch_id.
    """
    round_ = data.round
    weight = round_.contest.screening_weight
    # The screening that fed the final: the nearest earlier one (rounds run in number order).
    screening = next((r for r in reversed(round_.contest.rounds)
                      if r.kind == "screening" and r.number < round_.number), None)
    if round_.kind != "final" or weight <= 0 or screening is None:
        return None
    # The same method in both rounds, so that the two scores share a scale.
    other = load_round(screening, data.result.method)
    return combine_rounds(other.result, data.result, weight)


def score_lines(round_: Round, submitted_only: bool = False) -> pd.DataFrame:
    """The round's score lines with ``LINE_COLUMNS``, in one query.

    The criterion's key, weight and range come from the round's rubric (loaded with the
    round) by id, so the query returns small integer columns (and the status, unless only
    submitted lines are asked for).
    """
    columns = [Scorecard.judge_id, Scorecard.pitch_id, ScoreLine.criterion_id, ScoreLine.score]
    statement = (
        db.select(*columns, *([] if submitted_only else [Scorecard.status]))
        .join(ScoreLine, ScoreLine.scorecard_id == Scorecard.id)
        .where(Scorecard.round_id == round_.id)
    )
    if submitted_only:
        statement = statement.where(Scorecard.status == SUBMITTED)
    rows = _raw_rows(statement)
    flat = chain.from_iterable(row[:4] for row in rows) if not submitted_only else (
        chain.from_iterable(rows))
    numbers = np.fromiter(flat, dtype=np.int64, count=4 * len(rows)).reshape(-1, 4)
    criteria = _rubric(round_)
    where = criteria.index.get_indexer(numbers[:, 2])
    if (where < 0).any():
        raise ValueError("score lines for a criterion outside the round's rubric")
    rubric = criteria.iloc[where]
    status = (np.full(len(rows), SUBMITTED, dtype=object) if submitted_only
              else np.array([row[4] for row in rows], dtype=object))
    return pd.DataFrame({
        "judge_id": numbers[:, 0],
        "pitch_id": numbers[:, 1],
        "criterion": rubric["key"].to_numpy(),
        "weight": rubric["weight"].to_numpy(dtype=float),
        "min": rubric["min"].to_numpy(dtype=np.int64),
        "max": rubric["max"].to_numpy(dtype=np.int64),
        "score": numbers[:, 3],
        "status": status,
    }, columns=list(LINE_COLUMNS))


def _raw_rows(statement) -> list[tuple]:
    """Plain tuples from the DBAPI cursor, in the session's transaction: building SQLAlchemy
    rows costs more than the query on large rounds. Core execution on the session's
    connection gives a CursorResult, whose cursor is the DBAPI one."""
    result = db.session.connection().execute(statement)
    rows = result.cursor.fetchall()
    result.close()
    return rows


def _rubric(round_: Round) -> pd.DataFrame:
    return pd.DataFrame(
        [(c.id, c.key, c.weight, c.min_score, c.max_score) for c in round_.criteria],
        columns=["id", "key", "weight", "min", "max"],
    ).set_index("id")


def assigned_counts(round_id: int) -> dict[int, int]:
    """Judges assigned per pitch of the round, in one grouped query."""
    statement = (
        db.select(Assignment.pitch_id, db.func.count())
        .where(Assignment.round_id == round_id)
        .group_by(Assignment.pitch_id)
    )
    return {pitch_id: count for pitch_id, count in db.session.execute(statement)}


def round_pitches(round_id: int) -> pd.DataFrame:
    """Every pitch of the round with its title, startup and bureau, in one query.

    A pitch belongs to the round when it has an entry in it, or an assignment or a scorecard
    there (so scores are never dropped for a missing entry); see ``round_members``.
    """
    statement = (
        db.select(Pitch.id, Pitch.title, Startup.id, Startup.name, Challenge.bureau_id,
                  RoundEntry.position)
        .join(Startup, Startup.id == Pitch.startup_id)
        .join(Challenge, Challenge.id == Pitch.challenge_id)
        .outerjoin(RoundEntry, (RoundEntry.pitch_id == Pitch.id)
                   & (RoundEntry.round_id == round_id))
        .where(Pitch.id.in_(round_members(round_id)))
        .order_by(Pitch.id)
    )
    rows = _raw_rows(statement)
    columns = zip(*rows, strict=True) if rows else ((),) * len(PITCH_COLUMNS)
    return pd.DataFrame(dict(zip(PITCH_COLUMNS, columns, strict=True)),
                        columns=list(PITCH_COLUMNS)).set_index("pitch_id")


def round_members(round_id: int):
    """A select of the round's pitch ids: with an entry, an assignment or a scorecard there."""
    members = db.union(
        db.select(RoundEntry.pitch_id).where(RoundEntry.round_id == round_id),
        db.select(Assignment.pitch_id).where(Assignment.round_id == round_id),
        db.select(Scorecard.pitch_id).where(Scorecard.round_id == round_id),
    ).subquery()
    return db.select(members.c.pitch_id)


def round_judges(round_id: int) -> pd.DataFrame:
    """Judges with a scorecard (draft or submitted) in the round: name and email by id."""
    with_cards = db.select(Scorecard.judge_id).where(Scorecard.round_id == round_id).distinct()
    statement = (
        db.select(User.id, User.name, User.email)
        .where(User.id.in_(with_cards))
        .order_by(User.id)
    )
    rows = db.session.execute(statement).all()
    return pd.DataFrame(rows, columns=["judge_id", "name", "email"]).set_index("judge_id")
