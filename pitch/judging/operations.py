"""Writes of scoring: rounds opened and closed, pitches entered, scorecards saved with their audit.

`save_scorecard` is the one way a score is written, from the web form and from an imported
score sheet alike, so the checks and the audit trail are the same whatever the source.
"""

from collections.abc import Mapping

from flask_babel import lazy_gettext as _l
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import selectinload
from sqlalchemy.orm.exc import StaleDataError

# The score sheet's reading of a cell (4, "4", "4.0", full-width "４"), so a typed score
# and an imported one are read alike.
from pitch.domain.score_sheet import parse_integer
from pitch.extensions import db
from pitch.judging import access
from pitch.models import (
    Challenge,
    Pitch,
    Round,
    RoundEntry,
    ScoreAudit,
    Scorecard,
    ScoreLine,
    User,
)
from pitch.models.types import utcnow

DRAFT, SUBMITTED = "draft", "submitted"

_REFUSALS = {
    "not_open": _l("Scoring has not opened for this round yet."),
    "locked": _l("This round is closed: its scorecards are locked."),
    "not_declared": _l("Declare your conflicts of interest before scoring."),
    "not_allowed": _l("This judge may not score this pitch."),
    "invalid": _l("Some scores are missing or wrong; see the messages next to them."),
    "stale": _l("This scorecard was changed elsewhere (another tab or device) after you opened "
                "it. Your changes were not saved: reload the page to see the current version."),
}


class ScoringRefused(Exception):
    """Nothing was saved. `code` names the reason; `errors` maps criterion keys to messages."""

    def __init__(self, code: str, errors: Mapping[str, object] | None = None) -> None:
        self.code = code
        self.message = _REFUSALS[code]
        self.errors = dict(errors or {})
        super().__init__(code)


def check_scores(round_: Round, scores: Mapping[str, object], complete: bool) -> dict[str, int]:
    """The integer score of each criterion given; raises ScoringRefused("invalid").

    A draft may leave criteria blank; a submitted card needs them all.
    """
    errors: dict[str, object] = {}
    clean: dict[str, int] = {}
    keys = {criterion.key for criterion in round_.criteria}
    for key in sorted(set(scores) - keys):
        errors[key] = _l("There is no criterion “%(key)s” in this round.", key=key)
    for criterion in round_.criteria:
        raw = scores.get(criterion.key)
        if raw is None or (isinstance(raw, str) and not raw.strip()):
            if complete:
                errors[criterion.key] = _l("Give a score.")
            continue
        value = parse_integer(raw)
        if value is None:
            errors[criterion.key] = _l("Give a whole number.")
        elif not criterion.min_score <= value <= criterion.max_score:
            errors[criterion.key] = _l("Give a score from %(min)d to %(max)d.",
                                       min=criterion.min_score, max=criterion.max_score)
        else:
            clean[criterion.key] = value
    if errors:
        raise ScoringRefused("invalid", errors)
    return clean


def judge_total(criteria, scores: Mapping[str, int]) -> float | None:
    """The 0–100 judge total of DESIGN.md; None until every criterion has a score."""
    if any(criterion.key not in scores for criterion in criteria) or not criteria:
        return None
    weights = sum(criterion.weight for criterion in criteria)
    return 100 * sum(
        criterion.weight * (scores[criterion.key] - criterion.min_score)
        / (criterion.max_score - criterion.min_score)
        for criterion in criteria) / weights


def find_scorecard(round_: Round, judge: User, pitch: Pitch) -> Scorecard | None:
    return db.session.scalar(
        db.select(Scorecard)
        .filter_by(round_id=round_.id, judge_id=judge.id, pitch_id=pitch.id)
        .options(selectinload(Scorecard.lines))
    )


def snapshot(card: Scorecard | None, keys_by_id: Mapping[int, str]) -> dict | None:
    """The audited state of a card: what a reader of the trail needs to see."""
    if card is None:
        return None
    scores = {keys_by_id[line.criterion_id]: line.score for line in card.lines}
    return {"status": card.status, "scores": dict(sorted(scores.items())),
            "comment": card.comment, "feedback": card.feedback}


def _check_access(round_: Round, judge: User, pitch: Pitch, actor: User) -> None:
    if round_.state == "closed":
        raise ScoringRefused("locked")
    if round_.state != access.OPEN:
        raise ScoringRefused("not_open")
    if actor.id == judge.id and not access.has_declared(judge, round_.contest_id):
        raise ScoringRefused("not_declared")
    if not access.may_receive_scores(judge, round_, pitch):
        raise ScoringRefused("not_allowed")


def save_scorecard(
    round_: Round,
    judge: User,
    pitch: Pitch,
    scores: Mapping[str, object],
    comment: str | None,
    feedback: str | None,
    submit: bool,
    actor: User,
    source: str = "web",
    expected_version: int | None = None,
) -> Scorecard:
    """Save the judge's scorecard for the pitch, as a draft or submitted, and audit the change.

    `comment` or `feedback` None keeps the stored text (a score sheet carries no feedback).
    `expected_version` is the card's version when the form was opened (0 for a new card);
    when given and outdated, nothing is saved. A submitted card stays editable while the round
    is open; saving it as a draft withdraws the submission. Raises ScoringRefused; flushes,
    the caller commits.
    """
    _check_access(round_, judge, pitch, actor)
    clean = check_scores(round_, scores, complete=submit)
    card = find_scorecard(round_, judge, pitch)
    current_version = card.version if card is not None else 0
    if expected_version is not None and expected_version != current_version:
        raise ScoringRefused("stale")
    keys_by_id = {criterion.id: criterion.key for criterion in round_.criteria}
    old = snapshot(card, keys_by_id)
    try:
        with db.session.begin_nested():
            if card is None:
                card = Scorecard(round_id=round_.id, judge_id=judge.id, pitch_id=pitch.id)
                db.session.add(card)
            _apply(card, round_, clean, comment, feedback, submit)
            new = snapshot(card, keys_by_id)
            if new == old:
                return card
            card.updated_at = utcnow()  # also bumps the version when only lines changed
            db.session.add(ScoreAudit(
                round_id=round_.id, judge_id=judge.id, pitch_id=pitch.id, actor_id=actor.id,
                source=source, action=SUBMITTED if submit else DRAFT, old=old, new=new,
            ))
    except (StaleDataError, IntegrityError) as error:
        # Another request saved the same card between our read and our write.
        raise ScoringRefused("stale") from error
    return card


def discard_scorecard(card: Scorecard, actor: User) -> None:
    """Remove a card that must not count (its judge turned out to be conflicted), audited."""
    round_ = db.session.get(Round, card.round_id)
    keys_by_id = {criterion.id: criterion.key for criterion in round_.criteria}
    db.session.add(ScoreAudit(
        round_id=card.round_id, judge_id=card.judge_id, pitch_id=card.pitch_id,
        actor_id=actor.id, source="web", action="removed",
        old=snapshot(card, keys_by_id), new=None,
    ))
    db.session.delete(card)


def _apply(card: Scorecard, round_: Round, clean: Mapping[str, int], comment: str | None,
           feedback: str | None, submit: bool) -> None:
    lines = {line.criterion_id: line for line in card.lines}
    for criterion in round_.criteria:
        line = lines.get(criterion.id)
        score = clean.get(criterion.key)
        if score is None:
            if line is not None:
                card.lines.remove(line)
        elif line is None:
            card.lines.append(ScoreLine(criterion_id=criterion.id, score=score))
        elif line.score != score:
            line.score = score
    if comment is not None:
        card.comment = comment.strip()
    if feedback is not None:
        card.feedback = feedback.strip()
    if submit and card.status != SUBMITTED:
        card.status, card.submitted_at = SUBMITTED, utcnow()
    elif not submit:
        card.status, card.submitted_at = DRAFT, None


def enter_submitted_pitches(round_: Round) -> int:
    """Enter every submitted pitch of the contest into the round; returns how many were added."""
    entered = set(db.session.scalars(
        db.select(RoundEntry.pitch_id).where(RoundEntry.round_id == round_.id)))
    pitch_ids = db.session.scalars(
        db.select(Pitch.id).join(Challenge)
        .where(Challenge.contest_id == round_.contest_id, Pitch.status == SUBMITTED)
        .order_by(Pitch.submitted_at, Pitch.id)
    ).all()
    position = len(entered)
    added = 0
    for pitch_id in pitch_ids:
        if pitch_id in entered:
            continue
        position += 1
        added += 1
        db.session.add(RoundEntry(round_id=round_.id, pitch_id=pitch_id, position=position))
    db.session.flush()
    return added


class RoundMoveRefused(Exception):
    def __init__(self, message) -> None:
        self.message = message
        super().__init__(message)


def open_round(round_: Round) -> None:
    """pending → open; the first round takes in every submitted pitch of the contest."""
    if round_.state != "pending":
        raise RoundMoveRefused(_l("Only a round that has not started can be opened."))
    if round_.number == 1:
        enter_submitted_pitches(round_)
    elif db.session.scalar(db.select(RoundEntry.id).filter_by(round_id=round_.id).limit(1)) is None:
        # A later round scores only what the shortlist of the round before put into it.
        raise RoundMoveRefused(_l("Shortlist pitches into this round before opening it."))
    round_.state = access.OPEN


def close_round(round_: Round) -> None:
    """open → closed: every scorecard of the round is locked from now on."""
    if round_.state != access.OPEN:
        raise RoundMoveRefused(_l("Only an open round can be closed."))
    round_.state = "closed"
