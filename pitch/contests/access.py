"""Who may see and manage contests; the same predicates serve views and templates."""

from pitch.models import Contest


def is_secretariat(user) -> bool:
    return bool(user.is_authenticated and user.is_admin)


def can_view_contest(user, contest: Contest) -> bool:
    """A draft is the secretariat's work in progress; every later state is public."""
    return contest.state != "draft" or is_secretariat(user)


def accepts_challenges(contest: Contest) -> bool:
    """Bureaus add and edit challenges while the contest is being prepared or is open."""
    return contest.state in ("draft", "open")
