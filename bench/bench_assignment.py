"""Time judge assignment on large rounds: assign, check and a dropout's reassignment.

Run from the repository root:  .venv/bin/python bench/bench_assignment.py [--repeat N]
"""

import argparse
import random
import timeit
from collections import Counter
from collections.abc import Callable

from pitch.domain.assignment import Pair, assign, check_assignment, reassign_dropout

SCENARIOS = {
    # label: (pitches, judges, judges per pitch, share of each judge's pitches in conflict)
    "2,000 x 100, K=5": (2_000, 100, 5, 0.02),
    "10,000 x 100, K=10 (demo)": (10_000, 100, 10, 0.02),
}


def random_conflicts(pitches: int, judges: int, share: float, seed: int) -> set[Pair]:
    rng = random.Random(seed)
    per_judge = round(pitches * share)
    return {
        (judge, pitch) for judge in range(judges) for pitch in rng.sample(range(pitches), per_judge)
    }


def skewed_conflicts(pitches: int, judges: int, seed: int) -> set[Pair]:
    """Half the panel conflicted with 95% of the pitches: even loads are impossible."""
    rng = random.Random(seed)
    return {
        (judge, pitch)
        for judge in range(judges // 2)
        for pitch in range(pitches)
        if rng.random() < 0.95
    }


def best_of(repeat: int, run: Callable[[], object]) -> float:
    return min(timeit.repeat(run, number=1, repeat=repeat))


def report(label: str, seconds: float, pairs: list[Pair], panel: range) -> None:
    loads = Counter(judge for judge, _ in pairs)
    low, high = min(loads[j] for j in panel), max(loads[j] for j in panel)
    print(f"{label:<44} {seconds * 1000:9.1f} ms   loads {low}-{high}")


def bench_scenario(
    label: str, pitches: int, judges: int, k: int, conflicts: set[Pair], repeat: int
) -> None:
    def run_assign() -> list[Pair]:
        return assign(range(pitches), range(judges), k, conflicts, seed=1)

    pairs = run_assign()
    report(f"assign {label}", best_of(repeat, run_assign), pairs, range(judges))
    seconds = best_of(
        repeat, lambda: check_assignment(range(pitches), range(judges), k, pairs, conflicts)
    )
    print(f"{'  check_assignment':<44} {seconds * 1000:9.1f} ms")

    # Judge 0 leaves having submitted every other scorecard.
    keep = {pair for pair in pairs if pair[0] == 0 and pair[1] % 2 == 0}

    def run_dropout() -> list[Pair]:
        return reassign_dropout(pairs, 0, range(judges), keep, conflicts, seed=1)

    seconds = best_of(repeat, run_dropout)
    report("  reassign_dropout (judge 0, half kept)", seconds, run_dropout(), range(1, judges))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=3)
    options = parser.parse_args()
    print(f"best of {options.repeat}:")
    for label, (pitches, judges, k, share) in SCENARIOS.items():
        conflicts = random_conflicts(pitches, judges, share, seed=7)
        bench_scenario(
            f"{label}, {share:.0%} conflicts", pitches, judges, k, conflicts, options.repeat
        )
    conflicts = skewed_conflicts(10_000, 100, seed=7)
    bench_scenario(
        "10,000 x 100, K=10, skewed conflicts", 10_000, 100, 10, conflicts, options.repeat
    )


if __name__ == "__main__":
    main()
