"""With CSRF on, as in production: every form of the area carries a working token."""

import re

from pitch.extensions import db
from pitch.models import Question
from tests.challenges.conftest import add_challenge
from tests.conftest import make_app
from tests.factories import PASSWORD, make_bureau, make_contest, make_user


def _token(page: str, name: str) -> str:
    return re.search(rf'name="{re.escape(name)}"[^>]*value="([^"]+)"', page).group(1)


def test_question_answer_and_rubric_forms_work_with_csrf(app, app_config):
    """``app`` is requested for its teardown, which empties the tables this test fills."""
    csrf_app = make_app(dict(app_config, WTF_CSRF_ENABLED=True))
    with csrf_app.app_context():
        bureau = make_bureau()
        contest = make_contest(state="open")
        challenge = add_challenge(contest, bureau)
        asker, staff = make_user("startup"), make_user("bureau", bureau=bureau)
        admin = make_user("admin")
        db.session.commit()
        client = csrf_app.test_client()

        def login(user):
            page = client.get("/").get_data(as_text=True)
            client.post("/auth/logout", data={"csrf_token": _token(page, "csrf_token")})
            page = client.get("/auth/login").get_data(as_text=True)
            client.post("/auth/login", data={"email": user.email, "password": PASSWORD,
                                             "csrf_token": _token(page, "csrf_token")})

        login(asker)
        page = client.get(f"/challenges/{challenge.id}").get_data(as_text=True)
        response = client.post(f"/challenges/{challenge.id}/questions", data={
            "body": "質問", "csrf_token": _token(page, "csrf_token")})
        assert response.status_code == 302
        question = db.session.scalars(db.select(Question)).one()

        login(staff)
        page = client.get(f"/challenges/{challenge.id}").get_data(as_text=True)
        prefix = f"answer-{question.id}-"
        response = client.post(
            f"/challenges/{challenge.id}/questions/{question.id}/answer",
            data={prefix + "answer": "回答",
                  prefix + "csrf_token": _token(page, prefix + "csrf_token")})
        assert response.status_code == 302
        db.session.refresh(question)
        assert question.answer == "回答"

        login(admin)
        url = f"/contests/manage/{contest.id}/rounds/{contest.rounds[0].id}/rubric"
        page = client.get(url).get_data(as_text=True)
        data = {"csrf_token": _token(page, "csrf_token"), "name_ja": "書類審査",
                "name_en": "Screening", "criteria-0-key": "novelty",
                "criteria-0-label_ja": "新規性", "criteria-0-label_en": "Novelty",
                "criteria-0-weight": "2", "criteria-0-min_score": "1",
                "criteria-0-max_score": "5"}
        assert client.post(url, data=data).status_code == 302
        db.session.remove()
