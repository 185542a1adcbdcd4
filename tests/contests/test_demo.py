"""The demo stage of contests: the 都市防災 contest in screening with dates that agree,
challenges, startups, answered Q&A; and the whole demo's timeline marking the right step."""

import random
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from pitch.contests.operations import timeline_of
from pitch.demo import DemoOptions, DemoWorld, accounts, build_demo, contests
from pitch.domain.timeline import applications_open, out_of_order, questions_open, timeline_steps
from pitch.extensions import db
from pitch.models import Challenge, Contest, Pitch, Question, Scorecard
from pitch.models.types import utcnow

TOKYO = ZoneInfo("Asia/Tokyo")
# The milestone a contest in each state has reached last: the step its page marks "now".
CURRENT_STEP = {"open": "application_opens", "screening": "application_closes"}


def _build() -> DemoWorld:
    world = DemoWorld(options=DemoOptions(), rng=random.Random(1), password_hash="x")
    for stage in (accounts, contests):
        stage.build(world)
        db.session.flush()
    db.session.commit()
    return world


def _current_step(contest) -> str:
    steps = timeline_steps(timeline_of(contest), utcnow())
    return next(step.key for step in steps if step.status == "current")


def test_demo_contest_has_published_challenges_and_answers(app, client):
    world = _build()
    contest = world.objects["contest"]
    assert contest.state == "screening" and "都市防災" in contest.title_ja
    assert [len(r.criteria) for r in contest.rounds] == [6, 6]
    challenges = world.objects["challenges"]
    assert len(challenges) == 5 and all(c.status == "published" for c in challenges)
    assert all(c.title_en and c.bureau for c in challenges)
    assert len({c.bureau_id for c in challenges}) == 5
    drafts = db.session.scalars(db.select(Challenge).where(Challenge.status == "draft")).all()
    assert len(drafts) == 1
    assert all(m.startup in world.objects["startups"] for m in world.objects["startup_members"])
    answered = db.session.scalars(db.select(Question).where(Question.answer.is_not(None))).all()
    assert len(answered) >= 3
    assert all(contest.application_opens < q.created_at < contest.question_deadline
               for q in answered)
    assert ("startup", "sonaetech@example.jp") in world.logins
    page = client.get(f"/challenges/{challenges[0].id}").get_data(as_text=True)
    assert "建物の構造・築年数のデータは提供いただけますか。" in page


def test_the_stages_dates_agree_with_its_state(app):
    contest = _build().objects["contest"]
    timeline, now = timeline_of(contest), utcnow()
    assert not applications_open(timeline, now) and not questions_open(timeline, now)
    assert _current_step(contest) == "application_closes"


@pytest.mark.parametrize("state", contests.PHASES)
def test_each_phase_is_in_order_and_marks_its_step(app, state):
    contest = Contest(title_ja="試験")
    contests.use_phase(contest, state)
    assert contest.state == state and out_of_order(timeline_of(contest)) == []
    assert _current_step(contest) == CURRENT_STEP[state]


def test_the_dates_follow_today_in_tokyo():
    dates = contests.timeline_for("screening", date(2026, 11, 26))
    assert dates["application_closes"] == datetime(2026, 11, 10, 17, tzinfo=TOKYO)
    assert dates["pitch_day"] == datetime(2026, 12, 17, 13, tzinfo=TOKYO)
    opened = contests.timeline_for("open", date(2026, 11, 26))
    assert opened["application_opens"] == datetime(2026, 11, 12, 10, tzinfo=TOKYO)


def test_the_whole_demo_marks_the_current_step_of_its_state(app, client):
    build_demo(DemoOptions(pitches=6, judges=4, judges_per_pitch=2))
    contest = db.session.scalars(db.select(Contest).where(Contest.state != "closed")).one()
    assert contest.state == "screening"
    assert _current_step(contest) == CURRENT_STEP["screening"]
    page = client.get(f"/contests/{contest.id}").get_data(as_text=True)
    current = page.split('aria-current="step"')[1].split("</li>")[0]
    assert "応募の締切" in current
    # What the other stages dated sits in the right phase.
    submitted = db.session.scalars(db.select(Pitch.submitted_at).join(Challenge).where(
        Pitch.status == "submitted", Challenge.contest_id == contest.id)).all()
    assert len(submitted) == 6
    assert all(contest.application_opens <= at < contest.application_closes for at in submitted)
    scored = db.session.scalars(db.select(Scorecard.submitted_at).where(
        Scorecard.round_id == contest.rounds[0].id)).all()
    assert scored and all(contest.application_closes < at < contest.screening_ends
                          for at in scored)
    assert contest.screening_ends - utcnow() < timedelta(days=8)
