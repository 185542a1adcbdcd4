"""Who sees a question before and after it is answered: the asker's team, the bureau and the
secretariat see it at once; everyone sees it once answered, without the asker's name."""

import pytest

from pitch.extensions import db
from pitch.models import Question
from tests.factories import make_user

BODY = "未回答の質問です"
ANSWER = "回答はこちらです"
# role → sees the unanswered question
BEFORE = {"asker": True, "teammate": True, "staff": True, "admin": True,
          "other_startup": False, "other_staff": False, None: False}


@pytest.fixture
def asked(cast):
    cast.teammate = make_user("startup", startup=cast.startup.startup, name="同僚")
    question = Question(challenge_id=cast.published.id, asker_id=cast.startup.id, body=BODY)
    db.session.add(question)
    db.session.commit()
    cast.question = question
    return cast


def _user(cast, role):
    return cast.startup if role == "asker" else cast.user(role)


def _page(client, auth, cast, role) -> str:
    if role:
        auth.login(_user(cast, role))
    response = client.get(f"/challenges/{cast.published.id}")
    assert response.status_code == 200
    return response.get_data(as_text=True)


@pytest.mark.parametrize("role", BEFORE)
def test_an_unanswered_question_is_seen_by_the_askers_team_and_the_bureau(client, auth,
                                                                        asked, role):
    page = _page(client, auth, asked, role)
    assert (BODY in page) is BEFORE[role]
    if role in ("asker", "teammate"):
        assert "未回答（あなたのチームと局だけに表示されています）" in page
    if role in ("staff", "admin"):
        assert "未回答（質問者のチーム、局、事務局だけに表示されています）" in page


@pytest.mark.parametrize("role", BEFORE)
def test_an_answered_question_is_seen_by_everyone_without_the_asker(client, auth, asked,
                                                                   role):
    asked.question.answer = ANSWER
    asked.question.answered_by_id = asked.staff.id
    db.session.commit()
    page = _page(client, auth, asked, role)
    assert BODY in page and ANSWER in page
    if role != "asker":  # the menu names the person logged in
        assert asked.startup.name not in page and asked.startup.email not in page
