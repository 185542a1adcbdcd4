"""Every change made from a pilot's workspace: load (404), check (403), act, commit once."""

from flask import abort, current_app, flash, redirect, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from pitch.domain.pilots import Stage
from pitch.domain.timeline import to_local
from pitch.extensions import db
from pitch.models.pilot import Milestone, Pilot
from pitch.models.types import utcnow
from pitch.pilots import access, operations
from pitch.pilots.blueprint import bp
from pitch.pilots.forms import (
    FILE_KINDS,
    DecisionForm,
    KpiForm,
    MilestoneForm,
    OutcomeForm,
    PlanForm,
    update_form,
)
from pitch.pilots.texts import explain
from pitch.pilots.workspace import load_pilot, render_workspace
from pitch.uploads import UploadRejected, discard_on_rollback, save_upload

MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024


def _back(pilot: Pilot, anchor: str = ""):
    return redirect(url_for("pilots.workspace", pilot_id=pilot.id, _anchor=anchor or None))


def _require(allowed: bool) -> None:
    if not allowed:
        abort(403)


@bp.post("/<int:pilot_id>/updates")
@login_required
def post_update(pilot_id: int):
    pilot = load_pilot(pilot_id)
    _require(access.can_post_update(current_user, pilot))
    form = update_form(pilot)
    if form.validate_on_submit():
        files = []
        if form.attachment.data:
            try:
                files.append(save_upload(form.attachment.data, FILE_KINDS, MAX_ATTACHMENT_BYTES))
            except UploadRejected as rejected:
                form.attachment.errors.append(rejected.message)
        if not form.attachment.errors:
            for stored in files:
                discard_on_rollback(db.session, stored)
            operations.post_update(pilot, current_user, (form.body.data or "").strip(),
                                   form.figures(), files)
            db.session.commit()
            flash(_("Your progress update has been recorded."), "success")
            return _back(pilot, "updates")
    return render_workspace(pilot, 400, update_form=form)


def _form_action(pilot_id: int, allowed, form_class, prefix: str, apply, message: str,
                 anchor: str):
    """The shape of a plain workspace form: load (404), check (403), validate (400 with the
    page and what was typed), apply the operation, commit once, go back to the section."""
    pilot = load_pilot(pilot_id)
    _require(allowed(current_user, pilot))
    form = form_class(prefix=prefix)
    if not form.validate_on_submit():
        return render_workspace(pilot, 400, **{f"{prefix}_form": form})
    apply(pilot, form)
    db.session.commit()
    flash(message, "success")
    return _back(pilot, anchor)


@bp.post("/<int:pilot_id>/plan")
@login_required
def update_plan(pilot_id: int):
    return _form_action(
        pilot_id, access.can_change_plan, PlanForm, "plan",
        lambda pilot, form: operations.update_plan(
            pilot, current_user, title=form.title.data.strip(), goal=form.goal.data or "",
            starts_on=form.starts_on.data, ends_on=form.ends_on.data,
            budget_yen=form.budget_yen.data),
        _("The plan is saved."), "plan")


@bp.post("/<int:pilot_id>/milestones")
@login_required
def add_milestone(pilot_id: int):
    return _form_action(
        pilot_id, access.can_change_plan, MilestoneForm, "milestone",
        lambda pilot, form: operations.add_milestone(pilot, current_user,
                                                     form.title.data.strip(), form.due_on.data),
        _("The milestone has been added."), "milestones")


@bp.post("/<int:pilot_id>/milestones/<int:milestone_id>/done")
@login_required
def complete_milestone(pilot_id: int, milestone_id: int):
    pilot = load_pilot(pilot_id)
    milestone = db.session.get(Milestone, milestone_id)
    if milestone is None or milestone.pilot_id != pilot.id:
        abort(404)
    _require(access.can_complete_milestone(current_user, pilot))
    if milestone.status != "done":
        today = to_local(utcnow(), current_app.config["PITCH_TIMEZONE"]).date()
        operations.complete_milestone(milestone, current_user, today)
        db.session.commit()
        flash(_("The milestone is marked as done."), "success")
    return _back(pilot, "milestones")


@bp.post("/<int:pilot_id>/kpis")
@login_required
def add_kpi(pilot_id: int):
    return _form_action(
        pilot_id, access.can_add_kpi, KpiForm, "kpi",
        lambda pilot, form: operations.add_kpi(pilot, current_user, form.name.data.strip(),
                                               (form.unit.data or "").strip(), form.target.data,
                                               form.lower_is_better.data),
        _("The KPI has been added."), "kpis")


@bp.post("/<int:pilot_id>/stage")
@login_required
def move_stage(pilot_id: int):
    pilot = load_pilot(pilot_id)
    _require(access.can_move_stage(current_user, pilot))
    side = access.side_of(current_user, pilot)
    refusals = operations.move_stage(pilot, current_user, side, request.form.get("target", ""))
    if refusals:
        for refusal in refusals:
            flash(explain(refusal), "error")
        return _back(pilot)
    db.session.commit()
    flash(_("The pilot has moved to the next stage."), "success")
    return _back(pilot)


@bp.post("/<int:pilot_id>/decision")
@login_required
def decide(pilot_id: int):
    pilot = load_pilot(pilot_id)
    _require(access.can_decide(current_user, pilot))
    form = DecisionForm(prefix="decision")
    if form.validate_on_submit():
        refusals = operations.move_stage(pilot, current_user, access.side_of(current_user, pilot),
                                         Stage.DECISION, form.decision.data, form.reason.data)
        if not refusals:
            db.session.commit()
            flash(_("The decision has been recorded."), "success")
            return _back(pilot)
        form.form_errors.extend(explain(refusal) for refusal in refusals)
    return render_workspace(pilot, 400, decision_form=form)


@bp.post("/<int:pilot_id>/outcome")
@login_required
def set_outcome(pilot_id: int):
    return _form_action(
        pilot_id, access.can_plan, OutcomeForm, "outcome",
        lambda pilot, form: operations.set_outcome(pilot, current_user,
                                                   form.outcome_summary.data or ""),
        _("The outcome summary is saved."), "outcome")


@bp.post("/<int:pilot_id>/public")
@login_required
def set_public(pilot_id: int):
    pilot = load_pilot(pilot_id)
    _require(access.can_publish(current_user))
    public = request.form.get("public") == "1"
    operations.set_public(pilot, current_user, public)
    db.session.commit()
    flash(_("The pilot is shown in the public showcase.") if public
          else _("The pilot is no longer in the public showcase."), "success")
    return _back(pilot, "outcome")
