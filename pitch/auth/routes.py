from urllib.parse import urlsplit

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required, login_user, logout_user

from pitch import tokens
from pitch.auth import operations
from pitch.auth.forms import ForgotPasswordForm, JoinForm, LoginForm, PasswordForm, RegisterForm
from pitch.extensions import db, limiter
from pitch.i18n import select_locale
from pitch.models import User
from pitch.models.types import utcnow

bp = Blueprint("auth", __name__, url_prefix="/auth")


def _email_key() -> str:
    return "account:" + User.normalize_email(request.form.get("email", ""))


def safe_next(target: str | None) -> str:
    """Only on-site paths: an absolute or scheme-relative URL falls back to home."""
    if not target:
        return url_for("main.index")
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//"):
        return url_for("main.index")
    if "\\" in target:
        return url_for("main.index")
    return target


@bp.route("/login", methods=["GET", "POST"])
@limiter.limit("10 per minute", methods=["POST"])
@limiter.limit("5 per minute", methods=["POST"], key_func=_email_key)
def login():
    if current_user.is_authenticated:
        return redirect(url_for("main.index"))
    form = LoginForm()
    if form.validate_on_submit():
        user = User.by_email(form.email.data)
        if user is None or not user.check_password(form.password.data):
            flash(_("The e-mail or password is wrong."), "error")
        elif not user.active:
            flash(_("This account has been deactivated. Contact the secretariat."), "error")
        else:
            login_user(user, remember=form.remember.data)
            user.last_login_at = utcnow()
            db.session.commit()
            return redirect(safe_next(request.args.get("next")))
    return render_template("auth/login.html", form=form)


@bp.post("/logout")
@login_required
def logout():
    logout_user()
    flash(_("You have logged out."), "info")
    return redirect(url_for("main.index"))


@bp.route("/register", methods=["GET", "POST"])
@limiter.limit("20 per hour", methods=["POST"])
def register():
    if current_user.is_authenticated:
        return redirect(url_for("main.index"))
    form = RegisterForm()
    if form.validate_on_submit():
        try:
            user = operations.register_startup(form, select_locale())
            db.session.commit()
        except operations.EmailTaken:
            db.session.rollback()
            form.email.errors.append(_("An account with this e-mail already exists."))
        else:
            login_user(user)
            flash(_("Welcome! Your startup is registered."), "success")
            return redirect(url_for("main.index"))
    return render_template("auth/register.html", form=form)


@bp.route("/invitation/<token>", methods=["GET", "POST"])
def accept_invitation(token: str):
    try:
        invitation = operations.load_invitation(token)
    except tokens.InvalidToken as error:
        message = (_("This invitation has expired. Ask for a new one.") if error.expired
                   else _("This invitation link is not valid or has been used."))
        return render_template("auth/link_invalid.html", message=message), 400
    existing = User.by_email(invitation.email)
    if existing is not None:
        return render_template("auth/link_invalid.html", message=_(
            "An account with this e-mail already exists. Log in instead.")), 400
    form = JoinForm()
    if form.validate_on_submit():
        user = operations.accept_invitation(invitation, form, select_locale())
        db.session.commit()
        login_user(user)
        flash(_("Your account is ready."), "success")
        return redirect(url_for("main.index"))
    return render_template("auth/join.html", form=form, invitation=invitation)


@bp.route("/forgot", methods=["GET", "POST"])
@limiter.limit("10 per hour", methods=["POST"])
@limiter.limit("3 per hour", methods=["POST"], key_func=_email_key)
def forgot_password():
    form = ForgotPasswordForm()
    if form.validate_on_submit():
        user = User.by_email(form.email.data)
        if user is not None and user.active:
            operations.send_password_reset(user)
            db.session.commit()
        # The same answer either way, so the form does not reveal who has an account.
        flash(_("If an account exists for this e-mail, we have sent a link to it."), "info")
        return redirect(url_for("auth.login"))
    return render_template("auth/forgot.html", form=form)


@bp.route("/reset/<token>", methods=["GET", "POST"])
@limiter.limit("10 per hour", methods=["POST"])
def reset_password(token: str):
    try:
        user = operations.user_for_reset(token)
    except tokens.InvalidToken as error:
        message = (_("This link has expired. Ask for a new one.") if error.expired
                   else _("This link is not valid or has been used."))
        return render_template("auth/link_invalid.html", message=message), 400
    form = PasswordForm()
    if form.validate_on_submit():
        operations.set_new_password(user, form.password.data)
        db.session.commit()
        flash(_("Your password has been changed. Please log in."), "success")
        return redirect(url_for("auth.login"))
    return render_template("auth/reset.html", form=form)
