"""The loader reads a round in a fixed number of queries, whatever its size."""

import pandas as pd
import pytest
from sqlalchemy import event

from pitch.domain.scoring import LINE_COLUMNS
from pitch.extensions import db
from pitch.results.loader import load_round, round_judges, round_pitches, score_lines
from tests import factories
from tests.results.world import build_world, card, enter


class StatementCounter:
    def __init__(self):
        self.statements: list[str] = []

    def __enter__(self):
        event.listen(db.engine, "before_cursor_execute", self._count)
        return self

    def __exit__(self, *exc):
        event.remove(db.engine, "before_cursor_execute", self._count)

    def _count(self, _conn, _cursor, statement, *args):
        self.statements.append(statement)


def test_score_lines_hold_every_line_with_its_rubric(app):
    world = build_world()
    lines = score_lines(world.screening)
    assert tuple(lines.columns) == LINE_COLUMNS
    assert len(lines) == 9 * 3
    assert set(lines["status"]) == {"submitted", "draft"}
    row = lines[(lines["pitch_id"] == world.a.id) & (lines["judge_id"] == world.judges[0].id)]
    assert sorted(row["criterion"]) == ["feasibility", "impact", "novelty"]
    assert set(row["score"]) == {5} and set(row["min"]) == {1} and set(row["max"]) == {5}
    assert set(row["weight"]) == {1.0}


def test_submitted_only_leaves_drafts_out(app):
    world = build_world()
    lines = score_lines(world.screening, submitted_only=True)
    assert len(lines) == 8 * 3 and set(lines["status"]) == {"submitted"}


def test_an_empty_round_gives_an_empty_frame(app):
    world = build_world()
    lines = score_lines(world.final)
    assert lines.empty and tuple(lines.columns) == LINE_COLUMNS
    assert load_round(world.final).result.pitches.empty


@pytest.mark.parametrize("pitches", [3, 12])
def test_loading_a_round_takes_the_same_few_queries_whatever_its_size(app, pitches):
    world = build_world()
    extra = [factories.make_pitch(world.a.challenge) for _ in range(pitches - 3)]
    enter(world.screening, world.judges, *extra)
    for pitch in extra:
        for judge in world.judges:
            card(world.screening, judge, pitch, [3, 4, 5])
    db.session.commit()
    db.session.expire_all()
    round_ = db.session.get(type(world.screening), world.screening.id)
    with StatementCounter() as lines_counter:
        score_lines(round_, submitted_only=True)
    # The rubric is read once (lazy load of round.criteria), then the lines in one query.
    assert len([s for s in lines_counter.statements if "score_line" in s]) == 1
    assert len(lines_counter.statements) <= 2
    db.session.expire_all()
    round_ = db.session.get(type(world.screening), world.screening.id)
    with StatementCounter() as counter:
        data = load_round(round_)
        round_judges(round_.id)
    # contest, data version, pitches, criteria, lines, assigned counts, judges: never one per
    # pitch or judge.
    assert len(counter.statements) <= 7
    assert len(data.result.pitches) == pitches


def test_round_pitches_include_an_entered_pitch_without_scores(app):
    world = build_world()
    waiting = factories.make_pitch(world.b.challenge, title="Not scored yet")
    enter(world.screening, [], waiting)
    db.session.commit()
    pitches = round_pitches(world.screening.id)
    assert waiting.id in pitches.index
    assert pitches.at[waiting.id, "title"] == "Not scored yet"
    assert pitches.at[world.b.id, "bureau_id"] == world.b.challenge.bureau_id
    result = load_round(world.screening).result
    assert result.pitches.at[waiting.id, "judges"] == 0
    assert pd.isna(result.pitches.at[waiting.id, "score"])


def test_load_round_uses_the_contests_method_unless_told(app):
    world = build_world()
    world.contest.method = "median"
    db.session.commit()
    assert load_round(world.screening).result.method == "median"
    assert load_round(world.screening, "z_mean").result.method == "z_mean"
