"""Every write on a pilot, each with its entry in the pilot's log. The caller commits."""

from datetime import date

from sqlalchemy.exc import IntegrityError

from pitch.domain.contest_rules import Refusal
from pitch.domain.pilots import Decision, PilotSnapshot, Side, Stage, check_move, refusal
from pitch.extensions import db
from pitch.models import Award, Pitch, User
from pitch.models.pilot import (
    Kpi,
    KpiValue,
    Milestone,
    Pilot,
    PilotAttachment,
    PilotEvent,
    PilotUpdate,
)
from pitch.models.types import utcnow
from pitch.uploads import StoredFile


def is_awarded(pitch: Pitch) -> bool:
    return db.session.scalar(db.select(Award.id).where(Award.pitch_id == pitch.id).limit(1)) \
        is not None


def _log(pilot: Pilot, actor: User | None, kind: str, detail: str = "") -> None:
    pilot.events.append(PilotEvent(actor_id=actor.id if actor else None, kind=kind,
                                   detail=detail, at=utcnow()))


class PilotExists(Exception):
    """The pitch got its pilot from someone else first."""

    def __init__(self, pilot: Pilot):
        super().__init__(pilot.id)
        self.pilot = pilot


def open_pilot(pitch: Pitch, actor: User, *, title: str, goal: str, starts_on: date | None,
               ends_on: date | None, budget_yen: int | None,
               kpis: list[tuple[str, str, float, bool]]) -> Pilot:
    """The pitch's pilot; the database's unique key settles two people opening it at once.

    Raises PilotExists, after rolling back, when the pitch already has a pilot.
    """
    pitch_id = pitch.id
    pilot = Pilot(pitch=pitch, challenge_id=pitch.challenge_id,
                  bureau_id=pitch.challenge.bureau_id, startup_id=pitch.startup_id, title=title,
                  goal=goal, starts_on=starts_on, ends_on=ends_on, budget_yen=budget_yen,
                  stage=Stage.AGREEMENT, opened_by_id=actor.id)
    for position, (name, unit, target, lower_is_better) in enumerate(kpis):
        pilot.kpis.append(Kpi(position=position, name=name, unit=unit, target=target,
                              lower_is_better=lower_is_better))
    _log(pilot, actor, "opened")
    db.session.add(pilot)
    try:
        db.session.flush()
    except IntegrityError:
        db.session.rollback()
        existing = db.session.scalar(db.select(Pilot).where(Pilot.pitch_id == pitch_id))
        if existing is None:
            raise
        raise PilotExists(existing) from None
    return pilot


def update_plan(pilot: Pilot, actor: User, *, title: str, goal: str, starts_on: date | None,
                ends_on: date | None, budget_yen: int | None) -> None:
    pilot.title, pilot.goal, pilot.budget_yen = title, goal, budget_yen
    pilot.starts_on, pilot.ends_on = starts_on, ends_on
    _log(pilot, actor, "plan")


def add_kpi(pilot: Pilot, actor: User, name: str, unit: str, target: float,
            lower_is_better: bool = False) -> Kpi:
    kpi = Kpi(position=len(pilot.kpis), name=name, unit=unit, target=target,
              lower_is_better=lower_is_better)
    pilot.kpis.append(kpi)
    _log(pilot, actor, "kpi_added", name)
    return kpi


def add_milestone(pilot: Pilot, actor: User, title: str, due_on: date) -> Milestone:
    milestone = Milestone(title=title, due_on=due_on)
    pilot.milestones.append(milestone)
    _log(pilot, actor, "milestone_added", title)
    return milestone


def complete_milestone(milestone: Milestone, actor: User, today: date) -> None:
    milestone.status, milestone.done_on = "done", today
    _log(milestone.pilot, actor, "milestone_done", milestone.title)


def post_update(pilot: Pilot, author: User, body: str, figures: dict[int, float],
                files: list[StoredFile]) -> PilotUpdate:
    update = PilotUpdate(author_id=author.id, body=body, created_at=utcnow())
    for kpi_id, value in figures.items():
        update.kpi_values.append(KpiValue(kpi_id=kpi_id, value=value))
    for stored in files:
        update.attachments.append(PilotAttachment(
            stored_name=stored.stored_name, original_name=stored.original_name,
            content_type=stored.content_type, size=stored.size))
    pilot.updates.append(update)
    return update


def snapshot(pilot: Pilot) -> PilotSnapshot:
    return PilotSnapshot(
        stage=Stage(pilot.stage), kpis=len(pilot.kpis), starts_on=pilot.starts_on,
        ends_on=pilot.ends_on, milestones=len(pilot.milestones),
        updates_with_figures=sum(1 for update in pilot.updates if update.kpi_values),
        outcome_summary=pilot.outcome_summary)


def move_stage(pilot: Pilot, actor: User, side: Side, target: str, decision: str | None = None,
               reason: str = "") -> list[Refusal]:
    """Move to the next stage, or to the decision with its reason; nothing changes if refused."""
    if target not in set(Stage):
        return [refusal("move_not_allowed", current=pilot.stage, target=target)]
    refusals = check_move(snapshot(pilot), target, side, decision, reason)
    if refusals:
        return refusals
    pilot.stage = target
    if target == Stage.DECISION:
        pilot.decision, pilot.decision_reason = Decision(decision).value, reason.strip()
        pilot.decided_at = utcnow()
        _log(pilot, actor, "decision", pilot.decision)
    else:
        _log(pilot, actor, "stage", target)
    return []


def set_outcome(pilot: Pilot, actor: User, summary: str) -> None:
    pilot.outcome_summary = summary.strip()
    _log(pilot, actor, "outcome")


def set_public(pilot: Pilot, actor: User, public: bool) -> None:
    if pilot.public != public:
        pilot.public = public
        _log(pilot, actor, "published" if public else "unpublished")
