"""Shortlisting: moving the best N pitches of the screening into the final round."""

from dataclasses import dataclass

from flask_babel import force_locale
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from pitch import mail
from pitch.extensions import db
from pitch.models import Pitch, Round, RoundEntry, User
from pitch.results.loader import RoundData, load_round, round_members
from pitch.results.operations import CLOSED, ResultsRefused, final_round


@dataclass(frozen=True)
class ShortlistPlan:
    screening: RoundData
    final: Round
    preselected: list[int]  # the top N scored pitches, in rank order
    candidates: list[int]  # what the form offers: the ranking's head, in rank order


def plan(screening: Round) -> ShortlistPlan:
    """The screening ranking and the pre-selection, or why shortlisting cannot happen now."""
    if screening.kind != "screening":
        raise ResultsRefused(_l("Only a screening round is shortlisted."))
    final = final_round(screening.contest)
    if final is None:
        raise ResultsRefused(_l("The contest has no final round to shortlist into."))
    if screening.state != CLOSED:
        raise ResultsRefused(_l("Close the screening's scoring before shortlisting."))
    if db.session.scalar(db.select(RoundEntry.id).where(RoundEntry.round_id == final.id)
                         .limit(1)) is not None:
        raise ResultsRefused(_l("The final round already has its pitches."))
    data = load_round(screening)
    ranked = data.result.pitches
    scored = ranked.index[ranked["score"].notna()].tolist()
    size = screening.contest.shortlist_size
    # Enough of the ranking to swap a few pitches in around the cut-off, never the whole round.
    return ShortlistPlan(screening=data, final=final, preselected=scored[:size],
                         candidates=ranked.index[: max(3 * size, 30)].tolist())


def shortlist(shortlist_plan: ShortlistPlan, chosen: list[int], reason: str) -> list[RoundEntry]:
    """Enter ``chosen`` into the final round in screening-rank order and tell every startup.

    A choice other than the pre-selection needs a reason, kept as each entry's note.
    """
    ranked = shortlist_plan.screening.result.pitches.index.tolist()
    chosen_set = set(chosen)
    if not chosen_set:
        raise ResultsRefused(_l("Choose at least one pitch for the final."))
    if not chosen_set <= set(shortlist_plan.candidates):
        raise ResultsRefused(_l("Only pitches of the screening ranking can be shortlisted."))
    adjusted = chosen_set != set(shortlist_plan.preselected)
    reason = reason.strip()
    if adjusted and not reason:
        raise ResultsRefused(_l("Say why the shortlist differs from the ranking."))
    final = shortlist_plan.final
    entries = [RoundEntry(round_id=final.id, pitch_id=pitch_id, position=position,
                          note=reason if adjusted else "")
               for position, pitch_id in enumerate(
                   (p for p in ranked if p in chosen_set), start=1)]
    db.session.add_all(entries)
    db.session.flush()
    _tell_startups(shortlist_plan, chosen_set)
    return entries


def _tell_startups(shortlist_plan: ShortlistPlan, chosen: set[int]) -> None:
    """Queue one e-mail per startup member, sent only once the shortlist is committed."""
    pitches = shortlist_plan.screening.pitches
    members = db.session.execute(
        db.select(User.email, User.locale, User.startup_id, Pitch.id)
        .join(Pitch, Pitch.startup_id == User.startup_id)
        .where(Pitch.id.in_(round_members(shortlist_plan.screening.round.id)),
               User.active.is_(True))
    ).all()
    contest = shortlist_plan.screening.round.contest
    for email, locale, _startup_id, pitch_id in members:
        with force_locale(locale or "ja"):
            title = contest.title(locale)
            pitch_title = pitches.at[pitch_id, "title"]
            if pitch_id in chosen:
                subject = _("Your pitch is in the final: %(contest)s", contest=title)
                body = _("Congratulations: \"%(pitch)s\" passed the screening and will be "
                         "pitched in the final round. The secretariat will send the details.",
                         pitch=pitch_title)
            else:
                subject = _("Screening result: %(contest)s", contest=title)
                body = _("Thank you for taking part. \"%(pitch)s\" was not shortlisted for "
                         "the final round. Your feedback will be on your results page once "
                         "the results are published.", pitch=pitch_title)
        mail.queue(db.session, mail.Mail(email, subject, body))
