"""Writes of the panel: judges invited and accepting, conflicts of interest declared or recorded."""

from collections import Counter
from dataclasses import dataclass, field

from flask import url_for
from flask_babel import lazy_gettext as _l

from pitch import mail
from pitch.auth import operations as auth_operations
from pitch.extensions import db
from pitch.judging import assignment_operations as assigning
from pitch.judging.access import ACCEPTED, panel_membership
from pitch.judging.operations import discard_scorecard
from pitch.models import (
    Assignment,
    Challenge,
    Conflict,
    Contest,
    Invitation,
    PanelMember,
    Pitch,
    Round,
    Scorecard,
    Startup,
    User,
)
from pitch.models.types import utcnow
from pitch.models.user import Role

INVITED = "invited"
CONFLICT_KINDS = {
    "investment": _l("Investment"),
    "employment_or_advisory": _l("Employment or advisory role"),
    "family_or_personal": _l("Family or personal relationship"),
    "business": _l("Business relationship"),
    "other": _l("Other"),
}


@dataclass
class InviteOutcome:
    added: list[str] = field(default_factory=list)
    invited: list[str] = field(default_factory=list)
    already: list[str] = field(default_factory=list)
    startups: list[str] = field(default_factory=list)  # refused: they compete, not judge


def invite_judges(contest: Contest, emails: list[str], admin: User) -> InviteOutcome:
    """Existing users join the panel as invited and are told; others get an account invitation."""
    outcome = InviteOutcome()
    for email in dict.fromkeys(User.normalize_email(e) for e in emails if e.strip()):
        user = User.by_email(email)
        if user is not None and user.role == Role.STARTUP:
            outcome.startups.append(email)
        elif user is not None:
            member = panel_membership(user, contest)
            if member is not None and member.status in (INVITED, ACCEPTED):
                outcome.already.append(email)
                continue
            if member is None:
                db.session.add(PanelMember(contest_id=contest.id, user_id=user.id,
                                           status=INVITED))
            else:  # declined or removed earlier: asked again
                member.status, member.invited_at = INVITED, utcnow()
                member.accepted_at = member.conflicts_declared_at = None
            _tell_member(user, contest)
            outcome.added.append(email)
        elif _pending_invitation(email, contest):
            outcome.already.append(email)
        else:
            auth_operations.invite(email, "expert", admin, contest_id=contest.id)
            outcome.invited.append(email)
    db.session.flush()
    return outcome


def _pending_invitation(email: str, contest: Contest) -> bool:
    return db.session.scalar(db.select(Invitation.id).filter_by(
        email=email, contest_id=contest.id, accepted_at=None)) is not None


def _tell_member(user: User, contest: Contest) -> None:
    mail.tell(user.email, user.locale, _l("Invitation to judge"), _l(
        "You are invited to judge “%(contest)s”. Open your judging page to accept, then declare "
        "your conflicts of interest:\n\n%(link)s", contest=contest.title(user.locale),
        link=url_for("judging.dashboard", _external=True)))


def accept(member: PanelMember) -> None:
    if member.status != ACCEPTED:
        member.status, member.accepted_at = ACCEPTED, utcnow()


def contest_startups(contest: Contest) -> list[Startup]:
    """Startups with a submitted pitch in the contest: those a judge may be conflicted with."""
    return list(db.session.scalars(
        db.select(Startup).join(Pitch, Pitch.startup_id == Startup.id).join(Challenge)
        .where(Challenge.contest_id == contest.id, Pitch.status == "submitted")
        .distinct().order_by(Startup.name)
    ))


class ConflictRefused(Exception):
    def __init__(self, message) -> None:
        self.message = message
        super().__init__(message)


@dataclass
class ConflictOutcome:
    conflict: Conflict
    removed: int
    added: int = 0
    unfilled: list = field(default_factory=list)


def add_conflict(contest: Contest, judge: User, startup: Startup, kind: str, note: str,
                 actor: User) -> ConflictOutcome:
    """Record a conflict; the judge loses their assignments to that startup in open rounds.

    Each round that lost assignments is completed again by the automatic assignment, which
    keeps what is assigned; where that cannot be done its explanation is in `unfilled` and
    the secretariat fills the gap. Submitted scorecards of closed rounds are history and stay.
    """
    if kind not in CONFLICT_KINDS:
        raise ConflictRefused(_l("Choose the kind of conflict."))
    if startup.id not in {s.id for s in contest_startups(contest)}:
        raise ConflictRefused(_l("This startup has no pitch in the contest."))
    existing = db.session.scalar(db.select(Conflict).filter_by(
        contest_id=contest.id, judge_id=judge.id, startup_id=startup.id))
    if existing is not None:
        raise ConflictRefused(_l("This conflict is already recorded."))
    conflict = Conflict(contest_id=contest.id, judge_id=judge.id, startup_id=startup.id,
                        kind=kind, note=note.strip(), declared_by_id=actor.id)
    db.session.add(conflict)
    rounds = _drop_conflicted_assignments(contest, judge, startup, actor)
    db.session.flush()
    outcome = ConflictOutcome(conflict, removed=sum(rounds.values()))
    for round_ in rounds:
        try:
            outcome.added += assigning.run_assignment(round_, seed=round_.id)
        except assigning.AssignmentRefused as refused:
            outcome.unfilled.append(refused.message)
    return outcome


def _drop_conflicted_assignments(contest: Contest, judge: User, startup: Startup,
                                 actor: User) -> Counter:
    """Remove the judge's assignments to the startup in rounds not closed; counted by round."""
    rows = db.session.execute(
        db.select(Assignment, Scorecard)
        .join(Round, Round.id == Assignment.round_id)
        .join(Pitch, Pitch.id == Assignment.pitch_id)
        .outerjoin(Scorecard, db.and_(Scorecard.round_id == Assignment.round_id,
                                      Scorecard.judge_id == Assignment.judge_id,
                                      Scorecard.pitch_id == Assignment.pitch_id))
        .where(Round.contest_id == contest.id, Round.state != "closed",
               Assignment.judge_id == judge.id, Pitch.startup_id == startup.id)
    ).all()
    rounds = Counter()
    for assignment, card in rows:
        if card is not None:
            discard_scorecard(card, actor)  # a conflicted judge's score must not count
        db.session.delete(assignment)
        rounds[assignment.round] += 1
    return rounds


def declare(member: PanelMember) -> None:
    """The judge confirms their declaration is complete (possibly with no conflict at all)."""
    member.conflicts_declared_at = utcnow()

