"""Every contest move through the web, one allowed and one refused case each; the full
rule table is tested in tests/domain/test_contest_rules.py."""

from datetime import UTC, datetime, timedelta

from pitch.extensions import db
from pitch.models import Challenge, Pitch, ResultSnapshot, RoundEntry
from tests.factories import make_bureau, make_contest, make_startup


def _move(client, contest, target):
    return client.post(f"/contests/manage/{contest.id}/move", data={"target": target},
                       follow_redirects=True)


def _challenge(contest, status="published") -> Challenge:
    challenge = Challenge(contest=contest, bureau=make_bureau(), status=status, title="課題")
    db.session.add(challenge)
    db.session.flush()
    return challenge


def _submitted_pitch(contest) -> Pitch:
    pitch = Pitch(challenge=_challenge(contest), startup=make_startup(), status="submitted",
                  title="提案")
    db.session.add(pitch)
    db.session.flush()
    return pitch


def _state(contest) -> str:
    db.session.refresh(contest)
    return contest.state


def test_cannot_open_without_a_published_challenge(client, admin):
    contest = make_contest(state="draft")
    _challenge(contest, status="draft")
    db.session.commit()
    page = _move(client, contest, "open").get_data(as_text=True)
    assert "コンテストを開始する前に、少なくとも1つの課題を公開してください。" in page
    assert _state(contest) == "draft"


def test_opens_with_a_published_challenge(client, admin):
    contest = make_contest(state="draft")
    _challenge(contest)
    db.session.commit()
    assert "「募集中」にしました" in _move(client, contest, "open").get_data(as_text=True)
    assert _state(contest) == "open"


def test_cannot_open_once_the_deadline_has_passed(client, admin):
    past = datetime.now(UTC) - timedelta(days=60)
    contest = make_contest(now=past, state="draft")
    _challenge(contest)
    db.session.commit()
    page = _move(client, contest, "open").get_data(as_text=True)
    assert "締め切られています" in page
    assert _state(contest) == "draft"


def test_cannot_skip_a_state(client, admin):
    contest = make_contest(state="draft")
    _challenge(contest)
    db.session.commit()
    page = _move(client, contest, "screening").get_data(as_text=True)
    assert "状態は1段階ずつ進みます" in page
    assert _state(contest) == "draft"


def test_screening_waits_for_the_deadline(client, admin):
    contest = make_contest(state="open")
    _submitted_pitch(contest)
    db.session.commit()
    assert "受付中です" in _move(client, contest, "screening").get_data(as_text=True)
    assert _state(contest) == "open"


def test_screening_starts_after_the_deadline_with_a_submitted_pitch(client, admin):
    contest = make_contest(now=datetime.now(UTC) - timedelta(days=11), state="open")
    _submitted_pitch(contest)
    db.session.commit()
    _move(client, contest, "screening")
    assert _state(contest) == "screening"


def test_final_needs_a_shortlist(client, admin):
    contest = make_contest(state="screening")
    pitch = _submitted_pitch(contest)
    db.session.commit()
    assert "少なくとも1件の提案を選んでください" in _move(client, contest, "final").get_data(
        as_text=True)
    assert _state(contest) == "screening"
    db.session.add(RoundEntry(round_id=contest.rounds[1].id, pitch_id=pitch.id))
    db.session.commit()
    _move(client, contest, "final")
    assert _state(contest) == "final"


def test_results_need_published_final_results_then_the_contest_closes(client, admin):
    contest = make_contest(state="final")
    db.session.commit()
    assert "ピッチ審査の結果を公表してください" in _move(client, contest, "results").get_data(
        as_text=True)
    assert _state(contest) == "final"
    db.session.add(ResultSnapshot(round_id=contest.rounds[1].id, version=1, method="mean",
                                  published_by_id=admin.id, content={}, sha256="0" * 64))
    db.session.commit()
    _move(client, contest, "results")
    assert _state(contest) == "results"
    _move(client, contest, "closed")
    assert _state(contest) == "closed"
    _move(client, contest, "open")
    assert _state(contest) == "closed"


def test_unknown_target_is_a_bad_request(client, admin):
    contest = make_contest(state="draft")
    db.session.commit()
    response = client.post(f"/contests/manage/{contest.id}/move", data={"target": "party"})
    assert response.status_code == 400
