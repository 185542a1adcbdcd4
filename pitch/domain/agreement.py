"""How far the judges of a round agree: Krippendorff's alpha, and each judge against the rest.

Both work on judge totals: one row per submitted scorecard with judge_id, pitch_id and total
(T_jp on the 0-100 scale), as in ``RoundResult.totals``.
"""

import numpy as np
import pandas as pd

# A judge is an outlier when their totals sit on average more than this many points (of 100)
# above or below the other judges' on the same pitches — most of a step on every criterion of
# a 1-5 rubric, where a step is 25 points — or when they order pitches against the others
# (negative Spearman correlation). A fixed bound rather than "2 standard deviations of the
# judges' biases": with five judges one extreme judge can never pass 2 SDs, whatever they do.
BIAS_LIMIT = 20.0
MIN_PITCHES_FOR_SPEARMAN = 3
# Below this spread (in points) totals count as all equal: float noise is not disagreement.
ZERO_SPREAD = 1e-9
# Totals equal in exact arithmetic can differ in their last bits with the order they were
# summed in; ranks are taken on values rounded to this many decimals so that they tie.
RANK_NOISE_DECIMALS = 9


def krippendorff_alpha_interval(totals: pd.DataFrame) -> float | None:
    """Krippendorff's alpha, interval metric, over the judges x pitches matrix of T_jp.

    For the interval metric the coincidence-matrix formula reduces to sums of squares over
    the pairable values (pitches with at least two totals):

        alpha = 1 - (n - 1) / n * sum_u [m_u * SS_u / (m_u - 1)] / SS

    with m_u the totals of pitch u, SS_u their squared deviations from the pitch's mean, n all
    pairable totals and SS their squared deviations from the overall mean. It is the number
    the ``krippendorff`` package gives (the tests check both against each other), in linear
    time and memory: the package builds a pitches x values x values array, which for 10,000
    pitches took 2 GB at 91 distinct totals and needed 9 GiB per array at 350 (a weighted 1-10
    rubric; bench/bench_aggregation.py).

    None when alpha is undefined: no pitch has two totals, or the pairable totals are all equal.
    """
    per_pitch = totals.groupby("pitch_id")["total"].transform("size")
    pairable = totals.loc[per_pitch >= 2, ["pitch_id", "total"]]
    n = len(pairable)
    if n == 0 or pairable["total"].std(ddof=0) <= ZERO_SPREAD:
        return None
    by_pitch = pairable.groupby("pitch_id")["total"]
    m = by_pitch.size()
    squares_within = by_pitch.var(ddof=0) * m
    within = (m * squares_within / (m - 1)).sum()
    overall = pairable["total"].var(ddof=0) * n
    return float(1 - (n - 1) / n * within / overall)


def judge_agreement(totals: pd.DataFrame) -> pd.DataFrame:
    """Per judge (indexed by judge_id): scorecards, mean, std, bias, spearman, outlier.

    mean and std (population) are of the judge's own totals. bias is the mean of (their total
    minus the mean of the other judges' totals) over the pitches others scored too; spearman
    is the rank correlation of their totals with those others' means, NaN on fewer than
    ``MIN_PITCHES_FOR_SPEARMAN`` shared pitches or when either side is constant. Both are NaN
    for a judge who shares no pitch; outlier is as ``BIAS_LIMIT`` says.
    """
    by_judge = totals.groupby("judge_id")["total"]
    compared = _against_others(totals)
    spearman = {
        judge: _rank_correlation(pairs) for judge, pairs in compared.groupby("judge_id")
    }
    table = pd.DataFrame({
        "scorecards": by_judge.size(),
        "mean": by_judge.mean(),
        "std": by_judge.std(ddof=0),
        "bias": compared.groupby("judge_id")["difference"].mean(),
        "spearman": pd.Series(spearman, dtype=float),
    }).rename_axis("judge_id")
    # Rounded first: float noise from summation order must not move a judge across a limit.
    spearman_rounded = table["spearman"].round(RANK_NOISE_DECIMALS)
    bias_rounded = table["bias"].abs().round(RANK_NOISE_DECIMALS)
    table["outlier"] = (spearman_rounded < 0) | (bias_rounded > BIAS_LIMIT)
    return table


def _against_others(totals: pd.DataFrame) -> pd.DataFrame:
    """Each total beside the mean of the other judges' totals on the same pitch."""
    by_pitch = totals.groupby("pitch_id")["total"]
    others = by_pitch.transform("size") - 1
    others_mean = (by_pitch.transform("sum") - totals["total"]) / others
    compared = totals.assign(others_mean=others_mean, difference=totals["total"] - others_mean)
    return compared[others > 0]


def _rank_correlation(pairs: pd.DataFrame) -> float:
    own = pairs["total"].round(RANK_NOISE_DECIMALS)
    others = pairs["others_mean"].round(RANK_NOISE_DECIMALS)
    # A constant side has no ranks to correlate; scipy would warn and return NaN anyway.
    if len(pairs) < MIN_PITCHES_FOR_SPEARMAN or own.nunique() < 2 or others.nunique() < 2:
        return np.nan
    # Spearman's rho is Pearson's r on average ranks (what scipy.stats.spearmanr computes);
    # done here with numpy, because importing scipy.stats costs a command ~1 s of start-up.
    return float(np.corrcoef(own.rank(), others.rank())[0, 1])
