"""Who may see which results: the same predicates serve the views and the templates."""

from pitch.extensions import db
from pitch.models import Challenge, Pitch, Round, User
from pitch.results.loader import round_members


def can_manage_results(user: User) -> bool:
    """Publishing, exporting, awards and shortlisting belong to the secretariat."""
    return user.is_authenticated and user.is_admin


def can_view_round(user: User, round_: Round) -> bool:
    """The secretariat, or staff of a bureau with at least one pitch in the round."""
    if can_manage_results(user):
        return True
    if not user.is_authenticated or user.role != "bureau" or user.bureau_id is None:
        return False
    statement = (
        db.select(Pitch.id).join(Challenge, Challenge.id == Pitch.challenge_id)
        .where(Challenge.bureau_id == user.bureau_id, Pitch.id.in_(round_members(round_.id)))
        .limit(1)
    )
    return db.session.scalar(statement) is not None


def visible_bureau(user: User) -> int | None:
    """The bureau whose pitches alone ``user`` may see in a ranking; None means all."""
    return None if can_manage_results(user) else user.bureau_id


def can_see_pitch_result(user: User, pitch: Pitch) -> bool:
    """A startup sees its own pitch's result; the secretariat sees every one."""
    if not user.is_authenticated:
        return False
    if can_manage_results(user):
        return True
    return user.role == "startup" and user.startup_id == pitch.startup_id
