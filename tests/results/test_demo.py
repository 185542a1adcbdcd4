"""The demo publishes the closed screening, so its result pages have something to show."""

from pitch.extensions import db
from pitch.models import ResultSnapshot
from pitch.results.snapshot import content_hash


def test_the_demo_publishes_the_screening(runner):
    result = runner.invoke(args=["demo", "--pitches", "12", "--judges", "5",
                                 "--judges-per-pitch", "3"])
    assert result.exit_code == 0, result.output
    [snapshot] = db.session.scalars(db.select(ResultSnapshot)).all()
    assert snapshot.version == 1 and snapshot.round.number == 1
    assert len(snapshot.content["pitches"]) == 12
    assert snapshot.sha256 == content_hash(snapshot.content)


def test_without_scores_nothing_is_published(runner):
    result = runner.invoke(args=["demo", "--pitches", "6", "--judges", "4", "--no-scores"])
    assert result.exit_code == 0, result.output
    assert db.session.scalars(db.select(ResultSnapshot)).all() == []
