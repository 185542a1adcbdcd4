"""Properties the aggregation must keep whatever the round (hypothesis)."""

import hypothesis.strategies as st
import pandas as pd
import pytest
from hypothesis import HealthCheck, assume, given, settings

from pitch.domain.scoring import METHODS, aggregate

from .test_scoring_reference import rounds


def shift_scores(data, lines, selected):
    """Add one drawn, non-zero constant to the selected scores, keeping each inside its range."""
    chosen = lines[selected]
    lowest = int((chosen["min"] - chosen["score"]).max())
    highest = int((chosen["max"] - chosen["score"]).min())
    shifts = [shift for shift in range(lowest, highest + 1) if shift != 0]
    assume(shifts)  # a criterion scored at both ends of its range has no room to move
    shift = data.draw(st.sampled_from(shifts))
    return lines.assign(score=lines["score"].where(~selected, lines["score"] + shift))


# Some seeds draw many rounds whose scores leave no room to shift (both ends of the range are
# used); they are skipped, and the filter health check must not fail the test for that.
SHIFTING = settings(max_examples=80, deadline=None,
                    suppress_health_check=[HealthCheck.filter_too_much])


@SHIFTING
@given(round_=rounds(), data=st.data())
def test_shifting_a_criterion_for_every_pitch_keeps_the_mean_ranking(round_, data):
    lines = round_.frame()
    assume(not lines.empty)
    criterion = data.draw(st.sampled_from([key for key, *_ in round_.rubric]))

    shifted = shift_scores(data, lines, lines["criterion"] == criterion)
    before = aggregate(lines, round_.pitch_ids, round_.assigned, "mean")
    after = aggregate(shifted, round_.pitch_ids, round_.assigned, "mean")

    assert after.pitches["rank"].to_dict() == before.pitches["rank"].to_dict()
    assert after.pitches["flags"].to_dict() == before.pitches["flags"].to_dict()


@SHIFTING
@given(round_=rounds(), data=st.data())
def test_a_judge_scoring_uniformly_higher_changes_nothing_in_z_mean(round_, data):
    lines = round_.frame()
    assume(not lines.empty)
    judge = data.draw(st.sampled_from(sorted(lines["judge_id"].unique())))
    criterion = round_.rubric[0][0]

    # A constant added to one criterion adds one constant to all of this judge's totals.
    shifted = shift_scores(
        data, lines, (lines["judge_id"] == judge) & (lines["criterion"] == criterion))
    before = aggregate(lines, round_.pitch_ids, round_.assigned, "z_mean")
    after = aggregate(shifted, round_.pitch_ids, round_.assigned, "z_mean")

    for column in ("z_mean", "t_score", "score", "rank", "flags"):
        pd.testing.assert_series_equal(after.pitches[column], before.pitches[column],
                                       rtol=1e-9, atol=1e-9)


@settings(max_examples=80, deadline=None)
@given(round_=rounds(), method=st.sampled_from(METHODS), order=st.randoms(use_true_random=False))
def test_the_order_of_input_rows_changes_nothing(round_, method, order):
    rows = list(round_.rows)
    order.shuffle(rows)
    shuffled = pd.DataFrame(rows, columns=round_.frame().columns)

    before = aggregate(round_.frame(), round_.pitch_ids, round_.assigned, method)
    after = aggregate(shuffled, list(reversed(round_.pitch_ids)), round_.assigned, method)

    pd.testing.assert_frame_equal(before.pitches, after.pitches, rtol=1e-9, atol=1e-9)
    pd.testing.assert_frame_equal(before.judges, after.judges, rtol=1e-9, atol=1e-9)
    pd.testing.assert_frame_equal(before.criteria, after.criteria, rtol=1e-9, atol=1e-9)
    if before.krippendorff_alpha is None:
        assert after.krippendorff_alpha is None
    else:
        assert after.krippendorff_alpha == pytest.approx(before.krippendorff_alpha, rel=1e-9)
