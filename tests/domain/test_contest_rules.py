from dataclasses import replace
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from pitch.domain.contest_rules import (
    ContestSnapshot,
    ContestState,
    Criterion,
    allowed_moves,
    can_change_rubric,
    check_move,
    validate_rubric,
)
from pitch.domain.default_rubric import DEFAULT_RUBRIC
from pitch.domain.timeline import TIMELINE_KEYS

TOKYO = ZoneInfo("Asia/Tokyo")
DATES = {
    "application_opens": datetime(2026, 3, 2, 10, tzinfo=TOKYO),
    "question_deadline": datetime(2026, 3, 20, 17, tzinfo=TOKYO),
    "application_closes": datetime(2026, 3, 31, 17, tzinfo=TOKYO),
    "screening_ends": datetime(2026, 4, 20, 17, tzinfo=TOKYO),
    "pitch_day": datetime(2026, 5, 15, 13, tzinfo=TOKYO),
    "results_at": datetime(2026, 5, 15, 18, tzinfo=TOKYO),
}
BEFORE_CLOSE = datetime(2026, 3, 31, 16, 59, 59, tzinfo=TOKYO)
AT_CLOSE = DATES["application_closes"]


def snapshot(state: ContestState, **changes) -> ContestSnapshot:
    ready = ContestSnapshot(
        state=state,
        now=BEFORE_CLOSE if state is ContestState.DRAFT else AT_CLOSE,
        dates=DATES,
        published_challenges=2,
        submitted_pitches=12,
        shortlisted_pitches=5,
        final_results_published=True,
    )
    return replace(ready, **changes)


def codes(refusals) -> list[str]:
    return [refusal.code for refusal in refusals]


def test_states_in_order():
    assert [state.value for state in ContestState] == [
        "draft",
        "open",
        "screening",
        "final",
        "results",
        "closed",
    ]


@pytest.mark.parametrize(
    ("state", "moves"),
    [
        ("draft", ["open"]),
        ("open", ["screening"]),
        ("screening", ["final"]),
        ("final", ["results"]),
        ("results", ["closed"]),
        ("closed", []),
    ],
)
def test_a_contest_moves_one_step_forward(state, moves):
    assert list(allowed_moves(ContestState(state))) == moves
    assert list(allowed_moves(state)) == moves  # the model stores the plain string


@pytest.mark.parametrize("state", list(ContestState)[:-1])
def test_every_next_step_is_allowed_when_ready(state):
    [target] = allowed_moves(state)
    assert check_move(snapshot(state), target) == []


@pytest.mark.parametrize(
    ("state", "target"),
    [("draft", "screening"), ("open", "draft"), ("results", "final"), ("closed", "draft")],
)
def test_skipping_or_going_back_is_refused(state, target):
    [refusal] = check_move(snapshot(ContestState(state)), target)
    assert refusal.code == "move_not_allowed"
    assert refusal.params == {"current": state, "target": target}
    assert refusal.message == (
        f"A {state} contest cannot move to {target}: it moves one step forward."
    )


def test_staying_put_is_not_a_move():
    assert codes(check_move(snapshot(ContestState.OPEN), "open")) == ["move_not_allowed"]


def test_an_unknown_target_is_a_programming_error():
    with pytest.raises(ValueError):
        check_move(snapshot(ContestState.OPEN), "archived")


def test_opening_needs_a_published_challenge():
    draft = snapshot(ContestState.DRAFT, published_challenges=0)
    assert codes(check_move(draft, ContestState.OPEN)) == ["no_published_challenge"]


def test_opening_needs_every_timeline_date():
    dates = DATES | {"question_deadline": None}
    dates.pop("pitch_day")
    refusals = check_move(snapshot(ContestState.DRAFT, dates=dates), ContestState.OPEN)
    assert [(r.code, r.params) for r in refusals] == [
        ("timeline_date_missing", {"date": "question_deadline"}),
        ("timeline_date_missing", {"date": "pitch_day"}),
    ]


def test_opening_needs_increasing_dates():
    dates = DATES | {"screening_ends": DATES["application_closes"]}
    refusals = check_move(snapshot(ContestState.DRAFT, dates=dates), ContestState.OPEN)
    assert [(r.code, r.params) for r in refusals] == [
        ("timeline_not_increasing", {"earlier": "application_closes", "later": "screening_ends"})
    ]


def test_opening_after_the_deadline_is_refused():
    draft = snapshot(ContestState.DRAFT, now=AT_CLOSE)
    [refusal] = check_move(draft, ContestState.OPEN)
    assert refusal.code == "applications_already_closed"
    assert refusal.params == {"closes_at": AT_CLOSE}


def test_opening_lists_every_refusal_at_once():
    draft = snapshot(ContestState.DRAFT, published_challenges=0, dates={})
    refusals = check_move(draft, ContestState.OPEN)
    assert codes(refusals) == ["no_published_challenge"] + ["timeline_date_missing"] * 6
    assert [r.params["date"] for r in refusals[1:]] == list(TIMELINE_KEYS)


def test_screening_waits_for_the_application_deadline():
    open_contest = snapshot(ContestState.OPEN, now=BEFORE_CLOSE)
    [refusal] = check_move(open_contest, ContestState.SCREENING)
    assert refusal.code == "applications_still_open"
    assert refusal.message == "Applications are open until 2026-03-31 17:00:00+09:00."


def test_screening_starts_at_the_deadline_instant_in_any_zone():
    at_close_utc = AT_CLOSE.astimezone(ZoneInfo("UTC"))
    open_contest = snapshot(ContestState.OPEN, now=at_close_utc)
    assert check_move(open_contest, ContestState.SCREENING) == []


def test_screening_needs_a_submitted_pitch():
    open_contest = snapshot(ContestState.OPEN, submitted_pitches=0, now=BEFORE_CLOSE)
    assert codes(check_move(open_contest, ContestState.SCREENING)) == [
        "applications_still_open",
        "no_submitted_pitch",
    ]


def test_screening_without_a_deadline_is_refused():
    open_contest = snapshot(ContestState.OPEN, dates=DATES | {"application_closes": None})
    refusals = check_move(open_contest, ContestState.SCREENING)
    assert [(r.code, r.params) for r in refusals] == [
        ("timeline_date_missing", {"date": "application_closes"})
    ]


def test_the_final_needs_a_shortlist():
    screening = snapshot(ContestState.SCREENING, shortlisted_pitches=0)
    assert codes(check_move(screening, ContestState.FINAL)) == ["no_shortlist"]


def test_results_need_the_final_round_published():
    final = snapshot(ContestState.FINAL, final_results_published=False)
    assert codes(check_move(final, ContestState.RESULTS)) == ["final_results_not_published"]


def test_results_can_always_be_closed():
    bare = ContestSnapshot(state=ContestState.RESULTS, now=AT_CLOSE, dates={})
    assert check_move(bare, ContestState.CLOSED) == []


def test_the_default_rubric_is_valid_and_as_designed():
    assert validate_rubric(DEFAULT_RUBRIC) == []
    assert [c.key for c in DEFAULT_RUBRIC] == [
        "novelty",
        "feasibility",
        "social_impact",
        "challenge_fit",
        "team",
        "cost_effectiveness",
    ]
    assert [c.label_ja for c in DEFAULT_RUBRIC] == [
        "新規性",
        "実現可能性",
        "社会的インパクト",
        "課題との適合性",
        "チーム",
        "費用対効果",
    ]
    assert {(c.min_score, c.max_score, c.weight) for c in DEFAULT_RUBRIC} == {(1, 5, 1.0)}


@pytest.mark.parametrize("criterion", DEFAULT_RUBRIC, ids=lambda c: c.key)
def test_the_default_guides_explain_each_of_the_five_scores(criterion):
    for guide in (criterion.guide_ja, criterion.guide_en):
        lines = guide.splitlines()
        assert [line.split(":")[0] for line in lines] == ["1", "2", "3", "4", "5"]
        assert all(len(line) > len("5: ") for line in lines)
    assert criterion.description_ja and criterion.description_en


def criterion(**changes) -> Criterion:
    return replace(Criterion(key="novelty", label_ja="新規性", label_en="Novelty"), **changes)


@pytest.mark.parametrize(
    ("changes", "code", "params"),
    [
        ({"key": "Novelty"}, "key_invalid", {"key": "Novelty"}),
        ({"key": "social-impact"}, "key_invalid", {"key": "social-impact"}),
        ({"key": ""}, "key_invalid", {"key": ""}),
        ({"key": "k" * 41}, "key_invalid", {"key": "k" * 41}),
        ({"key": "comment"}, "key_reserved", {"key": "comment"}),
        ({"key": "pitch_id"}, "key_reserved", {"key": "pitch_id"}),
        ({"weight": 0}, "weight_invalid", {"key": "novelty", "weight": 0}),
        ({"weight": -1.5}, "weight_invalid", {"key": "novelty", "weight": -1.5}),
        ({"weight": float("inf")}, "weight_invalid", {"key": "novelty", "weight": float("inf")}),
        ({"min_score": 5, "max_score": 5}, "range_empty", {"key": "novelty", "min": 5, "max": 5}),
        ({"min_score": 6}, "range_empty", {"key": "novelty", "min": 6, "max": 5}),
        ({"max_score": 4.5}, "range_not_integer", {"key": "novelty", "min": 1, "max": 4.5}),
        ({"label_ja": " "}, "label_missing", {"key": "novelty", "language": "ja"}),
        ({"label_en": ""}, "label_missing", {"key": "novelty", "language": "en"}),
    ],
)
def test_each_rubric_problem(changes, code, params):
    [problem] = validate_rubric([criterion(**changes)])
    assert (problem.code, dict(problem.params)) == (code, params)


def test_a_nan_weight_is_refused():
    assert codes(validate_rubric([criterion(weight=float("nan"))])) == ["weight_invalid"]


def test_a_rubric_needs_a_criterion():
    assert codes(validate_rubric([])) == ["no_criteria"]


def test_duplicate_keys_are_named_once():
    rubric = [criterion(), criterion(), criterion(key="team", label_ja="チーム", label_en="Team")]
    problems = validate_rubric(rubric)
    assert [(p.code, p.params["key"]) for p in problems] == [("key_duplicate", "novelty")]


def test_zero_based_and_wide_ranges_are_fine():
    assert validate_rubric([criterion(min_score=0, max_score=10), criterion(key="team")]) == []


def test_the_rubric_freezes_at_the_first_submitted_score():
    assert can_change_rubric(any_submitted_score=False)
    assert not can_change_rubric(any_submitted_score=True)
