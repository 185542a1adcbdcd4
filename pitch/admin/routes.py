from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from wtforms.fields.choices import SelectChoice

from pitch.admin.forms import BureauForm, InviteForm
from pitch.auth import operations as auth_operations
from pitch.extensions import db
from pitch.models import Bureau, User
from pitch.security import admin_required

bp = Blueprint("admin", __name__, url_prefix="/admin")


def _bureau_choices() -> list[SelectChoice]:
    bureaus = db.session.scalars(db.select(Bureau).order_by(Bureau.code)).all()
    return [SelectChoice(0, "—")] + [SelectChoice(b.id, f"{b.name_ja} / {b.name_en}")
                                     for b in bureaus]


@bp.get("/users")
@admin_required
def users():
    query = request.args.get("q", "").strip()
    # Each row names the user's bureau or startup: load them with the page, not one by one.
    statement = (db.select(User).options(db.joinedload(User.bureau), db.joinedload(User.startup))
                 .order_by(User.role, User.email))
    if query:
        pattern = f"%{query.lower()}%"
        statement = statement.where(db.or_(User.email.like(pattern), User.name.like(pattern)))
    page = db.paginate(statement, per_page=50)
    form = InviteForm()
    form.bureau_id.choices = _bureau_choices()
    return render_template("admin/users.html", page=page, form=form, query=query)


@bp.post("/users/invite")
@admin_required
def invite():
    form = InviteForm()
    form.bureau_id.choices = _bureau_choices()
    if form.validate_on_submit():
        if User.by_email(form.email.data) is not None:
            form.email.errors.append(_("An account with this e-mail already exists."))
        else:
            auth_operations.invite(form.email.data, form.role.data, current_user,
                                   bureau_id=form.bureau_id.data or None)
            db.session.commit()
            flash(_("The invitation has been sent to %(email)s.", email=form.email.data),
                  "success")
            return redirect(url_for("admin.users"))
    page = db.paginate(db.select(User).order_by(User.role, User.email), per_page=50)
    return render_template("admin/users.html", page=page, form=form, query=""), 400


@bp.post("/users/<int:user_id>/active")
@admin_required
def set_active(user_id: int):
    user = db.get_or_404(User, user_id)
    if user.id == current_user.id:
        abort(400)
    user.active = request.form.get("active") == "1"
    # Signing out a deactivated user's open sessions at once.
    user.session_version += 1
    db.session.commit()
    message = _("%(email)s is active again.") if user.active else _("%(email)s is deactivated.")
    flash(message % {"email": user.email}, "success")
    return redirect(url_for("admin.users"))


@bp.route("/bureaus", methods=["GET", "POST"])
@admin_required
def bureaus():
    form = BureauForm()
    if form.validate_on_submit():
        if db.session.scalar(db.select(Bureau).where(Bureau.code == form.code.data)):
            form.code.errors.append(_("This code is already used."))
        else:
            db.session.add(Bureau(code=form.code.data, name_ja=form.name_ja.data,
                                  name_en=form.name_en.data))
            db.session.commit()
            flash(_("The bureau has been added."), "success")
            return redirect(url_for("admin.bureaus"))
    all_bureaus = db.session.scalars(db.select(Bureau).order_by(Bureau.code)).all()
    return render_template("admin/bureaus.html", form=form, bureaus=all_bureaus)
