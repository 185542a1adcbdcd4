from flask import Blueprint, abort, flash, redirect, render_template, session, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from pitch.account.forms import ChangePasswordForm, InviteTeammateForm, ProfileForm, StartupForm
from pitch.auth import operations as auth_operations
from pitch.extensions import db
from pitch.models import Role, Startup, User
from pitch.security import roles_required

bp = Blueprint("account", __name__, url_prefix="/account")


@bp.route("/", methods=["GET", "POST"])
@login_required
def settings():
    profile = ProfileForm(obj=current_user, prefix="profile")
    password = ChangePasswordForm(prefix="password")
    if profile.validate_on_submit():
        current_user.name = profile.name.data
        current_user.locale = profile.locale.data
        session["locale"] = profile.locale.data
        db.session.commit()
        flash(_("Your settings are saved."), "success")
        return redirect(url_for("account.settings"))
    return render_template("account/settings.html", profile=profile, password=password)


@bp.post("/password")
@login_required
def change_password():
    profile = ProfileForm(obj=current_user, prefix="profile")
    password = ChangePasswordForm(prefix="password")
    if password.validate_on_submit():
        if not current_user.check_password(password.current.data):
            password.current.errors.append(_("The current password is wrong."))
        else:
            current_user.set_password(password.password.data)
            db.session.commit()
            flash(_("Your password has been changed."), "success")
            return redirect(url_for("account.settings"))
    return render_template("account/settings.html", profile=profile, password=password), 400


def _own_startup() -> Startup:
    startup = current_user.startup
    if startup is None:
        abort(404)
    return startup


@bp.route("/startup", methods=["GET", "POST"])
@roles_required(Role.STARTUP)
def startup():
    startup = _own_startup()
    form = StartupForm(obj=startup)
    invite_form = InviteTeammateForm(prefix="invite")
    if form.validate_on_submit():
        form.populate_obj(startup)
        startup.corporate_number = startup.corporate_number or None
        db.session.commit()
        flash(_("The startup profile is saved."), "success")
        return redirect(url_for("account.startup"))
    members = db.session.scalars(
        db.select(User).where(User.startup_id == startup.id).order_by(User.name)
    ).all()
    return render_template("account/startup.html", form=form, invite_form=invite_form,
                           startup=startup, members=members)


@bp.post("/startup/invite")
@roles_required(Role.STARTUP)
def invite_teammate():
    startup = _own_startup()
    form = InviteTeammateForm(prefix="invite")
    if form.validate_on_submit():
        if User.by_email(form.email.data) is not None:
            flash(_("An account with this e-mail already exists."), "error")
        else:
            auth_operations.invite(form.email.data, Role.STARTUP, current_user,
                                   startup_id=startup.id)
            db.session.commit()
            flash(_("The invitation has been sent."), "success")
    else:
        flash(_("Enter a valid e-mail address."), "error")
    return redirect(url_for("account.startup"))
