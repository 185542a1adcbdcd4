"""The demo stage of contests: an open 都市防災 contest, challenges, startups, answered Q&A."""

import random

from pitch.contests.operations import timeline_of
from pitch.demo import DemoOptions, DemoWorld, accounts, contests
from pitch.domain.timeline import applications_open, questions_open
from pitch.extensions import db
from pitch.models import Challenge, Question
from pitch.models.types import utcnow


def _build() -> DemoWorld:
    world = DemoWorld(options=DemoOptions(), rng=random.Random(1), password_hash="x")
    for stage in (accounts, contests):
        stage.build(world)
        db.session.flush()
    db.session.commit()
    return world


def test_demo_contest_is_open_with_published_challenges_and_answers(app, client):
    world = _build()
    contest = world.objects["contest"]
    assert contest.state == "open" and "都市防災" in contest.title_ja
    timeline = timeline_of(contest)
    now = utcnow()
    assert applications_open(timeline, now) and questions_open(timeline, now)
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
    assert ("startup", "sonaetech@example.jp") in world.logins
    page = client.get(f"/challenges/{challenges[0].id}").get_data(as_text=True)
    assert "建物の構造・築年数のデータは提供いただけますか。" in page
