"""The secretariat's control of a round: scoring opened and closed, assignment, progress, audit."""

import csv
import io
import json

from flask import flash, jsonify, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from wtforms.fields.choices import SelectChoice

from pitch.extensions import db
from pitch.judging import assignment_operations as assigning
from pitch.judging import changes, operations, progress
from pitch.judging.forms import AddAssignmentForm, DropoutForm, ReasonForm, RunAssignmentForm
from pitch.judging.routes import bp, commit_or_refuse, load_child, load_round
from pitch.judging.routes_admin import csv_response
from pitch.models import Assignment, PanelMember, Pitch, RoundEntry, ScoreAudit, User
from pitch.security import admin_required


@bp.post("/rounds/<int:round_id>/state")
@admin_required
def move_round(round_id: int):
    round_ = load_round(round_id)
    if request.form.get("to") == "open":
        move, done = operations.open_round, _("Scoring is open for this round.")
    else:
        move, done = operations.close_round, _("The round is closed; its scorecards are locked.")
    commit_or_refuse(lambda: move(round_), operations.RoundMoveRefused, done)
    return redirect(url_for("judging.assignments", round_id=round_.id))


@bp.post("/rounds/<int:round_id>/reopen")
@admin_required
def reopen_round(round_id: int):
    round_ = load_round(round_id)
    form = ReasonForm(prefix="reopen")
    if not form.validate_on_submit():
        return _assignments_page(round_, 400, reopen=form)
    # Validated, the reason's errors are an empty list: the refusal is its only error.
    if commit_or_refuse(lambda: changes.reopen_round(round_, form.reason.data, current_user),
                        changes.PanelChangeRefused,
                        _("The round is open again: judges can change their scorecards."),
                        show_refusal=form.reason.errors.append):
        return redirect(url_for("judging.assignments", round_id=round_.id))
    return _assignments_page(round_, 409, reopen=form)


def _forms(round_, run=None, add=None, dropout=None, reopen=None):
    judges = db.session.scalars(
        db.select(User).join(PanelMember, PanelMember.user_id == User.id)
        .where(PanelMember.contest_id == round_.contest_id).order_by(User.name)).all()
    judge_choices = [SelectChoice(0, "—")] + [SelectChoice(u.id, f"{u.name} <{u.email}>")
                                              for u in judges]
    entries = db.session.scalars(
        db.select(RoundEntry).filter_by(round_id=round_.id)
        .options(db.joinedload(RoundEntry.pitch)).order_by(RoundEntry.position)).all()
    add = add or AddAssignmentForm(prefix="add")
    add.judge_id.choices = judge_choices
    add.pitch_id.choices = [SelectChoice(0, "—")] + [
        SelectChoice(e.pitch_id, f"{e.position}. {e.pitch.title}") for e in entries]
    dropout = dropout or DropoutForm(prefix="dropout")
    dropout.judge_id.choices = judge_choices
    return {"run_form": run or RunAssignmentForm(prefix="run", seed=round_.id),
            "add_form": add, "dropout_form": dropout,
            "reopen_form": reopen or ReasonForm(prefix="reopen", formdata=None)}


def _assignments_page(round_, status: int = 200, **forms):
    page = db.paginate(
        db.select(Assignment).filter_by(round_id=round_.id)
        .options(db.joinedload(Assignment.judge), db.joinedload(Assignment.pitch))
        .order_by(Assignment.pitch_id, Assignment.judge_id), per_page=100)
    loads = progress.by_judge(round_)
    return render_template("judging/assignments.html", round=round_, page=page,
                           loads=loads, k=round_.contest.judges_per_pitch,
                           **_forms(round_, **forms)), status


@bp.get("/rounds/<int:round_id>/assignments")
@admin_required
def assignments(round_id: int):
    return _assignments_page(load_round(round_id))


def _act(round_, form, key: str, action, done):
    """Validate, run the operation, commit once; on refusal show the message on the form."""
    if form.validate_on_submit() and commit_or_refuse(
            action, assigning.AssignmentRefused, lambda result: flash(done(result), "success"),
            show_refusal=form.form_errors.append):
        return redirect(url_for("judging.assignments", round_id=round_.id))
    return _assignments_page(round_, 400, **{key: form})


@bp.post("/rounds/<int:round_id>/assignments/run")
@admin_required
def run_assignment(round_id: int):
    round_ = load_round(round_id)
    form = RunAssignmentForm(prefix="run")
    return _act(round_, form, "run", lambda: assigning.run_assignment(round_, form.seed.data),
                lambda n: _("%(n)d assignments added.", n=n))


@bp.post("/rounds/<int:round_id>/assignments/add")
@admin_required
def add_assignment(round_id: int):
    round_ = load_round(round_id)
    form = _forms(round_, add=AddAssignmentForm(prefix="add"))["add_form"]

    def action():
        judge = db.session.get(User, form.judge_id.data)
        pitch = db.session.get(Pitch, form.pitch_id.data)
        if judge is None or pitch is None:
            raise assigning.AssignmentRefused(_("Choose a judge and a pitch."))
        return assigning.add_assignment(round_, judge, pitch)

    return _act(round_, form, "add", action, lambda _a: _("The assignment has been added."))


@bp.post("/rounds/<int:round_id>/assignments/<int:assignment_id>/remove")
@admin_required
def remove_assignment(round_id: int, assignment_id: int):
    round_ = load_round(round_id)
    assignment = load_child(Assignment, assignment_id, round_id=round_.id)
    commit_or_refuse(lambda: assigning.remove_assignment(assignment), assigning.AssignmentRefused,
                     _("The assignment has been removed."))
    return redirect(url_for("judging.assignments", round_id=round_.id))


@bp.post("/rounds/<int:round_id>/assignments/dropout")
@admin_required
def reassign_dropout(round_id: int):
    round_ = load_round(round_id)
    form = _forms(round_, dropout=DropoutForm(prefix="dropout"))["dropout_form"]

    def action():
        judge = db.session.get(User, form.judge_id.data)
        if judge is None:
            raise assigning.AssignmentRefused(_("Choose the judge who drops out."))
        return assigning.reassign_dropout(round_, judge, form.seed.data, current_user)

    return _act(round_, form, "dropout", action,
                lambda n: _("%(n)d pitches moved to other judges.", n=n))


@bp.get("/rounds/<int:round_id>/progress")
@admin_required
def progress_page(round_id: int):
    round_ = load_round(round_id)
    rows = progress.by_pitch(round_)
    stage = request.args.get("stage", type=int)
    on_stage = next((e for e, _t in rows if e.pitch_id == stage), rows[0][0] if rows else None)
    return render_template("judging/progress.html", round=round_, judges=progress.by_judge(round_),
                           pitches=rows, on_stage=on_stage,
                           live=progress.live(round_, on_stage.pitch_id) if on_stage else [])


@bp.get("/rounds/<int:round_id>/live/<int:pitch_id>.json")
@admin_required
def live(round_id: int, pitch_id: int):
    round_ = load_round(round_id)
    states = progress.live(round_, pitch_id)
    return jsonify(pitch_id=pitch_id, judges=states,
                   submitted=sum(1 for s in states if s["status"] == "submitted"))


@bp.post("/rounds/<int:round_id>/reminders")
@admin_required
def send_reminders(round_id: int):
    round_ = load_round(round_id)
    sent = progress.send_reminders(round_)
    db.session.commit()
    flash(_("Reminders sent to %(n)d judges.", n=len(sent)), "success")
    return redirect(url_for("judging.progress_page", round_id=round_.id))


def _audit_rows(round_):
    return db.session.scalars(
        db.select(ScoreAudit).filter_by(round_id=round_.id).order_by(ScoreAudit.id))


@bp.get("/rounds/<int:round_id>/audit")
@admin_required
def audit(round_id: int):
    round_ = load_round(round_id)
    page = db.paginate(db.select(ScoreAudit).filter_by(round_id=round_.id)
                       .order_by(ScoreAudit.id.desc()), per_page=100)
    users = {u.id: u for u in db.session.scalars(db.select(User).where(User.id.in_(
        {r.judge_id for r in page.items} | {r.actor_id for r in page.items if r.actor_id})))}
    return render_template("judging/audit.html", round=round_, page=page, users=users)


@bp.get("/rounds/<int:round_id>/audit.csv")
@admin_required
def audit_csv(round_id: int):
    round_ = load_round(round_id)
    people = (db.select(ScoreAudit.judge_id).filter_by(round_id=round_.id)
              .union(db.select(ScoreAudit.actor_id).filter_by(round_id=round_.id)))
    emails = dict(db.session.execute(
        db.select(User.id, User.email).where(User.id.in_(people))).all())
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["id", "at", "round_id", "pitch_id", "judge_id", "judge_email", "actor_email",
                     "source", "action", "old", "new"])
    for row in _audit_rows(round_):
        writer.writerow([row.id, row.at.isoformat(), row.round_id, row.pitch_id, row.judge_id,
                         emails.get(row.judge_id, ""), emails.get(row.actor_id, ""), row.source,
                         row.action, _json(row.old), _json(row.new)])
    return csv_response(out.getvalue(), f"score-audit-round-{round_.id}.csv")


def _json(value) -> str:
    return "" if value is None else json.dumps(value, ensure_ascii=False, sort_keys=True)
