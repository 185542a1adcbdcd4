"""Changing a sent answer e-mails the asker again, in the asker's language; the same text,
saved again, sends nothing."""

import pytest

from pitch.extensions import db
from pitch.models import Question
from tests.factories import make_user


@pytest.fixture
def answered(cast):
    cast.teammate = make_user("startup", startup=cast.startup.startup)
    question = Question(challenge_id=cast.published.id, asker_id=cast.startup.id, body="質問",
                        answer="最初の回答", answered_by_id=cast.staff.id)
    db.session.add(question)
    db.session.commit()
    cast.question = question
    return cast


def _answer(client, cast, text):
    question = cast.question
    return client.post(f"/challenges/{cast.published.id}/questions/{question.id}/answer",
                       data={f"answer-{question.id}-answer": text}, follow_redirects=True)


def test_a_changed_answer_tells_only_the_asker_that_it_was_updated(client, auth, answered,
                                                                   outbox):
    auth.login(answered.staff)
    page = client.get(f"/challenges/{answered.published.id}").get_data(as_text=True)
    assert "回答を変更すると、質問者（質問者本人のみ）に" in page
    response = _answer(client, answered, "**改訂した**回答")
    assert "回答を更新しました。質問者にメールでお知らせします。" in response.get_data(as_text=True)
    assert [mail.to for mail in outbox] == [answered.startup.email]
    assert "回答が更新されました" in outbox[0].subject and "公開中の課題" in outbox[0].subject
    assert f"#question-{answered.question.id}" in outbox[0].body
    db.session.refresh(answered.question)
    assert answered.question.answer == "**改訂した**回答"


def test_the_update_mail_is_in_the_askers_language(client, auth, answered, outbox):
    answered.startup.locale = "en"
    answered.published.title_en = "Shelter crowding"
    db.session.commit()
    auth.login(answered.admin)
    _answer(client, answered, "A better answer")
    assert [mail.subject for mail in outbox] == [
        "The answer to your question on “Shelter crowding” has been updated"]
    assert "updated its answer" in outbox[0].body


@pytest.mark.parametrize("text", ["最初の回答", "  最初の回答\n"])
def test_saving_the_same_answer_sends_nothing(client, auth, answered, outbox, text):
    before = answered.question.answered_at
    auth.login(answered.staff)
    response = _answer(client, answered, text)
    assert "回答に変更はありません。メールは送信されません。" in response.get_data(as_text=True)
    assert outbox == []
    db.session.refresh(answered.question)
    assert answered.question.answered_at == before


def test_an_inactive_asker_is_not_mailed(client, auth, answered, outbox):
    answered.startup.active = False
    db.session.commit()
    auth.login(answered.staff)
    _answer(client, answered, "改訂した回答")
    assert outbox == []


def test_a_refused_update_keeps_the_old_answer_and_sends_nothing(client, auth, answered,
                                                                 outbox):
    auth.login(answered.staff)
    question = answered.question
    response = client.post(f"/challenges/{answered.published.id}/questions/{question.id}/answer",
                           data={f"answer-{question.id}-answer": "長" * 5001})
    assert response.status_code == 400 and "長" * 5001 in response.get_data(as_text=True)
    db.session.refresh(question)
    assert question.answer == "最初の回答" and outbox == []
