"""Changes after the fact: a conflict withdrawn, an invitation declined, a judge removed from
the panel, a closed round reopened. Each is kept as a JudgingEvent with its reason.

Rules: a judge may withdraw a conflict they declared themselves until the contest's first
assignment is made (until then it has shaped nothing); afterwards, and for conflicts the
secretariat recorded, only the secretariat may, at any time, giving a reason. A judge may
decline an invitation they have not accepted. The secretariat may remove any member, giving
a reason: their unsubmitted work in rounds not yet closed goes to the rest of the panel by
the dropout reassignment, which keeps their submitted scorecards. The secretariat may reopen a
closed round, giving a reason, until its results are published or a later round has started:
published results are what startups and the public were told, and a later round was built
on this one's ranking.
"""

from flask_babel import lazy_gettext as _l

from pitch.extensions import db
from pitch.judging import assignment_operations as assigning
from pitch.judging import notices
from pitch.judging.access import ACCEPTED
from pitch.models import (
    Assignment,
    Conflict,
    JudgingEvent,
    PanelMember,
    ResultSnapshot,
    Role,
    Round,
    User,
)

INVITED, DECLINED, REMOVED = "invited", "declined", "removed"
CONFLICT_WITHDRAWN, ROUND_REOPENED = "conflict_withdrawn", "round_reopened"

ACTIONS = {
    CONFLICT_WITHDRAWN: _l("Conflict withdrawn"),
    DECLINED: _l("Invitation declined"),
    REMOVED: _l("Removed from the panel"),
    ROUND_REOPENED: _l("Round reopened"),
}


NOT_ON_PANEL = _l("This judge is no longer on the panel.")


class PanelChangeRefused(Exception):
    def __init__(self, message) -> None:
        self.message = message
        super().__init__(message)


def record(contest_id: int, action: str, actor: User, reason: str = "", **fields) -> None:
    db.session.add(JudgingEvent(contest_id=contest_id, action=action, actor_id=actor.id,
                                reason=reason.strip(), **fields))


def assignments_made(contest_id: int) -> bool:
    found = db.session.scalar(db.select(Assignment.id).join(Round, Round.id == Assignment.round_id)
                              .where(Round.contest_id == contest_id).limit(1))
    return found is not None


def can_withdraw_conflict(user: User, conflict: Conflict, assigned: bool | None = None) -> bool:
    """`assigned`, when known, is assignments_made() of the conflict's contest (a page listing
    several conflicts asks once)."""
    if user.role == Role.ADMIN:
        return True
    if assigned is None:
        assigned = assignments_made(conflict.contest_id)
    return conflict.judge_id == user.id == conflict.declared_by_id and not assigned


def withdraw_conflict(conflict: Conflict, actor: User, reason: str = "") -> None:
    """Remove the conflict, recorded with what it was. Assignments are not restored: the
    secretariat adds them, or the next automatic run does."""
    if not can_withdraw_conflict(actor, conflict):
        raise PanelChangeRefused(_l(
            "Judges have already been assigned in this contest, so this conflict can no longer "
            "be withdrawn here. Ask the secretariat to withdraw it."))
    if actor.role == Role.ADMIN and not reason.strip():
        raise PanelChangeRefused(_l("Give the reason for withdrawing the conflict."))
    record(conflict.contest_id, CONFLICT_WITHDRAWN, actor, reason, judge_id=conflict.judge_id,
           startup_id=conflict.startup_id,
           details={"kind": conflict.kind, "note": conflict.note,
                    "declared_by_id": conflict.declared_by_id,
                    "created_at": conflict.created_at.isoformat()})
    db.session.delete(conflict)


def decline(member: PanelMember, actor: User) -> None:
    if member.status != INVITED:
        raise PanelChangeRefused(_l("Only an invitation not yet accepted can be declined."))
    member.status = DECLINED
    record(member.contest_id, DECLINED, actor, judge_id=member.user_id)


def can_remove(member: PanelMember) -> bool:
    return member.status in (INVITED, ACCEPTED)


def remove_member(member: PanelMember, reason: str, actor: User) -> int:
    """Take the judge off the panel and tell them; returns how many of their pitches went to
    other judges.

    Refused, with nothing changed, when the rest of the panel cannot take their work.
    """
    if not can_remove(member):
        raise PanelChangeRefused(NOT_ON_PANEL)
    if not reason.strip():
        raise PanelChangeRefused(_l("Give the reason for removing this judge."))
    rounds = db.session.scalars(
        db.select(Round).where(Round.contest_id == member.contest_id, Round.state != "closed",
                               Round.id.in_(db.select(Assignment.round_id)
                                            .filter_by(judge_id=member.user_id)))
        .order_by(Round.number)).all()
    moved = 0
    for round_ in rounds:
        try:
            moved += assigning.reassign_dropout(round_, member.user, round_.id, actor)
        except assigning.AssignmentRefused as refused:
            raise PanelChangeRefused(refused.message) from refused
    had_accepted = member.status == ACCEPTED
    member.status = REMOVED
    record(member.contest_id, REMOVED, actor, reason, judge_id=member.user_id)
    notices.removed_from_panel(member, had_accepted)
    return moved


def reopen_round(round_: Round, reason: str, actor: User) -> None:
    """closed → open: scorecards can be changed again (by judges, the API or an import);
    the round's judges are told."""
    if round_.state != "closed":
        raise PanelChangeRefused(_l("Only a closed round can be reopened."))
    if not reason.strip():
        raise PanelChangeRefused(_l("Give the reason for reopening the round."))
    published = db.session.scalar(db.select(ResultSnapshot.id).filter_by(round_id=round_.id)
                                  .limit(1))
    if published is not None:
        raise PanelChangeRefused(_l(
            "The results of this round have been published, so the round cannot be reopened: "
            "published results stay as they were announced."))
    later = db.session.scalar(db.select(Round.id).where(
        Round.contest_id == round_.contest_id, Round.number > round_.number,
        Round.state != "pending").limit(1))
    if later is not None:
        raise PanelChangeRefused(_l("A later round has already started, so this round cannot "
                                    "be reopened."))
    round_.state = "open"
    record(round_.contest_id, ROUND_REOPENED, actor, reason, round_id=round_.id)
    notices.round_reopened(round_)


def events(contest_id: int) -> list[JudgingEvent]:
    return list(db.session.scalars(
        db.select(JudgingEvent).filter_by(contest_id=contest_id)
        .options(db.joinedload(JudgingEvent.actor), db.joinedload(JudgingEvent.judge),
                 db.joinedload(JudgingEvent.startup), db.joinedload(JudgingEvent.round))
        .order_by(JudgingEvent.id.desc())))
