"""The shared workspace of one pilot: seen only by its bureau, its startup and the secretariat."""

from flask import abort, current_app, render_template
from flask_login import current_user, login_required
from sqlalchemy.orm import joinedload, selectinload

from pitch.domain.pilots import STAGES, Stage, is_overdue, latest_value, next_stage, progress
from pitch.extensions import db
from pitch.models.pilot import Pilot, PilotAttachment, PilotEvent, PilotUpdate
from pitch.models.types import utcnow
from pitch.pilots import access
from pitch.pilots.blueprint import bp
from pitch.pilots.chart import kpi_chart
from pitch.pilots.forms import (
    DecisionForm,
    KpiForm,
    MilestoneForm,
    OutcomeForm,
    PlanForm,
    update_form,
)
from pitch.uploads import send_stored


def load_pilot(pilot_id: int) -> Pilot:
    """The pilot with all its workspace needs in a few queries; 404 for anyone not on it,
    so its existence is not revealed."""
    pilot = db.session.scalar(
        db.select(Pilot).where(Pilot.id == pilot_id)
        .options(joinedload(Pilot.bureau), joinedload(Pilot.startup),
                 joinedload(Pilot.challenge), joinedload(Pilot.pitch),
                 selectinload(Pilot.kpis), selectinload(Pilot.milestones),
                 selectinload(Pilot.updates).options(
                     joinedload(PilotUpdate.author), selectinload(PilotUpdate.kpi_values),
                     selectinload(PilotUpdate.attachments)),
                 selectinload(Pilot.events).joinedload(PilotEvent.actor))
    )
    if pilot is None or not access.can_view_pilot(current_user, pilot):
        abort(404)
    return pilot


def _kpi_rows(pilot: Pilot) -> list[dict]:
    figures = {kpi.id: [] for kpi in pilot.kpis}
    for update in pilot.updates:
        for value in update.kpi_values:
            figures.setdefault(value.kpi_id, []).append((update.created_at, value.value))
    rows = []
    for kpi in pilot.kpis:
        actual = latest_value(figures[kpi.id])
        rows.append({"kpi": kpi, "actual": actual,
                     "progress": progress(actual, kpi.target, kpi.lower_is_better),
                     "figures": sorted(figures[kpi.id]),
                     "chart": kpi_chart(kpi.target, figures[kpi.id])})
    return rows


def _stages(pilot: Pilot) -> list[tuple[str, str]]:
    current = STAGES.index(Stage(pilot.stage))
    return [(stage.value, "past" if index < current else "current" if index == current
             else "future") for index, stage in enumerate(STAGES)]


def render_workspace(pilot: Pilot, status: int = 200, **forms):
    """The page, with any rejected form passed in so it keeps what the user typed."""
    now, tz = utcnow(), current_app.config["PITCH_TIMEZONE"]
    forms.setdefault("update_form", update_form(pilot, formdata=None))
    forms.setdefault("plan_form", PlanForm(prefix="plan", formdata=None, obj=pilot))
    forms.setdefault("milestone_form", MilestoneForm(prefix="milestone", formdata=None))
    forms.setdefault("kpi_form", KpiForm(prefix="kpi", formdata=None))
    forms.setdefault("decision_form", DecisionForm(prefix="decision", formdata=None))
    forms.setdefault("outcome_form", OutcomeForm(prefix="outcome", formdata=None,
                                                 obj=pilot))
    overdue = {m.id for m in pilot.milestones
               if is_overdue(m.due_on, m.status == "done", now, tz)}
    kpi_names = {kpi.id: kpi for kpi in pilot.kpis}
    return render_template(
        "pilots/workspace.html", pilot=pilot, access=access, user=current_user,
        stages=_stages(pilot), next_stage=next_stage(pilot.stage), overdue=overdue,
        kpi_rows=_kpi_rows(pilot), kpi_names=kpi_names,
        updates=list(reversed(pilot.updates)), events=list(reversed(pilot.events)), **forms,
    ), status


@bp.get("/<int:pilot_id>")
@login_required
def workspace(pilot_id: int):
    return render_workspace(load_pilot(pilot_id))


@bp.get("/<int:pilot_id>/attachments/<int:attachment_id>")
@login_required
def attachment(pilot_id: int, attachment_id: int):
    pilot = load_pilot(pilot_id)
    stored = db.session.get(PilotAttachment, attachment_id)
    if stored is None or stored.update.pilot_id != pilot.id:
        abort(404)
    return send_stored(stored.stored_name, stored.original_name, stored.content_type)
