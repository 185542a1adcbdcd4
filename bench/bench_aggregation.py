"""Time the aggregation of one large round: 10,000 pitches x 10 judges x 6 criteria.

Run from the repository root (bench/README.md, "Aggregation", explains the figures):

    .venv/bin/python bench/bench_aggregation.py [--pitches N] [--judges N] [--max-score S]
        [--repeat N]
"""

import argparse
import timeit
from collections.abc import Callable

import krippendorff
import numpy as np
import pandas as pd

from pitch.domain.agreement import judge_agreement, krippendorff_alpha_interval
from pitch.domain.scoring import aggregate

CRITERIA = ("novelty", "feasibility", "impact", "fit", "team", "cost")
WEIGHTS = (2.0, 1.5, 1.5, 1.0, 1.0, 1.0)
PACKAGE_MEMORY_LIMIT_GIB = 1.0


def synthetic_lines(pitches: int, judges: int, top: int, seed: int = 7) -> pd.DataFrame:
    """Every judge scores every pitch 1-top on every criterion; 2% of scorecards stay drafts."""
    rng = np.random.default_rng(seed)
    pitch_ids = np.arange(1, pitches + 1)
    judge_ids = np.arange(1, judges + 1)
    judge, pitch, criterion = (
        grid.ravel() for grid in np.meshgrid(judge_ids, pitch_ids, np.arange(len(CRITERIA)),
                                             indexing="ij")
    )
    quality = rng.normal(0, 1, pitches)[pitch - 1]
    harshness = rng.normal(0, 0.5, judges)[judge - 1]
    middle, step = (1 + top) / 2, (top - 1) / 4
    noise = rng.normal(0, 0.7, judge.size)
    score = np.clip(np.rint(middle + step * (quality - harshness + noise)), 1, top)
    draft = rng.random((judges, pitches)) < 0.02
    return pd.DataFrame({
        "judge_id": judge,
        "pitch_id": pitch,
        "criterion": np.asarray(CRITERIA)[criterion],
        "weight": np.asarray(WEIGHTS)[criterion],
        "min": 1,
        "max": top,
        "score": score.astype(int),
        "status": np.where(draft[judge - 1, pitch - 1], "draft", "submitted"),
    })


def best_of(repeat: int, run: Callable[[], object]) -> float:
    return min(timeit.repeat(run, number=1, repeat=repeat))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--pitches", type=int, default=10_000)
    parser.add_argument("--judges", type=int, default=10)
    parser.add_argument("--max-score", type=int, default=5,
                        help="criteria are scored 1 to this (the default rubric: 5)")
    parser.add_argument("--repeat", type=int, default=5)
    options = parser.parse_args()

    lines = synthetic_lines(options.pitches, options.judges, options.max_score)
    pitch_ids = range(1, options.pitches + 1)
    assigned = dict.fromkeys(pitch_ids, options.judges)
    result = aggregate(lines, pitch_ids, assigned, "z_mean")
    totals = result.totals
    distinct = totals["total"].nunique()
    print(f"{len(lines):,} score lines, {len(totals):,} submitted scorecards, "
          f"{distinct:,} distinct totals; best of {options.repeat} runs:")
    figures = {
        "aggregate(), everything": lambda: aggregate(lines, pitch_ids, assigned, "z_mean"),
        "  of which alpha": lambda: krippendorff_alpha_interval(totals),
        "  of which judge agreement": lambda: judge_agreement(totals),
    }
    for label, run in figures.items():
        print(f"{label:<34} {best_of(options.repeat, run) * 1000:8.1f} ms")
    compare_with_package(totals, result.krippendorff_alpha, options.repeat)


def compare_with_package(totals: pd.DataFrame, alpha: float | None, repeat: int) -> None:
    """Time the krippendorff package on the same matrix, where it fits in memory."""
    matrix = totals.pivot(index="judge_id", columns="pitch_id", values="total").to_numpy()
    # The package holds a pitches x values x values array of int64, more than once.
    gib = matrix.shape[1] * totals["total"].nunique() ** 2 * 8 / 2**30
    if gib > PACKAGE_MEMORY_LIMIT_GIB:
        print(f"krippendorff package: skipped, it would allocate {gib:.1f} GiB per array")
        return
    package_alpha = krippendorff.alpha(matrix, level_of_measurement="interval")
    seconds = best_of(repeat, lambda: krippendorff.alpha(matrix, level_of_measurement="interval"))
    print(f"{'krippendorff package, same alpha':<34} {seconds * 1000:8.1f} ms")
    print(f"alpha: ours {alpha:.12f}, package {package_alpha:.12f}")

if __name__ == "__main__":
    main()
