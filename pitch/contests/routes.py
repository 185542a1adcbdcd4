"""The public contest page and the secretariat's contest set-up."""

from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy.orm import selectinload

from pitch.challenges.access import public_challenges
from pitch.contests import operations
from pitch.contests.access import can_view_contest
from pitch.contests.forms import ContestForm, RoundForm, RubricForm
from pitch.contests.messages import KIND_LABELS, STATE_LABELS, TIMELINE_LABELS, explain
from pitch.domain.contest_rules import allowed_moves, check_round_addition, check_round_removal
from pitch.domain.timeline import timeline_steps
from pitch.extensions import db
from pitch.models import Challenge, Contest, Round
from pitch.models.types import utcnow
from pitch.security import admin_required

bp = Blueprint("contests", __name__, url_prefix="/contests")


def _tz() -> str:
    return current_app.config["PITCH_TIMEZONE"]


def load_contest(contest_id: int) -> Contest:
    return db.one_or_404(db.select(Contest).where(Contest.id == contest_id).options(
        selectinload(Contest.rounds).selectinload(Round.criteria)))


@bp.get("/<int:contest_id>")
def show(contest_id: int):
    contest = load_contest(contest_id)
    if not can_view_contest(current_user, contest):
        abort(404)
    timeline = operations.timeline_of(contest)
    steps = timeline_steps(timeline, utcnow()) if timeline else []
    challenges = db.session.scalars(public_challenges().where(
        Challenge.contest_id == contest.id).order_by(Challenge.id)).all()
    return render_template("contests/show.html", contest=contest, steps=steps,
                           challenges=challenges, timeline_labels=TIMELINE_LABELS,
                           state_labels=STATE_LABELS)


@bp.get("/manage")
@admin_required
def manage():
    contests = db.session.scalars(db.select(Contest).options(selectinload(Contest.rounds))
                                  .order_by(Contest.created_at.desc())).all()
    return render_template("contests/manage.html", contests=contests, state_labels=STATE_LABELS,
                           allowed_moves=allowed_moves)


def _save_contest_form(form: ContestForm, contest: Contest | None):
    """Validate and save; the form as typed comes back when anything is refused."""
    problems = operations.timeline_problems(form.data) if form.validate_on_submit() else None
    if problems is None or problems:
        for problem in problems or ():
            form.form_errors.append(explain(problem))
        return None
    if contest is None:
        contest = operations.create_contest(form.data, _tz())
    else:
        operations.update_contest(contest, form.data, _tz())
    db.session.commit()
    flash(_("The contest is saved."), "success")
    return redirect(url_for("contests.manage"))


@bp.route("/manage/new", methods=["GET", "POST"])
@admin_required
def create():
    form = ContestForm(data={"judges_per_pitch": 3, "shortlist_size": 5,
                             "blind_screening": True, "method": "mean"})
    saved = _save_contest_form(form, None)
    if saved:
        return saved
    status = 400 if request.method == "POST" else 200
    return render_template("contests/form.html", form=form, contest=None), status


@bp.route("/manage/<int:contest_id>/edit", methods=["GET", "POST"])
@admin_required
def edit(contest_id: int):
    contest = load_contest(contest_id)
    values = {name: getattr(contest, name) for name in operations.SETTINGS}
    form = ContestForm(data=values | operations.local_timeline_values(contest, _tz()))
    saved = _save_contest_form(form, contest)
    if saved:
        return saved
    status = 400 if request.method == "POST" else 200
    return render_template("contests/form.html", form=form, contest=contest), status


@bp.post("/manage/<int:contest_id>/move")
@admin_required
def move(contest_id: int):
    contest = load_contest(contest_id)
    target = request.form.get("target", "")
    if target not in STATE_LABELS:
        abort(400)
    refusals = operations.move_contest(contest, target, utcnow())
    if refusals:
        for refusal in refusals:
            flash(explain(refusal), "error")
        return redirect(url_for("contests.manage"))
    db.session.commit()
    flash(_("The contest is now: %(state)s.", state=STATE_LABELS[target]), "success")
    return redirect(url_for("contests.manage"))


def _rubric_data(round_: Round) -> dict:
    rows = [{name: getattr(criterion, name) for name in ("key", *operations.CRITERION_FIELDS)}
            for criterion in round_.criteria]
    return {"name_ja": round_.name_ja, "name_en": round_.name_en, "criteria": [*rows, {}]}


def render_rubric(contest: Contest, round_: Round, form: RubricForm | None = None,
                  round_form: RoundForm | None = None, status: int = 200):
    """A round's rubric page, which also lists the contest's rounds to add and remove; a
    refused form is passed in to show what was typed."""
    if form is None:
        form = RubricForm(data=_rubric_data(round_))
    if round_form is None:
        round_form = RoundForm(prefix="round", formdata=None)
    # The same rule the remove view applies: a button only where removing is allowed.
    removable = {r.id: not check_round_removal(operations.round_facts(contest, r))
                 for r in contest.rounds}
    return render_template(
        "contests/rubric.html", contest=contest, round=round_, form=form,
        round_form=round_form,
        locked=operations.rubric_locked(round_), removable=removable,
        can_add_round=not check_round_addition(contest.state), kind_labels=KIND_LABELS,
    ), status


def contest_round(contest: Contest, round_id: int) -> Round:
    round_ = next((r for r in contest.rounds if r.id == round_id), None)
    if round_ is None:
        abort(404)
    return round_


@bp.route("/manage/<int:contest_id>/rounds/<int:round_id>/rubric", methods=["GET", "POST"])
@admin_required
def rubric(contest_id: int, round_id: int):
    contest = load_contest(contest_id)
    round_ = contest_round(contest, round_id)
    if request.method == "POST" and operations.rubric_locked(round_):
        flash(_("Scores have been submitted in this round: its rubric can no longer change."),
              "error")
        return redirect(url_for("contests.rubric", contest_id=contest.id, round_id=round_.id))
    form = RubricForm(data=_rubric_data(round_))
    if form.validate_on_submit():
        rows = [row.data for row in form.criteria if not row.form.is_blank()]
        refusals = operations.save_rubric(round_, form.data, operations.rubric_rows(rows))
        if not refusals:
            db.session.commit()
            flash(_("The rubric is saved."), "success")
            return redirect(url_for("contests.rubric", contest_id=contest.id,
                                    round_id=round_.id))
        form.form_errors.extend(explain(refusal) for refusal in refusals)
    return render_rubric(contest, round_, form=form,
                         status=400 if request.method == "POST" else 200)


# Adding and removing rounds register their views on the same blueprint.
from pitch.contests import rounds  # noqa: E402, F401
