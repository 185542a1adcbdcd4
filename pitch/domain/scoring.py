"""Aggregating one round's scores into totals, pitch statistics and ranks.

The formulas are the contract in DESIGN.md, "Scoring and aggregation". Input is a DataFrame of
score lines (``LINE_COLUMNS``), one row per judge, pitch and criterion; only lines whose
``status`` is ``submitted`` count. Everything is computed with groupby, never row by row, so a
round of 600,000 lines aggregates in a fraction of a second.

Conventions:

- A pitch of the round with no submitted scorecard keeps its row: ``judges`` 0, NaN statistics
  and NaN ``score``; it ranks after every scored pitch (all unscored pitches share that last
  rank, and an unscored pitch never carries the ``tie`` flag).
- ``flags`` holds a tuple of flag names, ``incomplete`` before ``tie``, empty when none apply.
- A judge's totals "have σ = 0" when their spread is below ``ZERO_SPREAD`` points: totals that
  are equal in exact arithmetic can differ in the last bit of a float, and dividing by that
  noise would turn it into whole standard deviations.
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd

from pitch.domain.agreement import ZERO_SPREAD, judge_agreement, krippendorff_alpha_interval
from pitch.domain.methods import METHODS

LINE_COLUMNS = ("judge_id", "pitch_id", "criterion", "weight", "min", "max", "score", "status")
SUBMITTED = "submitted"
TRIM_PROPORTION = 0.2
RANK_DECIMALS = 6
INCOMPLETE = "incomplete"
TIE = "tie"
PITCH_COLUMNS = (
    "judges", "assigned", "mean", "z_mean", "t_score", "trimmed_mean", "median",
    "score", "rank", "flags",
)

# Flag tuples by (incomplete, tie); tuples are immutable, so every row can share one.
_FLAGS_BY_CODE = {0: (), 1: (INCOMPLETE,), 2: (TIE,), 3: (INCOMPLETE, TIE)}


@dataclass(frozen=True)
class RoundResult:
    """Everything the results pages and exports need about one round.

    pitches: indexed by pitch_id, columns ``PITCH_COLUMNS``, ordered by rank then pitch_id.
    judges: indexed by judge_id (judges with at least one submitted scorecard), columns
        scorecards, mean, std, bias, spearman, outlier (see ``agreement.judge_agreement``).
    criteria: indexed by pitch_id like ``pitches``, one column per criterion key (in key
        order): the mean raw score over submitted scorecards, NaN where none.
    totals: one row per submitted scorecard: judge_id, pitch_id, total (T_jp), z (z_jp).
    krippendorff_alpha: interval alpha over the judges x pitches matrix of T_jp, or None.
    """

    method: str
    pitches: pd.DataFrame
    judges: pd.DataFrame
    criteria: pd.DataFrame
    totals: pd.DataFrame
    krippendorff_alpha: float | None


def aggregate(
    lines: pd.DataFrame,
    pitch_ids: Iterable[int],
    assigned: Mapping[int, int] | pd.Series,
    method: str = "mean",
) -> RoundResult:
    """Aggregate one round.

    ``pitch_ids`` lists every pitch of the round, scored or not; ``assigned`` maps a pitch_id to
    the number of judges assigned to it (missing means none, so never ``incomplete``).
    Raises ValueError on an unknown method, a missing column, a criterion whose max is not
    above its min or whose weight is not positive, or scores for a pitch outside the round.
    """
    if method not in METHODS:
        raise ValueError(f"unknown method {method!r}; expected one of {', '.join(METHODS)}")
    submitted = _submitted_lines(lines)
    round_pitches = pd.Index(pitch_ids, name="pitch_id").unique()
    _require_known_pitches(submitted, round_pitches)
    totals = _judge_totals(submitted)
    totals["z"] = _z_scores(totals)
    pitches = _pitch_statistics(totals, round_pitches)
    pitches["assigned"] = pd.Series(assigned).reindex(round_pitches).fillna(0).astype(int)
    pitches["score"] = pitches[method]
    ranking = rank_and_flag(pitches["score"], _incomplete(pitches))
    pitches = pitches.join(ranking).sort_values(["rank", "pitch_id"])
    return RoundResult(
        method=method,
        pitches=pitches[list(PITCH_COLUMNS)],
        judges=judge_agreement(totals),
        criteria=_criterion_means(submitted, pitches.index),
        totals=totals,
        krippendorff_alpha=krippendorff_alpha_interval(totals),
    )


def _judge_totals(submitted: pd.DataFrame) -> pd.DataFrame:
    """T_jp = 100 · Σ w·(s − min)/(max − min) / Σ w for each judge and pitch.

    From submitted lines; returns judge_id, pitch_id, total sorted by judge then pitch.
    """
    span = submitted["max"] - submitted["min"]
    weight = submitted["weight"].astype(float)
    if (span <= 0).any() or (weight <= 0).any():
        raise ValueError("every criterion needs max greater than min and a positive weight")
    parts = pd.DataFrame({
        "judge_id": submitted["judge_id"],
        "pitch_id": submitted["pitch_id"],
        "weighted": weight * (submitted["score"] - submitted["min"]) / span,
        "weight": weight,
    })
    sums = parts.groupby(["judge_id", "pitch_id"]).sum()
    total = 100 * sums["weighted"] / sums["weight"]
    return total.rename("total").reset_index()


def rank_and_flag(score: pd.Series, incomplete: pd.Series) -> pd.DataFrame:
    """Competition ranking (1, 2, 2, 4) on score rounded to RANK_DECIMALS, highest first.

    NaN scores share the rank after the last scored pitch. Returns rank and flags columns.
    """
    rounded = score.round(RANK_DECIMALS)
    rank = rounded.rank(method="min", ascending=False, na_option="bottom").astype(int)
    tie = rounded.notna() & rounded.duplicated(keep=False)
    code = incomplete.astype(int) + 2 * tie.astype(int)
    return pd.DataFrame({"rank": rank, "flags": code.map(_FLAGS_BY_CODE)})


def combine_rounds(
    screening: RoundResult, final: RoundResult, screening_weight: float = 0.0
) -> pd.DataFrame:
    """Rank the final's pitches on w·screening score + (1 − w)·final score.

    Both rounds should use the same method, so that the two scores share a scale. Weight 0
    ranks on the final alone (even for a pitch without a screening score). Returns, indexed by
    the final's pitch_id: screening_score, final_score, score, rank, flags.
    """
    if not 0.0 <= screening_weight <= 1.0:
        raise ValueError("screening_weight must be between 0 and 1")
    final_score = final.pitches["score"]
    screening_score = screening.pitches["score"].reindex(final_score.index)
    combined = final_score
    if screening_weight > 0:
        combined = screening_weight * screening_score + (1 - screening_weight) * final_score
    table = pd.DataFrame({
        "screening_score": screening_score, "final_score": final_score, "score": combined,
    })
    ranking = rank_and_flag(combined, _incomplete(final.pitches))
    return table.join(ranking).sort_values(["rank", "pitch_id"])


def _submitted_lines(lines: pd.DataFrame) -> pd.DataFrame:
    missing = [column for column in LINE_COLUMNS if column not in lines.columns]
    if missing:
        raise ValueError(f"score lines lack columns: {', '.join(missing)}")
    return lines.loc[lines["status"] == SUBMITTED, list(LINE_COLUMNS)]


def _incomplete(pitches: pd.DataFrame) -> pd.Series:
    return pitches["judges"] < pitches["assigned"]


def _require_known_pitches(submitted: pd.DataFrame, round_pitches: pd.Index) -> None:
    unknown = np.setdiff1d(submitted["pitch_id"].unique(), round_pitches)
    if len(unknown):
        raise ValueError(f"scores for pitches outside the round: {unknown[:10].tolist()}")


def _z_scores(totals: pd.DataFrame) -> pd.Series:
    by_judge = totals.groupby("judge_id")["total"]
    mean = by_judge.transform("mean")
    sigma = by_judge.transform("std", ddof=0)
    # One scorecard has σ = 0 as well, so this one test covers both cases of the contract.
    usable = sigma > ZERO_SPREAD
    return ((totals["total"] - mean) / sigma).where(usable, 0.0)


def _pitch_statistics(totals: pd.DataFrame, round_pitches: pd.Index) -> pd.DataFrame:
    by_pitch = totals.groupby("pitch_id")
    stats = pd.DataFrame({
        "judges": by_pitch.size(),
        "mean": by_pitch["total"].mean(),
        "z_mean": by_pitch["z"].mean(),
        "trimmed_mean": _trimmed_means(totals),
        "median": by_pitch["total"].median(),
    }).reindex(round_pitches)
    stats["judges"] = stats["judges"].fillna(0).astype(int)
    stats["t_score"] = 50 + 10 * stats["z_mean"]
    return stats


def _trimmed_means(totals: pd.DataFrame) -> pd.Series:
    """scipy.stats.trim_mean(totals, TRIM_PROPORTION) per pitch, for all pitches at once.

    Like scipy, cut int(proportion · n) values from each end of the sorted totals.
    """
    ordered = totals.sort_values(["pitch_id", "total"])
    by_pitch = ordered.groupby("pitch_id")
    position = by_pitch.cumcount()
    count = by_pitch["total"].transform("size")
    cut = np.floor(TRIM_PROPORTION * count)
    kept = ordered[(position >= cut) & (position < count - cut)]
    return kept.groupby("pitch_id")["total"].mean()


def _criterion_means(submitted: pd.DataFrame, pitch_order: pd.Index) -> pd.DataFrame:
    means = submitted.groupby(["pitch_id", "criterion"])["score"].mean().unstack("criterion")
    return means.reindex(pitch_order)
