"""The contest's life cycle, and the rules a rubric must follow.

A contest moves forward one step at a time: draft → open → screening → final → results →
closed. `check_move` lists why a move is refused as `Refusal`s (a machine code, params and
an English message); the app translates by code and may format the params itself.
"""

import math
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from pitch.domain.score_sheet import RESERVED_COLUMNS
from pitch.domain.timeline import TIMELINE_KEYS, Timeline, before_deadline, out_of_order

_MESSAGES = {
    "move_not_allowed": "A {current} contest cannot move to {target}: it moves one step forward.",
    "no_published_challenge": "Publish at least one challenge before opening the contest.",
    "timeline_date_missing": "The timeline needs a date for {date}.",
    "timeline_not_increasing": "{earlier} must come before {later} in the timeline.",
    "applications_already_closed": "Applications closed at {closes_at}: move the deadline first.",
    "applications_still_open": "Applications are open until {closes_at}.",
    "no_submitted_pitch": "No pitch has been submitted.",
    "no_shortlist": "Shortlist at least one pitch from the screening first.",
    "final_results_not_published": "Publish the results of the final round first.",
    "no_criteria": "A rubric needs at least one criterion.",
    "key_invalid": 'Criterion key "{key}" must be 1 to 40 characters of a-z, 0-9 and _.',
    "key_reserved": 'Criterion key "{key}" is a column of the score sheet; choose another.',
    "key_duplicate": 'Criterion key "{key}" is used more than once.',
    "weight_invalid": 'The weight of "{key}" must be a number above 0, got {weight}.',
    "range_not_integer": 'The range of "{key}" must be whole numbers, got {min} to {max}.',
    "range_empty": 'The minimum of "{key}" must be below its maximum, got {min} to {max}.',
    "label_missing": 'Criterion "{key}" needs a label in {language}.',
    "no_final_round": "The contest has no final round: add one first.",
    "rounds_fixed": "The rounds of a contest in {state} can no longer change.",
    "round_only_one": "A contest keeps at least one round.",
    "round_not_last": "Only the last round (round {last}) can be removed, not round {number}.",
    "round_has_entries": "Round {number} cannot be removed: pitches have entered it.",
    "round_has_assignments": "Round {number} cannot be removed: judges are assigned in it.",
    "round_has_scorecards": "Round {number} cannot be removed: judges have scored in it.",
    "round_has_results": "Round {number} cannot be removed: its results are published.",
    "round_has_history": "Round {number} cannot be removed: the judging record refers to it.",
}
_KEY = re.compile(r"[a-z0-9_]{1,40}")  # a score sheet column, and 40 is the model's width


@dataclass(frozen=True)
class Refusal:
    code: str
    params: Mapping[str, object]
    message: str


def refusal(code: str, **params: object) -> Refusal:
    return Refusal(code, params, _MESSAGES[code].format(**params))


class ContestState(StrEnum):
    DRAFT = "draft"
    OPEN = "open"
    SCREENING = "screening"
    FINAL = "final"
    RESULTS = "results"
    CLOSED = "closed"


_ORDER = tuple(ContestState)


@dataclass(frozen=True)
class ContestSnapshot:
    """What the move rules need to know about a contest at one moment."""

    state: ContestState
    now: datetime
    dates: Mapping[str, datetime | None]  # each of timeline.TIMELINE_KEYS, None when unset
    published_challenges: int = 0
    submitted_pitches: int = 0
    shortlisted_pitches: int = 0
    final_results_published: bool = False
    has_final_round: bool = True


def allowed_moves(state: ContestState | str) -> tuple[ContestState, ...]:
    """The states a contest may move to: the next one, or none once closed."""
    index = _ORDER.index(ContestState(state))
    return _ORDER[index + 1 : index + 2]


def check_move(snapshot: ContestSnapshot, target: ContestState | str) -> list[Refusal]:
    """Every reason the contest may not move to `target` now; empty when it may."""
    current, target = ContestState(snapshot.state), ContestState(target)
    if target not in allowed_moves(current):
        return [refusal("move_not_allowed", current=current.value, target=target.value)]
    return _ENTRY_RULES[target](snapshot)


def _opening(snapshot: ContestSnapshot) -> list[Refusal]:
    refusals = [] if snapshot.published_challenges else [refusal("no_published_challenge")]
    missing = [key for key in TIMELINE_KEYS if snapshot.dates.get(key) is None]
    if missing:
        return refusals + [refusal("timeline_date_missing", date=key) for key in missing]
    timeline = Timeline(**{key: snapshot.dates[key] for key in TIMELINE_KEYS})
    refusals += [
        refusal("timeline_not_increasing", earlier=earlier, later=later)
        for earlier, later in out_of_order(timeline)
    ]
    # Opening a call whose deadline has passed would invite nobody.
    if not before_deadline(timeline.application_closes, snapshot.now):
        refusals.append(
            refusal("applications_already_closed", closes_at=timeline.application_closes)
        )
    return refusals


def _screening(snapshot: ContestSnapshot) -> list[Refusal]:
    # Strict on purpose: a pitch stays editable until the published deadline, so screening
    # may not start early even when the secretariat believes every startup is done.
    closes = snapshot.dates.get("application_closes")
    if closes is None:
        refusals = [refusal("timeline_date_missing", date="application_closes")]
    elif before_deadline(closes, snapshot.now):
        refusals = [refusal("applications_still_open", closes_at=closes)]
    else:
        refusals = []
    if not snapshot.submitted_pitches:
        refusals.append(refusal("no_submitted_pitch"))
    return refusals


def _final(snapshot: ContestSnapshot) -> list[Refusal]:
    # The rounds are the secretariat's to add and remove: a contest may lack a final round.
    if not snapshot.has_final_round:
        return [refusal("no_final_round")]
    return [] if snapshot.shortlisted_pitches else [refusal("no_shortlist")]


def _results(snapshot: ContestSnapshot) -> list[Refusal]:
    return [] if snapshot.final_results_published else [refusal("final_results_not_published")]


def _closing(snapshot: ContestSnapshot) -> list[Refusal]:
    return []


_ENTRY_RULES: dict[ContestState, Callable[[ContestSnapshot], list[Refusal]]] = {
    ContestState.OPEN: _opening,
    ContestState.SCREENING: _screening,
    ContestState.FINAL: _final,
    ContestState.RESULTS: _results,
    ContestState.CLOSED: _closing,
}


# Once results are out, the rounds are part of the record.
_ROUNDS_FIXED = (ContestState.RESULTS, ContestState.CLOSED)


@dataclass(frozen=True)
class RoundFacts:
    """What the removal rule needs to know about one round and its contest."""

    contest_state: ContestState | str
    number: int
    round_numbers: Sequence[int]  # every round of the contest, this one included
    entries: int = 0  # pitches in the round (the first round's entries, a shortlist)
    assignments: int = 0
    scorecards: int = 0  # drafts too, and the audit trail of discarded ones
    results: int = 0  # published versions
    history: int = 0  # judging events about the round (e.g. a reopening)


def check_round_addition(contest_state: ContestState | str) -> list[Refusal]:
    """Why a round may not be added now; empty when it may."""
    if ContestState(contest_state) in _ROUNDS_FIXED:
        return [refusal("rounds_fixed", state=ContestState(contest_state).value)]
    return []


def next_round_number(round_numbers: Sequence[int]) -> int:
    """A new round comes after the others."""
    return max(round_numbers, default=0) + 1


def check_round_removal(facts: RoundFacts) -> list[Refusal]:
    """Every reason the round may not be removed; empty when it may.

    Only the last round goes, so the numbers stay 1..n without renumbering rounds that
    people, exports and published results already refer to by number.
    """
    refusals = check_round_addition(facts.contest_state)
    if len(facts.round_numbers) <= 1:
        refusals.append(refusal("round_only_one"))
    last = max(facts.round_numbers, default=facts.number)
    if facts.number != last:
        refusals.append(refusal("round_not_last", number=facts.number, last=last))
    for code, count in (("round_has_entries", facts.entries),
                        ("round_has_assignments", facts.assignments),
                        ("round_has_scorecards", facts.scorecards),
                        ("round_has_results", facts.results),
                        ("round_has_history", facts.history)):
        if count:
            refusals.append(refusal(code, number=facts.number))
    return refusals


@dataclass(frozen=True)
class Criterion:
    """One rubric criterion; the guides say what each score from min to max means."""

    key: str
    label_ja: str
    label_en: str
    weight: float = 1.0
    min_score: int = 1
    max_score: int = 5
    description_ja: str = ""
    description_en: str = ""
    guide_ja: str = ""
    guide_en: str = ""


def validate_rubric(criteria: Sequence[Criterion]) -> list[Refusal]:
    """Every problem of a rubric; empty when it may be saved."""
    if not criteria:
        return [refusal("no_criteria")]
    keys = [criterion.key for criterion in criteria]
    duplicates = sorted({key for key in keys if keys.count(key) > 1})
    problems = [refusal("key_duplicate", key=key) for key in duplicates]
    for criterion in criteria:
        problems += _criterion_problems(criterion)
    return problems


def _criterion_problems(criterion: Criterion) -> list[Refusal]:
    key, low, high = criterion.key, criterion.min_score, criterion.max_score
    problems = []
    if not _KEY.fullmatch(key):
        problems.append(refusal("key_invalid", key=key))
    elif key in RESERVED_COLUMNS:
        problems.append(refusal("key_reserved", key=key))
    if not (math.isfinite(criterion.weight) and criterion.weight > 0):
        problems.append(refusal("weight_invalid", key=key, weight=criterion.weight))
    if not (_is_integer(low) and _is_integer(high)):
        problems.append(refusal("range_not_integer", key=key, min=low, max=high))
    elif low >= high:
        problems.append(refusal("range_empty", key=key, min=low, max=high))
    for language, label in (("ja", criterion.label_ja), ("en", criterion.label_en)):
        if not label.strip():
            problems.append(refusal("label_missing", key=key, language=language))
    return problems


def _is_integer(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def can_change_rubric(any_submitted_score: bool) -> bool:
    """A rubric is frozen once a scorecard is submitted: changing it would change what the
    submitted scores mean. Drafts do not freeze it."""
    return not any_submitted_score
