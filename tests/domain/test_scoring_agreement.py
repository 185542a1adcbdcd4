"""Agreement between judges: Krippendorff's alpha and each judge against the others."""

import math

import krippendorff
import numpy as np
import pandas as pd
import pytest
from scipy.stats import spearmanr

from pitch.domain.agreement import judge_agreement, krippendorff_alpha_interval
from pitch.domain.scoring import aggregate

from .test_scoring_reference import card, lines_frame, reference_alpha_interval

# Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability", section C: four observers,
# twelve units, values 1-5, missing values as NaN. The paper gives alpha = 0.849 (interval).
PUBLISHED = np.array([
    [1, 2, 3, 3, 2, 1, 4, 1, 2, np.nan, np.nan, np.nan],
    [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, np.nan, 3],
    [np.nan, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, np.nan],
    [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, np.nan],
])


def totals_from_matrix(matrix):
    """Judges x pitches matrix (NaN where missing) to judge totals rows."""
    frame = pd.DataFrame(matrix, index=pd.RangeIndex(1, len(matrix) + 1, name="judge_id"),
                         columns=pd.RangeIndex(1, matrix.shape[1] + 1, name="pitch_id"))
    return frame.stack().dropna().rename("total").reset_index()


def units_of(matrix):
    return [[v for v in column if not math.isnan(v)] for column in matrix.T]


def test_alpha_of_the_published_example():
    alpha = krippendorff_alpha_interval(totals_from_matrix(PUBLISHED))

    assert round(alpha, 3) == 0.849
    assert alpha == pytest.approx(reference_alpha_interval(units_of(PUBLISHED)), rel=1e-12)
    assert alpha == pytest.approx(
        krippendorff.alpha(PUBLISHED, level_of_measurement="interval"), rel=1e-12)


@pytest.mark.parametrize("seed", range(5))
def test_alpha_agrees_with_the_krippendorff_package_on_random_totals(seed):
    rng = np.random.default_rng(seed)
    quality = rng.uniform(0, 100, 30)
    matrix = np.clip(np.rint(quality + rng.normal(0, 15, (6, 30))), 0, 100)
    matrix[rng.random(matrix.shape) < 0.3] = np.nan

    alpha = krippendorff_alpha_interval(totals_from_matrix(matrix))

    assert alpha == pytest.approx(krippendorff.alpha(matrix, level_of_measurement="interval"),
                                  rel=1e-9)


def test_alpha_of_full_agreement_is_one():
    matrix = np.array([[10.0, 50, 90], [10, 50, 90], [10, np.nan, 90]])

    assert krippendorff_alpha_interval(totals_from_matrix(matrix)) == pytest.approx(1.0)


@pytest.mark.parametrize("matrix", [
    [[10.0, 50, 90]],  # one judge
    [[10.0, np.nan], [np.nan, 90]],  # no pitch scored twice
    [[50.0, 50], [50, np.nan]],  # no spread at all
], ids=["one judge", "nothing pairable", "no variance"])
def test_alpha_is_none_when_undefined(matrix):
    assert krippendorff_alpha_interval(totals_from_matrix(np.array(matrix))) is None


def test_aggregate_reports_alpha_of_the_judge_totals():
    lines = lines_frame(*(
        card(judge + 1, pitch + 1, [value])
        for judge, row in enumerate(PUBLISHED * 20)
        for pitch, value in enumerate(row) if not math.isnan(value)
    ))

    alpha = aggregate(lines, range(1, 13), {}).krippendorff_alpha

    # Multiplying every value by 20 does not change an interval alpha.
    assert round(alpha, 3) == 0.849


def test_bias_and_outliers_by_distance_from_the_other_judges():
    # On each pitch the others' mean is 50 and 30 for judge 1 (+30 both times), 60 and 40 for
    # judge 2 (0) and 70 and 50 for judge 3 (-30): 30 points is beyond the 20-point limit.
    totals = totals_from_matrix(np.array([[80.0, 60], [60, 40], [40, 20]]))

    judges = judge_agreement(totals)

    assert judges["bias"].tolist() == pytest.approx([30, 0, -30])
    assert judges["outlier"].tolist() == [True, False, True]
    assert judges["scorecards"].tolist() == [2, 2, 2]
    assert judges["mean"].tolist() == pytest.approx([70, 50, 30])
    assert judges["std"].tolist() == pytest.approx([10, 10, 10])  # population std


def test_a_judge_ranking_against_the_others_is_an_outlier():
    # Judges 1-3 give 10, 20, 30, 40; judge 4 the reverse. For judge 4 the others' means are
    # 10..40 rising, against their own falling totals: Spearman -1, though the bias is 0.
    # For judge 1 the others' means are 20, 23.3, 26.7, 30: rising with their own, so +1.
    matrix = np.array([[10.0, 20, 30, 40]] * 3 + [[40.0, 30, 20, 10]])

    judges = judge_agreement(totals_from_matrix(matrix))

    assert judges.loc[4, "spearman"] == pytest.approx(-1)
    assert judges.loc[1, "spearman"] == pytest.approx(1)
    assert judges.loc[4, "bias"] == pytest.approx(0)
    assert judges["outlier"].tolist() == [False, False, False, True]


def test_agreement_is_nan_without_enough_shared_pitches():
    # Judge 3 shares no pitch; judges 1 and 2 share two, too few for a rank correlation.
    matrix = np.array([[10.0, 20, np.nan], [30, 50, np.nan], [np.nan, np.nan, 70]])

    judges = judge_agreement(totals_from_matrix(matrix))

    assert judges.loc[1, "bias"] == pytest.approx(-25)  # (10 - 30 + 20 - 50) / 2
    assert judges[["spearman"]].isna().all().all()
    assert math.isnan(judges.loc[3, "bias"])
    assert not judges.loc[3, "outlier"]


def test_spearman_is_nan_when_a_judge_gives_one_total_to_all():
    matrix = np.array([[50.0, 50, 50], [10, 20, 30]])

    assert judge_agreement(totals_from_matrix(matrix))["spearman"].isna().all()


@pytest.mark.parametrize("seed", range(3))
def test_spearman_is_scipys_against_the_others_mean(seed):
    # Totals on a coarse grid, so that ranks tie; a third of the cells missing.
    rng = np.random.default_rng(seed)
    matrix = rng.integers(0, 5, (5, 12)) * 25.0
    matrix[rng.random(matrix.shape) < 0.3] = np.nan

    judges = judge_agreement(totals_from_matrix(matrix))

    for judge, own in enumerate(matrix, start=1):
        others = np.nanmean(np.delete(matrix, judge - 1, axis=0), axis=0)
        shared = ~np.isnan(own) & ~np.isnan(others)
        expected = spearmanr(own[shared], others[shared]).statistic
        assert judges.loc[judge, "spearman"] == pytest.approx(expected, rel=1e-12, nan_ok=True)
