"""All tables, imported here so Alembic and the app see the whole schema."""

from pitch.models.challenge import Attachment, Challenge, Question
from pitch.models.contest import Contest, Criterion, Round
from pitch.models.judging import (
    Assignment,
    Conflict,
    JudgingEvent,
    PanelMember,
    RoundEntry,
    ScoreAudit,
    Scorecard,
    ScoreLine,
)
from pitch.models.organisation import Bureau, Invitation, Startup
from pitch.models.pilot import Kpi, KpiValue, Milestone, Pilot, PilotUpdate
from pitch.models.pitch import Pitch, PitchChange
from pitch.models.results import Award, ResultSnapshot
from pitch.models.user import ApiToken, Role, User

__all__ = [
    "ApiToken", "Assignment", "Attachment", "Award", "Bureau", "Challenge", "Conflict",
    "Contest", "Criterion", "Invitation", "JudgingEvent", "Kpi", "KpiValue", "Milestone",
    "PanelMember", "Pilot", "PilotUpdate", "Pitch", "PitchChange", "Question", "ResultSnapshot",
    "Role", "Round", "RoundEntry", "ScoreAudit", "ScoreLine", "Scorecard", "Startup", "User",
]
