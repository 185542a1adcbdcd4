"""Lists of pilots: the secretariat's overview, a bureau's or startup's own, and opening one."""

from collections import Counter

from flask import abort, current_app, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy.orm import joinedload, selectinload

from pitch.domain.pilots import STAGES, deployment_share, is_overdue
from pitch.extensions import db
from pitch.models import Award, Challenge, Pitch, Role
from pitch.models.pilot import Pilot
from pitch.models.types import utcnow
from pitch.pilots import operations
from pitch.pilots.access import can_open_pilot
from pitch.pilots.blueprint import bp
from pitch.pilots.forms import OpenPilotForm
from pitch.security import admin_required, roles_required


def _pilots(*conditions):
    return db.session.scalars(
        db.select(Pilot).where(*conditions)
        .options(joinedload(Pilot.bureau), joinedload(Pilot.startup),
                 joinedload(Pilot.challenge).joinedload(Challenge.contest),
                 selectinload(Pilot.milestones))
        .order_by(Pilot.created_at.desc(), Pilot.id.desc())
    ).unique().all()


def _awaiting_pilot(*conditions) -> list[Pitch]:
    """Awarded pitches that have no pilot yet."""
    return db.session.scalars(
        db.select(Pitch).join(Pitch.challenge)
        .where(Pitch.id.in_(db.select(Award.pitch_id)),
               ~Pitch.id.in_(db.select(Pilot.pitch_id)), *conditions)
        .options(joinedload(Pitch.startup),
                 joinedload(Pitch.challenge).joinedload(Challenge.bureau))
        .order_by(Pitch.id)
    ).unique().all()


def overdue_counts(pilots: list[Pilot]) -> dict[int, int]:
    now, tz = utcnow(), current_app.config["PITCH_TIMEZONE"]
    return {pilot.id: sum(1 for m in pilot.milestones
                          if is_overdue(m.due_on, m.status == "done", now, tz))
            for pilot in pilots}


@bp.get("/overview")
@admin_required
def overview():
    pilots = _pilots()
    stages = Counter(pilot.stage for pilot in pilots)
    deployed, total, share = deployment_share(pilot.decision for pilot in pilots)
    return render_template("pilots/overview.html", pilots=pilots, overdue=overdue_counts(pilots),
                           stage_counts=[(stage, stages[stage]) for stage in STAGES],
                           deployed=deployed, total=total, share=share,
                           awaiting=_awaiting_pilot())


@bp.get("/mine")
@roles_required(Role.ADMIN, Role.BUREAU, Role.STARTUP)
def mine():
    if current_user.role == Role.ADMIN:
        return redirect(url_for("pilots.overview"))
    if current_user.role == Role.BUREAU:
        pilots = _pilots(Pilot.bureau_id == current_user.bureau_id)
        awaiting = _awaiting_pilot(Challenge.bureau_id == current_user.bureau_id)
    else:
        pilots, awaiting = _pilots(Pilot.startup_id == current_user.startup_id), []
    return render_template("pilots/mine.html", pilots=pilots, overdue=overdue_counts(pilots),
                           awaiting=awaiting)


@bp.route("/open/<int:pitch_id>", methods=["GET", "POST"])
@roles_required(Role.ADMIN, Role.BUREAU)
def open_pilot(pitch_id: int):
    pitch = db.get_or_404(Pitch, pitch_id)
    if not can_open_pilot(current_user, pitch):
        abort(404)  # another bureau's pitch, which that bureau may not even see
    if not operations.is_awarded(pitch):
        abort(404)
    existing = db.session.scalar(db.select(Pilot).where(Pilot.pitch_id == pitch.id))
    if existing is not None:
        flash(_("This pitch already has a pilot."), "info")
        return redirect(url_for("pilots.workspace", pilot_id=existing.id))
    form = OpenPilotForm(data={"title": pitch.title, "budget_yen": pitch.challenge.budget_yen})
    if form.validate_on_submit():
        try:
            pilot = operations.open_pilot(
                pitch, current_user, title=form.title.data.strip(), goal=form.goal.data or "",
                starts_on=form.starts_on.data, ends_on=form.ends_on.data,
                budget_yen=form.budget_yen.data, kpis=form.kpi_rows())
        except operations.PilotExists as exists:
            # Someone opened it between this form's check and its save: keep what was typed.
            flash(_("Someone else opened a pilot for this pitch at the same moment; "
                    "yours has not been saved."), "error")
            return render_template("pilots/open.html", form=form, pitch=pitch,
                                   existing=exists.pilot), 409
        db.session.commit()
        flash(_("The pilot has been opened."), "success")
        return redirect(url_for("pilots.workspace", pilot_id=pilot.id))
    status = 400 if form.is_submitted() else 200
    return render_template("pilots/open.html", form=form, pitch=pitch), status
