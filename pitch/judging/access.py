"""Who may do what on the judges' side: plain predicates shared by views, templates and operations.

A judge reaches a pitch only through an assignment, and never one of a startup they are in
conflict with; the views answer 404 in both cases, so a URL reveals nothing.
"""

from datetime import datetime

from pitch.extensions import db
from pitch.models import (
    Assignment,
    Challenge,
    Conflict,
    Contest,
    PanelMember,
    Pitch,
    Round,
    User,
)

ACCEPTED = "accepted"
OPEN = "open"


def panel_membership(user: User, contest: Contest | int) -> PanelMember | None:
    contest_id = contest if isinstance(contest, int) else contest.id
    return db.session.scalar(db.select(PanelMember).filter_by(contest_id=contest_id,
                                                              user_id=user.id))


def is_panel_member(user: User, contest: Contest | int) -> bool:
    member = panel_membership(user, contest)
    return member is not None and member.status == ACCEPTED


def has_declared(user: User, contest: Contest | int) -> bool:
    member = panel_membership(user, contest)
    return (member is not None and member.status == ACCEPTED
            and member.conflicts_declared_at is not None)


def contest_id_of(pitch: Pitch) -> int:
    return db.session.scalar(
        db.select(Challenge.contest_id).where(Challenge.id == pitch.challenge_id))


def is_conflicted(user: User, pitch: Pitch) -> bool:
    """A declared or recorded conflict with the pitch's startup, or membership of it."""
    if user.startup_id is not None and user.startup_id == pitch.startup_id:
        return True
    found = db.session.scalar(db.select(Conflict.id).where(
        Conflict.judge_id == user.id, Conflict.startup_id == pitch.startup_id,
        Conflict.contest_id == contest_id_of(pitch)))
    return found is not None


def conflicted_pairs(contest_id: int) -> set[tuple[int, int]]:
    """(judge_id, pitch_id) for every pitch of the contest a judge may not score.

    Conflicts are recorded by startup; a judge who belongs to the startup is conflicted too.
    The same expansion as is_conflicted, for a whole contest in one query.
    """
    contest_pitches = (db.select(Pitch.id, Pitch.startup_id)
                       .join(Challenge, Challenge.id == Pitch.challenge_id)
                       .where(Challenge.contest_id == contest_id).subquery())
    declared = (db.select(Conflict.judge_id, contest_pitches.c.id)
                .join(contest_pitches, contest_pitches.c.startup_id == Conflict.startup_id)
                .where(Conflict.contest_id == contest_id))
    members = (db.select(PanelMember.user_id, contest_pitches.c.id)
               .join(User, User.id == PanelMember.user_id)
               .join(contest_pitches, contest_pitches.c.startup_id == User.startup_id)
               .where(PanelMember.contest_id == contest_id))
    return {(judge, pitch) for judge, pitch in db.session.execute(db.union(declared, members))}


def assigned_pairs(round_: Round) -> set[tuple[int, int]]:
    rows = db.session.execute(db.select(Assignment.judge_id, Assignment.pitch_id)
                              .where(Assignment.round_id == round_.id))
    return {(judge, pitch) for judge, pitch in rows}


def is_assigned(user: User, round_: Round, pitch: Pitch) -> bool:
    found = db.session.scalar(db.select(Assignment.id).filter_by(
        round_id=round_.id, judge_id=user.id, pitch_id=pitch.id))
    return found is not None


def can_view_pitch_as_judge(user: User, round_: Round, pitch: Pitch) -> bool:
    """Read the pitch and its scorecard: an accepted, assigned judge without a conflict."""
    return (is_panel_member(user, round_.contest_id) and is_assigned(user, round_, pitch)
            and not is_conflicted(user, pitch))


def may_receive_scores(judge: User, round_: Round, pitch: Pitch) -> bool:
    """Scores may be recorded for this judge (by them or by the secretariat's import)."""
    return (round_.state == OPEN and is_assigned(judge, round_, pitch)
            and not is_conflicted(judge, pitch))


def can_score(user: User, round_: Round, pitch: Pitch, now: datetime | None = None) -> bool:
    """The judge themself may save this scorecard now.

    `now` is accepted for symmetry with the other rules; the round's state, moved by the
    secretariat, is what opens and closes scoring.
    """
    return has_declared(user, round_.contest_id) and may_receive_scores(user, round_, pitch)


def blind(round_: Round) -> bool:
    """Screening judges of a blind contest see no startup identity."""
    return bool(round_.contest.blind_screening) and round_.kind == "screening"
