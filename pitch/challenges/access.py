"""Who may see, change, ask about and answer a challenge; used by views and templates alike."""

from collections.abc import Callable
from datetime import datetime

from flask import abort
from flask_login import current_user
from sqlalchemy import Select
from sqlalchemy.orm import contains_eager, joinedload

from pitch.contests.access import accepts_challenges
from pitch.contests.operations import timeline_of
from pitch.domain.timeline import questions_open
from pitch.extensions import db
from pitch.models import Attachment, Challenge, Contest, Question, User

# A closed challenge stays readable: the pitches, results and pilots refer to it.
PUBLIC_STATUSES = ("published", "closed")


def public_challenges() -> Select:
    """Challenges anyone may read: published or closed, in a contest that is public."""
    return (db.select(Challenge).join(Challenge.contest)
            .where(Challenge.status.in_(PUBLIC_STATUSES), Contest.state != "draft")
            .options(contains_eager(Challenge.contest), joinedload(Challenge.bureau)))


def managed_challenges(user) -> Select:
    """Every challenge the user may manage, drafts included: all for the secretariat."""
    statement = db.select(Challenge).options(joinedload(Challenge.contest),
                                             joinedload(Challenge.bureau))
    if user.is_admin:
        return statement
    return statement.where(Challenge.bureau_id == user.bureau_id)


def is_public(challenge: Challenge) -> bool:
    return challenge.status in PUBLIC_STATUSES and challenge.contest.state != "draft"


def can_create_challenge(user) -> bool:
    return bool(user.is_authenticated
                and (user.is_admin or (user.role == "bureau" and user.bureau_id)))


def can_manage_challenge(user, challenge: Challenge) -> bool:
    """The secretariat, or staff of the challenge's own bureau."""
    if not user.is_authenticated:
        return False
    return user.is_admin or (user.role == "bureau" and user.bureau_id == challenge.bureau_id)


def can_view_challenge(user, challenge: Challenge) -> bool:
    return is_public(challenge) or can_manage_challenge(user, challenge)


def can_edit_challenge(user, challenge: Challenge) -> bool:
    return (can_manage_challenge(user, challenge) and challenge.status != "closed"
            and accepts_challenges(challenge.contest))


def can_publish_challenge(user, challenge: Challenge) -> bool:
    return can_edit_challenge(user, challenge) and challenge.status == "draft"


def can_close_challenge(user, challenge: Challenge) -> bool:
    return can_manage_challenge(user, challenge) and challenge.status == "published"


def can_remove_attachment(user, attachment: Attachment) -> bool:
    return can_edit_challenge(user, attachment.challenge)


def questions_are_open(challenge: Challenge, now: datetime) -> bool:
    """Questions run until the contest's question deadline (exclusive), while it is open."""
    timeline = timeline_of(challenge.contest)
    return (challenge.status == "published" and challenge.contest.state == "open"
            and timeline is not None and questions_open(timeline, now))


def can_ask_question(user, challenge: Challenge, now: datetime) -> bool:
    return bool(user.is_authenticated and user.role == "startup" and user.startup_id
                and questions_are_open(challenge, now))


def can_answer_question(user, question: Question) -> bool:
    return can_manage_challenge(user, question.challenge) and question.challenge.status != "draft"


def visible_questions(user, challenge: Challenge) -> Select:
    """Answered questions are public; an unanswered one only to the asker's team (the
    members of the asker's startup, who apply together), the bureau and the secretariat."""
    statement = (db.select(Question).where(Question.challenge_id == challenge.id)
                 .order_by(Question.created_at, Question.id))
    if can_manage_challenge(user, challenge):
        return statement
    return statement.where(db.or_(Question.answer.is_not(None), _asked_by_team_of(user)))


def _asked_by_team_of(user):
    if not user.is_authenticated:
        return db.false()
    if user.role == "startup" and user.startup_id:
        team = db.select(User.id).where(User.startup_id == user.startup_id)
        return Question.asker_id.in_(team)
    return Question.asker_id == user.id


def load_in_challenge(model: type[Attachment] | type[Question], item_id: int,
                      challenge: Challenge, allowed: Callable[..., bool] | None = None):
    """An attachment or question of ``challenge`` (already loaded and authorised): 404 when
    missing or when the id belongs to another challenge, 403 when ``allowed(user, item)``
    refuses the current user."""
    item = db.get_or_404(model, item_id)
    if item.challenge_id != challenge.id:
        abort(404)
    if allowed is not None and not allowed(current_user, item):
        abort(403)
    return item
