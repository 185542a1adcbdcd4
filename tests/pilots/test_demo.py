from pitch.demo import DemoOptions, build_demo
from pitch.demo import pilots as pilot_stage
from pitch.extensions import db
from pitch.models import Award, Contest
from pitch.models.pilot import Pilot


def test_the_demo_has_pilots_at_different_stages(app):
    build_demo(DemoOptions(pitches=4, judges=3, judges_per_pitch=2, scores=False))
    past = db.session.scalar(db.select(Contest).where(Contest.state == "closed"))
    assert past.title_ja == "2025年度 都市防災ピッチ"
    assert past.state == "closed"
    assert db.session.scalar(db.select(db.func.count()).select_from(Award)
                             .where(Award.contest_id == past.id)) == 3
    pilots = {p.stage: p for p in db.session.scalars(db.select(Pilot))}
    assert set(pilots) == {"agreement", "running", "decision"}
    running = pilots["running"]
    assert len(running.updates) == 3 and all(u.kpi_values for u in running.updates)
    assert [m.status for m in running.milestones] == ["done", "planned", "planned"]
    decided = pilots["decision"]
    assert (decided.decision, decided.public) == ("deploy", True)
    assert [p for p in pilots.values() if p.public] == [decided]


def test_the_demo_stage_makes_its_own_startups_when_none_exist(app):
    import random

    from pitch.demo import DemoWorld, accounts

    world = DemoWorld(options=DemoOptions(), rng=random.Random(1), password_hash="x")
    accounts.build(world)
    pilot_stage.build(world)
    db.session.flush()
    assert len({p.startup_id for p in db.session.scalars(db.select(Pilot))}) == 3
    assert sum(1 for role, _ in world.logins if role == "startup") == 3
