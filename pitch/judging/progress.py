"""How far the judges of a round have got: per judge, per pitch, live per pitch; reminders."""

from dataclasses import dataclass

from flask import url_for
from flask_babel import lazy_gettext as _l
from sqlalchemy import case, func

from pitch import mail
from pitch.extensions import db
from pitch.models import Assignment, Pitch, Round, RoundEntry, Scorecard, User


@dataclass(frozen=True)
class Tally:
    assigned: int
    draft: int
    submitted: int

    @property
    def left(self) -> int:
        return self.assigned - self.submitted


def _tallies(round_: Round, by) -> dict[int, Tally]:
    """Assigned, draft and submitted counts grouped by a column of Assignment, in one query."""
    is_status = lambda status: func.sum(case((Scorecard.status == status, 1), else_=0))  # noqa: E731
    rows = db.session.execute(
        db.select(by, func.count(Assignment.id), is_status("draft"), is_status("submitted"))
        .outerjoin(Scorecard, db.and_(Scorecard.round_id == Assignment.round_id,
                                      Scorecard.judge_id == Assignment.judge_id,
                                      Scorecard.pitch_id == Assignment.pitch_id))
        .where(Assignment.round_id == round_.id)
        .group_by(by)
    ).all()
    return {key: Tally(assigned, draft or 0, submitted or 0)
            for key, assigned, draft, submitted in rows}


def by_judge(round_: Round) -> list[tuple[User, Tally]]:
    tallies = _tallies(round_, Assignment.judge_id)
    users = db.session.scalars(db.select(User).where(User.id.in_(tallies)).order_by(User.name))
    return [(user, tallies[user.id]) for user in users]


def by_pitch(round_: Round) -> list[tuple[RoundEntry, Tally]]:
    tallies = _tallies(round_, Assignment.pitch_id)
    entries = db.session.scalars(
        db.select(RoundEntry).where(RoundEntry.round_id == round_.id)
        .options(db.joinedload(RoundEntry.pitch).joinedload(Pitch.startup))
        .order_by(RoundEntry.position, RoundEntry.id))
    return [(entry, tallies.get(entry.pitch_id, Tally(0, 0, 0))) for entry in entries]


def live(round_: Round, pitch_id: int) -> list[dict]:
    """Each assigned judge's state for one pitch: what the secretariat watches on pitch day."""
    rows = db.session.execute(
        db.select(User.name, Scorecard.status)
        .select_from(Assignment).join(User, User.id == Assignment.judge_id)
        .outerjoin(Scorecard, db.and_(Scorecard.round_id == Assignment.round_id,
                                      Scorecard.judge_id == Assignment.judge_id,
                                      Scorecard.pitch_id == Assignment.pitch_id))
        .where(Assignment.round_id == round_.id, Assignment.pitch_id == pitch_id)
        .order_by(User.name)
    ).all()
    return [{"judge": name, "status": status or "assigned"} for name, status in rows]


def send_reminders(round_: Round) -> list[str]:
    """E-mail every judge with work left in the round; returns their addresses."""
    link = url_for("judging.dashboard", _external=True)
    sent = []
    for user, tally in by_judge(round_):
        if tally.left <= 0:
            continue
        mail.tell(user.email, user.locale, _l("Reminder: scorecards to submit"), _l(
            "You have %(left)d of %(assigned)d scorecards left to submit in “%(round)s” of "
            "“%(contest)s”.\n\n%(link)s", left=tally.left, assigned=tally.assigned,
            round=round_.name(user.locale), contest=round_.contest.title(user.locale),
            link=link))
        sent.append(user.email)
    return sent
