"""The secretariat adds rounds to a contest and removes the last one while nothing uses it."""

from flask import flash, redirect, request, url_for
from flask_babel import gettext as _
from sqlalchemy.exc import IntegrityError

from pitch.contests import operations
from pitch.contests.forms import RoundForm
from pitch.contests.messages import explain
from pitch.contests.routes import bp, contest_round, load_contest, render_rubric
from pitch.extensions import db
from pitch.security import admin_required


@bp.post("/manage/<int:contest_id>/rounds")
@admin_required
def add_round(contest_id: int):
    contest = load_contest(contest_id)
    # The rubric page the form was sent from, to show it again when the form is refused.
    shown = request.args.get("from", type=int)
    shown = next((r for r in contest.rounds if r.id == shown), contest.rounds[-1])
    shown_id = shown.id
    form = RoundForm(prefix="round")
    if not form.validate_on_submit():
        return render_rubric(contest, shown, round_form=form, status=400)
    refusals = operations.add_round(contest, form.data)
    if refusals:
        form.form_errors.extend(explain(refusal) for refusal in refusals)
        return render_rubric(contest, shown, round_form=form, status=409)
    try:
        db.session.commit()
    except IntegrityError:
        # Another secretariat member took the same number a moment earlier.
        db.session.rollback()
        flash(_("Someone else changed the rounds at the same moment; nothing was added. "
                "Look at the rounds and try again."), "error")
        return redirect(url_for("contests.rubric", contest_id=contest_id, round_id=shown_id,
                                _anchor="rounds"))
    added = contest.rounds[-1]
    flash(_("Round %(number)s is added with the default rubric.", number=added.number),
          "success")
    return redirect(url_for("contests.rubric", contest_id=contest.id, round_id=added.id))


@bp.post("/manage/<int:contest_id>/rounds/<int:round_id>/remove")
@admin_required
def remove_round(contest_id: int, round_id: int):
    contest = load_contest(contest_id)
    round_ = contest_round(contest, round_id)
    number = round_.number
    refusals = operations.remove_round(contest, round_)
    if refusals:
        for refusal in refusals:
            flash(explain(refusal), "error")
        return redirect(url_for("contests.rubric", contest_id=contest.id, round_id=round_.id))
    db.session.commit()
    flash(_("Round %(number)s is removed.", number=number), "success")
    return redirect(url_for("contests.rubric", contest_id=contest.id,
                            round_id=contest.rounds[-1].id))
