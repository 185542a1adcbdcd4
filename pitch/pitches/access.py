"""Who may see, edit, withdraw and download a pitch: the predicates views and templates share.

Anyone who may not see a pitch is answered 404, so another startup cannot even learn that
it exists. Bureaus never see drafts or withdrawn pitches. Judges read their assigned pitches
only through the judging pages, which hide the startup in a blind round: being a pitch's judge
opens none of these pages (a judge who is also its team, bureau or the secretariat keeps that).
"""

from datetime import datetime

from pitch.domain.timeline import before_deadline
from pitch.models import Challenge, Pitch, Role

SUBMITTED = "submitted"


def applications_open(challenge: Challenge, now: datetime) -> bool:
    """The contest takes pitches for this published challenge at ``now`` ([opens, closes))."""
    contest = challenge.contest
    if challenge.status != "published" or contest.state != "open":
        return False
    if contest.application_opens is None or contest.application_closes is None:
        return False
    return contest.application_opens <= now and before_deadline(contest.application_closes, now)


def is_member(user, pitch: Pitch) -> bool:
    return (user.is_authenticated and user.role == Role.STARTUP
            and user.startup_id is not None and user.startup_id == pitch.startup_id)


def is_owning_bureau(user, pitch: Pitch) -> bool:
    return (user.is_authenticated and user.role == Role.BUREAU
            and user.bureau_id is not None and user.bureau_id == pitch.challenge.bureau_id)


def can_view_pitch(user, pitch: Pitch) -> bool:
    if not user.is_authenticated:
        return False
    if user.role == Role.ADMIN or is_member(user, pitch):
        return True
    if pitch.status != SUBMITTED:
        return False
    return is_owning_bureau(user, pitch)


def can_view_history(user, pitch: Pitch) -> bool:
    """The record of changes holds draft text and names the team's people: the team and the
    secretariat only (bureaus never see drafts)."""
    return user.is_authenticated and (user.role == Role.ADMIN or is_member(user, pitch))


def can_submit_to(user, challenge: Challenge, now: datetime) -> bool:
    """A startup member may start a pitch for this challenge now."""
    return (user.is_authenticated and user.role == Role.STARTUP
            and user.startup_id is not None and applications_open(challenge, now))


def can_edit_pitch(user, pitch: Pitch, now: datetime) -> bool:
    """Any teammate, until the application deadline; after it the pitch is frozen."""
    return is_member(user, pitch) and applications_open(pitch.challenge, now)


def can_withdraw_pitch(user, pitch: Pitch, now: datetime) -> bool:
    return pitch.status == SUBMITTED and can_edit_pitch(user, pitch, now)


def can_download_deck(user, pitch: Pitch) -> bool:
    return pitch.deck_stored_name is not None and can_view_pitch(user, pitch)


def can_list_received(user, challenge: Challenge) -> bool:
    """The bureau that owns the challenge, and the secretariat, see what it received."""
    if not user.is_authenticated:
        return False
    return user.role == Role.ADMIN or (user.role == Role.BUREAU
                                       and user.bureau_id == challenge.bureau_id)
