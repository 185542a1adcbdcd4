"""Writing an imported score sheet: every row a submitted scorecard, in one transaction.

pitch.judging.operations.save_scorecard writes one card with a dozen queries; a sheet of
10,000 rows must take seconds, so this writes the same rows (card, lines, audit entry with
the same snapshot shape) in bulk: the judges' existing cards and lines are read in one query
each, then every write is one executemany statement. The rows were checked by
pitch.domain.score_sheet against the round (panel, assignments, conflicts, ranges) first.
Nothing here commits; the caller commits once for the whole file.

A judge may save a card while a sheet is imported. The cards are read FOR UPDATE (PostgreSQL
makes such a save wait for the import's commit, after which the judge's stale version is
refused as on any form), and each update only applies to the version read: a card changed or
created in between (SQLite takes no row lock) raises SheetChanged, and the caller rolls the
whole import back rather than overwrite the judge's save unseen.
"""

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import bindparam, delete
from sqlalchemy.exc import IntegrityError

from pitch.domain.score_sheet import ScoreRow
from pitch.extensions import db
from pitch.judging.access import OPEN
from pitch.judging.operations import SUBMITTED
from pitch.models import Criterion, Round, ScoreAudit, Scorecard, ScoreLine, User
from pitch.models.types import UTCDateTime, utcnow
from pitch.scoresheets.loading import criteria_of

SOURCE = "import"
_CHUNK = 500  # ids per IN (...) list, well under every database's limit on parameters


class RoundNotOpen(Exception):
    """Scores go into a round only while it is open; a closed round's scorecards are locked."""


class SheetChanged(Exception):
    """A scorecard of the sheet was saved by someone else during the import; nothing stays."""


@dataclass(frozen=True)
class ImportResult:
    created: int
    replaced: int
    unchanged: int


@dataclass
class _Card:
    id: int
    version: int
    status: str
    comment: str
    feedback: str
    submitted_at: datetime | None
    scores: dict[str, int]

    def snapshot(self) -> dict:
        return _snapshot(self.status, self.scores, self.comment, self.feedback)


def _snapshot(status: str, scores: Mapping[str, int], comment: str, feedback: str) -> dict:
    # The shape pitch.judging.operations.snapshot gives the audit trail.
    return {"status": status, "scores": dict(sorted(scores.items())), "comment": comment,
            "feedback": feedback}


def bulk_insert(model: type[db.Model], rows: list[dict]) -> None:
    """One executemany of plain rows through Core: the ORM's bulk insert spends more time on
    its per-row bookkeeping than the database spends writing (4x slower at 600,000 rows)."""
    db.session.execute(model.__table__.insert(), rows)


def ensure_open(round_: Round) -> None:
    if round_.state != OPEN:
        raise RoundNotOpen(round_.state)


def import_scores(round_: Round, rows: Sequence[ScoreRow], actor: User | None) -> ImportResult:
    """Submit one scorecard per checked row; a row for an existing scorecard replaces it.

    A row that changes nothing (same scores and comment, already submitted) is left alone,
    as the web form does, so re-importing a file adds no noise to the audit trail.
    """
    ensure_open(round_)
    criterion_ids = {c.key: c.id for c in criteria_of(round_)}
    existing = _existing_cards(round_, {row.judge_id for row in rows})
    now = utcnow()
    new_rows, replaced, audits = [], [], []
    for row in rows:
        card = existing.get((row.judge_id, row.pitch_id))
        old = card.snapshot() if card else None
        new = _snapshot(SUBMITTED, row.scores, row.comment, card.feedback if card else "")
        if new == old:
            continue
        (replaced if card else new_rows).append(row)
        audits.append({"round_id": round_.id, "judge_id": row.judge_id, "pitch_id": row.pitch_id,
                       "actor_id": actor.id if actor else None, "at": now, "source": SOURCE,
                       "action": SUBMITTED, "old": old, "new": new})
    if new_rows:
        try:
            bulk_insert(Scorecard, [
                {"round_id": round_.id, "judge_id": row.judge_id, "pitch_id": row.pitch_id,
                 "status": SUBMITTED, "comment": row.comment, "feedback": "",
                 "submitted_at": now, "updated_at": now, "version": 1}
                for row in new_rows])
        except IntegrityError as error:  # the judge saved a first draft meanwhile
            raise SheetChanged from error
    if replaced:
        _update_cards(existing, replaced, now)
    written = new_rows + replaced
    if written:
        card_ids = _card_ids(round_, {row.judge_id for row in written})
        bulk_insert(ScoreLine, [
            {"scorecard_id": card_ids[row.judge_id, row.pitch_id],
             "criterion_id": criterion_ids[key], "score": score}
            for row in written for key, score in row.scores.items()])
        bulk_insert(ScoreAudit, audits)
    return ImportResult(created=len(new_rows), replaced=len(replaced),
                        unchanged=len(rows) - len(written))


def _existing_cards(round_: Round, judge_ids: set[int]) -> dict[tuple[int, int], _Card]:
    """The round's scorecards of these judges with their scores."""
    cards, by_id = {}, {}
    for ids in _chunks(sorted(judge_ids)):
        rows = db.session.execute(
            db.select(Scorecard.id, Scorecard.version, Scorecard.judge_id, Scorecard.pitch_id,
                      Scorecard.status, Scorecard.comment, Scorecard.feedback,
                      Scorecard.submitted_at)
            .where(Scorecard.round_id == round_.id, Scorecard.judge_id.in_(ids))
            .with_for_update())
        for (card_id, version, judge_id, pitch_id, status, comment, feedback,
             submitted_at) in rows:
            card = _Card(card_id, version, status, comment, feedback, submitted_at, {})
            cards[judge_id, pitch_id] = by_id[card_id] = card
        lines = db.session.execute(
            db.select(ScoreLine.scorecard_id, Criterion.key, ScoreLine.score)
            .join(Criterion, Criterion.id == ScoreLine.criterion_id)
            .join(Scorecard, Scorecard.id == ScoreLine.scorecard_id)
            .where(Scorecard.round_id == round_.id, Scorecard.judge_id.in_(ids)))
        for card_id, key, score in lines:
            by_id[card_id].scores[key] = score
    return cards


def _update_cards(existing: Mapping[tuple[int, int], _Card], rows: list[ScoreRow],
                  now: datetime) -> None:
    table = Scorecard.__table__
    # One executemany for all the replaced cards. The version goes up, as the ORM's optimistic
    # lock expects of any change, so a judge's open form cannot overwrite the import unseen.
    statement = (table.update().where(table.c.id == bindparam("card_id"),
                                      table.c.version == bindparam("read_version"))
                 .values(status=SUBMITTED, comment=bindparam("new_comment"),
                         submitted_at=bindparam("new_submitted_at", type_=UTCDateTime),
                         updated_at=bindparam("now", type_=UTCDateTime),
                         version=table.c.version + 1))
    cards = [existing[row.judge_id, row.pitch_id] for row in rows]
    result = db.session.execute(statement, [
        {"card_id": card.id, "read_version": card.version, "new_comment": row.comment,
         "now": now,
         # An already submitted card keeps the time of its first submission.
         "new_submitted_at": card.submitted_at if card.status == SUBMITTED else now}
        for card, row in zip(cards, rows, strict=True)])
    if result.rowcount != len(cards):
        raise SheetChanged
    for ids in _chunks([card.id for card in cards]):
        db.session.execute(delete(ScoreLine).where(ScoreLine.scorecard_id.in_(ids)))


def _card_ids(round_: Round, judge_ids: set[int]) -> dict[tuple[int, int], int]:
    result = {}
    for ids in _chunks(sorted(judge_ids)):
        rows = db.session.execute(
            db.select(Scorecard.judge_id, Scorecard.pitch_id, Scorecard.id)
            .where(Scorecard.round_id == round_.id, Scorecard.judge_id.in_(ids)))
        result.update({(judge, pitch): card_id for judge, pitch, card_id in rows})
    return result


def _chunks(values: Sequence[int]) -> Iterator[Sequence[int]]:
    for start in range(0, len(values), _CHUNK):
        yield values[start:start + _CHUNK]
