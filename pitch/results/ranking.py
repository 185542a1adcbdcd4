"""The round page's rows: one aggregation, paged, with each method's rank and chart geometry.

Charts are server-rendered SVG: this module computes coordinates on a fixed view box, the
template draws them with presentation attributes (CSP forbids style attributes).
"""

import math
from dataclasses import dataclass

import pandas as pd

from pitch.domain.scoring import METHODS, rank_and_flag
from pitch.results.loader import RoundData

SPREAD_WIDTH, SPREAD_PAD = 200, 6
BIAS_WIDTH, BIAS_POINTS = 200, 40.0  # the bias bar spans ±BIAS_POINTS points of 100
LENIENCY_POINTS = 5.0  # below this many points from the others a judge counts as balanced


@dataclass(frozen=True)
class Paged:
    rows: list[dict]
    page: int
    pages: int
    total: int


def method_ranks(data: RoundData) -> pd.DataFrame:
    """Each pitch's rank under every method, from the one aggregation already made (computed
    once per cached aggregation)."""
    if "method_ranks" not in data.derived:
        pitches = data.result.pitches
        incomplete = pitches["judges"] < pitches["assigned"]
        data.derived["method_ranks"] = pd.DataFrame(
            {m: rank_and_flag(pitches[m], incomplete)["rank"] for m in METHODS})
    return data.derived["method_ranks"]


def ranking_page(data: RoundData, bureau_id: int | None, page: int, per_page: int) -> Paged:
    """The rows of one page, in rank order; only ``bureau_id``'s pitches when it is set."""
    pitches = data.result.pitches
    if bureau_id is not None:
        bureaus = data.pitches["bureau_id"].reindex(pitches.index)
        pitches = pitches[bureaus == bureau_id]
    pages = max(1, math.ceil(len(pitches) / per_page))
    page = min(max(page, 1), pages)
    shown = pitches.iloc[(page - 1) * per_page: page * per_page]
    ranks = method_ranks(data).loc[shown.index]
    criteria = data.result.criteria.reindex(shown.index)
    totals = data.result.totals
    totals = totals[totals["pitch_id"].isin(shown.index)].groupby("pitch_id")["total"]
    spreads = {pitch_id: sorted(values) for pitch_id, values in totals}
    rows = []
    for pitch_id, row in shown.iterrows():
        rows.append({
            "pitch_id": pitch_id,
            "title": data.pitches.at[pitch_id, "title"],
            "startup_name": data.pitches.at[pitch_id, "startup_name"],
            "rank": int(row["rank"]),
            "score": _number(row["score"]),
            "judges": int(row["judges"]),
            "assigned": int(row["assigned"]),
            "flags": row["flags"],
            "ranks": {m: int(ranks.at[pitch_id, m]) for m in METHODS},
            "criteria": {key: _number(value) for key, value in criteria.loc[pitch_id].items()},
            "spread": spread_chart(spreads.get(pitch_id, [])),
        })
    return Paged(rows=rows, page=page, pages=pages, total=len(pitches))


def combined_rows(data: RoundData, combined: pd.DataFrame | None) -> list[dict]:
    """The final's combined ranking (screening score carried in) as display rows."""
    if combined is None:
        return []
    return [{"pitch_id": pitch_id, "title": data.pitches.at[pitch_id, "title"],
             "startup_name": data.pitches.at[pitch_id, "startup_name"], "rank": int(row["rank"]),
             "flags": row["flags"], "screening_score": _number(row["screening_score"]),
             "final_score": _number(row["final_score"]), "score": _number(row["score"])}
            for pitch_id, row in combined.iterrows()]


def spread_chart(totals: list[float]) -> dict | None:
    """Dots for each judge total on a 0-100 axis, a line from lowest to highest, the mean."""
    if not totals:
        return None
    x = [_spread_x(t) for t in totals]
    return {"dots": x, "low": x[0], "high": x[-1], "mean": _spread_x(sum(totals) / len(totals)),
            "label": ", ".join(f"{t:.1f}" for t in totals)}


def _spread_x(total: float) -> float:
    return round(SPREAD_PAD + total / 100 * (SPREAD_WIDTH - 2 * SPREAD_PAD), 1)


def judge_rows(data: RoundData, names: pd.DataFrame) -> list[dict]:
    """Each judge's figures with a leniency word and a bar for the bias."""
    rows = []
    for judge_id, judge in data.result.judges.iterrows():
        bias = _number(judge["bias"])
        if bias is None or abs(bias) < LENIENCY_POINTS:
            leaning = "balanced"
        else:
            leaning = "lenient" if bias > 0 else "severe"
        rows.append({
            "judge_id": judge_id,
            "name": names["name"].get(judge_id, ""),
            "email": names["email"].get(judge_id, ""),
            "scorecards": int(judge["scorecards"]),
            "mean": _number(judge["mean"]),
            "std": _number(judge["std"]),
            "bias": bias,
            "spearman": _number(judge["spearman"]),
            "outlier": bool(judge["outlier"]),
            "leaning": leaning,
            "bar": None if bias is None else bias_bar(bias),
        })
    return rows


def bias_bar(bias: float) -> dict:
    """A bar from the centre line, right for lenient, left for severe, clipped at the edge."""
    half = BIAS_WIDTH / 2
    length = min(abs(bias), BIAS_POINTS) / BIAS_POINTS * half
    return {"x": round(half if bias >= 0 else half - length, 1), "width": round(length, 1)}


def alpha_reading(alpha: float | None) -> str:
    """Which plain-words explanation of Krippendorff's alpha applies."""
    if alpha is None:
        return "none"
    if alpha >= 0.8:
        return "good"
    return "fair" if alpha >= 0.667 else "low"


def _number(value) -> float | None:
    return None if value is None or pd.isna(value) else float(value)
