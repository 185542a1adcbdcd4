"""The round page's cache: never stale across workers, bounded, bypassed by pending changes.

A second app on the same database stands for a second gunicorn worker: it makes the change
and commits; the first app's next page must show it.
"""

import re

import pytest

from pitch.cache import LRU
from pitch.domain.score_sheet import read_score_sheet
from pitch.extensions import db
from pitch.models import Assignment, PanelMember, Round, Scorecard
from pitch.results import loader
from pitch.results.loader import load_round
from pitch.scoresheets.loading import sheet_context
from pitch.scoresheets.operations import import_scores
from tests import factories
from tests.conftest import make_app
from tests.results.world import build_world
from tests.scoresheets.conftest import sheet_csv


@pytest.fixture
def world(app, auth):
    world = build_world()
    auth.login(world.admin)
    return world


@pytest.fixture
def other_worker(app_config):
    return make_app(app_config)


@pytest.fixture
def aggregations(monkeypatch) -> list:
    """One entry per aggregation the app actually runs."""
    calls = []
    real = loader.aggregate

    def counted(*args, **kwargs):
        calls.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(loader, "aggregate", counted)
    return calls


def ranking(client, world, **params) -> list[tuple[str, str]]:
    """(title, judges column) per row, in rank order."""
    response = client.get(f"/results/round/{world.screening.id}", query_string=params)
    assert response.status_code == 200
    body = response.get_data(as_text=True).split('id="judges-heading"')[0]
    return re.findall(r'<th scope="row">([^<]+)<br>.*?</th>\s*<td>[^<]*</td>\s*<td>([^<]+)</td>',
                      body, re.S)


def set_scores(card: Scorecard, scores) -> None:
    for line, score in zip(sorted(card.lines, key=lambda line: line.criterion_id), scores,
                           strict=True):
        line.score = score


def cards_of(world, pitch) -> list[Scorecard]:
    return list(db.session.scalars(db.select(Scorecard).where(
        Scorecard.round_id == world.screening.id, Scorecard.pitch_id == pitch.id)))


def test_the_page_aggregates_once_while_nothing_changes(client, world, aggregations):
    first = ranking(client, world)
    assert ranking(client, world) == first
    assert [title for title, _ in first] == ["Shelter map", "Drone survey", "Flood alerts"]
    assert len(aggregations) == 1


def test_a_submitted_scorecard_shows_at_once_in_another_worker(client, world, other_worker):
    assert ("Flood alerts", "2 / 3") in ranking(client, world)
    with other_worker.app_context():
        draft = db.session.scalar(db.select(Scorecard).where(
            Scorecard.pitch_id == world.b.id, Scorecard.status == "draft"))
        draft.status = "submitted"
        db.session.commit()
    assert ("Flood alerts", "3 / 3") in ranking(client, world)


def test_a_changed_scorecard_shows_at_once_in_another_worker(client, world, other_worker):
    assert ranking(client, world)[0][0] == "Shelter map"
    with other_worker.app_context():
        for card in cards_of(world, world.c):  # only the score lines change
            set_scores(card, [5, 5, 5])
        db.session.commit()
    assert ranking(client, world)[0][0] == "Drone survey"


def test_an_imported_sheet_shows_at_once_in_another_worker(client, world, other_worker):
    ranking(client, world, method="median")
    with other_worker.app_context():
        round_ = db.session.get(Round, world.screening.id)
        round_.state = "open"
        db.session.add_all(PanelMember(contest_id=round_.contest_id, user_id=judge.id,
                                       status="accepted") for judge in world.judges)
        db.session.commit()
        rows = [[world.b.id, judge.email, 5, 5, 5, "import"] for judge in world.judges]
        sheet = read_score_sheet(sheet_csv(rows).encode(), "s.csv", sheet_context(round_))
        assert sheet.ok, sheet.problems
        import_scores(round_, sheet.rows, None)  # bulk statements, no ORM objects
        db.session.commit()
    assert ranking(client, world, method="median")[0] == ("Flood alerts", "3 / 3")


def test_a_new_assignment_flags_the_pitch_incomplete(client, world, other_worker):
    assert ("Drone survey", "3 / 3") in ranking(client, world)
    with other_worker.app_context():
        db.session.add(Assignment(round_id=world.screening.id, judge_id=world.admin.id,
                                  pitch_id=world.c.id))
        db.session.commit()
    assert ("Drone survey", "3 / 4") in ranking(client, world)


def test_a_rolled_back_change_keeps_the_cached_figures(client, world, other_worker,
                                                       aggregations):
    before = ranking(client, world)
    with other_worker.app_context():
        for card in cards_of(world, world.c):
            set_scores(card, [5, 5, 5])
        db.session.flush()
        db.session.rollback()
    assert ranking(client, world) == before
    assert len(aggregations) == 1


def test_uncommitted_changes_in_the_session_bypass_the_cache(app, world):
    round_ = db.session.get(Round, world.screening.id)
    assert load_round(round_).result.pitches.index[0] == world.a.id
    for card in cards_of(world, world.c):
        set_scores(card, [5, 5, 5])
    db.session.flush()
    assert load_round(round_).result.pitches.index[0] == world.c.id
    db.session.rollback()
    round_ = db.session.get(Round, world.screening.id)
    assert load_round(round_).result.pitches.index[0] == world.a.id


def _figures_cached_by(config: dict, world):
    worker = make_app(config)
    client = worker.test_client()
    client.post("/auth/login", data={"email": world.admin.email, "password": factories.PASSWORD})
    for method in ("mean", "median", "z_mean", "trimmed_mean"):
        for page in (1, 2):
            assert ranking(client, world, method=method, page=page)
    return worker.extensions["pitch_caches"]


def test_the_caches_are_bounded(app_config, world):
    """Rounds by number, rendered figures by their characters."""
    unbounded = _figures_cached_by(app_config, world)["pages"]
    assert len(unbounded) == 8
    budget = 3 * unbounded.weight // 8
    caches = _figures_cached_by({**app_config, "ROUNDS_CACHE_SIZE": 2,
                                 "PAGES_CACHE_SIZE": budget}, world)
    assert len(caches["rounds"]) == 2
    assert 2 <= len(caches["pages"]) < 8 and caches["pages"].weight <= budget


def test_the_lru_forgets_the_least_recently_used():
    cache = LRU(2)
    cache.put("a", 1)
    cache.put("b", 2)
    assert cache.get("a") == 1  # "b" is now the least recently used
    cache.put("c", 3)
    assert cache.get("b") is None and cache.get("a") == 1 and cache.get("c") == 3
    assert len(cache) == 2


def test_a_weighed_lru_keeps_its_total_weight_under_its_size():
    cache = LRU(10, weigh=len)
    for key, value in (("a", "aaaa"), ("b", "bbbb"), ("c", "cc")):
        cache.put(key, value)
    assert cache.weight == 10 and len(cache) == 3
    cache.put("d", "d")  # "a" goes
    assert cache.get("a") is None and cache.weight == 7
    cache.put("b", "b")  # replacing an entry replaces its weight
    assert cache.weight == 4 and cache.get("b") == "b"
    cache.put("huge", "x" * 11)  # heavier than the whole cache: not kept, nothing evicted
    assert cache.get("huge") is None and len(cache) == 3 and cache.weight == 4


def test_each_bureau_gets_only_its_own_rows_from_the_cache(client, world, auth):
    assert [title for title, _ in ranking(client, world)] == [
        "Shelter map", "Drone survey", "Flood alerts"]  # the secretariat fills the cache
    auth.logout()
    auth.login(world.bureau_x)
    assert [title for title, _ in ranking(client, world)] == ["Shelter map", "Drone survey"]
    auth.logout()
    auth.login(world.bureau_y)
    body = client.get(f"/results/round/{world.screening.id}").get_data(as_text=True)
    assert [title for title, _ in ranking(client, world)] == ["Flood alerts"]
    assert 'id="judges-heading"' not in body  # the judges' table is the secretariat's
