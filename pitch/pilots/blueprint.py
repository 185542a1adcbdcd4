from flask import Blueprint
from flask_babel import format_decimal

from pitch.pilots.texts import decision_label, event_label, stage_label

bp = Blueprint("pilots", __name__, url_prefix="/pilots")


@bp.context_processor
def _labels() -> dict:
    return {"stage_label": stage_label, "decision_label": decision_label,
            "event_label": event_label, "figure": figure}


def figure(value: float) -> str:
    """A KPI figure in the user's locale, without a trailing ".0" on whole numbers."""
    return format_decimal(value, format="#,##0.###")
