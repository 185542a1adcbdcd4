import random
from collections import Counter
from collections.abc import Collection, Iterable, Mapping
from itertools import combinations, count, product

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy.sparse import csr_array
from scipy.sparse.csgraph import maximum_flow

from pitch.domain.assignment import (
    MESSAGES,
    AssignmentInfeasible,
    Problem,
    assign,
    check_assignment,
    reassign_dropout,
)

Pair = tuple[int, int]


def loads(pairs: Iterable[Pair], judges: Iterable[int]) -> Counter[int]:
    counted = Counter(judge for judge, _ in pairs)
    return Counter({judge: counted[judge] for judge in judges})


def load_range(pairs: Iterable[Pair], judges: Iterable[int]) -> tuple[int, int]:
    values = loads(pairs, judges).values()
    return min(values, default=0), max(values, default=0)


def coverage(pairs: Iterable[Pair]) -> Counter[int]:
    return Counter(pitch for _, pitch in pairs)


def brute_force(
    needs: Mapping[int, int],
    judges: list[int],
    fixed: Collection[Pair],
    conflicts: Collection[Pair],
) -> tuple[int, int] | None:
    """By enumeration: None when no assignment exists, else (greatest min load, least max load).

    Each optimum is taken over all assignments on its own, so an assignment reaching both
    proves that they can hold at once.
    """
    options_per_pitch = []
    for pitch, need in needs.items():
        allowed = [j for j in judges if (j, pitch) not in conflicts and (j, pitch) not in fixed]
        options_per_pitch.append(
            [[(j, pitch) for j in chosen] for chosen in combinations(allowed, need)]
        )
    best_min, best_max = None, None
    for choice in product(*options_per_pitch):
        new_pairs = [pair for chosen in choice for pair in chosen]
        low, high = load_range([*fixed, *new_pairs], judges)
        best_min = low if best_min is None else max(best_min, low)
        best_max = high if best_max is None else min(best_max, high)
    return None if best_min is None else (best_min, best_max)


def flow_optimum(
    needs: Mapping[int, int],
    judges: list[int],
    fixed: Collection[Pair],
    conflicts: Collection[Pair],
) -> tuple[int, int]:
    """(greatest min load, least max load) by scipy's max flow, for cases too big to enumerate.

    Source -> pitch (its need) -> judge (1 where allowed) -> sink (a cap per judge). The least
    max load U is the least U whose caps U - fixed load let the whole need through; the greatest
    min load L is the greatest L whose caps L - fixed load can all be filled (a flow filling
    them extends to the whole need, since augmenting never lowers a judge's inflow).
    """
    pitches = sorted(needs)
    sink = 1 + len(pitches) + len(judges)
    judge_node = {judge: 1 + len(pitches) + i for i, judge in enumerate(judges)}
    edges = {(0, 1 + i): needs[pitch] for i, pitch in enumerate(pitches)}
    for i, pitch in enumerate(pitches):
        for judge in judges:
            if (judge, pitch) not in conflicts and (judge, pitch) not in fixed:
                edges[(1 + i, judge_node[judge])] = 1
    held = loads(fixed, judges)

    def flow_and_room(level: int) -> tuple[int, int]:
        caps = {(judge_node[j], sink): max(0, level - held[j]) for j in judges}
        graph = {edge: cap for edge, cap in (edges | caps).items() if cap}
        rows, cols = zip(*graph, strict=True) if graph else ((), ())
        values = np.array(list(graph.values()), dtype=np.int32)
        matrix = csr_array((values, (rows, cols)), shape=(sink + 1, sink + 1))
        return maximum_flow(matrix, 0, sink).flow_value, sum(caps.values())

    total = sum(needs.values())
    best_max = next(u for u in count(max(held.values())) if flow_and_room(u)[0] == total)
    fillable = [level for level in range(best_max + 1) if len(set(flow_and_room(level))) == 1]
    return max(fillable), best_max


@st.composite
def rounds(draw, max_pitches: int = 12, max_judges: int = 8, with_existing: bool = True):
    pitches = list(range(draw(st.integers(0, max_pitches))))
    judges = list(range(100, 100 + draw(st.integers(0, max_judges))))
    k = draw(st.integers(0, 4))
    all_pairs = [(j, p) for j in judges for p in pitches]
    rng = random.Random(draw(st.integers(0, 2**16)))
    # Judges conflicted with most pitches are what make even loads impossible.
    levels = draw(st.sampled_from([(0.0,), (0.1,), (0.0, 0.3), (0.1, 0.6, 0.95)]))
    density = {judge: rng.choice(levels) for judge in judges}
    conflicts = frozenset((j, p) for j, p in all_pairs if rng.random() < density[j])
    existing = frozenset()
    if with_existing:
        existing = frozenset(pair for pair in all_pairs if rng.random() < 0.1)
    return pitches, judges, k, conflicts, existing, draw(st.integers(0, 1000))


def assert_valid(result, pitches, judges, k, conflicts, existing) -> None:
    assert result == sorted(set(result))
    assert all(judges_on_pitch == k for judges_on_pitch in coverage(result).values())
    assert set(coverage(result)) == (set(pitches) if k else set())
    assert not set(result) & conflicts
    assert existing <= set(result)
    assert {j for j, p in set(result) - existing} <= set(judges)


@settings(max_examples=300, deadline=None)
@given(rounds())
def test_any_answer_covers_every_pitch_without_conflicts(case):
    pitches, judges, k, conflicts, existing, seed = case
    try:
        result = assign(pitches, judges, k, conflicts, existing, seed)
    except AssignmentInfeasible as error:
        assert error.code in {"too_few_judges", "pitch_short_of_judges", "coverage", "conflict"}
        return
    assert_valid(result, pitches, judges, k, conflicts, existing)


@settings(max_examples=300, deadline=None)
@given(rounds(max_pitches=4, max_judges=4))
def test_agrees_with_brute_force_on_feasibility_and_balance(case):
    pitches, judges, k, conflicts, existing, seed = case
    held = coverage(existing)
    needs = {pitch: k - held[pitch] for pitch in pitches}
    if any(need < 0 for need in needs.values()) or existing & conflicts:
        with pytest.raises(AssignmentInfeasible):
            assign(pitches, judges, k, conflicts, existing, seed)
        return
    best = brute_force(needs, judges, existing, conflicts)
    if best is None:
        with pytest.raises(AssignmentInfeasible):
            assign(pitches, judges, k, conflicts, existing, seed)
        return
    result = assign(pitches, judges, k, conflicts, existing, seed)
    assert_valid(result, pitches, judges, k, conflicts, existing)
    if judges:
        assert load_range(result, judges) == best


@settings(max_examples=100, deadline=None)
@given(rounds(max_pitches=40, max_judges=12))
def test_balance_is_optimal_on_larger_rounds_by_max_flow(case):
    pitches, judges, k, conflicts, existing, seed = case
    try:
        result = assign(pitches, judges, k, conflicts, existing, seed)
    except AssignmentInfeasible:
        return
    if judges:
        held = coverage(existing)
        needs = {pitch: k - held[pitch] for pitch in pitches}
        assert load_range(result, judges) == flow_optimum(needs, judges, existing, conflicts)


@settings(max_examples=200, deadline=None)
@given(st.integers(0, 60), st.integers(1, 15), st.integers(0, 15), st.integers(0, 1000))
def test_without_conflicts_loads_are_floor_or_ceil(n_pitches, n_judges, k, seed):
    k = min(k, n_judges)
    result = assign(range(n_pitches), range(n_judges), k, seed=seed)
    total = n_pitches * k
    low, high = load_range(result, range(n_judges))
    assert (low, high) == (total // n_judges, -(-total // n_judges))


@settings(max_examples=100, deadline=None)
@given(rounds(max_pitches=30, max_judges=10, with_existing=False))
def test_result_passes_its_own_check(case):
    pitches, judges, k, conflicts, _, seed = case
    try:
        result = assign(pitches, judges, k, conflicts, seed=seed)
    except AssignmentInfeasible:
        return
    assert check_assignment(pitches, judges, k, result, conflicts) == []


@settings(max_examples=100, deadline=None)
@given(rounds(max_pitches=30, max_judges=10), st.randoms(use_true_random=False))
def test_same_seed_same_answer_whatever_the_input_order(case, rng):
    pitches, judges, k, conflicts, existing, seed = case
    try:
        expected = assign(pitches, judges, k, conflicts, existing, seed)
    except AssignmentInfeasible as error:
        expected = error.problem
    shuffled = [list(pitches), list(judges), list(conflicts), list(existing)]
    for items in shuffled:
        rng.shuffle(items)
    try:
        again = assign(shuffled[0], shuffled[1], k, shuffled[2], shuffled[3], seed)
    except AssignmentInfeasible as error:
        again = error.problem
    assert again == expected


def test_different_seeds_spread_the_work_differently():
    conflicts = {(0, 3), (4, 7)}
    results = {tuple(assign(range(20), range(10), 3, conflicts, seed=seed)) for seed in range(5)}
    assert len(results) > 1


def test_realistic_round_is_balanced():
    rng = random.Random(7)
    pitches, judges = range(2000), range(100)
    conflicts = {(j, p) for j in judges for p in pitches if rng.random() < 0.02}
    result = assign(pitches, judges, 5, conflicts, seed=1)
    assert load_range(result, judges) == (100, 100)
    assert check_assignment(pitches, judges, 5, result, conflicts) == []


@pytest.mark.parametrize(
    ("arguments", "code", "params"),
    [
        ({"k": 4}, "too_few_judges", {"k": 4, "judges": 3}),
        (
            {"k": 2, "conflicts": {(0, 1), (1, 1)}},
            "pitch_short_of_judges",
            {"pitch_id": 1, "available": 1, "k": 2},
        ),
        (
            {"k": 1, "conflicts": {(0, 0), (1, 0), (2, 0)}},
            "pitch_short_of_judges",
            {"pitch_id": 0, "available": 0, "k": 1},
        ),
        (
            {"k": 1, "existing": {(0, 1), (1, 1)}},
            "coverage",
            {"pitch_id": 1, "assigned": 2, "k": 1},
        ),
        (
            {"k": 2, "conflicts": {(2, 0)}, "existing": {(2, 0)}},
            "conflict",
            {"judge_id": 2, "pitch_id": 0},
        ),
    ],
)
def test_infeasible_requests_say_why(arguments, code, params):
    with pytest.raises(AssignmentInfeasible) as raised:
        assign(pitch_ids=[0, 1], judge_ids=[0, 1, 2], **arguments)
    assert (raised.value.code, raised.value.params) == (code, params)
    assert str(raised.value) == MESSAGES[code].format(**params)


def test_conflicts_may_force_uneven_loads_unless_strict():
    conflicts = {(1, 0), (1, 1)}
    result = assign([0, 1], [0, 1], 1, conflicts)
    assert result == [(0, 0), (0, 1)]
    with pytest.raises(AssignmentInfeasible) as raised:
        assign([0, 1], [0, 1], 1, conflicts, strict_balance=True)
    assert raised.value.code == "unbalanceable"
    assert raised.value.params == {"min_load": 0, "max_load": 2, "floor": 1, "ceil": 1}


def test_strict_balance_passes_when_loads_can_be_even():
    result = assign(range(7), range(3), 2, {(0, 0)}, strict_balance=True)
    assert load_range(result, range(3)) == (4, 5)


def test_existing_pairs_stay_and_count_towards_k_and_load():
    existing = {(0, 0), (0, 1), (0, 2)}
    result = assign(range(4), range(4), 1, existing=existing)
    assert set(result) >= existing
    assert sorted(loads(result, range(4)).values()) == [0, 0, 1, 3]


def test_existing_judge_off_the_panel_still_counts_towards_k():
    result = assign([0, 1], [1, 2], 2, existing={(9, 0)})
    assert coverage(result) == {0: 2, 1: 2}
    assert (9, 0) in result


@pytest.mark.parametrize(
    "arguments",
    [
        {"pitch_ids": [1, 1], "judge_ids": [1], "k": 1},
        {"pitch_ids": [1], "judge_ids": [2, 2], "k": 1},
        {"pitch_ids": [1], "judge_ids": [2], "k": -1},
        {"pitch_ids": [1], "judge_ids": [2], "k": 1, "existing": {(2, 5)}},
    ],
)
def test_malformed_input_is_a_value_error(arguments):
    with pytest.raises(ValueError):
        assign(**arguments)


def draw_dropout(case, data) -> tuple[list[Pair], int, set[Pair]] | None:
    """A round's assignment, a judge who leaves and the pairs they submitted; None if no round."""
    pitches, judges, k, conflicts, _, seed = case
    try:
        before = assign(pitches, judges, k, conflicts, seed=seed)
    except AssignmentInfeasible:
        return None
    if len(judges) < 2:
        return None
    leaver = data.draw(st.sampled_from(judges))
    keep = {pair for pair in before if pair[0] == leaver and data.draw(st.booleans())}
    return before, leaver, keep


@settings(max_examples=200, deadline=None)
@given(rounds(max_pitches=20, max_judges=8, with_existing=False), st.data())
def test_dropout_moves_only_the_unkept_work(case, data):
    _, judges, _, conflicts, _, seed = case
    drawn = draw_dropout(case, data)
    if drawn is None:
        return
    before, leaver, keep = drawn
    others = {pair for pair in before if pair[0] != leaver}
    try:
        after = reassign_dropout(before, leaver, judges, keep, conflicts, seed)
    except AssignmentInfeasible as error:
        assert error.code in {"too_few_judges", "pitch_short_of_judges"}
        return
    assert after == sorted(set(after))
    assert {pair for pair in after if pair[0] == leaver} == keep
    assert others <= set(after)
    assert coverage(after) == coverage(before)
    assert not set(after) & conflicts


@settings(max_examples=200, deadline=None)
@given(rounds(max_pitches=4, max_judges=4, with_existing=False), st.data())
def test_dropout_balance_is_the_best_the_fixed_pairs_allow(case, data):
    _, judges, _, conflicts, _, seed = case
    drawn = draw_dropout(case, data)
    if drawn is None:
        return
    before, leaver, keep = drawn
    freed = {pair for pair in before if pair[0] == leaver} - keep
    rest = [j for j in judges if j != leaver]
    best = brute_force(coverage(freed), rest, set(before) - freed, conflicts)
    if best is None:
        with pytest.raises(AssignmentInfeasible):
            reassign_dropout(before, leaver, judges, keep, conflicts, seed)
        return
    after = reassign_dropout(before, leaver, judges, keep, conflicts, seed)
    assert load_range(after, rest) == best


def test_dropout_without_a_replacement_says_which_pitch():
    before = [(1, 0), (2, 0), (1, 1), (2, 1)]
    with pytest.raises(AssignmentInfeasible) as raised:
        reassign_dropout(before, 1, [1, 2, 3], conflicts={(3, 1)})
    assert raised.value.code == "pitch_short_of_judges"
    assert raised.value.params == {"pitch_id": 1, "available": 1, "k": 2}


def test_dropout_is_deterministic_and_spreads_the_work():
    before = assign(range(30), range(6), 2, seed=3)
    after = reassign_dropout(before, 0, range(6), keep={before[0]}, seed=5)
    shuffled = reassign_dropout(before[::-1], 0, [5, 4, 3, 2, 1, 0], keep={before[0]}, seed=5)
    assert after == shuffled
    assert load_range(after, range(1, 6)) == (11, 12)


def test_check_lists_every_broken_invariant():
    assignments = [(0, 0), (0, 0), (1, 0), (7, 1), (1, 9)]
    problems = check_assignment([0, 1], [0, 1], 2, assignments, conflicts={(1, 0)})
    assert [(p.code, dict(p.params)) for p in problems] == [
        ("duplicate", {"judge_id": 0, "pitch_id": 0}),
        ("conflict", {"judge_id": 1, "pitch_id": 0}),
        ("unknown_pitch", {"judge_id": 1, "pitch_id": 9}),
        ("unknown_judge", {"judge_id": 7, "pitch_id": 1}),
        ("coverage", {"pitch_id": 1, "assigned": 1, "k": 2}),
    ]


def test_check_reports_loads_that_could_be_more_even():
    assignments = [(0, 0), (0, 1), (0, 2), (1, 3)]
    problems = check_assignment(range(4), [0, 1], 1, assignments)
    assert problems == [
        Problem("unbalanced", {"min_load": 1, "max_load": 3, "best_min": 2, "best_max": 2})
    ]
    assert problems[0].message == "Judges' loads range from 1 to 3; 2 to 2 is possible."


@settings(max_examples=200, deadline=None)
@given(rounds(max_pitches=25, max_judges=8, with_existing=False), st.randoms(use_true_random=False))
def test_check_finds_the_best_balance_from_any_start(case, rng):
    pitches, judges, k, conflicts, _, _ = case
    allowed = {p: [j for j in judges if (j, p) not in conflicts] for p in pitches}
    if not judges or any(len(allowed[p]) < k for p in pitches):
        return
    assignments = [(j, p) for p in pitches for j in rng.sample(allowed[p], k)]
    best_min, best_max = flow_optimum(dict.fromkeys(pitches, k), judges, (), conflicts)
    min_load, max_load = load_range(assignments, judges)
    expected = []
    if (min_load, max_load) != (best_min, best_max):
        params = dict(min_load=min_load, max_load=max_load, best_min=best_min, best_max=best_max)
        expected = [Problem("unbalanced", params)]
    assert check_assignment(pitches, judges, k, assignments, conflicts) == expected


def test_balance_lowers_the_top_even_where_the_bottom_cannot_rise():
    # Judge 2 may judge nothing, so the minimum is stuck at 0; 0 can still pass work to 1.
    assignments = [(0, p) for p in range(5)] + [(1, p) for p in range(5, 8)]
    conflicts = {(2, p) for p in range(8)}
    problems = check_assignment(range(8), range(3), 1, assignments, conflicts)
    assert [problem.params for problem in problems] == [
        {"min_load": 0, "max_load": 5, "best_min": 0, "best_max": 4}
    ]


def test_balance_raises_the_bottom_even_where_the_top_cannot_fall():
    # Only judge 0 may judge pitches 0-4, so the maximum is stuck at 5; 1 can still pass to 2.
    assignments = [(0, p) for p in range(5)] + [(1, p) for p in range(5, 8)]
    conflicts = {(j, p) for j in (1, 2) for p in range(5)} | {(0, p) for p in range(5, 8)}
    problems = check_assignment(range(8), range(3), 1, assignments, conflicts)
    assert [problem.params for problem in problems] == [
        {"min_load": 0, "max_load": 5, "best_min": 1, "best_max": 5}
    ]


def test_check_accepts_unevenness_that_conflicts_force():
    assignments = [(0, 0), (0, 1), (0, 2), (1, 3)]
    conflicts = {(1, 0), (1, 1), (1, 2)}
    assert check_assignment(range(4), [0, 1], 1, assignments, conflicts) == []
