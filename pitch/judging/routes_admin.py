"""The secretariat's panel pages: judges invited, conflicts register and its export."""

import csv
import io

from flask import Response, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user
from wtforms.fields.choices import SelectChoice

from pitch.extensions import db
from pitch.judging import changes, panel_operations
from pitch.judging.forms import AdminConflictForm, InviteJudgesForm, ReasonForm, split_emails
from pitch.judging.routes import bp, commit_or_refuse, load_child, load_contest
from pitch.models import Conflict, Contest, PanelMember, Startup, User
from pitch.security import admin_required


@bp.get("/manage")
@admin_required
def manage():
    contests = db.session.scalars(
        db.select(Contest).options(db.selectinload(Contest.rounds))
        .order_by(Contest.created_at.desc())
    ).all()
    return render_template("judging/manage.html", contests=contests)


def _members(contest: Contest) -> list[PanelMember]:
    return list(db.session.scalars(
        db.select(PanelMember).filter_by(contest_id=contest.id)
        .options(db.joinedload(PanelMember.user)).join(User).order_by(User.name)))


def _register(contest: Contest) -> list[Conflict]:
    return list(db.session.scalars(
        db.select(Conflict).filter_by(contest_id=contest.id)
        .options(db.joinedload(Conflict.judge), db.joinedload(Conflict.startup))
        .order_by(Conflict.created_at, Conflict.id)))


def _conflict_form(contest: Contest, members: list[PanelMember]) -> AdminConflictForm:
    form = AdminConflictForm(prefix="conflict")
    form.judge_id.choices = [SelectChoice(0, "—")] + [
        SelectChoice(m.user_id, f"{m.user.name} <{m.user.email}>") for m in members]
    form.startup_id.choices = [SelectChoice(0, "—")] + [
        SelectChoice(s.id, s.name) for s in panel_operations.contest_startups(contest)]
    return form


def _reason_forms(prefix: str, ids, failed) -> dict[int, ReasonForm]:
    """One reason form per row; a refused one, failed = (prefix, id, form), keeps what was
    typed and its error."""
    forms = {id_: ReasonForm(prefix=f"{prefix}-{id_}", formdata=None) for id_ in ids}
    if failed is not None and failed[0] == prefix:
        forms[failed[1]] = failed[2]
    return forms


def _panel_page(contest: Contest, invite_form=None, conflict_form=None, failed=None,
                status: int = 200):
    members, conflicts = _members(contest), _register(contest)
    return render_template(
        "judging/panel.html", contest=contest, members=members, conflicts=conflicts,
        invite_form=invite_form or InviteJudgesForm(prefix="invite"),
        conflict_form=conflict_form or _conflict_form(contest, members),
        remove_forms=_reason_forms("remove", [m.id for m in members], failed),
        withdraw_forms=_reason_forms("withdraw", [c.id for c in conflicts], failed),
        kinds=panel_operations.CONFLICT_KINDS, events=changes.events(contest.id),
        actions=changes.ACTIONS, can_remove=changes.can_remove,
    ), status


@bp.get("/contests/<int:contest_id>/panel")
@admin_required
def panel(contest_id: int):
    return _panel_page(load_contest(contest_id))


@bp.post("/contests/<int:contest_id>/panel/invite")
@admin_required
def invite(contest_id: int):
    contest = load_contest(contest_id)
    form = InviteJudgesForm(prefix="invite")
    if not form.validate_on_submit():
        return _panel_page(contest, invite_form=form, status=400)
    outcome = panel_operations.invite_judges(contest, split_emails(form.emails.data),
                                             current_user)
    db.session.commit()
    if outcome.added:
        flash(_("Added to the panel and told by e-mail: %(emails)s",
                emails=", ".join(outcome.added)), "success")
    if outcome.invited:
        flash(_("Invited to create an account: %(emails)s",
                emails=", ".join(outcome.invited)), "success")
    if outcome.already:
        flash(_("Already on the panel or invited: %(emails)s",
                emails=", ".join(outcome.already)), "info")
    if outcome.startups:
        flash(_("These accounts belong to startups, which cannot judge: %(emails)s",
                emails=", ".join(outcome.startups)), "error")
    return redirect(url_for("judging.panel", contest_id=contest.id))


@bp.post("/contests/<int:contest_id>/panel/conflicts")
@admin_required
def add_conflict(contest_id: int):
    contest = load_contest(contest_id)
    members = _members(contest)
    form = _conflict_form(contest, members)
    if form.validate_on_submit():
        judge = db.session.get(User, form.judge_id.data)
        startup = db.session.get(Startup, form.startup_id.data)
        if judge is None or form.judge_id.data not in {m.user_id for m in members}:
            form.judge_id.errors.append(_("Choose a judge of the panel."))
        elif startup is None:
            form.startup_id.errors.append(_("Choose the startup."))
        elif commit_or_refuse(
                lambda: panel_operations.add_conflict(contest, judge, startup, form.kind.data,
                                                      form.note.data, current_user),
                panel_operations.ConflictRefused, flash_conflict_outcome,
                show_refusal=form.startup_id.errors.append):
            return redirect(url_for("judging.panel", contest_id=contest.id))
    return _panel_page(contest, conflict_form=form, status=400)


def flash_conflict_outcome(outcome: panel_operations.ConflictOutcome) -> None:
    flash(_("The conflict has been recorded; %(n)d assignments were removed.",
            n=outcome.removed), "success")
    if outcome.added:
        flash(_("%(n)d assignments were added to keep every pitch's number of judges.",
                n=outcome.added), "success")
    for message in outcome.unfilled:
        flash(_("Some pitches now lack a judge: %(why)s", why=message), "error")


def _change(contest: Contest, prefix: str, id_: int, action, done: str):
    """Validate the reason, make the change, commit once; a refusal keeps the typed reason."""
    form = ReasonForm(prefix=f"{prefix}-{id_}")
    # Validated, the reason's errors are an empty list: the refusal is its only error.
    if form.validate_on_submit() and commit_or_refuse(
            lambda: action(form.reason.data), changes.PanelChangeRefused, done,
            show_refusal=form.reason.errors.append):
        return redirect(url_for("judging.panel", contest_id=contest.id))
    return _panel_page(contest, failed=(prefix, id_, form), status=400)


@bp.post("/contests/<int:contest_id>/panel/members/<int:member_id>/remove")
@admin_required
def remove_member(contest_id: int, member_id: int):
    contest = load_contest(contest_id)
    member = load_child(PanelMember, member_id, contest_id=contest.id)
    if not changes.can_remove(member):  # the page has no form of theirs to show this on
        flash(changes.NOT_ON_PANEL, "error")
        return redirect(url_for("judging.panel", contest_id=contest.id))
    return _change(contest, "remove", member.id,
                   lambda reason: changes.remove_member(member, reason, current_user),
                   _("The judge has been removed from the panel; their unsubmitted pitches "
                     "went to other judges."))


@bp.post("/contests/<int:contest_id>/panel/conflicts/<int:conflict_id>/withdraw")
@admin_required
def withdraw_conflict(contest_id: int, conflict_id: int):
    contest = load_contest(contest_id)
    conflict = load_child(Conflict, conflict_id, contest_id=contest.id)
    return _change(contest, "withdraw", conflict.id,
                   lambda reason: changes.withdraw_conflict(conflict, current_user, reason),
                   _("The conflict has been withdrawn."))


@bp.get("/contests/<int:contest_id>/conflicts.csv")
@admin_required
def conflicts_csv(contest_id: int):
    contest = load_contest(contest_id)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["contest_id", "judge_id", "judge_email", "judge_name", "startup_id",
                     "startup_name", "kind", "note", "declared_by", "created_at"])
    for conflict in _register(contest):
        declared_by = "judge" if conflict.declared_by_id == conflict.judge_id else "secretariat"
        writer.writerow([contest.id, conflict.judge_id, conflict.judge.email, conflict.judge.name,
                         conflict.startup_id, conflict.startup.name, conflict.kind,
                         conflict.note, declared_by, conflict.created_at.isoformat()])
    return csv_response(out.getvalue(), f"conflicts-contest-{contest.id}.csv")


def csv_response(text: str, filename: str) -> Response:
    # A BOM so that Excel in Japan opens the UTF-8 file with the right characters.
    return Response("\ufeff" + text, mimetype="text/csv; charset=utf-8", headers={
        "Content-Disposition": f'attachment; filename="{filename}"',
        "Cache-Control": "private, no-store"})
