"""E-mails to judges, each in the recipient's own language, sent only once the change commits."""

from flask import url_for
from flask_babel import lazy_gettext as _l

from pitch import mail
from pitch.extensions import db
from pitch.judging.access import ACCEPTED
from pitch.models import Assignment, PanelMember, Round, User


def removed_from_panel(member: PanelMember, had_accepted: bool) -> None:
    """Tell the judge; one who was only invited has never judged, so is told the invitation
    is withdrawn, with nothing about judging pages or scorecards."""
    # Neither the reason nor who took over: that is the secretariat's record, not the judge's.
    user, contest = member.user, member.contest.title(member.user.locale)
    if not had_accepted:
        mail.tell(user.email, user.locale, _l("Your invitation to judge is withdrawn"), _l(
            "The secretariat has withdrawn your invitation to the panel of “%(contest)s”. "
            "There is nothing more for you to do.", contest=contest))
        return
    mail.tell(user.email, user.locale, _l("You are no longer on the panel"), _l(
        "The secretariat has taken you off the panel of “%(contest)s”. Your judging pages for "
        "this contest are closed. The scorecards you had already submitted are kept.",
        contest=contest))


def round_reopened(round_: Round) -> None:
    """Tell each accepted judge with assignments in the round that they can score again."""
    judges = db.session.scalars(
        db.select(User).join(PanelMember, PanelMember.user_id == User.id)
        .where(PanelMember.contest_id == round_.contest_id, PanelMember.status == ACCEPTED,
               User.id.in_(db.select(Assignment.judge_id).filter_by(round_id=round_.id)))
        .order_by(User.id))
    link = url_for("judging.dashboard", _external=True)
    for judge in judges:
        mail.tell(judge.email, judge.locale, _l("Scoring is open again"), _l(
            "The secretariat has reopened “%(round)s” of “%(contest)s”: you can change and "
            "submit your scorecards again.\n\n%(link)s", round=round_.name(judge.locale),
            contest=round_.contest.title(judge.locale), link=link))
