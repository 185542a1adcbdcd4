"""Bureau staff's pages: their challenges, drafting, publishing, closing, attachments."""

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from wtforms.fields.choices import SelectChoice

from pitch.challenges import operations
from pitch.challenges.access import (
    can_close_challenge,
    can_create_challenge,
    can_edit_challenge,
    can_manage_challenge,
    can_publish_challenge,
    can_remove_attachment,
    load_in_challenge,
    managed_challenges,
)
from pitch.challenges.forms import AttachmentForm, ChallengeForm
from pitch.challenges.routes import bp, load_challenge
from pitch.extensions import db
from pitch.models import Attachment, Bureau, Challenge, Contest
from pitch.security import roles_required
from pitch.uploads import UploadRejected

staff_required = roles_required("admin", "bureau")


def _load_managed(challenge_id: int) -> Challenge:
    """404 when missing or another bureau's draft (as on its page), 403 when another
    bureau's public challenge."""
    challenge = load_challenge(challenge_id)
    if not can_manage_challenge(current_user, challenge):
        abort(403)
    return challenge


def _choices(form: ChallengeForm) -> None:
    contests = db.session.scalars(db.select(Contest).where(Contest.state.in_(("draft", "open")))
                                  .order_by(Contest.created_at.desc())).all()
    form.contest_id.choices = [SelectChoice(c.id, c.title_ja) for c in contests]
    statement = db.select(Bureau).order_by(Bureau.code)
    if not current_user.is_admin:
        statement = statement.where(Bureau.id == current_user.bureau_id)
    form.bureau_id.choices = [SelectChoice(b.id, b.name_ja) for b in
                              db.session.scalars(statement)]


@bp.get("/manage")
@staff_required
def manage():
    challenges = db.session.scalars(managed_challenges(current_user)
                                    .order_by(Challenge.created_at.desc())).all()
    return render_template("challenges/manage.html", challenges=challenges,
                           can_create=can_create_challenge(current_user))


@bp.route("/new", methods=["GET", "POST"])
@staff_required
def create():
    if not can_create_challenge(current_user):
        abort(403)
    form = ChallengeForm(data={"contest_id": request.args.get("contest", type=int),
                               "bureau_id": current_user.bureau_id})
    _choices(form)
    if form.validate_on_submit():
        challenge = operations.create_challenge(form.data, current_user)
        db.session.commit()
        flash(_("The challenge is saved as a draft."), "success")
        return redirect(url_for("challenges.show", challenge_id=challenge.id))
    status = 400 if request.method == "POST" else 200
    return render_template("challenges/form.html", form=form, challenge=None), status


@bp.route("/<int:challenge_id>/edit", methods=["GET", "POST"])
@staff_required
def edit(challenge_id: int):
    challenge = _load_managed(challenge_id)
    if not can_edit_challenge(current_user, challenge):
        abort(403)
    form = ChallengeForm(obj=challenge)
    # The contest and the bureau are fixed once a challenge exists.
    del form.contest_id
    del form.bureau_id
    if form.validate_on_submit():
        operations.update_challenge(challenge, form.data)
        db.session.commit()
        flash(_("The challenge is saved."), "success")
        return redirect(url_for("challenges.show", challenge_id=challenge.id))
    status = 400 if request.method == "POST" else 200
    return render_template("challenges/form.html", form=form, challenge=challenge), status


def _change_status(challenge_id: int, allowed, change, message: str):
    challenge = _load_managed(challenge_id)
    if not allowed(current_user, challenge):
        abort(403)
    change(challenge)
    db.session.commit()
    flash(message, "success")
    return redirect(url_for("challenges.show", challenge_id=challenge.id))


@bp.post("/<int:challenge_id>/publish")
@staff_required
def publish(challenge_id: int):
    return _change_status(challenge_id, can_publish_challenge, operations.publish_challenge,
                          _("The challenge is published."))


@bp.post("/<int:challenge_id>/close")
@staff_required
def close(challenge_id: int):
    return _change_status(challenge_id, can_close_challenge, operations.close_challenge,
                          _("The challenge is closed."))


@bp.post("/<int:challenge_id>/attachments")
@staff_required
def upload(challenge_id: int):
    challenge = _load_managed(challenge_id)
    if not can_edit_challenge(current_user, challenge):
        abort(403)
    form = AttachmentForm()
    if not form.validate_on_submit():
        flash(" ".join(str(error) for error in form.file.errors), "error")
        return redirect(url_for("challenges.show", challenge_id=challenge.id))
    try:
        operations.add_attachment(challenge, form.file.data)
    except UploadRejected as rejected:
        flash(str(rejected.message), "error")
        return redirect(url_for("challenges.show", challenge_id=challenge.id))
    db.session.commit()
    flash(_("The file is attached."), "success")
    return redirect(url_for("challenges.show", challenge_id=challenge.id))


@bp.post("/<int:challenge_id>/attachments/<int:attachment_id>/delete")
@staff_required
def delete_attachment(challenge_id: int, attachment_id: int):
    challenge = _load_managed(challenge_id)
    item = load_in_challenge(Attachment, attachment_id, challenge, can_remove_attachment)
    operations.remove_attachment(item)
    db.session.commit()
    flash(_("The file is removed."), "success")
    return redirect(url_for("challenges.show", challenge_id=challenge.id))

