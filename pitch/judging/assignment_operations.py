"""Writes of assignment: the balanced automatic run, manual changes and a dropout's reassignment.

The rules live in pitch.domain.assignment; this module feeds it the round's pitches (its
RoundEntry rows), the declared panel and the conflicts expanded from startups to pitches, and
stores the difference.
"""

from flask_babel import lazy_gettext as _l
from sqlalchemy import delete, insert, tuple_

from pitch.domain import assignment as rules
from pitch.extensions import db
from pitch.judging.access import ACCEPTED, assigned_pairs, conflicted_pairs, is_conflicted
from pitch.judging.operations import discard_scorecard
from pitch.models import (
    Assignment,
    PanelMember,
    Pitch,
    Round,
    RoundEntry,
    Scorecard,
    User,
)

# The domain's explanations, in words the app can translate.
EXPLANATIONS = {
    "too_few_judges": lambda p: _l(
        "Each pitch needs %(k)s judges but only %(judges)s judges of the panel have accepted "
        "and declared their conflicts.", **p),
    "pitch_short_of_judges": lambda p: _l(
        "Pitch %(pitch_id)s has only %(available)s judges without a conflict of interest; it "
        "needs %(k)s. Invite more judges or lower the number of judges per pitch.", **p),
    "coverage": lambda p: _l(
        "Pitch %(pitch_id)s already has %(assigned)s judges; it needs %(k)s. Remove the extra "
        "assignments first.", **p),
    "conflict": lambda p: _l(
        "Judge %(judge_id)s is assigned pitch %(pitch_id)s despite a conflict of interest. "
        "Remove that assignment first.", **p),
}


class AssignmentRefused(Exception):
    def __init__(self, message) -> None:
        self.message = message
        super().__init__(message)


def explain(error: rules.AssignmentInfeasible):
    translate = EXPLANATIONS.get(error.code)
    return translate(error.params) if translate is not None else error.problem.message


def round_pitch_ids(round_: Round) -> list[int]:
    return list(db.session.scalars(
        db.select(RoundEntry.pitch_id).where(RoundEntry.round_id == round_.id)))


def eligible_judge_ids(round_: Round) -> list[int]:
    """Judges who accepted and declared: the only ones who may be given work."""
    return list(db.session.scalars(db.select(PanelMember.user_id).where(
        PanelMember.contest_id == round_.contest_id, PanelMember.status == ACCEPTED,
        PanelMember.conflicts_declared_at.is_not(None))))


def _store(round_: Round, before: set[tuple[int, int]], after: list[tuple[int, int]]) -> int:
    """Write the difference in bulk: a large round is thousands of rows."""
    added = [pair for pair in after if pair not in before]
    gone = before - set(after)
    if gone:
        db.session.execute(delete(Assignment).where(
            Assignment.round_id == round_.id,
            tuple_(Assignment.judge_id, Assignment.pitch_id).in_(sorted(gone))))
    if added:
        db.session.execute(insert(Assignment), [
            {"round_id": round_.id, "judge_id": judge, "pitch_id": pitch}
            for judge, pitch in added])
    return len(added)


def run_assignment(round_: Round, seed: int) -> int:
    """Give every pitch of the round the contest's K judges, keeping what is already assigned.

    Returns the number of assignments added; raises AssignmentRefused with the explanation.
    """
    if round_.state == "closed":
        raise AssignmentRefused(_l("This round is closed."))
    pitch_ids = round_pitch_ids(round_)
    if not pitch_ids:
        raise AssignmentRefused(_l("No pitch is entered in this round yet."))
    before = assigned_pairs(round_)
    try:
        after = rules.assign(pitch_ids, eligible_judge_ids(round_), round_.contest.judges_per_pitch,
                             conflicts=conflicted_pairs(round_.contest_id), existing=before,
                             seed=seed)
    except rules.AssignmentInfeasible as error:
        raise AssignmentRefused(explain(error)) from error
    return _store(round_, before, after)


def add_assignment(round_: Round, judge: User, pitch: Pitch) -> Assignment:
    if judge.id not in eligible_judge_ids(round_):
        raise AssignmentRefused(_l("This judge has not accepted or not declared conflicts yet."))
    if pitch.id not in round_pitch_ids(round_):
        raise AssignmentRefused(_l("This pitch is not in the round."))
    if is_conflicted(judge, pitch):
        raise AssignmentRefused(_l("This judge has a conflict of interest with this startup."))
    if (judge.id, pitch.id) in assigned_pairs(round_):
        raise AssignmentRefused(_l("This judge is already assigned this pitch."))
    assignment = Assignment(round_id=round_.id, judge_id=judge.id, pitch_id=pitch.id)
    db.session.add(assignment)
    db.session.flush()
    return assignment


def _scorecard(assignment: Assignment) -> Scorecard | None:
    return db.session.scalar(db.select(Scorecard).filter_by(
        round_id=assignment.round_id, judge_id=assignment.judge_id, pitch_id=assignment.pitch_id))


def remove_assignment(assignment: Assignment) -> None:
    if _scorecard(assignment) is not None:
        raise AssignmentRefused(_l("This judge has already started the scorecard; "
                                   "use “reassign a dropout” to keep submitted work."))
    db.session.delete(assignment)


def submitted_pairs(round_: Round, judge_id: int) -> set[tuple[int, int]]:
    rows = db.session.execute(db.select(Scorecard.judge_id, Scorecard.pitch_id).filter_by(
        round_id=round_.id, judge_id=judge_id, status="submitted"))
    return {(judge, pitch) for judge, pitch in rows}


def reassign_dropout(round_: Round, judge: User, seed: int, actor: User) -> int:
    """Move the judge's unsubmitted work to the rest of the panel; returns how many moved.

    Their submitted scorecards stay and count; their drafts of the moved work are removed.
    """
    if round_.state == "closed":
        raise AssignmentRefused(_l("This round is closed."))
    before = assigned_pairs(round_)
    try:
        after = rules.reassign_dropout(
            before, judge.id, eligible_judge_ids(round_), keep=submitted_pairs(round_, judge.id),
            conflicts=conflicted_pairs(round_.contest_id), seed=seed)
    except rules.AssignmentInfeasible as error:
        raise AssignmentRefused(explain(error)) from error
    gone = before - set(after)
    for card in db.session.scalars(db.select(Scorecard).filter_by(round_id=round_.id,
                                                                  judge_id=judge.id)):
        if (card.judge_id, card.pitch_id) in gone:
            discard_scorecard(card, actor)
    return _store(round_, before, after)
