"""A contest's timeline and its deadlines, in the contest's time zone.

Deadline semantics: a deadline is an instant and it is exclusive. Something that closes at
17:00 JST accepts a submission made at 16:59:59.999999 JST and refuses one made at
17:00:00 JST. Windows are therefore half-open: [opens, closes).

All datetimes here are timezone-aware; comparing instants is then independent of the
server's own zone, so a UTC server whose date is still 31 March agrees with Tokyo that
2026-03-31T15:00:00Z is already 1 April.
"""

from dataclasses import dataclass, fields
from datetime import date, datetime, time
from enum import StrEnum
from itertools import pairwise
from typing import NamedTuple
from zoneinfo import ZoneInfo

DEFAULT_TIMEZONE = "Asia/Tokyo"


@dataclass(frozen=True)
class Timeline:
    """The six milestones of a contest, in the order they must happen."""

    application_opens: datetime
    question_deadline: datetime
    application_closes: datetime
    screening_ends: datetime
    pitch_day: datetime
    results_at: datetime

    def __post_init__(self) -> None:
        for key in TIMELINE_KEYS:
            require_aware(getattr(self, key), key)

    def milestones(self) -> list[tuple[str, datetime]]:
        return [(key, getattr(self, key)) for key in TIMELINE_KEYS]


TIMELINE_KEYS: tuple[str, ...] = tuple(field.name for field in fields(Timeline))


class StepStatus(StrEnum):
    PAST = "past"
    CURRENT = "current"
    NEXT = "next"
    FUTURE = "future"


class TimelineStep(NamedTuple):
    key: str
    at: datetime
    status: StepStatus


def require_aware(moment: datetime, name: str = "datetime") -> None:
    """Refuse naive datetimes: guessing their zone is how deadlines end up nine hours off."""
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError(f"{name} must be timezone-aware, got {moment!r}")


def zone(tz: str | ZoneInfo = DEFAULT_TIMEZONE) -> ZoneInfo:
    return tz if isinstance(tz, ZoneInfo) else ZoneInfo(tz)


def before_deadline(deadline: datetime, now: datetime) -> bool:
    """True while the deadline has not been reached; at the deadline instant it is closed."""
    return now < deadline


def applications_open(timeline: Timeline, now: datetime) -> bool:
    """Pitches may be submitted, revised and withdrawn in [application_opens, closes)."""
    return timeline.application_opens <= now and before_deadline(timeline.application_closes, now)


def questions_open(timeline: Timeline, now: datetime) -> bool:
    """Questions may be asked in [application_opens, question_deadline)."""
    return timeline.application_opens <= now and before_deadline(timeline.question_deadline, now)


def out_of_order(timeline: Timeline) -> list[tuple[str, str]]:
    """Pairs of neighbouring milestones (earlier_key, later_key) that do not strictly increase."""
    return [
        (earlier_key, later_key)
        for (earlier_key, earlier), (later_key, later) in pairwise(timeline.milestones())
        if not earlier < later
    ]


def timeline_steps(timeline: Timeline, now: datetime) -> list[TimelineStep]:
    """Each milestone with its status for a progress display.

    The latest milestone already reached is `current` (the contest is in the phase it
    started), the first one not yet reached is `next`; the others are `past` or `future`.
    Meant for a timeline in order (see `out_of_order`).
    """
    milestones = timeline.milestones()
    reached = sum(1 for _, at in milestones if not before_deadline(at, now))
    return [
        TimelineStep(key, at, _step_status(index, reached))
        for index, (key, at) in enumerate(milestones)
    ]


def _step_status(index: int, reached: int) -> StepStatus:
    if index < reached - 1:
        return StepStatus.PAST
    if index == reached - 1:
        return StepStatus.CURRENT
    if index == reached:
        return StepStatus.NEXT
    return StepStatus.FUTURE


def local_deadline(day: date, tz: str | ZoneInfo = DEFAULT_TIMEZONE) -> datetime:
    """The last instant of a calendar day in the zone: 23:59:59.999999 local time.

    Being exclusive, such a deadline refuses only that final microsecond; a form that
    asks for a date rather than a time means "until the end of that day".
    """
    return datetime.combine(day, time.max, tzinfo=zone(tz))


def to_local(moment: datetime, tz: str | ZoneInfo = DEFAULT_TIMEZONE) -> datetime:
    """The same instant expressed in the zone, for display."""
    require_aware(moment)
    return moment.astimezone(zone(tz))
