"""Balanced assignment of judges to the pitches of a round.

The problem is a flow: every pitch needs K judges, a judge may take a pitch once and never one
they are conflicted with, and the judges' loads should be as even as possible. It is solved in
two steps, both deterministic for a seed:

1. Fill: each pitch takes its missing judges from the least-loaded ones that may judge it, ties
   broken at random from the seed (so who gets which pitches is fair, yet repeatable). Without
   conflicts or existing pairs this alone gives loads that differ by at most one.
2. Balance: where conflicts left loads uneven, move work along augmenting paths (judge A hands a
   pitch to B, who hands another to C...) from the most loaded judges to the least loaded ones.
   This is exact: it first lowers the maximum load to the least possible, then raises the minimum
   to the most possible, and both optima hold at once. So loads differ by at most one whenever
   any assignment achieves that, and otherwise by as little as any assignment can.

Pairs are (judge_id, pitch_id). Infeasible requests raise AssignmentInfeasible, whose `code` and
`params` let the app translate the explanation; check_assignment reports the same way.
"""

import random
from bisect import bisect_left, bisect_right
from collections import Counter, deque
from collections.abc import Callable, Collection, Iterable, Mapping
from dataclasses import dataclass
from itertools import chain, islice

JudgeId = int
PitchId = int
Pair = tuple[JudgeId, PitchId]

MESSAGES: dict[str, str] = {
    "too_few_judges": "Each pitch needs {k} judges but the panel has only {judges}.",
    "pitch_short_of_judges": (
        "Pitch {pitch_id} has only {available} judges without a conflict of interest; it needs {k}."
    ),
    "coverage": "Pitch {pitch_id} has {assigned} judges; it needs {k}.",
    "conflict": "Judge {judge_id} is assigned pitch {pitch_id} despite a conflict of interest.",
    "unbalanceable": (
        "Conflicts of interest or fixed assignments prevent an even split: judges' loads must"
        " range from {min_load} to {max_load} instead of {floor} to {ceil}."
    ),
    "unbalanced": (
        "Judges' loads range from {min_load} to {max_load}; {best_min} to {best_max} is possible."
    ),
    "unknown_pitch": "Judge {judge_id} is assigned pitch {pitch_id}, which is not in the round.",
    "unknown_judge": "Judge {judge_id}, assigned pitch {pitch_id}, is not on the panel.",
    "duplicate": "Judge {judge_id} is assigned pitch {pitch_id} more than once.",
}


@dataclass(frozen=True)
class Problem:
    """Something wrong with an assignment: a `code` from MESSAGES and the values it mentions."""

    code: str
    params: Mapping[str, object]

    @property
    def message(self) -> str:
        return MESSAGES[self.code].format(**self.params)


class AssignmentInfeasible(Exception):
    """No assignment meets the request; `problem` (also `code`, `params`) explains why."""

    def __init__(self, code: str, **params: object) -> None:
        self.problem = Problem(code, params)
        self.code = code
        self.params = params
        super().__init__(self.problem.message)


def assign(
    pitch_ids: Iterable[PitchId],
    judge_ids: Iterable[JudgeId],
    k: int,
    conflicts: Collection[Pair] = frozenset(),
    existing: Collection[Pair] = frozenset(),
    seed: int = 0,
    strict_balance: bool = False,
) -> list[Pair]:
    """Give every pitch exactly `k` judges from `judge_ids`, as evenly loaded as possible.

    `existing` pairs are kept as they are and count towards both the pitch's k and the judge's
    load; they may name judges outside `judge_ids` (one who left but whose scorecard stands),
    who then get no new work and take no part in the balance. `conflicts` may name pitches and
    judges outside the round. The result, sorted, includes the existing pairs and depends only
    on the contents of the inputs and on `seed`, never on their order.

    Loads (existing and new) have the least possible maximum and the greatest possible minimum
    among all valid assignments; that is a spread of at most one unless conflicts or existing
    pairs rule it out. With `strict_balance`, such a case raises "unbalanceable" instead.

    Raises AssignmentInfeasible ("conflict", "coverage", "too_few_judges",
    "pitch_short_of_judges", "unbalanceable") and ValueError for malformed input.
    """
    if k < 0:
        raise ValueError(f"k must not be negative, got {k}")
    pitches = _distinct_sorted(pitch_ids, "pitch")
    existing, in_round = frozenset(existing), set(pitches)
    strays = sorted(p for _, p in existing if p not in in_round)
    if strays:
        raise ValueError(f"existing pairs name pitches outside the round: {strays}")
    held = Counter(p for _, p in existing)
    for pitch in pitches:
        if held[pitch] > k:
            raise AssignmentInfeasible("coverage", pitch_id=pitch, assigned=held[pitch], k=k)
    needs = {pitch: k - held[pitch] for pitch in pitches}
    panel = _distinct_sorted(judge_ids, "judge")
    return _complete(needs, panel, existing, conflicts, seed, strict_balance)


def reassign_dropout(
    assignments: Collection[Pair],
    judge_id: JudgeId,
    judge_ids: Iterable[JudgeId],
    keep: Collection[Pair] = frozenset(),
    conflicts: Collection[Pair] = frozenset(),
    seed: int = 0,
) -> list[Pair]:
    """Move a departing judge's work to the rest of the panel `judge_ids`.

    The judge's pairs in `keep` (those with a submitted scorecard) stay, and so do every other
    judge's pairs; each of the judge's other pitches gets one judge from `judge_ids` (the
    departing judge excluded) instead, without conflicts and with loads balanced as well as the
    fixed pairs allow. Every pitch thus keeps its number of judges. Returns the whole new
    assignment, sorted; raises AssignmentInfeasible as `assign` does.
    """
    freed = {(j, p) for j, p in assignments if j == judge_id and (j, p) not in keep}
    needs = Counter(p for _, p in freed)
    panel = _distinct_sorted((j for j in judge_ids if j != judge_id), "judge")
    return _complete(dict(needs), panel, frozenset(assignments) - freed, conflicts, seed)


def check_assignment(
    pitch_ids: Iterable[PitchId],
    judge_ids: Iterable[JudgeId],
    k: int,
    assignments: Iterable[Pair],
    conflicts: Collection[Pair] = frozenset(),
) -> list[Problem]:
    """List what is wrong with `assignments`, e.g. after manual edits; empty when all is well.

    Reports pairs naming an unknown pitch or judge, duplicates, conflicts, and pitches without
    exactly `k` judges. Only when none of those remain, it reports "unbalanced" if the loads
    could be more even with the same number of judges per pitch, as if every pair could move.
    """
    pitches, panel = set(pitch_ids), sorted(set(judge_ids))
    members = set(panel)
    conflicts = frozenset(conflicts)
    problems: list[Problem] = []
    pairs = Counter(assignments)
    for (judge, pitch), count in sorted(pairs.items()):
        about = {"judge_id": judge, "pitch_id": pitch}
        if pitch not in pitches:
            problems.append(Problem("unknown_pitch", about))
        elif judge not in members:
            problems.append(Problem("unknown_judge", about))
        if count > 1:
            problems.append(Problem("duplicate", about))
        if (judge, pitch) in conflicts:
            problems.append(Problem("conflict", about))
    assigned = Counter(p for _, p in pairs)
    for pitch in sorted(pitches):
        if assigned[pitch] != k:
            params = {"pitch_id": pitch, "assigned": assigned[pitch], "k": k}
            problems.append(Problem("coverage", params))
    if problems:
        return problems
    return _unbalanced(panel, pairs, conflicts)


def _unbalanced(
    panel: list[JudgeId], pairs: Iterable[Pair], conflicts: Collection[Pair]
) -> list[Problem]:
    board = _Board(panel, (), conflicts)
    for judge, pitch in pairs:
        board.give(judge, pitch)
    min_load, max_load = board.load_range()
    board.balance()
    best_min, best_max = board.load_range()
    if (min_load, max_load) == (best_min, best_max):
        return []
    params = dict(min_load=min_load, max_load=max_load, best_min=best_min, best_max=best_max)
    return [Problem("unbalanced", params)]


def _complete(
    needs: dict[PitchId, int],
    panel: list[JudgeId],
    fixed: frozenset[Pair],
    conflicts: Collection[Pair],
    seed: int,
    strict_balance: bool = False,
) -> list[Pair]:
    """Add needs[p] judges from `panel` to each pitch p on top of the `fixed` pairs."""
    conflicts = frozenset(conflicts)
    _require_feasible(needs, panel, fixed, conflicts)
    rng = random.Random(seed)
    panel, pitches = panel[:], sorted(needs)
    rng.shuffle(panel)
    rng.shuffle(pitches)
    board = _Board(panel, fixed, conflicts)
    board.fill(pitches, needs, rng)
    board.balance()
    if strict_balance:
        _require_even(board)
    return sorted(fixed | board.new_pairs())


def _require_feasible(
    needs: Mapping[PitchId, int],
    panel: list[JudgeId],
    fixed: frozenset[Pair],
    conflicts: frozenset[Pair],
) -> None:
    # Judges' loads are unbounded here, so coverage is feasible exactly when each pitch on its
    # own has enough judges; the balance step never breaks coverage.
    clash = min(fixed & conflicts, default=None)
    if clash is not None:
        raise AssignmentInfeasible("conflict", judge_id=clash[0], pitch_id=clash[1])
    members = set(panel)
    held = Counter(p for _, p in fixed)
    held_by_panel = Counter(p for j, p in fixed if j in members)
    conflicted = Counter(p for j, p in conflicts if j in members)
    for pitch in sorted(needs):
        need, k = needs[pitch], held[pitch] + needs[pitch]
        free = len(members) - held_by_panel[pitch]
        if need > free:
            raise AssignmentInfeasible("too_few_judges", k=k, judges=len(members))
        allowed = free - conflicted[pitch]  # no conflicted judge holds it: checked above
        if need > allowed:
            available = held[pitch] + allowed
            raise AssignmentInfeasible(
                "pitch_short_of_judges", pitch_id=pitch, available=available, k=k
            )


def _require_even(board: "_Board") -> None:
    if not board.load:
        return
    total, judges = sum(board.load.values()), len(board.load)
    floor, ceil = total // judges, -(-total // judges)
    min_load, max_load = board.load_range()
    if min_load < floor or max_load > ceil:
        raise AssignmentInfeasible(
            "unbalanceable", min_load=min_load, max_load=max_load, floor=floor, ceil=ceil
        )


def _distinct_sorted(ids: Iterable[int], kind: str) -> list[int]:
    ordered = sorted(ids)
    if len(set(ordered)) != len(ordered):
        raise ValueError(f"{kind} ids must be distinct")
    return ordered


class _Board:
    """The assignment being built: what each judge holds, may still move, and may not take.

    `panel` order breaks ties, so it carries the seed. Movable holdings live in dicts, not sets,
    so that every walk over them follows insertion order and never the hash seed.
    """

    def __init__(
        self, panel: list[JudgeId], fixed: Collection[Pair], conflicts: Iterable[Pair]
    ) -> None:
        self.panel = panel
        self.load = dict.fromkeys(panel, 0)
        self.movable: dict[JudgeId, dict[PitchId, None]] = {judge: {} for judge in panel}
        # Conflicted or already held: a judge holds no conflicted pitch, so removing a pitch
        # from this set when it is handed on is safe.
        self.blocked: dict[JudgeId, set[PitchId]] = {judge: set() for judge in panel}
        for judge, pitch in chain(conflicts, fixed):
            if judge in self.blocked:
                self.blocked[judge].add(pitch)
        for judge, _ in fixed:
            if judge in self.load:
                self.load[judge] += 1

    def can_take(self, judge: JudgeId, pitch: PitchId) -> bool:
        return pitch not in self.blocked[judge]

    def give(self, judge: JudgeId, pitch: PitchId) -> None:
        self.blocked[judge].add(pitch)
        self.movable[judge][pitch] = None
        self.load[judge] += 1

    def take_back(self, judge: JudgeId, pitch: PitchId) -> None:
        self.blocked[judge].remove(pitch)
        del self.movable[judge][pitch]
        self.load[judge] -= 1

    def new_pairs(self) -> set[Pair]:
        return {(judge, pitch) for judge, pitches in self.movable.items() for pitch in pitches}

    def load_range(self) -> tuple[int, int]:
        loads = self.load.values()
        return (min(loads), max(loads)) if loads else (0, 0)

    def fill(
        self, pitches: list[PitchId], needs: Mapping[PitchId, int], rng: random.Random
    ) -> None:
        """Give each pitch its missing judges, least loaded first."""
        by_load = sorted(self.panel, key=self.load.__getitem__)  # stable: keeps the seeded order
        for pitch in pitches:
            takers = (judge for judge in by_load if self.can_take(judge, pitch))
            for judge in list(islice(takers, needs[pitch])):
                by_load.remove(judge)
                self.give(judge, pitch)
                self._requeue(by_load, judge, rng)

    def _requeue(self, by_load: list[JudgeId], judge: JudgeId, rng: random.Random) -> None:
        # At a random place among its new equals: a plain round-robin would seat the same
        # judges together on pitch after pitch, and a dropout's work could then not go to them.
        load, key = self.load[judge], self.load.__getitem__
        first, last = bisect_left(by_load, load, key=key), bisect_right(by_load, load, key=key)
        by_load.insert(rng.randint(first, last), judge)

    def balance(self) -> None:
        """Lower the highest load as far as it goes, then raise the lowest as far as it goes."""
        while self.panel:
            top = max(self.load.values())
            tops = [judge for judge in self.panel if self.load[judge] == top]
            if not self._shift_one(tops, lambda judge, top=top: self.load[judge] <= top - 2):
                break
        while self.panel:
            low = min(self.load.values())
            highs = [judge for judge in self.panel if self.load[judge] >= low + 2]
            if not self._shift_one(highs, lambda judge, low=low: self.load[judge] == low):
                break

    def _shift_one(self, givers: list[JudgeId], is_taker: Callable[[JudgeId], bool]) -> bool:
        """Move one pitch's worth of load from a giver to a taker; False when none can.

        Breadth-first over judges: B is reached from A when B may take a pitch A holds. When
        no taker is reached, the reached judges cannot shed load in any valid assignment (a
        min cut), which is what makes the balance step exact.
        """
        if not givers or not any(is_taker(judge) for judge in self.panel):
            return False
        reached_from: dict[JudgeId, Pair] = {}
        frontier, giving = deque(givers), set(givers)
        unreached = [judge for judge in self.panel if judge not in giving]
        while frontier and unreached:
            giver = frontier.popleft()
            still_unreached = []
            for judge in unreached:
                pitch = self._handable(giver, judge)
                if pitch is None:
                    still_unreached.append(judge)
                    continue
                reached_from[judge] = (giver, pitch)
                if is_taker(judge):
                    self._hand_over(judge, reached_from)
                    return True
                frontier.append(judge)
            unreached = still_unreached
        return False

    def _handable(self, giver: JudgeId, judge: JudgeId) -> PitchId | None:
        """The first pitch `giver` may hand to `judge`, or None."""
        movable, blocked = self.movable[giver].keys(), self.blocked[judge]
        if movable <= blocked:  # a subset test in C: fast even for judges with many conflicts
            return None
        return next(pitch for pitch in movable if pitch not in blocked)

    def _hand_over(self, taker: JudgeId, reached_from: Mapping[JudgeId, Pair]) -> None:
        judge = taker
        while judge in reached_from:
            giver, pitch = reached_from[judge]
            self.take_back(giver, pitch)
            self.give(judge, pitch)
            judge = giver
