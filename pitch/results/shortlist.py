"""Shortlisting: moving the best N pitches of a screening round into the next round.

Rounds run in number order, so a screening feeds the round numbered after it, whatever its
kind: screening 1 → screening 2 → final 3.
"""

from dataclasses import dataclass

from flask_babel import LazyString
from flask_babel import lazy_gettext as _l

from pitch import mail
from pitch.extensions import db
from pitch.models import Pitch, Round, RoundEntry, User
from pitch.results.loader import RoundData, load_round, round_members
from pitch.results.operations import CLOSED, ResultsRefused


@dataclass(frozen=True)
class ShortlistPlan:
    screening: RoundData
    target: Round  # the next round, which takes the shortlist
    preselected: list[int]  # the top N scored pitches, in rank order
    candidates: list[int]  # what the form offers: the ranking's head, in rank order


def plan(screening: Round) -> ShortlistPlan:
    """The screening ranking and the pre-selection, or why shortlisting cannot happen now."""
    if screening.kind != "screening":
        raise ResultsRefused(_l("Only a screening round is shortlisted."))
    target = next_round(screening)
    if target is None:
        raise ResultsRefused(_l("The contest has no round after this one to shortlist into."))
    if screening.state != CLOSED:
        raise ResultsRefused(_l("Close the screening's scoring before shortlisting."))
    if db.session.scalar(db.select(RoundEntry.id).where(RoundEntry.round_id == target.id)
                         .limit(1)) is not None:
        raise ResultsRefused(_l("The final round already has its pitches.")
                             if target.kind == "final"
                             else _l("The next round already has its pitches."))
    data = load_round(screening)
    ranked = data.result.pitches
    scored = ranked.index[ranked["score"].notna()].tolist()
    size = screening.contest.shortlist_size
    # Enough of the ranking to swap a few pitches in around the cut-off, never the whole round.
    return ShortlistPlan(screening=data, target=target, preselected=scored[:size],
                         candidates=ranked.index[: max(3 * size, 30)].tolist())


def next_round(round_: Round) -> Round | None:
    return next((r for r in round_.contest.rounds if r.number == round_.number + 1), None)


def shortlist(shortlist_plan: ShortlistPlan, chosen: list[int], reason: str) -> list[RoundEntry]:
    """Enter ``chosen`` into the next round in screening-rank order and tell every startup.

    A choice other than the pre-selection needs a reason, kept as each entry's note.
    """
    ranked = shortlist_plan.screening.result.pitches.index.tolist()
    chosen_set = set(chosen)
    if not chosen_set:
        raise ResultsRefused(_l("Choose at least one pitch for the next round."))
    if not chosen_set <= set(shortlist_plan.candidates):
        raise ResultsRefused(_l("Only pitches of the screening ranking can be shortlisted."))
    adjusted = chosen_set != set(shortlist_plan.preselected)
    reason = reason.strip()
    if adjusted and not reason:
        raise ResultsRefused(_l("Say why the shortlist differs from the ranking."))
    entries = [RoundEntry(round_id=shortlist_plan.target.id, pitch_id=pitch_id, position=position,
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
        subject, body = _message(shortlist_plan.target, pitch_id in chosen,
                                 contest.title(locale), pitches.at[pitch_id, "title"], locale)
        mail.tell(email, locale, subject, body)


def _message(target: Round, chosen: bool, title: str, pitch_title: str,
             locale: str) -> tuple[LazyString, LazyString]:
    """Subject and body as lazy strings (mail.tell writes them in the recipient's language):
    "the final" only when the next round is one."""
    if target.kind == "final":
        if chosen:
            return (_l("Your pitch is in the final: %(contest)s", contest=title),
                    _l("Congratulations: \"%(pitch)s\" passed the screening and will be "
                       "pitched in the final round. The secretariat will send the details.",
                       pitch=pitch_title))
        return (_l("Screening result: %(contest)s", contest=title),
                _l("Thank you for taking part. \"%(pitch)s\" was not shortlisted for "
                   "the final round. Your feedback will be on your results page once "
                   "the results are published.", pitch=pitch_title))
    name = target.name(locale)
    if chosen:
        return (_l("Your pitch is through to the next round: %(contest)s", contest=title),
                _l("Congratulations: \"%(pitch)s\" passed the screening and is through to "
                   "the next round: %(round)s. The secretariat will send the details.",
                   pitch=pitch_title, round=name))
    return (_l("Screening result: %(contest)s", contest=title),
            _l("Thank you for taking part. \"%(pitch)s\" was not shortlisted for the next "
               "round (%(round)s). Your feedback will be on your results page once the "
               "results are published.", pitch=pitch_title, round=name))
