from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import pytest

from pitch.domain.pilots import (
    Decision,
    PilotSnapshot,
    Side,
    Stage,
    check_move,
    deployment_share,
    is_overdue,
    latest_value,
    may_move,
    next_stage,
    overdue_from,
    progress,
)

READY = PilotSnapshot(stage=Stage.AGREEMENT, kpis=2, starts_on=date(2026, 4, 1),
                      ends_on=date(2026, 9, 30), milestones=3, updates_with_figures=1,
                      outcome_summary="避難所の混雑を可視化できた")


def at(stage: Stage, **changes) -> PilotSnapshot:
    fields = dict(READY.__dict__, stage=stage)
    fields.update(changes)
    return PilotSnapshot(**fields)


def codes(refusals) -> list[str]:
    return [r.code for r in refusals]


def test_stages_run_in_order_and_end_at_the_decision():
    assert [next_stage(s) for s in Stage] == [Stage.PREPARATION, Stage.RUNNING, Stage.REPORT,
                                               Stage.DECISION, None]


@pytest.mark.parametrize("current,target", [
    (Stage.AGREEMENT, Stage.PREPARATION), (Stage.PREPARATION, Stage.RUNNING),
    (Stage.RUNNING, Stage.REPORT),
])
def test_each_forward_step_is_allowed_when_ready(current, target):
    assert check_move(at(current), target, Side.BUREAU) == []
    assert check_move(at(current), target, Side.SECRETARIAT) == []


def test_the_bureau_records_the_decision_with_its_reason():
    assert check_move(at(Stage.REPORT), Stage.DECISION, Side.BUREAU,
                      decision="deploy", reason="効果が確認できた") == []


@pytest.mark.parametrize("current,target", [
    (Stage.AGREEMENT, Stage.RUNNING), (Stage.AGREEMENT, Stage.DECISION),
    (Stage.RUNNING, Stage.PREPARATION), (Stage.RUNNING, Stage.RUNNING),
    (Stage.DECISION, Stage.REPORT), (Stage.DECISION, Stage.AGREEMENT),
])
def test_skipping_going_back_and_leaving_the_decision_are_refused(current, target):
    refusals = check_move(at(current), target, Side.BUREAU, decision="deploy", reason="x")
    assert codes(refusals) == ["move_not_allowed"]
    assert current.value in refusals[0].message


def test_the_startup_never_moves_the_stage():
    for target in (Stage.PREPARATION, Stage.RUNNING, Stage.REPORT, Stage.DECISION):
        current = Stage(list(Stage)[list(Stage).index(target) - 1])
        assert codes(check_move(at(current), target, Side.STARTUP, "deploy", "x")) == [
            "side_not_allowed"]
    assert not may_move(Side.STARTUP, Stage.RUNNING)
    assert not may_move(None, Stage.RUNNING)


def test_only_the_bureau_decides():
    refusals = check_move(at(Stage.REPORT), Stage.DECISION, Side.SECRETARIAT, "deploy", "x")
    assert codes(refusals) == ["side_not_allowed"]
    assert may_move(Side.SECRETARIAT, Stage.REPORT) and not may_move(Side.SECRETARIAT,
                                                                     Stage.DECISION)


def test_agreement_needs_kpis_and_a_period():
    refusals = check_move(at(Stage.AGREEMENT, kpis=0, starts_on=None), Stage.PREPARATION,
                          Side.BUREAU)
    assert codes(refusals) == ["no_kpi", "period_missing"]
    reversed_period = at(Stage.AGREEMENT, starts_on=date(2026, 5, 1), ends_on=date(2026, 4, 30))
    assert codes(check_move(reversed_period, Stage.PREPARATION, Side.BUREAU)) == [
        "period_reversed"]
    one_day = at(Stage.AGREEMENT, starts_on=date(2026, 5, 1), ends_on=date(2026, 5, 1))
    assert check_move(one_day, Stage.PREPARATION, Side.BUREAU) == []


def test_running_needs_milestones_and_report_needs_figures():
    assert codes(check_move(at(Stage.PREPARATION, milestones=0), Stage.RUNNING,
                            Side.BUREAU)) == ["no_milestone"]
    assert codes(check_move(at(Stage.RUNNING, updates_with_figures=0), Stage.REPORT,
                            Side.BUREAU)) == ["no_kpi_figures"]


@pytest.mark.parametrize("decision,reason,outcome,expected", [
    (None, "理由", "成果", ["decision_missing"]),
    ("maybe", "理由", "成果", ["decision_missing"]),
    ("stop", "  ", "成果", ["reason_missing"]),
    ("extend", "理由", "", ["outcome_missing"]),
    (None, "", " ", ["outcome_missing", "decision_missing", "reason_missing"]),
])
def test_decision_refusals(decision, reason, outcome, expected):
    snapshot = at(Stage.REPORT, outcome_summary=outcome)
    assert codes(check_move(snapshot, Stage.DECISION, Side.BUREAU, decision, reason)) == expected


@pytest.mark.parametrize("decision", list(Decision))
def test_every_decision_is_accepted(decision):
    assert check_move(at(Stage.REPORT), Stage.DECISION, Side.BUREAU, decision.value, "r") == []


TOKYO = ZoneInfo("Asia/Tokyo")


def test_overdue_starts_at_midnight_after_the_due_day_in_tokyo():
    due = date(2026, 6, 30)
    assert overdue_from(due) == datetime(2026, 7, 1, tzinfo=TOKYO)
    # 2026-06-30 23:59:59.999999 JST is 14:59:59.999999 UTC: still on time.
    assert not is_overdue(due, False, datetime(2026, 6, 30, 14, 59, 59, 999999, tzinfo=UTC))
    # 2026-07-01 00:00 JST is 15:00 UTC on 30 June: overdue, though UTC is still on the 30th.
    assert is_overdue(due, False, datetime(2026, 6, 30, 15, 0, tzinfo=UTC))
    assert not is_overdue(due, True, datetime(2026, 12, 1, tzinfo=UTC))


def test_overdue_follows_the_configured_zone():
    due, now = date(2026, 6, 30), datetime(2026, 6, 30, 15, 0, tzinfo=UTC)
    assert not is_overdue(due, False, now, "UTC")
    assert is_overdue(due, False, now, "Asia/Tokyo")


def test_overdue_refuses_a_naive_now():
    with pytest.raises(ValueError):
        is_overdue(date(2026, 6, 30), False, datetime(2026, 7, 2))


def test_latest_value_progress_and_deployment_share():
    figures = [(datetime(2026, 5, 2, tzinfo=UTC), 40.0), (datetime(2026, 6, 1, tzinfo=UTC), 55.0),
               (datetime(2026, 5, 20, tzinfo=UTC), 50.0)]
    assert latest_value(figures) == 55.0
    assert latest_value([]) is None
    assert progress(55.0, 110.0) == 0.5
    assert progress(None, 10) is None and progress(3.0, 0) is None
    # Where less is the goal, 12 cm against a 10 cm target is 10/12 of the way.
    assert progress(12.0, 10.0, lower_is_better=True) == 10 / 12
    assert progress(0.0, 10.0, lower_is_better=True) is None
    assert deployment_share(["deploy", None, "stop", "deploy"]) == (2, 4, 0.5)
    assert deployment_share([]) == (0, 0, None)
