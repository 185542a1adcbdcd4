"""The judge's own pages: dashboard, accepting the panel invitation, declaring conflicts."""

from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from wtforms.fields.choices import SelectChoice

from pitch.cache import personal_page
from pitch.extensions import db
from pitch.judging import access, changes, panel_operations
from pitch.judging.forms import ConflictForm
from pitch.judging.routes import bp, commit_or_refuse, load_child, load_contest
from pitch.judging.work import dashboard_fingerprint, work_of
from pitch.models import Conflict, PanelMember, Startup


@bp.get("/")
@login_required
@personal_page(dashboard_fingerprint)
def dashboard():
    memberships = db.session.scalars(
        db.select(PanelMember).where(PanelMember.user_id == current_user.id,
                                     PanelMember.status.in_(("invited", access.ACCEPTED)))
        .options(db.joinedload(PanelMember.contest)).order_by(PanelMember.invited_at.desc())
    ).all()
    accepted = [m.contest for m in memberships if m.status == access.ACCEPTED]
    return render_template("judging/dashboard.html", memberships=memberships,
                           work=work_of(current_user, accepted))


def _membership_or_404(contest_id: int) -> PanelMember:
    """The user's place on the panel; one declined or removed is no place at all."""
    member = access.panel_membership(current_user, contest_id)
    if member is None or member.status not in ("invited", access.ACCEPTED):
        abort(404)
    return member


@bp.post("/contests/<int:contest_id>/accept")
@login_required
def accept(contest_id: int):
    member = _membership_or_404(contest_id)
    panel_operations.accept(member)
    db.session.commit()
    flash(_("Welcome to the panel. Please declare your conflicts of interest now."), "success")
    return redirect(url_for("judging.conflicts", contest_id=contest_id))


def _startup_choices(startups: list[Startup]) -> list[SelectChoice]:
    return [SelectChoice(0, "—")] + [SelectChoice(s.id, s.name) for s in startups]


@bp.route("/contests/<int:contest_id>/conflicts", methods=["GET", "POST"])
@login_required
def conflicts(contest_id: int):
    member = _membership_or_404(contest_id)
    if member.status != access.ACCEPTED:
        abort(403)
    contest = load_contest(contest_id)
    # Startup names are listed even in blind screening: a judge cannot declare without them.
    startups = panel_operations.contest_startups(contest)
    form = ConflictForm()
    form.startup_id.choices = _startup_choices(startups)
    if form.validate_on_submit():
        startup = db.session.get(Startup, form.startup_id.data)
        if startup is None:
            form.startup_id.errors.append(_("Choose the startup."))
        elif commit_or_refuse(
                lambda: panel_operations.add_conflict(contest, current_user, startup,
                                                      form.kind.data, form.note.data,
                                                      current_user),
                panel_operations.ConflictRefused, _flash_recorded,
                show_refusal=form.startup_id.errors.append):
            return redirect(url_for("judging.conflicts", contest_id=contest_id))
    status = 400 if form.is_submitted() else 200  # a post here was invalid or refused
    declared = db.session.scalars(
        db.select(Conflict).filter_by(contest_id=contest.id, judge_id=current_user.id)
        .options(db.joinedload(Conflict.startup)).order_by(Conflict.created_at)
    ).all()
    assigned = changes.assignments_made(contest.id)
    withdrawable = {c.id for c in declared
                    if changes.can_withdraw_conflict(current_user, c, assigned)}
    return render_template("judging/conflicts.html", contest=contest, member=member,
                           startups=startups, declared=declared, form=form,
                           withdrawable=withdrawable,
                           kinds=panel_operations.CONFLICT_KINDS), status


def _flash_recorded(outcome: panel_operations.ConflictOutcome) -> None:
    flash(_("The conflict has been recorded."), "success")
    if outcome.removed:
        flash(_("Your assignments to this startup's pitch were removed."), "info")


@bp.post("/contests/<int:contest_id>/conflicts/<int:conflict_id>/withdraw")
@login_required
def withdraw_own_conflict(contest_id: int, conflict_id: int):
    member = _membership_or_404(contest_id)
    # Another judge's conflicts are never shown to the panel: not even that they exist.
    conflict = load_child(Conflict, conflict_id, contest_id=contest_id, judge_id=current_user.id)
    if member.status != access.ACCEPTED:
        abort(403)
    commit_or_refuse(lambda: changes.withdraw_conflict(conflict, current_user),
                     changes.PanelChangeRefused, _("The conflict has been withdrawn."))
    return redirect(url_for("judging.conflicts", contest_id=contest_id))


@bp.post("/contests/<int:contest_id>/decline")
@login_required
def decline(contest_id: int):
    member = _membership_or_404(contest_id)
    commit_or_refuse(lambda: changes.decline(member, current_user), changes.PanelChangeRefused,
                     _("You have declined the invitation. Thank you for letting us know."))
    return redirect(url_for("judging.dashboard"))


@bp.post("/contests/<int:contest_id>/conflicts/declare")
@login_required
def declare(contest_id: int):
    member = _membership_or_404(contest_id)
    if member.status != access.ACCEPTED:
        abort(403)
    panel_operations.declare(member)
    db.session.commit()
    flash(_("Thank you: your declaration is recorded. You can now score."), "success")
    return redirect(url_for("judging.dashboard"))
