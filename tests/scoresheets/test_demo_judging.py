"""The demo's judging stage, on a contest and pitches made here (the earlier stages' part)."""

import random
from collections import Counter

import pytest

from pitch.demo import DemoOptions, DemoWorld, accounts, judging
from pitch.extensions import db
from pitch.models import (
    Assignment,
    Conflict,
    PanelMember,
    Pitch,
    Round,
    RoundEntry,
    ScoreAudit,
    Scorecard,
    ScoreLine,
    User,
)
from tests.conftest import _empty_all_tables
from tests.factories import make_contest
from tests.judging.helpers import make_challenge, make_pitch


def _build(pitches: int = 30, judges: int = 7, k: int = 3, seed: int = 1, scores: bool = True):
    options = DemoOptions(pitches=pitches, judges=judges, judges_per_pitch=k, seed=seed,
                          scores=scores)
    world = DemoWorld(options=options, rng=random.Random(seed), password_hash="x")
    accounts.build(world)
    contest = make_contest(state="closed")
    challenges = [make_challenge(contest) for _ in range(2)]
    made = [make_pitch(challenges[n % 2]) for n in range(pitches)]
    world.objects.update(contest=contest, pitches=[pitch.id for pitch in made])
    judging.build(world)
    db.session.commit()
    return world, contest


def _pairs() -> list[tuple[int, int]]:
    return db.session.execute(db.select(Assignment.judge_id, Assignment.pitch_id)).all()


def _conflicted_pairs() -> set[tuple[int, int]]:
    rows = db.session.execute(db.select(Conflict.judge_id, Pitch.id)
                              .join(Pitch, Pitch.startup_id == Conflict.startup_id))
    return {(judge, pitch) for judge, pitch in rows}


def test_every_pitch_gets_k_judges_evenly_and_never_a_conflicted_one(app):
    world, contest = _build()
    pairs = _pairs()
    per_pitch = Counter(pitch for _, pitch in pairs)
    assert set(per_pitch) == set(world.objects["pitches"])
    assert set(per_pitch.values()) == {3}
    loads = Counter(judge for judge, _ in pairs)
    assert len(loads) == 7 and max(loads.values()) - min(loads.values()) <= 1
    conflicts = _conflicted_pairs()
    assert conflicts and not conflicts & set(pairs)
    assert contest.state == "screening" and contest.judges_per_pitch == 3


def test_panel_is_mostly_experts_all_accepted_and_declared(app):
    world, contest = _build()
    members = db.session.scalars(db.select(PanelMember)).all()
    assert len(members) == 7
    assert all(m.status == "accepted" and m.conflicts_declared_at for m in members)
    roles = Counter(db.session.get(User, m.user_id).role for m in members)
    assert roles == {"expert": 6, "bureau": 1}
    assert ("judge", "judge06@example.jp") in world.logins


def test_scores_are_submitted_for_every_assignment_within_range(app):
    _, contest = _build()
    screening = db.session.get(Round, contest.rounds[0].id)
    assert screening.state == "closed"
    cards = db.session.scalars(db.select(Scorecard)).all()
    assert len(cards) == len(_pairs()) == 90
    assert {card.status for card in cards} == {"submitted"}
    assert {(c.judge_id, c.pitch_id) for c in cards} == set(_pairs())
    scores = db.session.scalars(db.select(ScoreLine.score)).all()
    assert len(scores) == 90 * 3 and set(scores) <= {1, 2, 3, 4, 5} and len(set(scores)) >= 3
    assert db.session.scalar(db.select(db.func.count()).select_from(ScoreAudit)) == 90


def test_no_scores_leaves_the_round_open_and_empty(app):
    _, contest = _build(scores=False)
    assert db.session.get(Round, contest.rounds[0].id).state == "open"
    assert db.session.scalar(db.select(db.func.count()).select_from(Scorecard)) == 0
    assert len(_pairs()) == 90


def test_a_panel_of_exactly_k_judges_has_no_conflicts(app):
    _build(judges=3, k=3)
    assert not _conflicted_pairs()
    assert set(Counter(p for _, p in _pairs()).values()) == {3}


def _snapshot(world) -> tuple:
    """The demo's judging data in terms that survive a rebuild (e-mails, pitch positions)."""
    position = {pitch: n for n, pitch in enumerate(world.objects["pitches"])}
    email = dict(db.session.execute(db.select(User.id, User.email)).all())
    pairs = sorted((email[j], position[p]) for j, p in _pairs())
    lines = sorted(db.session.execute(
        db.select(Scorecard.judge_id, Scorecard.pitch_id, ScoreLine.criterion_id, ScoreLine.score)
        .join(ScoreLine)).all())
    scores = sorted((email[j], position[p], score) for j, p, _, score in lines)
    conflicts = sorted(email[j] for j in db.session.scalars(db.select(Conflict.judge_id)))
    return pairs, scores, conflicts


@pytest.mark.parametrize("seed", [1, 7])
def test_the_same_seed_builds_the_same_judging(app, seed):
    first = _snapshot(_build(seed=seed)[0])
    _empty_all_tables()
    assert _snapshot(_build(seed=seed)[0]) == first
    _empty_all_tables()
    assert _snapshot(_build(seed=seed + 1)[0]) != first


@pytest.mark.parametrize("scores", [True, False])
def test_pitch_demo_builds_the_round_as_the_design_says(runner, app, scores):
    args = ["demo", "--pitches", "20", "--judges", "6", "--judges-per-pitch", "3"]
    result = runner.invoke(args=args + ([] if scores else ["--no-scores"]))
    assert result.exit_code == 0, result.output
    assert "judge" in result.output
    entries = set(db.session.scalars(db.select(RoundEntry.pitch_id)))
    submitted = set(db.session.scalars(db.select(Pitch.id).where(Pitch.status == "submitted")
                                       .join(RoundEntry, RoundEntry.pitch_id == Pitch.id)))
    assert len(entries) == 20 and entries == submitted
    pairs = _pairs()
    assert Counter(pitch for _, pitch in pairs) == dict.fromkeys(entries, 3)
    loads = Counter(judge for judge, _ in pairs).values()
    assert len(loads) == 6 and max(loads) - min(loads) <= 1
    assert not _conflicted_pairs() & set(pairs)
    statuses = list(db.session.scalars(db.select(Scorecard.status)))
    assert statuses == (["submitted"] * 60 if scores else [])
    rounds = runner.invoke(args=["rounds"]).output.splitlines()
    assert rounds[1].endswith(f",{'closed' if scores else 'open'},20,6")
