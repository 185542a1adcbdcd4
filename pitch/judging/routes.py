"""The `judging` blueprint; its views live in the routes_* modules imported at the bottom."""

from collections.abc import Callable

from flask import Blueprint, abort, flash
from flask_login import current_user

from pitch.extensions import db
from pitch.judging import access
from pitch.models import Contest, Pitch, Round, RoundEntry

bp = Blueprint("judging", __name__, url_prefix="/judging")


def load_round(round_id: int) -> Round:
    return db.get_or_404(Round, round_id)


def load_contest(contest_id: int) -> Contest:
    return db.get_or_404(Contest, contest_id)


def load_child(model, item_id: int, **owner):
    """The row ``item_id`` of ``model``, 404 also when it belongs to another parent than
    ``owner`` (e.g. ``contest_id=...``), so a URL never reaches across contests or rounds."""
    item = db.get_or_404(model, item_id)
    if any(getattr(item, name) != value for name, value in owner.items()):
        abort(404)
    return item


def _flash_refusal(message: str) -> None:
    flash(message, "error")


def commit_or_refuse(action: Callable[[], object],
                     refusals: type[Exception] | tuple[type[Exception], ...],
                     done: str | Callable[[object], None],
                     show_refusal: Callable[[str], None] = _flash_refusal) -> bool:
    """Run ``action`` and commit once, then flash ``done``, or, when it is a function, call it
    with what ``action`` returned to say what was done; on one of ``refusals`` (each with a
    ``message``) roll back, so nothing of it is kept, and show the message: flashed, or
    handed to ``show_refusal`` (e.g. a form field's errors). True when committed."""
    try:
        result = action()
    except refusals as refused:
        db.session.rollback()
        show_refusal(refused.message)
        return False
    db.session.commit()
    if callable(done):
        done(result)
    else:
        flash(done, "success")
    return True


def load_for_judge(round_id: int, pitch_id: int) -> tuple[Round, Pitch, RoundEntry | None]:
    """The round and pitch a judge asks for; 404 unless assigned and free of conflict.

    Missing, not assigned and conflicted all look the same, so a URL reveals nothing.
    """
    round_ = load_round(round_id)
    pitch = db.get_or_404(Pitch, pitch_id)
    if not access.can_view_pitch_as_judge(current_user, round_, pitch):
        abort(404)
    entry = db.session.scalar(db.select(RoundEntry).filter_by(round_id=round_.id,
                                                              pitch_id=pitch.id))
    return round_, pitch, entry


from pitch.judging import (  # noqa: E402  (the views register themselves on bp)
    routes_admin,
    routes_judge,
    routes_rounds,
    routes_scorecard,
)

__all__ = ["bp", "routes_admin", "routes_judge", "routes_rounds", "routes_scorecard"]
