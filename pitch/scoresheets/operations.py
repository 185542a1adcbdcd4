"""Writing an imported score sheet: every row a submitted scorecard, in one transaction.

Built for sheets of 10,000 rows: the round's existing scorecards and lines are read in one
query each, and everything is written with bulk statements, never one ORM object a row.
Nothing here commits; the caller commits once for the whole file.
"""

from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from sqlalchemy import bindparam, delete, insert

from pitch.domain.score_sheet import ScoreRow
from pitch.extensions import db
from pitch.judging.access import OPEN
from pitch.models import Criterion, Round, ScoreAudit, Scorecard, ScoreLine, User
from pitch.models.types import UTCDateTime, utcnow
from pitch.scoresheets.loading import criteria_of

SUBMITTED = "submitted"
SOURCE = "import"
_CHUNK = 500  # ids per IN (...) list, well under every database's limit on parameters


class RoundNotOpen(Exception):
    """Scores go into a round only while it is open; a closed round's scorecards are locked."""


@dataclass(frozen=True)
class ImportResult:
    created: int
    replaced: int


def ensure_open(round_: Round) -> None:
    if round_.state != OPEN:
        raise RoundNotOpen(round_.state)


def import_scores(round_: Round, rows: Sequence[ScoreRow], actor: User | None) -> ImportResult:
    """Submit one scorecard per checked row; a row for an existing scorecard replaces it."""
    ensure_open(round_)
    criterion_ids = {c.key: c.id for c in criteria_of(round_)}
    judge_ids = {row.judge_id for row in rows}
    existing = _existing_cards(round_, judge_ids)
    now = utcnow()
    new_rows = [row for row in rows if (row.judge_id, row.pitch_id) not in existing]
    replaced = [row for row in rows if (row.judge_id, row.pitch_id) in existing]
    if new_rows:
        db.session.execute(insert(Scorecard), [
            {"round_id": round_.id, "judge_id": row.judge_id, "pitch_id": row.pitch_id,
             "status": SUBMITTED, "comment": row.comment, "feedback": "", "submitted_at": now,
             "updated_at": now, "version": 1}
            for row in new_rows])
    if replaced:
        _update_cards([existing[row.judge_id, row.pitch_id].id for row in replaced],
                      replaced, now)
    card_ids = _card_ids(round_, judge_ids)
    db.session.execute(insert(ScoreLine), [
        {"scorecard_id": card_ids[row.judge_id, row.pitch_id], "criterion_id": criterion_ids[key],
         "score": score}
        for row in rows for key, score in row.scores.items()])
    db.session.execute(insert(ScoreAudit), [
        {"round_id": round_.id, "judge_id": row.judge_id, "pitch_id": row.pitch_id,
         "actor_id": actor.id if actor else None, "at": now, "source": SOURCE, "action": "submit",
         "old": existing[key].snapshot() if (key := (row.judge_id, row.pitch_id)) in existing
         else None,
         "new": {"status": SUBMITTED, "scores": dict(row.scores), "comment": row.comment}}
        for row in rows])
    return ImportResult(created=len(new_rows), replaced=len(replaced))


@dataclass
class _Card:
    id: int
    status: str
    comment: str
    scores: dict[str, int]

    def snapshot(self) -> dict:
        return {"status": self.status, "scores": self.scores, "comment": self.comment}


def _existing_cards(round_: Round, judge_ids: set[int]) -> dict[tuple[int, int], _Card]:
    """The round's scorecards of these judges with their scores, in two queries."""
    if not judge_ids:
        return {}
    cards = {}
    by_id = {}
    for ids in _chunks(sorted(judge_ids)):
        rows = db.session.execute(
            db.select(Scorecard.id, Scorecard.judge_id, Scorecard.pitch_id, Scorecard.status,
                      Scorecard.comment)
            .where(Scorecard.round_id == round_.id, Scorecard.judge_id.in_(ids)))
        for card_id, judge_id, pitch_id, status, comment in rows:
            card = _Card(card_id, status, comment, {})
            cards[judge_id, pitch_id] = by_id[card_id] = card
        lines = db.session.execute(
            db.select(ScoreLine.scorecard_id, Criterion.key, ScoreLine.score)
            .join(Criterion, Criterion.id == ScoreLine.criterion_id)
            .join(Scorecard, Scorecard.id == ScoreLine.scorecard_id)
            .where(Scorecard.round_id == round_.id, Scorecard.judge_id.in_(ids)))
        for card_id, key, score in lines:
            by_id[card_id].scores[key] = score
    return cards


def _update_cards(card_ids: list[int], rows: list[ScoreRow], now) -> None:
    table = Scorecard.__table__
    # Core executemany: one statement for all the replaced cards. The version goes up as the
    # ORM's optimistic lock expects of any change.
    statement = (table.update().where(table.c.id == bindparam("card_id"))
                 .values(status=SUBMITTED, comment=bindparam("new_comment"),
                         submitted_at=bindparam("now", type_=UTCDateTime),
                         updated_at=bindparam("now", type_=UTCDateTime),
                         version=table.c.version + 1))
    db.session.execute(statement, [{"card_id": card_id, "new_comment": row.comment, "now": now}
                                   for card_id, row in zip(card_ids, rows, strict=True)])
    for ids in _chunks(card_ids):
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
