"""Questions and answers: the deadline in Asia/Tokyo, who sees what, the asker told by mail."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from pitch.challenges import questions as question_views
from pitch.challenges import routes as challenge_views
from pitch.extensions import db
from pitch.models import Question

TOKYO = ZoneInfo("Asia/Tokyo")
DEADLINE = datetime(2026, 3, 20, 17, 0, tzinfo=TOKYO)


@pytest.fixture
def clock(monkeypatch):
    """The views' clock, set per test."""
    moment = {"now": DEADLINE - timedelta(days=1)}
    for module in (question_views, challenge_views):
        monkeypatch.setattr(module, "utcnow", lambda: moment["now"])
    return moment


@pytest.fixture
def timed(cast):
    contest = cast.contest
    contest.application_opens = datetime(2026, 3, 2, 10, tzinfo=TOKYO)
    contest.question_deadline = DEADLINE
    contest.application_closes = datetime(2026, 3, 31, 17, tzinfo=TOKYO)
    db.session.commit()
    return cast


def _ask(client, challenge, body="データの提供形式を教えてください。"):
    return client.post(f"/challenges/{challenge.id}/questions", data={"body": body})


def _count() -> int:
    return db.session.scalar(db.select(db.func.count()).select_from(Question))


@pytest.mark.parametrize("now, accepted", [
    (DEADLINE - timedelta(microseconds=1), True),
    (DEADLINE, False),
    # 08:00 UTC is 17:00 in Tokyo: a UTC date still on the 20th changes nothing.
    (datetime(2026, 3, 20, 8, 0, tzinfo=ZoneInfo("UTC")), False),
    (datetime(2026, 3, 2, 9, 59, tzinfo=TOKYO), False),
])
def test_question_deadline_is_exclusive_in_tokyo(client, auth, timed, clock, now, accepted):
    clock["now"] = now
    auth.login(timed.startup)
    response = _ask(client, timed.published)
    assert response.status_code == (302 if accepted else 400)
    assert _count() == (1 if accepted else 0)
    if not accepted:
        assert "この課題への質問の受付は終了しています。" in response.get_data(as_text=True)


@pytest.mark.parametrize("role", ["staff", "other_staff", "admin"])
def test_only_startup_members_ask(client, auth, timed, clock, role):
    auth.login(timed.user(role))
    assert _ask(client, timed.published).status_code == 403
    assert _count() == 0


def test_no_questions_on_a_draft(client, auth, timed, clock):
    auth.login(timed.startup)
    assert _ask(client, timed.draft).status_code == 404
    assert _count() == 0


def test_too_long_question_is_refused_and_kept(client, auth, timed, clock):
    auth.login(timed.startup)
    response = _ask(client, timed.published, body="長" * 2001)
    assert response.status_code == 400
    assert "長" * 2001 in response.get_data(as_text=True)
    assert _count() == 0


def _switch(auth, user) -> None:
    auth.logout()
    auth.login(user)


def _page(client, challenge) -> str:
    return client.get(f"/challenges/{challenge.id}").get_data(as_text=True)


def test_unanswered_question_is_seen_by_the_asker_and_the_bureau_only(client, auth, timed,
                                                                      clock):
    auth.login(timed.startup)
    _ask(client, timed.published, body="未回答の質問です")
    assert "未回答の質問です" in _page(client, timed.published)
    for role in ("other_startup", "other_staff"):
        _switch(auth, timed.user(role))
        assert "未回答の質問です" not in _page(client, timed.published)
    auth.logout()
    assert "未回答の質問です" not in _page(client, timed.published)
    for role in ("staff", "admin"):
        _switch(auth, timed.user(role))
        assert "未回答の質問です" in _page(client, timed.published)


def test_answer_is_public_without_the_askers_identity_and_mailed(client, auth, timed, clock,
                                                                 outbox):
    auth.login(timed.startup)
    _ask(client, timed.published, body="過去データは何年分ありますか")
    question = db.session.scalars(db.select(Question)).one()
    _switch(auth, timed.staff)
    response = client.post(f"/challenges/{timed.published.id}/questions/{question.id}/answer",
                           data={f"answer-{question.id}-answer": "**5年分**あります"})
    assert response.status_code == 302
    auth.logout()
    page = _page(client, timed.published)
    assert "過去データは何年分ありますか" in page and "<strong>5年分</strong>" in page
    assert timed.startup.name not in page and timed.startup.email not in page
    assert [mail.to for mail in outbox] == [timed.startup.email]
    assert "公開中の課題" in outbox[0].subject
    assert f"/challenges/{timed.published.id}#question-{question.id}" in outbox[0].body


@pytest.mark.parametrize("role, expected", [
    (None, 302), ("startup", 403), ("other_staff", 403), ("admin", 302),
])
def test_who_may_answer(client, auth, timed, role, expected, outbox):
    question = Question(challenge_id=timed.published.id, asker_id=timed.startup.id, body="質問")
    db.session.add(question)
    db.session.commit()
    if role:
        auth.login(timed.user(role))
    response = client.post(f"/challenges/{timed.published.id}/questions/{question.id}/answer",
                           data={f"answer-{question.id}-answer": "回答"})
    assert response.status_code == expected
    db.session.refresh(question)
    assert (question.answer == "回答") is (role == "admin")


def test_empty_answer_is_refused(client, auth, timed, outbox):
    question = Question(challenge_id=timed.published.id, asker_id=timed.startup.id, body="質問")
    db.session.add(question)
    db.session.commit()
    auth.login(timed.staff)
    response = client.post(f"/challenges/{timed.published.id}/questions/{question.id}/answer",
                           data={f"answer-{question.id}-answer": "  "})
    assert response.status_code == 400
    db.session.refresh(question)
    assert question.answer is None and outbox == []


def test_question_of_another_challenge_is_404(client, auth, timed):
    question = Question(challenge_id=timed.published.id, asker_id=timed.startup.id, body="質問")
    db.session.add(question)
    timed.draft.status = "published"
    db.session.commit()
    auth.login(timed.staff)
    response = client.post(f"/challenges/{timed.draft.id}/questions/{question.id}/answer",
                           data={f"answer-{question.id}-answer": "回答"})
    assert response.status_code == 404
