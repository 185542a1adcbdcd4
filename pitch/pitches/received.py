"""What bureaus received: each bureau reads the submitted pitches to its own challenges,
read-only; the secretariat sees every pitch, drafts included when it asks for them."""

from flask import abort, render_template, request
from flask_login import current_user
from sqlalchemy.orm import joinedload

from pitch.extensions import db
from pitch.models import Challenge, Pitch, Role
from pitch.pitches import access
from pitch.pitches.routes import bp
from pitch.security import roles_required


def _received(statement, challenge: Challenge | None):
    show_all = current_user.role == Role.ADMIN and request.args.get("status") == "all"
    if not show_all:
        statement = statement.where(Pitch.status == access.SUBMITTED)
    statement = statement.options(
        joinedload(Pitch.startup), joinedload(Pitch.challenge).joinedload(Challenge.bureau),
    ).order_by(Pitch.challenge_id, Pitch.submitted_at, Pitch.id)
    page = db.paginate(statement, per_page=50)
    return render_template("pitches/received.html", page=page, challenge=challenge,
                           show_all=show_all)


@bp.get("/pitches/received")
@roles_required(Role.ADMIN, Role.BUREAU)
def received():
    statement = db.select(Pitch)
    if current_user.role == Role.BUREAU:
        statement = statement.join(Pitch.challenge).where(
            Challenge.bureau_id == current_user.bureau_id)
    return _received(statement, None)


@bp.get("/challenges/<int:challenge_id>/pitches")
@roles_required(Role.ADMIN, Role.BUREAU)
def received_for_challenge(challenge_id: int):
    challenge = db.get_or_404(Challenge, challenge_id)
    if not access.can_list_received(current_user, challenge):
        abort(403)
    return _received(db.select(Pitch).where(Pitch.challenge_id == challenge.id), challenge)
