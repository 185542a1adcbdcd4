from flask import Blueprint, current_app, redirect, render_template, request, session
from flask_login import current_user

from pitch.auth.routes import safe_next
from pitch.cache import public_page
from pitch.challenges.access import public_challenges
from pitch.extensions import db
from pitch.models import Challenge, Contest

bp = Blueprint("main", __name__)


@bp.get("/")
@public_page
def index():
    # Contests under way, each with its public challenges: what a visitor comes for.
    contests = db.session.scalars(db.select(Contest).where(
        Contest.state.in_(("open", "screening", "final", "results")))
        .order_by(Contest.created_at.desc())).all()
    challenges = db.session.scalars(public_challenges().where(
        Challenge.contest_id.in_([contest.id for contest in contests]))
        .order_by(Challenge.published_at.desc(), Challenge.id.desc())).all()
    by_contest = {contest.id: [c for c in challenges if c.contest_id == contest.id]
                  for contest in contests}
    return render_template("main/index.html", contests=contests, by_contest=by_contest)


@bp.post("/language")
def set_language():
    language = request.form.get("language", "")
    if language in current_app.config["LANGUAGES"]:
        session["locale"] = language
        if current_user.is_authenticated:
            current_user.locale = language
            db.session.commit()
    return redirect(safe_next(request.form.get("next")))


@bp.get("/healthz")
def health():
    db.session.execute(db.text("SELECT 1"))
    return {"status": "ok"}
