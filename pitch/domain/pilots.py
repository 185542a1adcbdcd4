"""The rules of a pilot (実証実験) after the award: its stages, who moves them, overdue work.

A pilot moves forward one stage at a time: agreement (基本協定) → preparation → running →
report (成果報告) → decision. Entering the decision stage *is* recording the decision
(deploy, extend or stop) with its reason; the decision stage is final. `check_move` lists why a
move is refused as `Refusal`s (code, params, English message); the app translates by code.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from enum import StrEnum
from zoneinfo import ZoneInfo

from pitch.domain.contest_rules import Refusal
from pitch.domain.timeline import DEFAULT_TIMEZONE, require_aware, to_local, zone

_MESSAGES = {
    "move_not_allowed": "A pilot in {current} cannot move to {target}: it moves one stage forward.",
    "side_not_allowed": "The {side} side cannot move a pilot to {target}.",
    "no_kpi": "Set at least one indicator (KPI) with its target first.",
    "period_missing": "Set the period of the pilot first.",
    "period_reversed": "The pilot must end on or after the day it starts.",
    "no_milestone": "Plan at least one milestone first.",
    "no_kpi_figures": "Record at least one progress update with KPI figures first.",
    "outcome_missing": "Write the outcome summary of the results report first.",
    "decision_missing": "Choose the decision: deploy, extend or stop.",
    "reason_missing": "Give the reason for the decision.",
}


def refusal(code: str, **params: object) -> Refusal:
    return Refusal(code, params, _MESSAGES[code].format(**params))


class Stage(StrEnum):
    AGREEMENT = "agreement"
    PREPARATION = "preparation"
    RUNNING = "running"
    REPORT = "report"
    DECISION = "decision"


class Decision(StrEnum):
    DEPLOY = "deploy"
    EXTEND = "extend"
    STOP = "stop"


class Side(StrEnum):
    """Who acts on a pilot: the secretariat (admin), the pilot's bureau, the pilot's startup."""

    SECRETARIAT = "secretariat"
    BUREAU = "bureau"
    STARTUP = "startup"


STAGES = tuple(Stage)

# The bureau runs the pilot and the secretariat may help it along, but the final decision is
# the bureau's alone; the startup reports progress and never moves the stage.
_MOVERS = {
    Stage.PREPARATION: {Side.BUREAU, Side.SECRETARIAT},
    Stage.RUNNING: {Side.BUREAU, Side.SECRETARIAT},
    Stage.REPORT: {Side.BUREAU, Side.SECRETARIAT},
    Stage.DECISION: {Side.BUREAU},
}


@dataclass(frozen=True)
class PilotSnapshot:
    """What the stage rules need to know about a pilot at one moment."""

    stage: Stage
    kpis: int = 0
    starts_on: date | None = None
    ends_on: date | None = None
    milestones: int = 0
    updates_with_figures: int = 0
    outcome_summary: str = ""


def next_stage(stage: Stage | str) -> Stage | None:
    index = STAGES.index(Stage(stage))
    return STAGES[index + 1] if index + 1 < len(STAGES) else None


def may_move(side: Side | str | None, target: Stage | str) -> bool:
    """Whether a side may move a pilot into `target` at all (the button is shown)."""
    return side is not None and Side(side) in _MOVERS.get(Stage(target), set())


def check_move(snapshot: PilotSnapshot, target: Stage | str, side: Side | str,
               decision: str | None = None, reason: str = "") -> list[Refusal]:
    """Every reason `side` may not move the pilot to `target` now; empty when it may."""
    current, target = Stage(snapshot.stage), Stage(target)
    if next_stage(current) is not target:
        return [refusal("move_not_allowed", current=current.value, target=target.value)]
    if not may_move(side, target):
        return [refusal("side_not_allowed", side=Side(side).value, target=target.value)]
    if target is Stage.PREPARATION:
        return _agreement_done(snapshot)
    if target is Stage.RUNNING:
        return [] if snapshot.milestones else [refusal("no_milestone")]
    if target is Stage.REPORT:
        return [] if snapshot.updates_with_figures else [refusal("no_kpi_figures")]
    return _decision_ready(snapshot, decision, reason)


def _agreement_done(snapshot: PilotSnapshot) -> list[Refusal]:
    # The agreement fixes what the pilot measures and when it runs.
    refusals = [] if snapshot.kpis else [refusal("no_kpi")]
    if snapshot.starts_on is None or snapshot.ends_on is None:
        refusals.append(refusal("period_missing"))
    elif snapshot.ends_on < snapshot.starts_on:
        refusals.append(refusal("period_reversed"))
    return refusals


def _decision_ready(snapshot: PilotSnapshot, decision: str | None, reason: str) -> list[Refusal]:
    refusals = [] if snapshot.outcome_summary.strip() else [refusal("outcome_missing")]
    if decision not in set(Decision):
        refusals.append(refusal("decision_missing"))
    if not reason.strip():
        refusals.append(refusal("reason_missing"))
    return refusals


def overdue_from(due_on: date, tz: str | ZoneInfo = DEFAULT_TIMEZONE) -> datetime:
    """The instant a milestone due on `due_on` becomes overdue: 00:00 of the next local day."""
    return datetime.combine(due_on + timedelta(days=1), time.min, tzinfo=zone(tz))


def is_overdue(due_on: date, done: bool, now: datetime,
               tz: str | ZoneInfo = DEFAULT_TIMEZONE) -> bool:
    """A milestone not done is overdue once its due day has ended in the configured zone,
    so a server on UTC agrees with Tokyo about which day it is."""
    require_aware(now, "now")
    return not done and to_local(now, tz) >= overdue_from(due_on, tz)


def latest_value(figures: Iterable[tuple[datetime, float]]) -> float | None:
    """The most recent figure of a KPI, or None when none was reported."""
    latest = max(figures, key=lambda pair: pair[0], default=None)
    return None if latest is None else latest[1]


def progress(actual: float | None, target: float, lower_is_better: bool = False) -> float | None:
    """How far the target is reached (1.0 = reached, above = beaten); None without a figure,
    or where the ratio means nothing (a zero target, or a zero figure where lower is better)."""
    if actual is None:
        return None
    if lower_is_better:
        return target / actual if actual > 0 else None
    return actual / target if target != 0 else None


def deployment_share(decisions: Iterable[str | None]) -> tuple[int, int, float | None]:
    """(deployed, all pilots, share): the share of every pilot opened that reached deployment."""
    decisions = list(decisions)
    deployed = sum(1 for decision in decisions if decision == Decision.DEPLOY)
    return deployed, len(decisions), (deployed / len(decisions) if decisions else None)
