"""Data versions: counters bumped in the same transaction as the rows they summarise.

``Round.data_version`` moves with every change to a round's scorecards, score lines,
assignments, entries, rubric or published versions, to its contest's awards, and to the names
its results show; ``Contest.content_version`` with every change to what the public pages show
of a contest (the contest, its challenges, their questions and attachments, bureau names).
Caches key on them (``pitch.cache``), so every worker sees a committed change at its next
request, and a rolled-back one never.

Session events do the bookkeeping, so no operation has to remember it: ORM flushes are read
after each flush, Core statements run through the session (bulk inserts, ``delete()``) as they
run, and the counters are bumped once, just before the commit.
"""

from dataclasses import dataclass, field
from itertools import chain

from sqlalchemy import event, inspect, update
from sqlalchemy.orm import Session

from pitch.models import (
    Assignment,
    Attachment,
    Award,
    Bureau,
    Challenge,
    Contest,
    Criterion,
    Pitch,
    Question,
    ResultSnapshot,
    Round,
    RoundEntry,
    Scorecard,
    ScoreLine,
    Startup,
    User,
)

# Rows that belong to one round, through their round_id.
ROUND_ROWS = (Scorecard, Assignment, RoundEntry, Criterion, ResultSnapshot)
# Rows shown beside every round of their contest, through their contest_id.
CONTEST_ROUND_ROWS = (Award,)
# Columns shown beside every round's results (titles, names, the bureau filter).
NAMED_IN_RESULTS = {Pitch: ("title", "startup_id", "challenge_id"), Startup: ("name",),
                    Challenge: ("bureau_id",), User: ("name", "email"),
                    Contest: ("method", "screening_weight")}
# Rows of a contest's public pages, through their challenge_id.
CHALLENGE_ROWS = (Question, Attachment)
_KEY = "pitch_touched"


@dataclass
class Touched:
    rounds: set = field(default_factory=set)
    scorecards: set = field(default_factory=set)  # their rounds are looked up at the bump
    rounds_of_contests: set = field(default_factory=set)
    all_rounds: bool = False
    contests: set = field(default_factory=set)
    challenges: set = field(default_factory=set)
    all_contests: bool = False

    def __bool__(self) -> bool:
        return bool(self.rounds or self.scorecards or self.rounds_of_contests
                    or self.all_rounds or self.contests
                    or self.challenges or self.all_contests)


def _touched(session: Session) -> Touched:
    return session.info.setdefault(_KEY, Touched())


def _changed(obj, names) -> bool:
    state = inspect(obj)
    return any(state.attrs[name].history.has_changes() for name in names)


def _note_object(touched: Touched, obj, dirty: bool) -> None:
    if isinstance(obj, ROUND_ROWS):
        touched.rounds.add(obj.round_id)
    elif isinstance(obj, ScoreLine):
        touched.scorecards.add(obj.scorecard_id)
    elif isinstance(obj, CONTEST_ROUND_ROWS):
        touched.rounds_of_contests.add(obj.contest_id)
    elif isinstance(obj, CHALLENGE_ROWS):
        touched.challenges.add(obj.challenge_id)
    elif isinstance(obj, Bureau):
        touched.all_contests = True
    if isinstance(obj, Challenge):
        history = inspect(obj).attrs["contest_id"].history
        touched.contests.update(chain(history.deleted or (), [obj.contest_id]))
    if isinstance(obj, Contest):
        touched.contests.add(obj.id)
    names = NAMED_IN_RESULTS.get(type(obj))
    if dirty and names and _changed(obj, names):
        touched.all_rounds = True


def _after_flush(session: Session, _context) -> None:
    # The new/dirty/deleted sets and attribute histories still hold what was just flushed,
    # and new rows have their ids and foreign keys by now.
    touched = _touched(session)
    for obj in chain(session.new, session.deleted):
        _note_object(touched, obj, dirty=False)
    for obj in session.dirty:
        _note_object(touched, obj, dirty=True)


TABLES_OF_ROUNDS = {model.__table__.name for model in (
    *ROUND_ROWS, *CONTEST_ROUND_ROWS, ScoreLine)} | {
    model.__table__.name for model in NAMED_IN_RESULTS}
TABLES_OF_CONTESTS = {model.__table__.name for model in (
    Contest, Challenge, Bureau, *CHALLENGE_ROWS)}
ROUND_ID_TABLES = {model.__table__.name for model in ROUND_ROWS}


def _on_statement(state) -> None:
    """Core and ORM-enabled INSERT/UPDATE/DELETE run through the session: by their table."""
    if not (state.is_insert or state.is_update or state.is_delete):
        return
    table = state.statement.table.name
    touched = _touched(state.session)
    if table in TABLES_OF_ROUNDS:
        rows = state.parameters if isinstance(state.parameters, list) else [state.parameters]
        if (state.is_insert and table in ROUND_ID_TABLES and rows
                and all(row and "round_id" in row for row in rows)):
            touched.rounds.update(row["round_id"] for row in rows)
        else:
            touched.all_rounds = True
    if table in TABLES_OF_CONTESTS:
        touched.all_contests = True


def _bump(session: Session) -> None:
    session.flush()  # what is still pending is collected by _after_flush
    touched = session.info.pop(_KEY, None)
    if not touched:
        return
    connection = session.connection()
    rounds = update(Round.__table__).values(data_version=Round.__table__.c.data_version + 1)
    if touched.all_rounds:
        connection.execute(rounds)
    elif touched.rounds or touched.scorecards or touched.rounds_of_contests:
        of_cards = Scorecard.__table__.select().with_only_columns(
            Scorecard.__table__.c.round_id).where(Scorecard.__table__.c.id.in_(touched.scorecards))
        connection.execute(rounds.where(Round.__table__.c.id.in_(touched.rounds)
                                        | Round.__table__.c.id.in_(of_cards)
                                        | Round.__table__.c.contest_id.in_(
                                            touched.rounds_of_contests)))
    contests = update(Contest.__table__).values(
        content_version=Contest.__table__.c.content_version + 1)
    if touched.all_contests:
        connection.execute(contests)
    elif touched.contests or touched.challenges:
        of_challenges = Challenge.__table__.select().with_only_columns(
            Challenge.__table__.c.contest_id).where(
            Challenge.__table__.c.id.in_(touched.challenges))
        connection.execute(contests.where(Contest.__table__.c.id.in_(touched.contests)
                                          | Contest.__table__.c.id.in_(of_challenges)))


def _forget(session: Session) -> None:
    session.info.pop(_KEY, None)


def has_pending_changes(session: Session) -> bool:
    """Whether the session holds changes not yet reflected in the counters (flushed or not):
    a cache must then neither be read nor filled from it."""
    return bool(session.info.get(_KEY) or session.new or session.dirty or session.deleted)



def register() -> None:
    """Listen on every session: once per process, however many apps are built."""
    for name, listener in (("after_flush", _after_flush), ("do_orm_execute", _on_statement),
                           ("before_commit", _bump), ("after_rollback", _forget)):
        if not event.contains(Session, name, listener):
            event.listen(Session, name, listener)
