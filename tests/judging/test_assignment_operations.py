"""Assignment stored for a round: coverage, balance, conflicts from startups, determinism."""

from collections import Counter

import pytest

from pitch.extensions import db
from pitch.judging import assignment_operations as assigning
from pitch.judging.operations import (
    RoundMoveRefused,
    enter_submitted_pitches,
    open_round,
    save_scorecard,
)
from pitch.models import Assignment, RoundEntry
from tests.judging.helpers import add_conflict, make_challenge, make_judge, make_pitch


def _round_with(pitches: int, judges: int, k: int = 3):
    from tests.factories import make_contest

    contest = make_contest(judges_per_pitch=k)
    screening = contest.rounds[0]
    challenge = make_challenge(contest)
    made = [make_pitch(challenge) for _ in range(pitches)]
    panel = [make_judge(contest) for _ in range(judges)]
    open_round(screening)
    return contest, screening, made, panel


def test_a_later_round_opens_only_with_the_shortlist_in_it(app):
    contest, screening, made, _ = _round_with(3, 3)
    final = contest.rounds[1]
    with pytest.raises(RoundMoveRefused):
        open_round(final)  # nothing shortlisted into it yet
    assert final.state == "pending"
    db.session.add(RoundEntry(round_id=final.id, pitch_id=made[0].id, position=1))
    open_round(final)
    assert final.state == "open"
    assert db.session.scalars(db.select(RoundEntry.pitch_id).filter_by(
        round_id=final.id)).all() == [made[0].id]


def _pairs(round_) -> list[tuple[int, int]]:
    return sorted((a.judge_id, a.pitch_id) for a in db.session.scalars(
        db.select(Assignment).filter_by(round_id=round_.id)))


def test_open_round_enters_each_submitted_pitch_once_in_submission_order(app):
    contest, screening, made, _ = _round_with(3, 3)
    draft = make_pitch(make_challenge(contest), status="draft")
    assert enter_submitted_pitches(screening) == 0  # already entered on opening
    entries = db.session.scalars(db.select(RoundEntry).filter_by(round_id=screening.id)
                                 .order_by(RoundEntry.position)).all()
    assert [e.pitch_id for e in entries] == [p.id for p in made]
    assert draft.id not in {e.pitch_id for e in entries}


def test_run_gives_k_judges_per_pitch_balanced_and_without_conflicts(app):
    contest, screening, made, panel = _round_with(10, 7, k=3)
    add_conflict(contest, panel[0], made[0])
    add_conflict(contest, panel[1], made[0])
    undeclared = make_judge(contest, declared=False)
    added = assigning.run_assignment(screening, seed=5)
    pairs = _pairs(screening)
    assert added == len(pairs) == 30
    assert set(Counter(p for _, p in pairs).values()) == {3}
    loads = Counter(j for j, _ in pairs)
    assert max(loads.values()) - min(loads.values()) <= 1 and undeclared.id not in loads
    assert (panel[0].id, made[0].id) not in pairs and (panel[1].id, made[0].id) not in pairs


def test_same_seed_same_assignment_and_a_rerun_changes_nothing(app):
    _, screening, _, _ = _round_with(8, 5)
    assigning.run_assignment(screening, seed=11)
    first = _pairs(screening)
    assert assigning.run_assignment(screening, seed=99) == 0
    assert _pairs(screening) == first
    db.session.execute(db.delete(Assignment))
    assigning.run_assignment(screening, seed=11)
    assert _pairs(screening) == first


def test_too_many_conflicts_are_explained_and_nothing_is_stored(app):
    contest, screening, made, panel = _round_with(2, 3, k=3)
    add_conflict(contest, panel[0], made[1])
    with pytest.raises(assigning.AssignmentRefused) as refused:
        assigning.run_assignment(screening, seed=1)
    with app.test_request_context():
        assert str(made[1].id) in str(refused.value.message)
    assert _pairs(screening) == []


def test_dropout_keeps_submitted_work_and_every_pitch_keeps_k(app):
    contest, screening, made, panel = _round_with(6, 4, k=2)
    assigning.run_assignment(screening, seed=3)
    leaving = panel[0]
    own = [p for j, p in _pairs(screening) if j == leaving.id]
    pitch = db.session.get(type(made[0]), own[0])
    save_scorecard(screening, leaving, pitch, {"novelty": 3, "feasibility": 3, "impact": 3},
                   "", "", True, leaving)
    moved = assigning.reassign_dropout(screening, leaving, seed=3, actor=leaving)
    pairs = _pairs(screening)
    assert moved == len(own) - 1
    assert [p for j, p in pairs if j == leaving.id] == [own[0]]
    assert set(Counter(p for _, p in pairs).values()) == {2}


def test_manual_add_refuses_conflicts_and_strangers(app):
    contest, screening, made, panel = _round_with(2, 2, k=1)
    add_conflict(contest, panel[0], made[0])
    with pytest.raises(assigning.AssignmentRefused):
        assigning.add_assignment(screening, panel[0], made[0])
    outsider = make_judge(make_challenge(contest).contest, declared=False)
    with pytest.raises(assigning.AssignmentRefused):
        assigning.add_assignment(screening, outsider, made[1])
    assigning.add_assignment(screening, panel[1], made[0])
    assert _pairs(screening) == [(panel[1].id, made[0].id)]


def test_conflicted_pairs_expand_startups_to_the_contest_pitches_like_is_conflicted(app):
    from pitch.judging.access import conflicted_pairs, is_conflicted
    from tests.factories import make_contest

    contest, _, made, panel = _round_with(3, 3)
    second = make_pitch(make_challenge(contest))
    second.startup_id = made[0].startup_id  # the same startup on another challenge
    add_conflict(contest, panel[0], made[0])
    panel[1].startup_id = made[1].startup_id  # a judge of the startup itself
    elsewhere = make_contest()
    outside = make_pitch(make_challenge(elsewhere))
    outside.startup_id = made[0].startup_id
    db.session.flush()
    pairs = conflicted_pairs(contest.id)
    assert pairs == {(panel[0].id, made[0].id), (panel[0].id, second.id),
                     (panel[1].id, made[1].id)}
    assert pairs == {(judge.id, pitch.id) for judge in panel for pitch in [*made, second]
                     if is_conflicted(judge, pitch)}
    assert conflicted_pairs(elsewhere.id) == set()
