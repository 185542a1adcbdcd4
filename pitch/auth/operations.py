"""Writes of the sign-in area: accounts, invitations and password resets."""

from flask import current_app, url_for
from flask_babel import lazy_gettext as _l

from pitch import mail, tokens
from pitch.extensions import db
from pitch.models import Invitation, Role, Startup, User
from pitch.models.types import utcnow


class EmailTaken(Exception):
    pass


def create_user(email: str, name: str, password: str, role: str, **fields) -> User:
    email = User.normalize_email(email)
    if User.by_email(email) is not None:
        raise EmailTaken(email)
    user = User(email=email, name=name.strip(), role=role, **fields)
    user.set_password(password)
    db.session.add(user)
    return user


def register_startup(form, locale: str) -> User:
    startup = Startup(
        name=form.startup_name.data.strip(),
        corporate_number=form.corporate_number.data or None,
        website=form.website.data or None,
        founded_year=form.founded_year.data,
        employees=form.employees.data,
    )
    db.session.add(startup)
    return create_user(
        form.email.data, form.name.data, form.password.data, Role.STARTUP,
        startup=startup, locale=locale,
    )


def invite(email: str, role: str, invited_by: User, *, bureau_id=None, startup_id=None,
           contest_id=None) -> Invitation:
    invitation = Invitation(
        email=User.normalize_email(email), role=role, bureau_id=bureau_id,
        startup_id=startup_id, contest_id=contest_id, invited_by_id=invited_by.id,
    )
    db.session.add(invitation)
    db.session.flush()
    link = url_for("auth.accept_invitation", token=invitation_token(invitation), _external=True)
    # The invitee has no account yet, so no language of their own: they get the inviter's.
    mail.tell(invitation.email, invited_by.locale, _l("Invitation to pitch"), _l(
        "You are invited to pitch. Open this link to create your account "
        "(it expires in %(days)d days):\n\n%(link)s",
        days=current_app.config["INVITATION_MAX_AGE"] // 86400, link=link))
    return invitation


def invitation_token(invitation: Invitation) -> str:
    return tokens.make_token("invite", {"id": invitation.id, "email": invitation.email})


def load_invitation(token: str) -> Invitation:
    """The open invitation a link names; raises tokens.InvalidToken otherwise."""
    payload = tokens.read_token("invite", token, current_app.config["INVITATION_MAX_AGE"])
    invitation = db.session.get(Invitation, payload.get("id"))
    if invitation is None or invitation.email != payload.get("email"):
        raise tokens.InvalidToken(expired=False)
    if invitation.accepted_at is not None:
        raise tokens.InvalidToken(expired=False)
    return invitation


def accept_invitation(invitation: Invitation, form, locale: str) -> User:
    user = create_user(
        invitation.email, form.name.data, form.password.data, invitation.role,
        bureau_id=invitation.bureau_id, startup_id=invitation.startup_id, locale=locale,
    )
    invitation.accepted_at = utcnow()
    if invitation.contest_id is not None:
        from pitch.models import PanelMember

        db.session.flush()
        db.session.add(PanelMember(
            contest_id=invitation.contest_id, user_id=user.id, status="accepted",
            accepted_at=utcnow(),
        ))
    return user


def password_reset_token(user: User) -> str:
    # The hash's tail makes the link die once the password has changed.
    return tokens.make_token("reset", {"id": user.id, "h": user.password_hash[-16:]})


def send_password_reset(user: User) -> None:
    link = url_for("auth.reset_password", token=password_reset_token(user), _external=True)
    mail.tell(user.email, user.locale, _l("Reset your pitch password"), _l(
        "Open this link within an hour to choose a new password:\n\n%(link)s\n\n"
        "If you did not ask for this, ignore this message.", link=link))


def user_for_reset(token: str) -> User:
    payload = tokens.read_token("reset", token, current_app.config["PASSWORD_RESET_MAX_AGE"])
    user = db.session.get(User, payload.get("id"))
    if user is None or not user.active or user.password_hash[-16:] != payload.get("h"):
        raise tokens.InvalidToken(expired=False)
    return user


def set_new_password(user: User, password: str) -> None:
    user.set_password(password)
    user.session_version += 1
