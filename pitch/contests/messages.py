"""The contest rules' refusals and timeline keys in the user's language.

The domain rules speak English with machine codes; people read these, looked up by code.
"""

from datetime import datetime

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from pitch.domain.contest_rules import Refusal
from pitch.templating import local_datetime

TIMELINE_LABELS = {
    "application_opens": _l("Applications open"),
    "question_deadline": _l("Question deadline"),
    "application_closes": _l("Applications close"),
    "screening_ends": _l("Screening ends"),
    "pitch_day": _l("Pitch day"),
    "results_at": _l("Results"),
}

STATE_LABELS = {
    "draft": _l("Draft"),
    "open": _l("Open for applications"),
    "screening": _l("Screening"),
    "final": _l("Final pitch"),
    "results": _l("Results"),
    "closed": _l("Closed"),
}

METHOD_LABELS = {
    "mean": _l("Mean of the judges' totals"),
    "z_mean": _l("Mean of standardised scores (z)"),
    "trimmed_mean": _l("Trimmed mean (20%)"),
    "median": _l("Median"),
}

_REFUSALS = {
    "move_not_allowed": _l("A contest in state “%(current)s” cannot move to “%(target)s”: "
                           "it moves one step forward."),
    "no_published_challenge": _l("Publish at least one challenge before opening the contest."),
    "timeline_date_missing": _l("The timeline needs a date for “%(date)s”."),
    "timeline_not_increasing": _l("“%(earlier)s” must come before “%(later)s” in the timeline."),
    "applications_already_closed": _l("Applications closed at %(closes_at)s: "
                                      "move the deadline first."),
    "applications_still_open": _l("Applications are open until %(closes_at)s."),
    "no_submitted_pitch": _l("No pitch has been submitted."),
    "no_shortlist": _l("Shortlist at least one pitch from the screening first."),
    "final_results_not_published": _l("Publish the results of the final round first."),
    "no_criteria": _l("A rubric needs at least one criterion."),
    "key_invalid": _l("Criterion key “%(key)s” must be 1 to 40 characters of a-z, 0-9 and _."),
    "key_reserved": _l("Criterion key “%(key)s” is a column of the score sheet; "
                       "choose another."),
    "key_duplicate": _l("Criterion key “%(key)s” is used more than once."),
    "weight_invalid": _l("The weight of “%(key)s” must be a number above 0, got %(weight)s."),
    "range_not_integer": _l("The range of “%(key)s” must be whole numbers, "
                            "got %(min)s to %(max)s."),
    "range_empty": _l("The minimum of “%(key)s” must be below its maximum, "
                      "got %(min)s to %(max)s."),
    "label_missing": _l("Criterion “%(key)s” needs a label in %(language)s."),
    "no_final_round": _l("The contest has no final round: add one first."),
    "rounds_fixed": _l("The rounds of a contest in state “%(state)s” can no longer change."),
    "round_only_one": _l("A contest keeps at least one round."),
    "round_not_last": _l("Only the last round (round %(last)s) can be removed, "
                         "not round %(number)s."),
    "round_has_entries": _l("Round %(number)s cannot be removed: pitches have entered it."),
    "round_has_assignments": _l("Round %(number)s cannot be removed: "
                                "judges are assigned in it."),
    "round_has_scorecards": _l("Round %(number)s cannot be removed: judges have scored in it."),
    "round_has_results": _l("Round %(number)s cannot be removed: its results are published."),
    "round_has_history": _l("Round %(number)s cannot be removed: "
                            "the judging record refers to it."),
}

KIND_LABELS = {
    "screening": _l("Screening (documents)"),
    "final": _l("Final pitch (live)"),
}


def _param(name: str, value: object) -> object:
    if isinstance(value, datetime):
        return local_datetime(value)
    if name in ("date", "earlier", "later"):
        return str(TIMELINE_LABELS.get(str(value), value))
    if name in ("current", "target", "state"):
        return str(STATE_LABELS.get(str(value), value))
    if name == "language":
        return _("Japanese") if value == "ja" else _("English")
    return value


def explain(refusal: Refusal) -> str:
    """The refusal in the user's language; an unknown code falls back to its English."""
    template = _REFUSALS.get(refusal.code)
    if template is None:
        return refusal.message
    return str(template) % {name: _param(name, value) for name, value in refusal.params.items()}
