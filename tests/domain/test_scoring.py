"""Hand-checked rounds for every column of the aggregation (DESIGN, Scoring and aggregation).

Most rounds use the PLAIN rubric (one criterion, 0-100, weight 1), where a judge's total is
simply the score, so the expected figures below can be worked out on paper.
"""

import math

import pandas as pd
import pytest

from pitch.domain.scoring import aggregate, combine_rounds, rank_and_flag

from .test_scoring_reference import card, lines_frame

SQRT_1_5 = math.sqrt(1.5)


def plain_round(scores, **kwargs):
    """Aggregate {(judge, pitch): total} on the PLAIN rubric; pitches are those in scores."""
    lines = lines_frame(*(card(j, p, [s]) for (j, p), s in scores.items()))
    pitch_ids = kwargs.pop("pitch_ids", sorted({p for _, p in scores}))
    return aggregate(lines, pitch_ids, kwargs.pop("assigned", {}), **kwargs)


def test_total_weighs_criteria_and_rescales_each_range():
    rubric = (("novelty", 2.0, 1, 5), ("cost", 1.0, 0, 10))
    lines = lines_frame(card(1, 1, [4, 3], rubric=rubric), card(1, 2, [5, 0], rubric=rubric))

    totals = aggregate(lines, [1, 2], {}).totals.set_index("pitch_id")["total"]

    # 100 * (2 * (4-1)/4 + 1 * (3-0)/10) / 3 = 100 * (1.5 + 0.3) / 3 = 60
    assert totals[1] == pytest.approx(60.0)
    # 100 * (2 * (5-1)/4 + 1 * 0/10) / 3 = 200 / 3
    assert totals[2] == pytest.approx(200 / 3)


def test_z_scores_with_a_single_scorecard_and_with_equal_totals():
    # Judge 1 gives 80, 60, 40: mu 60, sigma sqrt(800/3), so z = +-20/sqrt(800/3) = +-sqrt(1.5).
    # Judge 2 submits one scorecard and judge 3 gives 70 twice (sigma 0): their z is 0.
    result = plain_round({(1, 1): 80, (1, 2): 60, (1, 3): 40, (2, 1): 50, (3, 1): 70, (3, 2): 70})

    z = result.totals.set_index(["judge_id", "pitch_id"])["z"]
    assert z[(1, 1)] == pytest.approx(SQRT_1_5)
    assert z[(1, 2)] == pytest.approx(0.0)
    assert z[(1, 3)] == pytest.approx(-SQRT_1_5)
    assert z[(2, 1)] == 0.0
    assert z[(3, 1)] == z[(3, 2)] == 0.0

    pitches = result.pitches
    # Pitch 1: totals 80, 50, 70; z sqrt(1.5), 0, 0.
    assert pitches.loc[1, "judges"] == 3
    assert pitches.loc[1, "mean"] == pytest.approx(200 / 3)
    assert pitches.loc[1, "z_mean"] == pytest.approx(SQRT_1_5 / 3)
    assert pitches.loc[1, "t_score"] == pytest.approx(50 + 10 * SQRT_1_5 / 3)
    assert pitches.loc[1, "median"] == pytest.approx(70.0)
    # Pitch 2: totals 60, 70; z 0, 0.  Pitch 3: total 40; z -sqrt(1.5).
    assert pitches.loc[2, ["mean", "z_mean", "t_score"]].tolist() == pytest.approx([65, 0, 50])
    assert pitches.loc[3, "t_score"] == pytest.approx(50 - 10 * SQRT_1_5)


def test_trimmed_mean_cuts_one_in_five_from_each_end():
    # Five judges: int(0.2 * 5) = 1 cut from each end, so mean(20, 30, 40) = 30 (mean 40).
    result = plain_round({(j, 1): s for j, s in enumerate([10, 100, 30, 20, 40], start=1)})

    assert result.pitches.loc[1, ["mean", "trimmed_mean", "median"]].tolist() == [40, 30, 30]


def test_trimmed_mean_of_four_judges_cuts_nothing():
    # Four judges: int(0.2 * 4) = 0, so the trimmed mean is the mean, (10+20+30+100)/4 = 40;
    # the median is (20 + 30) / 2 = 25.
    result = plain_round({(j, 1): s for j, s in enumerate([10, 100, 30, 20], start=1)})

    assert result.pitches.loc[1, ["mean", "trimmed_mean", "median"]].tolist() == [40, 40, 25]


def test_trimmed_mean_of_ten_judges_cuts_two_from_each_end():
    # int(0.2 * 10) = 2: drop 0, 0 and 100, 100, keep 10..60, whose mean is 35.
    totals = [100, 0, 10, 60, 20, 100, 30, 0, 40, 50]
    result = plain_round({(j, 1): s for j, s in enumerate(totals, start=1)})

    assert result.pitches.loc[1, "trimmed_mean"] == pytest.approx(35.0)


def test_drafts_count_for_nothing():
    lines = lines_frame(card(1, 1, [80]), card(2, 1, [0], "draft"), card(2, 2, [10], "draft"))

    result = aggregate(lines, [1, 2], {1: 2, 2: 1})

    assert result.pitches.loc[1, ["judges", "mean"]].tolist() == [1, 80]
    assert result.pitches.loc[2, "judges"] == 0
    assert list(result.judges.index) == [1]
    assert result.criteria.loc[1, "overall"] == 80
    assert len(result.totals) == 1


def test_competition_ranking_and_tie_flags():
    result = plain_round({(1, 1): 90, (1, 2): 80, (1, 3): 80, (1, 4): 70})

    assert result.pitches["rank"].to_dict() == {1: 1, 2: 2, 3: 2, 4: 4}
    assert result.pitches["flags"].to_dict() == {1: (), 2: ("tie",), 3: ("tie",), 4: ()}


def test_rank_compares_scores_rounded_to_six_decimals():
    score = pd.Series([50.0000001, 50.0000004, 50.000002, 49.0], index=[1, 2, 3, 4])

    ranking = rank_and_flag(score, pd.Series(False, index=score.index))

    assert ranking["rank"].to_dict() == {1: 2, 2: 2, 3: 1, 4: 4}
    assert ranking["flags"].to_dict() == {1: ("tie",), 2: ("tie",), 3: (), 4: ()}


def test_incomplete_flag_when_fewer_scorecards_than_assigned_judges():
    scores = {(1, 1): 90, (2, 1): 90, (1, 2): 50}

    result = plain_round(scores, assigned={1: 2, 2: 3})

    assert result.pitches["flags"].to_dict() == {1: (), 2: ("incomplete",)}
    assert result.pitches["assigned"].to_dict() == {1: 2, 2: 3}


def test_unscored_pitches_stay_in_the_table_and_rank_last():
    result = plain_round({(1, 1): 20, (1, 2): 10, (1, 3): 20},
                         pitch_ids=[1, 2, 3, 4, 5], assigned=pd.Series({4: 1}))

    pitches = result.pitches
    assert list(pitches.index) == [1, 3, 2, 4, 5]
    assert pitches["rank"].tolist() == [1, 1, 3, 4, 4]
    assert pitches.loc[4, "judges"] == 0
    assert pitches.loc[[4, 5], ["mean", "z_mean", "t_score", "trimmed_mean", "median",
                                "score"]].isna().all().all()
    # Sharing the last rank for want of a score is not a tie.
    assert pitches["flags"].to_dict() == {
        1: ("tie",), 3: ("tie",), 2: (), 4: ("incomplete",), 5: (),
    }


def test_incomplete_and_tie_together():
    result = plain_round({(1, 1): 60, (1, 2): 60}, assigned={1: 2})

    assert result.pitches.loc[1, "flags"] == ("incomplete", "tie")


@pytest.mark.parametrize(("method", "winner"), [
    ("mean", 2), ("median", 1), ("trimmed_mean", 2), ("z_mean", 1),
])
def test_score_and_rank_follow_the_chosen_method(method, winner):
    # Pitch 1: 0, 60, 60 (mean 40, median 60); pitch 2: 50, 50, 50 (mean 50, median 50).
    # Judge 1 gives 0 and 50 (z -1, +1); judges 2 and 3 give 60 and 50 (z +1, -1), so the
    # z_mean of pitch 1 is (-1 + 1 + 1) / 3 = 1/3 against -1/3 for pitch 2.
    scores = {(1, 1): 0, (2, 1): 60, (3, 1): 60, (1, 2): 50, (2, 2): 50, (3, 2): 50}

    result = plain_round(scores, method=method)

    assert result.method == method
    assert result.pitches["score"].equals(result.pitches[method])
    assert result.pitches.index[0] == winner
    assert result.pitches.loc[winner, "rank"] == 1


def test_z_mean_figures_of_the_method_example():
    scores = {(1, 1): 0, (2, 1): 60, (3, 1): 60, (1, 2): 50, (2, 2): 50, (3, 2): 50}

    pitches = plain_round(scores, method="z_mean").pitches

    assert pitches.loc[1, "z_mean"] == pytest.approx(1 / 3)
    assert pitches.loc[2, "t_score"] == pytest.approx(50 - 10 / 3)


def test_criterion_means_per_pitch():
    rubric = (("novelty", 1.0, 1, 5), ("team", 2.0, 1, 5))
    lines = lines_frame(card(1, 1, [5, 2], rubric=rubric), card(2, 1, [2, 4], rubric=rubric),
                        card(1, 2, [3, 3], rubric=rubric))

    criteria = aggregate(lines, [1, 2, 3], {}).criteria

    assert list(criteria.columns) == ["novelty", "team"]
    assert criteria.loc[1].tolist() == [3.5, 3.0]
    assert criteria.loc[2].tolist() == [3.0, 3.0]
    assert criteria.loc[3].isna().all()


def test_a_round_without_any_score():
    result = aggregate(lines_frame(), [1, 2], {1: 1})

    assert result.pitches["judges"].tolist() == [0, 0]
    assert result.pitches["rank"].tolist() == [1, 1]
    assert result.judges.empty
    assert result.krippendorff_alpha is None


@pytest.mark.parametrize(("change", "message"), [
    (lambda lines: lines.drop(columns="weight"), "lack columns: weight"),
    (lambda lines: lines.assign(min=100), "max greater than min"),
    (lambda lines: lines.assign(weight=0.0), "positive weight"),
    (lambda lines: lines.assign(pitch_id=99), "outside the round: \\[99\\]"),
])
def test_bad_lines_are_refused(change, message):
    lines = lines_frame(card(1, 1, [50]))

    with pytest.raises(ValueError, match=message):
        aggregate(change(lines), [1], {})


def test_unknown_method_is_refused():
    with pytest.raises(ValueError, match="unknown method 'mode'"):
        aggregate(lines_frame(card(1, 1, [50])), [1], {}, method="mode")


def combined_example():
    screening = plain_round({(1, 1): 90, (1, 2): 60, (1, 3): 80, (1, 4): 95})
    final = plain_round({(1, 1): 50, (1, 2): 70, (1, 3): 60}, assigned={3: 2})
    return screening, final


def test_combined_ranking_weighs_screening_into_the_final():
    screening, final = combined_example()

    combined = combine_rounds(screening, final, screening_weight=0.3)

    # Pitch 4 did not reach the final. Scores: 1: 0.3*90 + 0.7*50 = 62; 2: 0.3*60 + 0.7*70 = 67;
    # 3: 0.3*80 + 0.7*60 = 66.
    assert list(combined.index) == [2, 3, 1]
    assert combined["score"].tolist() == pytest.approx([67, 66, 62])
    assert combined["rank"].tolist() == [1, 2, 3]
    assert combined.loc[2, ["screening_score", "final_score"]].tolist() == [60, 70]
    assert combined["flags"].to_dict() == {2: (), 3: ("incomplete",), 1: ()}


def test_combined_ranking_with_weight_zero_is_the_final_alone():
    screening, final = combined_example()
    final_only = plain_round({(1, 1): 50, (1, 2): 70, (1, 3): 60, (1, 5): 70}, assigned={3: 2})

    combined = combine_rounds(screening, final_only)

    # Pitch 5 has no screening score, and weight 0 does not need one.
    assert combined["score"].to_dict() == {2: 70, 5: 70, 3: 60, 1: 50}
    assert combined["rank"].to_dict() == {2: 1, 5: 1, 3: 3, 1: 4}
    assert combined.loc[5, "flags"] == ("tie",)


def test_combined_ranking_refuses_a_weight_outside_zero_to_one():
    screening, final = combined_example()

    with pytest.raises(ValueError, match="between 0 and 1"):
        combine_rounds(screening, final, screening_weight=1.5)
