"""The user's personal API tokens: create one (its secret shown once), list, revoke."""

from flask import Blueprint, abort, flash, make_response, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required
from flask_wtf import FlaskForm
from wtforms import StringField
from wtforms.validators import DataRequired, Length

from pitch.api import tokens
from pitch.extensions import db
from pitch.models import ApiToken

bp = Blueprint("api_tokens", __name__, url_prefix="/account/tokens")


class TokenForm(FlaskForm):
    name = StringField(_l("Token name"), validators=[DataRequired(), Length(max=100)],
                       description=_l("What the token is for, e.g. “scoring app on my phone”."))


def _page(form: TokenForm, secret: str | None = None, status: int = 200):
    response = make_response(render_template(
        "api/tokens.html", form=form, tokens=tokens.active_tokens(current_user), secret=secret,
        max_active=tokens.MAX_ACTIVE), status)
    # The page may hold a secret shown once: no cache keeps a copy.
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.get("/")
@login_required
def index():
    return _page(TokenForm())


@bp.post("/")
@login_required
def create():
    form = TokenForm()
    if not form.validate_on_submit():
        return _page(form, status=400)
    try:
        _token, secret = tokens.create(current_user, form.name.data)
    except tokens.TokenRefused:
        db.session.rollback()
        form.name.errors.append(_("You have %(count)d active tokens: revoke one first.",
                                  count=tokens.MAX_ACTIVE))
        return _page(form, status=400)
    db.session.commit()
    return _page(TokenForm(formdata=None), secret=secret, status=201)


@bp.post("/<int:token_id>/revoke")
@login_required
def revoke(token_id: int):
    token = db.get_or_404(ApiToken, token_id)
    if token.user_id != current_user.id:
        abort(404)  # another person's token: not even its existence is told
    tokens.revoke(token)
    db.session.commit()
    flash(_("The token “%(name)s” is revoked.", name=token.name), "success")
    return redirect(url_for("api_tokens.index"))
