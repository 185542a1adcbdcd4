"""Stage, decision and log labels and the stage rules' refusals, in the user's language."""

from flask_babel import lazy_gettext as _l

from pitch.domain.contest_rules import Refusal

STAGE_LABELS = {
    "agreement": _l("Agreement"),
    "preparation": _l("Preparation"),
    "running": _l("Running"),
    "report": _l("Results report"),
    "decision": _l("Decision"),
}

DECISION_LABELS = {
    "deploy": _l("Deploy"),
    "extend": _l("Extend"),
    "stop": _l("Stop"),
}

EVENT_LABELS = {
    "opened": _l("Pilot opened"),
    "stage": _l("Moved to a new stage"),
    "decision": _l("Decision recorded"),
    "plan": _l("Plan updated"),
    "kpi_added": _l("KPI added"),
    "milestone_added": _l("Milestone added"),
    "milestone_done": _l("Milestone done"),
    "outcome": _l("Outcome summary updated"),
    "published": _l("Published in the showcase"),
    "unpublished": _l("Removed from the showcase"),
}

_REFUSALS = {
    "move_not_allowed": _l("The pilot moves one stage forward at a time."),
    "side_not_allowed": _l("You may not move this pilot to that stage."),
    "no_kpi": _l("Set at least one indicator (KPI) with its target first."),
    "period_missing": _l("Set the period of the pilot first."),
    "period_reversed": _l("The pilot must end on or after the day it starts."),
    "no_milestone": _l("Plan at least one milestone first."),
    "no_kpi_figures": _l("Record at least one progress update with KPI figures first."),
    "outcome_missing": _l("Write the outcome summary of the results report first."),
    "decision_missing": _l("Choose the decision: deploy, extend or stop."),
    "reason_missing": _l("Give the reason for the decision."),
}


def explain(refusal: Refusal) -> str:
    """The refusal in the user's language; an unknown code falls back to its English."""
    return str(_REFUSALS.get(refusal.code, refusal.message))


def stage_label(stage: str | None) -> str:
    return str(STAGE_LABELS.get(stage or "", stage or ""))


def decision_label(decision: str | None) -> str:
    return str(DECISION_LABELS.get(decision or "", decision or ""))


def event_label(kind: str) -> str:
    return str(EVENT_LABELS.get(kind, kind))
