"""A straightforward, loop-based reading of the scoring contract (DESIGN.md), and the check that
the vectorised module agrees with it on random rounds.

The builders here (``card``, ``lines_frame``, ``rounds``) serve the other scoring tests too.
"""

import math
import statistics
from collections import defaultdict
from dataclasses import dataclass

import hypothesis.strategies as st
import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from scipy.stats import trim_mean

from pitch.domain.scoring import LINE_COLUMNS, METHODS, aggregate

# One criterion scored 0-100 with weight 1: the judge total is the score itself.
PLAIN = (("overall", 1.0, 0, 100),)
NaN = math.nan


def card(judge_id, pitch_id, scores, status="submitted", rubric=PLAIN):
    """The score lines of one scorecard, one per criterion of the rubric."""
    return [
        {"judge_id": judge_id, "pitch_id": pitch_id, "criterion": key, "weight": weight,
         "min": low, "max": high, "score": score, "status": status}
        for (key, weight, low, high), score in zip(rubric, scores, strict=True)
    ]


def lines_frame(*cards):
    return pd.DataFrame([line for lines in cards for line in lines], columns=list(LINE_COLUMNS))


@dataclass
class Round:
    rows: list
    pitch_ids: list
    assigned: dict
    rubric: tuple

    def frame(self):
        return pd.DataFrame(self.rows, columns=list(LINE_COLUMNS))


@st.composite
def rounds(draw, max_judges=7, max_pitches=6):
    """Random rounds: any rubric, some scorecards missing or left as drafts."""
    criteria = draw(st.lists(
        st.tuples(st.sampled_from([0.5, 1.0, 2.0, 3.0]), st.integers(0, 1), st.integers(1, 9)),
        min_size=1, max_size=3,
    ))
    rubric = tuple((f"c{i}", w, low, low + span) for i, (w, low, span) in enumerate(criteria))
    judges = range(1, draw(st.integers(1, max_judges)) + 1)
    pitch_ids = list(range(1, draw(st.integers(1, max_pitches)) + 1))
    rows = []
    for judge in judges:
        for pitch in pitch_ids:
            status = draw(st.sampled_from(["submitted"] * 3 + ["draft", "absent"]))
            if status != "absent":
                scores = [draw(st.integers(low, high)) for _, _, low, high in rubric]
                rows += card(judge, pitch, scores, status, rubric)
    assigned = {pitch: draw(st.integers(0, len(judges))) for pitch in pitch_ids}
    return Round(rows, pitch_ids, assigned, rubric)


def reference_totals(rows):
    weighted, weights = defaultdict(float), defaultdict(float)
    for row in rows:
        if row["status"] == "submitted":
            key = (row["judge_id"], row["pitch_id"])
            weighted[key] += row["weight"] * (row["score"] - row["min"]) / (row["max"] - row["min"])
            weights[key] += row["weight"]
    return {key: 100 * weighted[key] / weights[key] for key in weighted}


def reference_z(totals):
    by_judge = defaultdict(dict)
    for (judge, pitch), total in totals.items():
        by_judge[judge][pitch] = total
    z = {}
    for judge, own in by_judge.items():
        mu, sigma = statistics.fmean(own.values()), statistics.pstdev(own.values())
        for pitch, total in own.items():
            usable = len(own) >= 2 and sigma > 1e-9
            z[(judge, pitch)] = (total - mu) / sigma if usable else 0.0
    return z


def reference_ranks(scores):
    """Competition ranking on scores rounded to 6 decimals; NaN after every number."""
    rounded = {p: np.round(s, 6) for p, s in scores.items()}
    numbers = [r for r in rounded.values() if not math.isnan(r)]
    ranks, ties = {}, {}
    for pitch, r in rounded.items():
        if math.isnan(r):
            ranks[pitch], ties[pitch] = len(numbers) + 1, False
        else:
            ranks[pitch] = 1 + sum(other > r for other in numbers)
            ties[pitch] = numbers.count(r) > 1
    return ranks, ties


def reference_aggregate(round_, method):
    totals = reference_totals(round_.rows)
    z = reference_z(totals)
    table = {}
    for pitch in round_.pitch_ids:
        own = [t for (_, p), t in totals.items() if p == pitch]
        own_z = [value for (_, p), value in z.items() if p == pitch]
        z_mean = statistics.fmean(own_z) if own else NaN
        table[pitch] = {
            "judges": len(own),
            "mean": statistics.fmean(own) if own else NaN,
            "z_mean": z_mean,
            "t_score": 50 + 10 * z_mean,
            "trimmed_mean": trim_mean(own, 0.2) if own else NaN,
            "median": statistics.median(own) if own else NaN,
        }
        table[pitch]["score"] = table[pitch][method]
    ranks, ties = reference_ranks({p: row["score"] for p, row in table.items()})
    for pitch, row in table.items():
        incomplete = row["judges"] < round_.assigned.get(pitch, 0)
        row["rank"] = ranks[pitch]
        row["flags"] = tuple(name for name, on in (("incomplete", incomplete),
                                                   ("tie", ties[pitch])) if on)
    return table


def reference_alpha_interval(units):
    """Krippendorff's alpha by the coincidence matrix (Krippendorff 2011, section C).

    ``units`` is a list of lists of the values given to each unit (missing values left out).
    """
    coincidences = defaultdict(float)
    for values in units:
        if len(values) < 2:
            continue
        for i, c in enumerate(values):
            for j, k in enumerate(values):
                if i != j:
                    coincidences[(c, k)] += 1 / (len(values) - 1)
    totals_by_value = defaultdict(float)
    for (c, _), o in coincidences.items():
        totals_by_value[c] += o
    n = sum(totals_by_value.values())
    observed = sum(o * (c - k) ** 2 for (c, k), o in coincidences.items())
    expected = sum(n_c * n_k * (c - k) ** 2
                   for c, n_c in totals_by_value.items() for k, n_k in totals_by_value.items())
    return 1 - (n - 1) * observed / expected


def assert_close(actual, expected, rel=1e-9, abs_=1e-9):
    if isinstance(expected, float) and math.isnan(expected):
        assert math.isnan(actual)
    else:
        assert actual == pytest.approx(expected, rel=rel, abs=abs_)


@settings(max_examples=150, deadline=None)
@given(round_=rounds(), method=st.sampled_from(METHODS))
def test_vectorised_aggregation_agrees_with_the_loop_reference(round_, method):
    result = aggregate(round_.frame(), round_.pitch_ids, round_.assigned, method)
    expected = reference_aggregate(round_, method)

    assert sorted(result.pitches.index) == sorted(expected)
    for pitch, want in expected.items():
        got = result.pitches.loc[pitch]
        for column in ("mean", "z_mean", "t_score", "trimmed_mean", "median", "score"):
            assert_close(got[column], want[column])
        assert (got["judges"], got["rank"], got["flags"]) == (
            want["judges"], want["rank"], want["flags"])


@settings(max_examples=100, deadline=None)
@given(round_=rounds())
def test_alpha_agrees_with_the_coincidence_matrix_reference(round_):
    totals = reference_totals(round_.rows)
    units = [[t for (_, p), t in totals.items() if p == pitch] for pitch in round_.pitch_ids]
    pairable = [value for values in units if len(values) > 1 for value in values]

    alpha = aggregate(round_.frame(), round_.pitch_ids, round_.assigned).krippendorff_alpha

    if not pairable or max(pairable) - min(pairable) < 1e-9:
        assert alpha is None
    else:
        assert alpha == pytest.approx(reference_alpha_interval(units), rel=1e-9, abs=1e-9)
