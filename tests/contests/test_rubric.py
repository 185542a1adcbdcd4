"""Editing a round's rubric: validated by the domain rules, frozen once scores are in."""

import pytest

from pitch.extensions import db
from pitch.models import Challenge, Pitch, Scorecard
from tests.factories import make_bureau, make_contest, make_startup, make_user


def _url(contest) -> str:
    return f"/contests/manage/{contest.id}/rounds/{contest.rounds[0].id}/rubric"


def _form(rows: list[dict], name_ja="書類審査", name_en="Screening") -> dict:
    data = {"name_ja": name_ja, "name_en": name_en}
    for index, row in enumerate(rows):
        base = {"key": "", "label_ja": "", "label_en": "", "weight": "1", "min_score": "1",
                "max_score": "5"}
        for name, value in (base | row).items():
            data[f"criteria-{index}-{name}"] = value
    return data


def _row(key, **fields) -> dict:
    return {"key": key, "label_ja": f"{key}（日本語）", "label_en": key} | fields


def _criteria(contest) -> list[tuple]:
    db.session.expire_all()
    return [(c.key, c.weight, c.min_score, c.max_score)
            for c in contest.rounds[0].criteria]


def test_rubric_page_shows_the_criteria_and_a_spare_row(client, admin, contest):
    page = client.get(_url(contest)).get_data(as_text=True)
    assert 'value="novelty"' in page and 'value="impact"' in page
    assert 'name="criteria-3-key"' in page


def test_save_changes_adds_and_removes_criteria(client, admin, contest):
    rows = [_row("novelty", weight="2"), _row("feasibility", min_score="0", max_score="10"),
            {}, _row("team", weight="0.5")]
    response = client.post(_url(contest), data=_form(rows, name_en="Paper screening"))
    assert response.status_code == 302
    assert _criteria(contest) == [("novelty", 2.0, 1, 5), ("feasibility", 1.0, 0, 10),
                                  ("team", 0.5, 1, 5)]
    assert contest.rounds[0].name_en == "Paper screening"


@pytest.mark.parametrize("rows, message", [
    ([_row("novelty"), _row("novelty")], "評価項目のキー「novelty」が重複しています。"),
    ([_row("novelty", weight="0")], "「novelty」の重みは0より大きい数にしてください"),
    ([_row("novelty", weight="-1")], "「novelty」の重みは0より大きい数にしてください"),
    ([_row("novelty", weight="")], "「novelty」の重みは0より大きい数にしてください"),
    ([_row("novelty", min_score="5", max_score="5")], "最低点は最高点より小さく"),
    ([_row("novelty", min_score="4", max_score="2")], "最低点は最高点より小さく"),
    ([_row("Bad Key")], "a-z・0-9・_ の1〜40文字"),
    ([_row("comment")], "採点シートの列名と重なります"),
    ([_row("novelty", label_en="")], "英語の名称が必要です"),
    ([{}], "評価基準には少なくとも1つの項目が必要です。"),
])
def test_invalid_rubric_is_refused_whole(client, admin, contest, rows, message):
    before = _criteria(contest)
    response = client.post(_url(contest), data=_form(rows))
    assert response.status_code == 400
    assert message in response.get_data(as_text=True)
    assert _criteria(contest) == before


def test_non_integer_range_is_refused_and_input_kept(client, admin, contest):
    before = _criteria(contest)
    response = client.post(_url(contest), data=_form([_row("novelty", max_score="4.5",
                                                           label_ja="独自の名称")]))
    assert response.status_code == 400
    assert 'value="独自の名称"' in response.get_data(as_text=True)
    assert _criteria(contest) == before


def _scorecard(contest, status: str) -> None:
    challenge = Challenge(contest=contest, bureau=make_bureau(), status="published", title="課題")
    pitch = Pitch(challenge=challenge, startup=make_startup(), status="submitted", title="提案")
    db.session.add(pitch)
    db.session.flush()
    db.session.add(Scorecard(round_id=contest.rounds[0].id, judge_id=make_user("expert").id,
                             pitch_id=pitch.id, status=status))
    db.session.commit()


def test_a_submitted_scorecard_locks_the_rubric(client, admin, contest):
    _scorecard(contest, "submitted")
    before = _criteria(contest)
    assert "評価基準は変更できません" in client.get(_url(contest)).get_data(as_text=True)
    response = client.post(_url(contest), data=_form([_row("novelty", weight="3")]),
                           follow_redirects=True)
    assert "評価基準は変更できません" in response.get_data(as_text=True)
    assert _criteria(contest) == before


def test_a_draft_scorecard_does_not_lock_the_rubric(client, admin, contest):
    _scorecard(contest, "draft")
    response = client.post(_url(contest), data=_form([_row("novelty", weight="3")]))
    assert response.status_code == 302
    assert _criteria(contest) == [("novelty", 3.0, 1, 5)]


def test_round_of_another_contest_is_404(client, admin, contest):
    other = make_contest(state="draft")
    db.session.commit()
    url = f"/contests/manage/{contest.id}/rounds/{other.rounds[0].id}/rubric"
    assert client.get(url).status_code == 404
