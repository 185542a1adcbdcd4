from flask import Blueprint

from pitch.pilots.texts import decision_label, event_label, stage_label

bp = Blueprint("pilots", __name__, url_prefix="/pilots")


@bp.context_processor
def _labels() -> dict:
    return {"stage_label": stage_label, "decision_label": decision_label,
            "event_label": event_label}
