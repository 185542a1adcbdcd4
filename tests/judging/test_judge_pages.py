import pytest

from pitch.extensions import db
from pitch.models import Conflict, PanelMember, ScoreAudit, Scorecard
from tests.factories import make_user
from tests.judging.helpers import make_judge, make_scene

GOOD = {"score-novelty": "5", "score-feasibility": "4", "score-impact": "3"}


def _url(scene, pitch=None, kind="pitches"):
    pitch = pitch or scene.pitches[0]
    return f"/judging/rounds/{scene.screening.id}/{kind}/{pitch.id}"


def test_dashboard_lists_assignments_and_the_next_pitch(app, client, auth):
    scene = make_scene()
    db.session.commit()
    auth.login(scene.judges[0])
    html = client.get("/judging/").get_data(as_text=True)
    assert "書類審査" in html  # Japanese by default
    assert _url(scene) in html
    assert "次のピッチを採点" in html or "Score the next pitch" in html


def test_invited_judge_accepts_then_must_declare(app, client, auth):
    scene = make_scene()
    judge = make_user(role="bureau")
    db.session.add(PanelMember(contest_id=scene.contest.id, user_id=judge.id))
    db.session.commit()
    auth.login(judge)
    assert "/accept" in client.get("/judging/").get_data(as_text=True)
    response = client.post(f"/judging/contests/{scene.contest.id}/accept")
    assert response.status_code == 302 and "/conflicts" in response.location
    member = db.session.scalars(db.select(PanelMember).filter_by(user_id=judge.id)).one()
    db.session.refresh(member)
    assert member.status == "accepted" and member.conflicts_declared_at is None


def test_conflict_declaration_lists_startup_names_even_when_blind(app, client, auth):
    scene = make_scene(startup_names=("株式会社ひみつ防災",), blind=True)
    db.session.commit()
    auth.login(scene.judges[0])
    url = f"/judging/contests/{scene.contest.id}/conflicts"
    assert "株式会社ひみつ防災" in client.get(url).get_data(as_text=True)
    response = client.post(url, data={"startup_id": scene.pitches[0].startup_id,
                                      "kind": "investment", "note": "出資しています"})
    assert response.status_code == 302
    conflict = db.session.scalars(db.select(Conflict)).one()
    assert conflict.kind == "investment" and conflict.note == "出資しています"
    # The assignment to that startup's pitch is gone.
    assert client.get(_url(scene)).status_code == 404


def test_bad_conflict_form_keeps_what_was_typed(app, client, auth):
    scene = make_scene()
    db.session.commit()
    auth.login(scene.judges[0])
    response = client.post(f"/judging/contests/{scene.contest.id}/conflicts",
                           data={"startup_id": scene.pitches[0].startup_id, "kind": "",
                                 "note": "メモ残し"})
    assert response.status_code == 400
    assert "メモ残し" in response.get_data(as_text=True)
    assert db.session.scalar(db.select(db.func.count()).select_from(Conflict)) == 0


def test_undeclared_judge_is_sent_to_the_declaration(app, client, auth):
    scene = make_scene()
    judge = make_judge(scene.contest, declared=False)
    from tests.judging.helpers import assign

    assign(scene.screening, judge, scene.pitches[0])
    db.session.commit()
    auth.login(judge)
    response = client.get(_url(scene))
    assert response.status_code == 302 and "/conflicts" in response.location
    client.post(f"/judging/contests/{scene.contest.id}/conflicts/declare")
    assert client.get(_url(scene)).status_code == 200


def test_judge_saves_a_draft_then_submits(app, client, auth):
    scene = make_scene()
    db.session.commit()
    auth.login(scene.judges[0])
    page = client.get(_url(scene)).get_data(as_text=True)
    assert 'data-weight="1.0"' in page and 'name="score-novelty"' in page
    response = client.post(_url(scene), data={"score-novelty": "2", "action": "draft",
                                              "version": "0", "comment": "c", "feedback": "f"})
    assert response.status_code == 302
    card = db.session.scalars(db.select(Scorecard)).one()
    assert card.status == "draft"
    response = client.post(_url(scene), data={**GOOD, "action": "submit",
                                              "version": str(card.version)})
    assert response.status_code == 302
    # On to the next pitch in the running order.
    assert response.location.endswith(_url(scene, scene.pitches[1]))
    db.session.refresh(card)
    assert card.status == "submitted"
    page = client.get(_url(scene)).get_data(as_text=True)
    assert "75.0" in page  # (4 + 3 + 2) / 12 of the way: the judge total without scripts


@pytest.mark.parametrize("value", ["6", "0", "3.5", "abc", ""])
def test_a_bad_score_is_refused_and_the_typed_values_stay(app, client, auth, value):
    scene = make_scene()
    db.session.commit()
    auth.login(scene.judges[0])
    response = client.post(_url(scene), data={**GOOD, "score-impact": value,
                                              "action": "submit", "version": "0",
                                              "comment": "残すべきコメント"})
    assert response.status_code == 400
    html = response.get_data(as_text=True)
    assert "残すべきコメント" in html and 'aria-invalid="true"' in html
    assert db.session.scalar(db.select(db.func.count()).select_from(Scorecard)) == 0


def test_outdated_form_gets_a_conflict_message(app, client, auth):
    scene = make_scene()
    db.session.commit()
    auth.login(scene.judges[0])
    client.post(_url(scene), data={**GOOD, "action": "submit", "version": "0"})
    response = client.post(_url(scene), data={**GOOD, "score-impact": "1",
                                              "action": "submit", "version": "0"})
    assert response.status_code == 409
    html = response.get_data(as_text=True)
    assert "別の" in html or "elsewhere" in html
    assert db.session.scalar(db.select(db.func.count()).select_from(ScoreAudit)) == 1


def test_closed_round_shows_a_locked_card_and_refuses_posts(app, client, auth):
    scene = make_scene()
    db.session.commit()
    auth.login(scene.judges[0])
    client.post(_url(scene), data={**GOOD, "action": "submit", "version": "0"})
    scene.screening.state = "closed"
    db.session.commit()
    assert "disabled" in client.get(_url(scene)).get_data(as_text=True)
    response = client.post(_url(scene), data={**GOOD, "score-impact": "1",
                                              "action": "submit", "version": "2"})
    assert response.status_code == 403
    card = db.session.scalars(db.select(Scorecard)).one()
    assert sorted(line.score for line in card.lines) == [3, 4, 5]


def test_pitch_day_mode_shows_running_order_timer_and_submitted_state(app, client, auth):
    scene = make_scene(blind=False)
    scene.final.state = "open"
    from tests.judging.helpers import assign, enter

    enter(scene.final, *scene.pitches)
    for pitch in scene.pitches:
        assign(scene.final, scene.judges[0], pitch)
    db.session.commit()
    auth.login(scene.judges[0])
    start = client.get(f"/judging/rounds/{scene.final.id}/day")
    assert start.location.endswith(f"/judging/rounds/{scene.final.id}/day/{scene.pitches[0].id}")
    url = start.location
    html = client.get(url).get_data(as_text=True)
    assert "data-timer" in html and "pitchday.js" in html and "scorecard-big" in html
    response = client.post(url, data={**GOOD, "action": "submit", "version": "0"})
    assert response.location.endswith(f"/day/{scene.pitches[1].id}")
    html = client.get(url).get_data(as_text=True)
    assert "submitted-mark" in html


def test_other_users_get_404_and_anonymous_is_sent_to_login(app, client, auth):
    scene = make_scene()
    outsider = make_user(role="startup")
    db.session.commit()
    assert client.get(_url(scene)).status_code == 302
    auth.login(outsider)
    assert client.get(_url(scene)).status_code == 404
    assert client.get(f"/judging/contests/{scene.contest.id}/conflicts").status_code == 404
    assert client.get("/judging/manage").status_code == 403


def test_judge_actions_of_a_contest_are_not_for_outsiders(app, client, auth):
    scene = make_scene()
    outsider = make_user(role="expert")
    db.session.commit()
    contest_id = scene.contest.id
    posts = [f"/judging/contests/{contest_id}/accept",
             f"/judging/contests/{contest_id}/conflicts/declare",
             f"/judging/contests/{contest_id}/conflicts"]
    for url in posts:
        assert client.post(url).status_code == 302  # anonymous: to the login page
    auth.login(outsider)
    for url in posts:
        assert client.post(url).status_code == 404, url
    assert client.get(f"/judging/rounds/{scene.screening.id}/day").status_code == 404
    assert db.session.scalar(db.select(db.func.count()).select_from(PanelMember).filter_by(
        user_id=outsider.id)) == 0
