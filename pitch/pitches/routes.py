"""Pitch pages for startups: my pitches, the form, the receipt, history, withdrawal, deck."""

from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from sqlalchemy.orm import joinedload

from pitch.extensions import db
from pitch.models import Challenge, Pitch, PitchChange, Role, User
from pitch.models.types import utcnow
from pitch.pitches import access, operations
from pitch.pitches.blind_deck import save_deck
from pitch.pitches.forms import PitchForm, field_labels, section_progress
from pitch.security import roles_required
from pitch.uploads import UploadRejected, send_stored

bp = Blueprint("pitches", __name__)

DECK_MAX_BYTES = 10 * 1024 * 1024


def load_visible_pitch(pitch_id: int) -> Pitch:
    """The pitch if the current user may see it; 404 otherwise, so nothing leaks."""
    pitch = db.get_or_404(Pitch, pitch_id)
    if not access.can_view_pitch(current_user, pitch):
        abort(404)
    return pitch


def load_own_pitch(pitch_id: int) -> Pitch:
    """The pitch of the current user's startup (others may read it, never write it)."""
    pitch = load_visible_pitch(pitch_id)
    if not access.is_member(current_user, pitch):
        abort(403)
    return pitch


def _refused(pitch: Pitch, message: str):
    flash(message, "error")
    return redirect(url_for("pitches.detail", pitch_id=pitch.id))


def _startup_pitch(challenge: Challenge) -> Pitch | None:
    return db.session.scalar(db.select(Pitch).where(
        Pitch.challenge_id == challenge.id, Pitch.startup_id == current_user.startup_id))


def pitch_actions(challenge: Challenge) -> dict:
    """What the challenge page offers the current user (templates/challenges/_actions.html)."""
    if not (current_user.is_authenticated and current_user.role == Role.STARTUP):
        return {"pitch": None, "can_start": False, "can_edit": False}
    now = utcnow()
    pitch = _startup_pitch(challenge)
    return {"pitch": pitch,
            "can_start": pitch is None and access.can_submit_to(current_user, challenge, now),
            "can_edit": pitch is not None and access.can_edit_pitch(current_user, pitch, now)}


@bp.app_context_processor
def _template_helpers() -> dict:
    return {"pitch_actions": pitch_actions, "pitch_access": access}


@bp.get("/pitches/mine")
@roles_required(Role.STARTUP)
def mine():
    pitches = db.session.scalars(
        db.select(Pitch).where(Pitch.startup_id == current_user.startup_id)
        .options(joinedload(Pitch.challenge).joinedload(Challenge.contest))
        .order_by(Pitch.updated_at.desc())
    ).all()
    return render_template("pitches/mine.html", pitches=pitches, now=utcnow())


@bp.route("/challenges/<int:challenge_id>/pitch", methods=["GET", "POST"])
@roles_required(Role.STARTUP)
def new(challenge_id: int):
    challenge = db.get_or_404(Challenge, challenge_id)
    if challenge.status != "published":
        abort(404)
    existing = _startup_pitch(challenge)
    if existing is not None and request.method == "GET":
        return redirect(url_for("pitches.edit", pitch_id=existing.id))
    if not access.can_submit_to(current_user, challenge, utcnow()):
        flash(_("This challenge is not taking pitches now."), "error")
        return redirect(url_for("pitches.mine"))
    form = PitchForm()
    if existing is not None:
        return _teammate_was_first(form, existing)
    if form.is_submitted():
        return _save(form, challenge, None)
    return _render_form(form, challenge, None)


@bp.route("/pitches/<int:pitch_id>/edit", methods=["GET", "POST"])
@roles_required(Role.STARTUP)
def edit(pitch_id: int):
    pitch = load_own_pitch(pitch_id)
    if not access.can_edit_pitch(current_user, pitch, utcnow()):
        return _refused(pitch, _("The application deadline has passed: "
                                 "this pitch can no longer be changed."))
    form = PitchForm(obj=pitch)
    if form.is_submitted():
        return _save(form, pitch.challenge, pitch)
    return _render_form(form, pitch.challenge, pitch)


def _deck_max_bytes() -> int:
    return current_app.config.get("DECK_MAX_BYTES", DECK_MAX_BYTES)


def _render_form(form: PitchForm, challenge: Challenge, pitch: Pitch | None, status: int = 200,
                 conflict: bool = False):
    form.deck.description = _("A PDF file of up to %(mb)s MB.",
                              mb=f"{_deck_max_bytes() / (1024 * 1024):g}")
    if pitch is not None and pitch.deck_stored_name:
        form.deck.render_kw = {**form.deck.render_kw, "data-current": "1"}
    return render_template("pitches/form.html", form=form, challenge=challenge, pitch=pitch,
                           sections=section_progress(pitch), conflict=conflict,
                           now=utcnow()), status


def _teammate_was_first(form: PitchForm, existing: Pitch):
    """Show the startup's existing pitch with what this user typed, unsaved, to compare."""
    had_file = bool(form.deck.data and form.deck.data.filename)
    form.validate()
    if had_file:
        _ask_for_file_again(form)
    return _render_form(form, existing.challenge, existing, 409, conflict=True)


def _ask_for_file_again(form: PitchForm) -> None:
    # Browsers cannot refill a file input, so the user must be told to pick it again.
    message = _("Files are not kept when the form has errors: choose the deck again.")
    form.deck.errors = [*form.deck.errors, message]


def _save(form: PitchForm, challenge: Challenge, pitch: Pitch | None):
    submit = request.form.get("action") == "submit" or (pitch is not None
                                                        and pitch.status == "submitted")
    upload = form.deck.data if form.deck.data and form.deck.data.filename else None
    keeps_deck = pitch is not None and pitch.deck_stored_name and not form.remove_deck.data
    valid = form.validate()
    if valid and submit:
        valid = form.check_complete(bool(upload or keeps_deck))
    if not valid:
        if upload:
            _ask_for_file_again(form)
        return _render_form(form, challenge, pitch, 400)
    deck = None
    if upload:
        try:
            deck = save_deck(upload, _deck_max_bytes())
        except UploadRejected as rejected:
            form.deck.errors = [*form.deck.errors, rejected.message]
            return _render_form(form, challenge, pitch, 400)
        operations.keep_until_commit(deck)
    values = form.values(operations.CONTENT_FIELDS)
    now = utcnow()
    was_submitted = pitch is not None and pitch.status == "submitted"
    if pitch is None:
        try:
            pitch = operations.create_pitch(challenge, current_user, values, deck, submit, now)
        except operations.PitchExists as exists:
            return _teammate_was_first(form, exists.pitch)
    else:
        operations.save_pitch(pitch, current_user, values, deck,
                              remove_deck=bool(form.remove_deck.data), submit=submit, now=now)
        db.session.commit()
    if pitch.status != "submitted":
        flash(_("The draft is saved. Submit it before the deadline."), "success")
        return redirect(url_for("pitches.edit", pitch_id=pitch.id))
    flash(_("Your changes are saved.") if was_submitted
          else _("Your pitch has been submitted. A receipt has been sent by e-mail."), "success")
    return redirect(url_for("pitches.detail", pitch_id=pitch.id))


@bp.get("/pitches/<int:pitch_id>")
@login_required
def detail(pitch_id: int):
    pitch = load_visible_pitch(pitch_id)
    return render_template("pitches/detail.html", pitch=pitch, now=utcnow(),
                           sections=section_progress(pitch))


@bp.get("/pitches/<int:pitch_id>/history")
@login_required
def history(pitch_id: int):
    pitch = load_visible_pitch(pitch_id)
    if not access.can_view_history(current_user, pitch):
        abort(403)
    changes = db.session.scalars(
        db.select(PitchChange).where(PitchChange.pitch_id == pitch.id)
        .order_by(PitchChange.at.desc(), PitchChange.id.desc())
    ).all()
    users = {user.id: user for user in db.session.scalars(
        db.select(User).where(User.id.in_({c.user_id for c in changes if c.user_id})))}
    return render_template("pitches/history.html", pitch=pitch, changes=changes, users=users,
                           field_labels=field_labels())


@bp.route("/pitches/<int:pitch_id>/withdraw", methods=["GET", "POST"])
@roles_required(Role.STARTUP)
def withdraw(pitch_id: int):
    pitch = load_own_pitch(pitch_id)
    now = utcnow()
    if not access.can_withdraw_pitch(current_user, pitch, now):
        return _refused(pitch, _("This pitch cannot be withdrawn: "
                                 "it is not submitted, or the deadline has passed."))
    if request.method == "POST":
        operations.withdraw_pitch(pitch, current_user, now)
        db.session.commit()
        flash(_("Your pitch has been withdrawn. You can submit it again before the deadline."),
              "success")
        return redirect(url_for("pitches.detail", pitch_id=pitch.id))
    return render_template("pitches/withdraw.html", pitch=pitch)


@bp.get("/pitches/<int:pitch_id>/deck")
@login_required
def deck(pitch_id: int):
    pitch = load_visible_pitch(pitch_id)
    if not access.can_download_deck(current_user, pitch):
        abort(404)
    return send_stored(pitch.deck_stored_name, pitch.deck_original_name, "application/pdf")


from pitch.pitches import received  # noqa: E402,F401  (registers the bureau's views on bp)
