"""The import's writes: a constant number of statements whatever the size of the sheet."""

from contextlib import contextmanager

from sqlalchemy import event

from pitch.domain.score_sheet import read_score_sheet
from pitch.extensions import db
from pitch.models import Scorecard
from pitch.scoresheets.loading import sheet_context
from pitch.scoresheets.operations import import_scores
from tests.judging.helpers import assign, enter, make_pitch
from tests.scoresheets.conftest import full_sheet, sheet_csv


@contextmanager
def counted_statements():
    statements = []

    def count(*_args):
        statements.append(1)

    event.listen(db.engine, "before_cursor_execute", count)
    try:
        yield statements
    finally:
        event.remove(db.engine, "before_cursor_execute", count)


def _import(world, rows) -> int:
    sheet = read_score_sheet(sheet_csv(rows).encode(), "s.csv", sheet_context(world.round))
    assert sheet.ok, sheet.problems
    with counted_statements() as statements:
        import_scores(world.round, sheet.rows, world.admin)
    db.session.commit()
    return len(statements)


def test_statements_do_not_grow_with_the_rows(app, sheet_round):
    small = _import(sheet_round, full_sheet(sheet_round))
    challenge = sheet_round.pitches[0].challenge
    more = [make_pitch(challenge) for _ in range(40)]
    enter(sheet_round.round, *more)
    for pitch in more:
        for judge in sheet_round.judges[:2]:
            assign(sheet_round.round, judge, pitch)
    db.session.commit()
    rows = [[pitch.id, judge.email, 2, 2, 2, ""] for pitch in more
            for judge in sheet_round.judges[:2]]
    assert _import(sheet_round, rows) <= small
    replaced = [row[:2] + [5, 5, 5, "again"] for row in rows + full_sheet(sheet_round)]
    # Replacing adds the update and the removal of the old lines, still once for all rows.
    assert _import(sheet_round, replaced) <= small + 4
    assert db.session.scalar(db.select(db.func.count()).select_from(Scorecard)) == 88
