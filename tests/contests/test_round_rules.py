"""The rules for adding and removing rounds, and the final move without a final round:
plain values in, refusals out, no app."""

from datetime import UTC, datetime

import pytest

from pitch.domain.contest_rules import (
    ContestSnapshot,
    ContestState,
    RoundFacts,
    check_move,
    check_round_addition,
    check_round_removal,
    next_round_number,
)


def _codes(refusals) -> list[str]:
    return [refusal.code for refusal in refusals]


@pytest.mark.parametrize("state", ["draft", "open", "screening", "final"])
def test_rounds_may_be_added_until_the_results(state):
    assert check_round_addition(state) == []


@pytest.mark.parametrize("state", ["results", "closed"])
def test_rounds_are_fixed_once_results_are_out(state):
    refusals = check_round_addition(state)
    assert _codes(refusals) == ["rounds_fixed"] and state in refusals[0].message


@pytest.mark.parametrize(("numbers", "expected"), [([], 1), ([1], 2), ([1, 2], 3), ([1, 2, 3], 4)])
def test_a_new_round_takes_the_next_number(numbers, expected):
    assert next_round_number(numbers) == expected


def _facts(**changes) -> RoundFacts:
    values = {"contest_state": "draft", "number": 3, "round_numbers": [1, 2, 3]} | changes
    return RoundFacts(**values)


@pytest.mark.parametrize("state", ["draft", "open", "screening", "final"])
def test_the_last_unused_round_may_be_removed(state):
    assert check_round_removal(_facts(contest_state=state)) == []
    assert check_round_removal(_facts(number=2, round_numbers=[1, 2])) == []


@pytest.mark.parametrize(("changes", "code"), [
    ({"contest_state": "results"}, "rounds_fixed"),
    ({"contest_state": "closed"}, "rounds_fixed"),
    ({"number": 1, "round_numbers": [1]}, "round_only_one"),
    ({"number": 2}, "round_not_last"),
    ({"number": 1}, "round_not_last"),
    ({"entries": 1}, "round_has_entries"),
    ({"assignments": 4}, "round_has_assignments"),
    ({"scorecards": 1}, "round_has_scorecards"),
    ({"results": 1}, "round_has_results"),
    ({"history": 1}, "round_has_history"),
])
def test_each_reason_to_keep_a_round_is_a_refusal(changes, code):
    assert _codes(check_round_removal(_facts(**changes))) == [code]


def test_every_reason_is_listed_at_once():
    refusals = check_round_removal(_facts(number=2, contest_state="closed", entries=2,
                                          assignments=6, scorecards=6, results=1, history=1))
    assert _codes(refusals) == ["rounds_fixed", "round_not_last", "round_has_entries",
                                "round_has_assignments", "round_has_scorecards",
                                "round_has_results", "round_has_history"]
    assert refusals[1].message == "Only the last round (round 3) can be removed, not round 2."


NOW = datetime(2026, 5, 1, tzinfo=UTC)


def test_a_contest_without_a_final_round_cannot_move_to_the_final():
    snapshot = ContestSnapshot(state=ContestState.SCREENING, now=NOW, dates={},
                               shortlisted_pitches=0, has_final_round=False)
    assert _codes(check_move(snapshot, "final")) == ["no_final_round"]


def test_the_final_move_needs_a_shortlist_in_the_final_round():
    snapshot = ContestSnapshot(state=ContestState.SCREENING, now=NOW, dates={})
    assert _codes(check_move(snapshot, "final")) == ["no_shortlist"]
    shortlisted = ContestSnapshot(state=ContestState.SCREENING, now=NOW, dates={},
                                  shortlisted_pitches=5)
    assert check_move(shortlisted, "final") == []
