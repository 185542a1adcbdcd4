from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from pitch.domain.timeline import (
    TIMELINE_KEYS,
    StepStatus,
    Timeline,
    applications_open,
    before_deadline,
    local_deadline,
    out_of_order,
    questions_open,
    timeline_steps,
    to_local,
)

TOKYO = ZoneInfo("Asia/Tokyo")


def jst(*args: int) -> datetime:
    return datetime(*args, tzinfo=TOKYO)


def make_timeline(**changes: datetime) -> Timeline:
    dates = {
        "application_opens": jst(2026, 3, 2, 10),
        "question_deadline": jst(2026, 3, 20, 17),
        "application_closes": jst(2026, 3, 31, 17),
        "screening_ends": jst(2026, 4, 20, 17),
        "pitch_day": jst(2026, 5, 15, 13),
        "results_at": jst(2026, 5, 15, 18),
    }
    return Timeline(**(dates | changes))


def test_keys_are_in_programme_order():
    assert TIMELINE_KEYS == (
        "application_opens",
        "question_deadline",
        "application_closes",
        "screening_ends",
        "pitch_day",
        "results_at",
    )


def test_naive_datetimes_are_refused():
    with pytest.raises(ValueError, match="pitch_day"):
        make_timeline(pitch_day=datetime(2026, 5, 15, 13))


@pytest.mark.parametrize(
    ("now", "accepted"),
    [
        (jst(2026, 3, 31, 16, 59, 59), True),
        (jst(2026, 3, 31, 16, 59, 59, 999999), True),
        (jst(2026, 3, 31, 17, 0, 0), False),
        (jst(2026, 3, 31, 17, 0, 1), False),
        (datetime(2026, 3, 31, 7, 59, 59, tzinfo=UTC), True),  # 16:59:59 JST
        (datetime(2026, 3, 31, 8, 0, 0, tzinfo=UTC), False),  # 17:00:00 JST
    ],
)
def test_applications_close_at_the_deadline_instant(now, accepted):
    assert applications_open(make_timeline(), now) is accepted


@pytest.mark.parametrize(
    ("now", "accepted"),
    [
        (jst(2026, 3, 2, 9, 59, 59), False),
        (jst(2026, 3, 2, 10, 0, 0), True),
    ],
)
def test_applications_open_at_the_opening_instant(now, accepted):
    assert applications_open(make_timeline(), now) is accepted


def test_questions_close_before_applications():
    timeline = make_timeline()
    after_question_deadline = jst(2026, 3, 20, 17)
    assert not questions_open(timeline, after_question_deadline)
    assert applications_open(timeline, after_question_deadline)
    assert questions_open(timeline, jst(2026, 3, 20, 16, 59, 59))
    assert not questions_open(timeline, jst(2026, 3, 1, 12))


def test_before_deadline_is_exclusive():
    deadline = jst(2026, 3, 31, 17)
    assert before_deadline(deadline, deadline - timedelta(microseconds=1))
    assert not before_deadline(deadline, deadline)


def test_local_deadline_is_the_end_of_the_tokyo_day():
    deadline = local_deadline(date(2026, 3, 31))
    assert deadline == jst(2026, 3, 31, 23, 59, 59, 999999)
    assert deadline == datetime(2026, 3, 31, 14, 59, 59, 999999, tzinfo=UTC)


def test_local_deadline_when_the_utc_date_is_still_the_day_before():
    # 2026-03-31T15:00:00Z is 2026-04-01 00:00 JST: a server on UTC still says 31 March,
    # but a deadline "31 March" in Tokyo has passed.
    deadline = local_deadline(date(2026, 3, 31), "Asia/Tokyo")
    assert before_deadline(deadline, datetime(2026, 3, 31, 14, 59, 59, tzinfo=UTC))
    assert not before_deadline(deadline, datetime(2026, 3, 31, 15, 0, 0, tzinfo=UTC))


def test_local_deadline_in_another_zone():
    deadline = local_deadline(date(2026, 7, 1), ZoneInfo("Europe/London"))
    assert deadline == datetime(2026, 7, 1, 22, 59, 59, 999999, tzinfo=UTC)


def test_to_local_shows_the_tokyo_date():
    moment = to_local(datetime(2026, 3, 31, 15, 0, tzinfo=UTC))
    assert (moment.date(), moment.hour, moment.minute) == (date(2026, 4, 1), 0, 0)
    assert moment.utcoffset() == timedelta(hours=9)


def test_to_local_refuses_naive_datetimes():
    with pytest.raises(ValueError):
        to_local(datetime(2026, 3, 31, 15, 0))


def test_an_ordered_timeline_has_nothing_out_of_order():
    assert out_of_order(make_timeline()) == []


def test_out_of_order_names_each_neighbouring_pair():
    timeline = make_timeline(
        question_deadline=jst(2026, 4, 2, 17),  # after applications close
        results_at=jst(2026, 5, 15, 13),  # same instant as the pitch
    )
    assert out_of_order(timeline) == [
        ("question_deadline", "application_closes"),
        ("pitch_day", "results_at"),
    ]


def statuses(now: datetime) -> dict[str, StepStatus]:
    return {step.key: step.status for step in timeline_steps(make_timeline(), now)}


def test_steps_before_anything_happened():
    assert list(statuses(jst(2026, 3, 1)).values()) == ["next"] + ["future"] * 5


def test_steps_while_applications_are_open():
    assert statuses(jst(2026, 3, 25)) == {
        "application_opens": "past",
        "question_deadline": "current",
        "application_closes": "next",
        "screening_ends": "future",
        "pitch_day": "future",
        "results_at": "future",
    }


def test_a_milestone_becomes_current_at_its_instant():
    at_close = statuses(jst(2026, 3, 31, 17))
    assert at_close["application_closes"] == "current"
    assert at_close["screening_ends"] == "next"


def test_steps_after_results():
    assert list(statuses(jst(2026, 6, 1)).values()) == ["past"] * 5 + ["current"]


def test_steps_carry_their_datetimes():
    steps = timeline_steps(make_timeline(), jst(2026, 3, 25))
    assert [step.at for step in steps] == [at for _, at in make_timeline().milestones()]
