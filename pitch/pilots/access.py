"""Who may see and change a pilot: predicates shared by views, templates and operations.

Only the pilot's bureau, the pilot's startup and the secretariat know a pilot exists: anyone
else gets 404 from its URLs. Judging gives no access (a judge role is panel membership).
"""

from pitch.domain.pilots import Side, Stage, may_move, next_stage
from pitch.models import Pilot, Pitch, Role, User


def side_of(user: User, pilot: Pilot) -> Side | None:
    if not getattr(user, "is_authenticated", False):
        return None
    if user.role == Role.ADMIN:
        return Side.SECRETARIAT
    if user.role == Role.BUREAU and user.bureau_id == pilot.bureau_id:
        return Side.BUREAU
    if user.role == Role.STARTUP and user.startup_id == pilot.startup_id:
        return Side.STARTUP
    return None


def can_view_pilot(user: User, pilot: Pilot) -> bool:
    return side_of(user, pilot) is not None


def _active(pilot: Pilot) -> bool:
    return pilot.stage != Stage.DECISION


def can_post_update(user: User, pilot: Pilot) -> bool:
    """Both sides of the pilot report progress until the decision."""
    return _active(pilot) and side_of(user, pilot) in (Side.BUREAU, Side.STARTUP)


def can_complete_milestone(user: User, pilot: Pilot) -> bool:
    return _active(pilot) and side_of(user, pilot) is not None


def can_plan(user: User, pilot: Pilot) -> bool:
    """Milestones and the outcome summary: the bureau and the secretariat."""
    return side_of(user, pilot) in (Side.BUREAU, Side.SECRETARIAT)


def can_change_plan(user: User, pilot: Pilot) -> bool:
    """Title, goal, period, budget and milestones, until the decision."""
    return _active(pilot) and can_plan(user, pilot)


def can_add_kpi(user: User, pilot: Pilot) -> bool:
    # The indicators are part of the agreement: fixed once it is signed.
    return pilot.stage == Stage.AGREEMENT and can_plan(user, pilot)


def can_move_stage(user: User, pilot: Pilot) -> bool:
    """Whether the next stage's button is shown (the decision has a form of its own)."""
    target = next_stage(pilot.stage)
    return target not in (None, Stage.DECISION) and may_move(side_of(user, pilot), target)


def can_decide(user: User, pilot: Pilot) -> bool:
    return pilot.stage == Stage.REPORT and may_move(side_of(user, pilot), Stage.DECISION)


def can_publish(user: User) -> bool:
    return getattr(user, "is_authenticated", False) and user.role == Role.ADMIN


def can_open_pilot(user: User, pitch: Pitch) -> bool:
    """The secretariat, or staff of the bureau whose challenge the pitch answered.
    Whether the pitch was awarded is checked by the caller (it needs a query)."""
    if not getattr(user, "is_authenticated", False):
        return False
    if user.role == Role.ADMIN:
        return True
    return user.role == Role.BUREAU and user.bureau_id == pitch.challenge.bureau_id
