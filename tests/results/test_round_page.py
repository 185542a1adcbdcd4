"""The secretariat's ranking page: method switch, flags, charts, agreement, pages."""

import re

from pitch.extensions import db
from pitch.results import routes
from pitch.results.ranking import alpha_reading, bias_bar, spread_chart
from tests import factories
from tests.results.world import build_world, card, enter


def page(client, world, **params):
    response = client.get(f"/results/round/{world.screening.id}", query_string=params)
    assert response.status_code == 200
    return response.get_data(as_text=True)


def test_the_page_is_japanese_by_default_and_explains_alpha(client, auth):
    world = build_world()
    auth.login(world.admin)
    body = page(client, world)
    assert "クリッペンドルフのα" in body and "審査員の評価の一致度" in body
    assert "Krippendorff" not in body


def test_incomplete_and_tied_pitches_are_flagged(client, auth):
    world = build_world()
    # d ties with c: the same three cards.
    d = factories.make_pitch(world.a.challenge, title="Tied pitch")
    enter(world.screening, world.judges, d)
    for judge, scores in zip(world.judges, ([4, 4, 4], [3, 3, 3], [4, 4, 4]), strict=True):
        card(world.screening, judge, d, scores)
    db.session.commit()
    auth.login(world.admin)
    ranking = page(client, world).split('id="judges-heading"')[0]
    assert ranking.count("未完了") >= 1 and ranking.count("同順位") >= 2
    assert ranking.count('class="row-flagged"') == 3  # b incomplete, c and d tied


def test_the_method_switch_shows_every_methods_rank(client, auth):
    world = build_world()
    auth.login(world.admin)
    body = page(client, world, method="median")
    assert '<option value="median" selected>' in body
    assert "順位（中央値）" in body and "順位（z平均）" in body
    unknown = page(client, world, method="nonsense")  # falls back to the contest's method
    assert '<option value="mean" selected>' in unknown


def test_charts_are_inline_svg_without_style_attributes(client, auth):
    world = build_world()
    auth.login(world.admin)
    body = page(client, world)
    assert body.count('class="chart chart-spread"') == 3
    assert 'class="chart chart-bias"' in body
    assert not re.search(r"\sstyle=", body) and "<script>" not in body


def test_judges_show_leniency(client, auth):
    world = build_world()
    auth.login(world.admin)
    body = page(client, world)
    # Judge 1 is the most generous of the three, judge 2 the strictest.
    assert "甘め" in body and "辛め" in body
    assert world.judges[0].email in body


def test_large_rounds_are_paged(client, auth, monkeypatch):
    monkeypatch.setattr(routes, "PER_PAGE", 2)
    world = build_world()
    auth.login(world.admin)
    first = page(client, world)
    second = page(client, world, page=2)
    assert "1 / 2" in first and "Shelter map" in first and "Flood alerts" not in first
    assert "Flood alerts" in second and "Shelter map" not in second
    assert "Flood alerts" in page(client, world, page=99)  # past the end: the last page


def test_chart_geometry():
    chart = spread_chart([0.0, 50.0, 100.0])
    assert chart["dots"] == [6.0, 100.0, 194.0] and chart["mean"] == 100.0
    assert spread_chart([]) is None
    assert bias_bar(10.0) == {"x": 100.0, "width": 25.0}
    assert bias_bar(-80.0) == {"x": 0.0, "width": 100.0}  # clipped at the edge
    assert [alpha_reading(a) for a in (None, 0.9, 0.7, 0.1)] == ["none", "good", "fair", "low"]
