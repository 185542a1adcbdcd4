"""The secretariat's results pages (bureau staff read their own pitches' rows)."""

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy.exc import IntegrityError
from wtforms.fields.choices import SelectChoice

from pitch.cache import personal_page
from pitch.domain.scoring import METHODS
from pitch.extensions import db
from pitch.models import Award, Challenge, Contest, ResultSnapshot, Round
from pitch.results import operations
from pitch.results.access import can_manage_results, can_view_round, visible_bureau
from pitch.results.figures import contest_rounds_state, round_figures
from pitch.results.forms import METHOD_LABELS, AwardForm, PublishForm
from pitch.results.loader import load_round, round_pitches
from pitch.results.snapshot import snapshots_of
from pitch.security import admin_required, roles_required

bp = Blueprint("results", __name__, url_prefix="/results")
PER_PAGE = 50


@bp.get("/")
@roles_required("admin", "bureau")
def index():
    statement = db.select(Contest).order_by(Contest.id.desc())
    if not can_manage_results(current_user):
        statement = statement.where(Contest.id.in_(
            db.select(Challenge.contest_id).where(Challenge.bureau_id == current_user.bureau_id)))
    page = db.paginate(statement.options(db.selectinload(Contest.rounds)), per_page=20)
    return render_template("results/index.html", page=page)


def _load_round(round_id: int) -> Round:
    round_ = db.get_or_404(Round, round_id)
    if not can_view_round(current_user, round_):
        abort(403)
    return round_


def _method(round_: Round) -> str:
    method = request.values.get("method", "")
    return method if method in METHODS else round_.contest.method


def _award_form(round_: Round, pitches, form: AwardForm | None = None) -> AwardForm | None:
    """The awards form, on the final round's page for the secretariat only."""
    if round_.kind != "final" or not can_manage_results(current_user):
        return None
    form = form or AwardForm(formdata=None)
    named = zip(pitches.index, pitches["title"], pitches["startup_name"], strict=True)
    form.pitch_id.choices = [SelectChoice(pitch_id, f"{title} — {startup}")
                             for pitch_id, title, startup in named]
    return form


def _render_round(round_: Round, method: str, publish_form=None, award_form=None,
                  status: int = 200):
    data = load_round(round_, method)
    manage = can_manage_results(current_user)
    context = {
        "round": round_,
        "contest": round_.contest,
        "method": method,
        "methods": METHODS,
        "method_labels": METHOD_LABELS,
        "figures": round_figures(data, request.args.get("page", 1, type=int), PER_PAGE,
                                 visible_bureau(current_user), manage),
        "snapshots": snapshots_of(round_.id) if manage else [],
        "manage": manage,
        "publish_form": publish_form or PublishForm(formdata=None, method=method),
        "award_form": _award_form(round_, data.pitches, award_form),
        "awards": operations.awards_of(round_.contest_id) if manage else [],
    }
    return render_template("results/round.html", **context), status


def _round_fingerprint(_user, round_id: int) -> tuple:
    """Everything a round's results page shows that can change, for ``pitch.cache``; a
    bureau's right to see the round follows from the same rows."""
    return contest_rounds_state(round_id)


@bp.get("/round/<int:round_id>")
@roles_required("admin", "bureau")
@personal_page(_round_fingerprint, query=("method", "page"))
def round_results(round_id: int):
    round_ = _load_round(round_id)
    return _render_round(round_, _method(round_))


@bp.post("/round/<int:round_id>/publish")
@admin_required
def publish(round_id: int):
    round_ = db.get_or_404(Round, round_id)
    form = PublishForm()
    if form.validate_on_submit():
        try:
            snapshot = operations.publish(round_, form.method.data, current_user,
                                          form.reason.data or "")
            # Two publications at once would take the same version number: one must lose.
            db.session.commit()
        except operations.ResultsRefused as refusal:
            form.reason.errors.append(str(refusal))
        except IntegrityError:
            db.session.rollback()
            form.reason.errors.append(_("Someone published these results at the same "
                                        "moment; reload the page and check."))
        else:
            flash(_("Version %(version)d of the results is published.",
                    version=snapshot.version), "success")
            return redirect(url_for("results.round_results", round_id=round_.id,
                                    method=snapshot.method))
    return _render_round(round_, _method(round_), publish_form=form, status=400)


@bp.get("/snapshot/<int:snapshot_id>")
@admin_required
def snapshot(snapshot_id: int):
    snapshot = db.get_or_404(ResultSnapshot, snapshot_id)
    return render_template("results/snapshot.html", snapshot=snapshot, round=snapshot.round,
                           method_labels=METHOD_LABELS)


@bp.post("/contest/<int:contest_id>/awards")
@admin_required
def add_award(contest_id: int):
    contest = db.get_or_404(Contest, contest_id)
    final = operations.final_round(contest)
    if final is None:
        abort(404)
    form = _award_form(final, round_pitches(final.id), AwardForm())
    if form.validate_on_submit():
        try:
            operations.add_award(contest, form.pitch_id.data, form.name_ja.data,
                                 form.name_en.data)
        except operations.ResultsRefused as refusal:
            form.pitch_id.errors.append(str(refusal))
        else:
            db.session.commit()
            flash(_("The award has been added."), "success")
            return redirect(url_for("results.round_results", round_id=final.id))
    return _render_round(final, _method(final), award_form=form, status=400)


@bp.post("/award/<int:award_id>/delete")
@admin_required
def delete_award(award_id: int):
    award = db.get_or_404(Award, award_id)
    final = operations.final_round(db.session.get(Contest, award.contest_id))
    operations.remove_award(award)
    db.session.commit()
    flash(_("The award has been removed."), "success")
    if final is None:  # a past contest's award, recorded without rounds (as in the demo)
        return redirect(url_for("results.index"))
    return redirect(url_for("results.round_results", round_id=final.id))


from pitch.results import exports, public, shortlist_views  # noqa: E402, F401  (their routes)
