"""A refused change keeps nothing and says why; an allowed one commits and says so."""

import pytest
from flask import get_flashed_messages

from pitch.extensions import db
from pitch.judging import changes
from pitch.judging.operations import RoundMoveRefused, save_scorecard
from pitch.judging.routes import commit_or_refuse
from pitch.models import Assignment, Conflict, PanelMember
from tests.judging.helpers import add_conflict, make_judge, make_scene


def test_a_refusal_rolls_back_and_is_flashed(app):
    scene = make_scene(judges=1)
    db.session.commit()

    def refused():
        db.session.add(PanelMember(contest_id=scene.contest.id, user_id=scene.admin.id))
        db.session.flush()
        raise RoundMoveRefused("no")

    with app.test_request_context():
        assert not commit_or_refuse(refused, (changes.PanelChangeRefused, RoundMoveRefused),
                                    "done")
        assert get_flashed_messages(with_categories=True) == [("error", "no")]
    assert db.session.scalar(db.select(PanelMember.id).filter_by(user_id=scene.admin.id)) is None


def test_a_refusal_can_be_shown_elsewhere_and_success_commits(app):
    scene = make_scene(judges=1)
    db.session.commit()
    shown = []

    def refused():
        raise changes.PanelChangeRefused("no")

    def allowed():
        db.session.add(PanelMember(contest_id=scene.contest.id, user_id=scene.admin.id))

    with app.test_request_context():
        assert not commit_or_refuse(refused, changes.PanelChangeRefused, "done", shown.append)
        assert commit_or_refuse(allowed, changes.PanelChangeRefused, "done", shown.append)
        assert get_flashed_messages(with_categories=True) == [("success", "done")]
    assert shown == ["no"]
    db.session.rollback()  # committed: a rollback now does not undo it
    assert db.session.scalar(db.select(PanelMember.id).filter_by(user_id=scene.admin.id))


def test_an_exception_that_is_not_a_refusal_is_not_caught(app):
    def broken():
        raise ValueError("bug")

    with app.test_request_context(), pytest.raises(ValueError):
        commit_or_refuse(broken, changes.PanelChangeRefused, "done")


def _move(client, round_, to):
    return client.post(f"/judging/rounds/{round_.id}/state", data={"to": to},
                       follow_redirects=True)


def _state(round_) -> str:
    db.session.refresh(round_)
    return round_.state


def test_round_moves_refused_and_allowed(app, client, auth):
    scene = make_scene(judges=1)
    db.session.commit()
    auth.login(scene.admin)
    response = _move(client, scene.screening, "open")
    assert response.request.path == f"/judging/rounds/{scene.screening.id}/assignments"
    assert "開始前のラウンドだけを開始できます。" in response.get_data(as_text=True)
    page = _move(client, scene.final, "open").get_data(as_text=True)
    assert "このラウンドを開始する前に、ピッチを選抜して登録してください。" in page
    assert _state(scene.final) == "pending"
    page = _move(client, scene.final, "closed").get_data(as_text=True)
    assert "採点中のラウンドだけを締め切れます。" in page and _state(scene.final) == "pending"
    page = _move(client, scene.screening, "closed").get_data(as_text=True)
    assert "ラウンドを締め切りました。採点票は確定しました。" in page
    assert _state(scene.screening) == "closed"


def test_opening_a_pending_round_says_so(app, client, auth):
    scene = make_scene(judges=1, state="pending")
    db.session.commit()
    auth.login(scene.admin)
    page = _move(client, scene.screening, "open").get_data(as_text=True)
    assert "このラウンドの採点を開始しました。" in page and _state(scene.screening) == "open"


def test_an_assignment_with_a_started_scorecard_is_not_removed(app, client, auth):
    scene = make_scene(judges=1)
    judge, pitch = scene.judges[0], scene.pitches[0]
    save_scorecard(scene.screening, judge, pitch, {"novelty": 2}, "", "", False, judge)
    assignment = db.session.scalars(db.select(Assignment).filter_by(pitch_id=pitch.id)).one()
    other = db.session.scalars(db.select(Assignment).filter_by(
        pitch_id=scene.pitches[1].id)).one()
    db.session.commit()
    auth.login(scene.admin)
    url = f"/judging/rounds/{scene.screening.id}/assignments"
    response = client.post(f"{url}/{assignment.id}/remove", follow_redirects=True)
    assert response.request.path == url
    assert "この審査員はすでに採点を始めています。" in response.get_data(as_text=True)
    assert db.session.scalar(db.select(Assignment.id).filter_by(id=assignment.id))
    page = client.post(f"{url}/{other.id}/remove", follow_redirects=True).get_data(as_text=True)
    assert "割り当てを外しました。" in page
    assert db.session.scalar(db.select(Assignment.id).filter_by(id=other.id)) is None


def test_what_was_done_can_be_said_from_the_result_once_committed(app):
    said = []

    def counted():
        return db.session.scalar(db.select(db.literal(3)))  # begins a transaction

    def say(result):
        said.append((result, db.session().in_transaction()))

    with app.test_request_context():
        assert commit_or_refuse(counted, changes.PanelChangeRefused, say)
        assert get_flashed_messages() == []
    assert said == [(3, False)]


def _count(model) -> int:
    return db.session.scalar(db.select(db.func.count()).select_from(model))


def test_an_assignment_refused_on_its_form_and_one_added(app, client, auth):
    scene = make_scene(judges=1)
    extra = make_judge(scene.contest)
    db.session.commit()
    auth.login(scene.admin)
    url = f"/judging/rounds/{scene.screening.id}/assignments/add"
    taken = {"add-judge_id": scene.judges[0].id, "add-pitch_id": scene.pitches[0].id}
    response = client.post(url, data=taken)
    assert response.status_code == 400
    assert "この審査員はすでにこのピッチに割り当てられています。" in response.get_data(as_text=True)
    assert _count(Assignment) == 3
    response = client.post(url, data={**taken, "add-judge_id": extra.id}, follow_redirects=True)
    assert "割り当てを追加しました。" in response.get_data(as_text=True)
    assert _count(Assignment) == 4


def test_the_secretariat_s_conflict_refused_on_its_form_and_one_recorded(app, client, auth):
    scene = make_scene(judges=2)
    judge, pitch = scene.judges[0], scene.pitches[0]
    add_conflict(scene.contest, judge, pitch)
    db.session.commit()
    auth.login(scene.admin)
    url = f"/judging/contests/{scene.contest.id}/panel/conflicts"
    data = {"conflict-judge_id": judge.id, "conflict-startup_id": pitch.startup_id,
            "conflict-kind": "business", "conflict-note": ""}
    response = client.post(url, data=data)
    assert response.status_code == 400
    assert "この利益相反はすでに登録されています。" in response.get_data(as_text=True)
    assert _count(Conflict) == 1
    response = client.post(url, data={**data, "conflict-judge_id": scene.judges[1].id},
                           follow_redirects=True)
    assert "利益相反を登録しました。割り当てを1件外しました。" in response.get_data(as_text=True)
    assert _count(Conflict) == 2


def test_a_judge_s_conflict_refused_on_its_form_and_one_recorded(app, client, auth):
    scene = make_scene(judges=1)
    judge = scene.judges[0]
    add_conflict(scene.contest, judge, scene.pitches[0])
    db.session.commit()
    auth.login(judge)
    url = f"/judging/contests/{scene.contest.id}/conflicts"
    refusals = {scene.pitches[0].startup_id: "この利益相反はすでに登録されています。",
                0: "スタートアップを選んでください。"}
    for startup_id, refusal in refusals.items():
        response = client.post(url, data={"startup_id": startup_id, "kind": "business"})
        assert response.status_code == 400 and refusal in response.get_data(as_text=True)
    assert _count(Conflict) == 1
    # Without a note field at all: recorded with an empty note.
    response = client.post(url, data={"startup_id": scene.pitches[1].startup_id,
                                      "kind": "business"}, follow_redirects=True)
    page = response.get_data(as_text=True)
    assert "利益相反を登録しました。" in page
    assert "このスタートアップのピッチへのあなたの割り当てを外しました。" in page
    assert db.session.scalars(db.select(Conflict.note).order_by(Conflict.id)).all() == ["", ""]
