"""Who may download and import a round's score sheets."""

from pitch.judging.access import has_declared
from pitch.models import Role, Round, User


def can_import_sheet(user: User) -> bool:
    return user.role == Role.ADMIN


def can_download_sheet(user: User, round_: Round, judge: User | None) -> bool:
    """The secretariat: any judge's sheet or the whole round's. A judge: only their own, once
    they have accepted and declared their conflicts (the same gate as opening scoring)."""
    if user.role == Role.ADMIN:
        return True
    return judge is not None and judge.id == user.id and has_declared(user, round_.contest_id)
