"""A NUL character anywhere in a request is refused with a clear 400 and writes nothing.

PostgreSQL cannot store NUL in text: before the guard, a search for "%00" ended in a 500 there
(found by the API's schemathesis run), and a form field holding one would have too.
"""

import io
import os

import pytest

from pitch.extensions import db
from pitch.models import Pitch, Question
from tests.api.conftest import bearer
from tests.challenges.conftest import add_challenge
from tests.factories import make_bureau, make_contest, make_user

MESSAGE_JA = "NUL文字（U+0000）が含まれています"


@pytest.mark.parametrize("path", ["/challenges?q=%00", "/challenges?q=a%00b&page=1",
                                  "/challenges?%00=1", "/challenges/%00"])
def test_a_page_request_with_nul_is_refused_in_the_users_language(client, path):
    response = client.get(path)
    assert response.status_code == 400
    assert MESSAGE_JA in response.get_data(as_text=True)


def test_an_api_search_with_nul_gets_the_api_error_shape(client):
    response = client.get("/api/v1/challenges?q=%00")
    assert response.status_code == 400
    error = response.get_json()["error"]
    assert error["code"] == "bad_request" and MESSAGE_JA in error["message"]


def test_a_json_body_with_nul_is_refused_before_anything_else(client, app):
    judge = make_user("expert")
    headers = bearer(judge)
    response = client.put("/api/v1/judging/rounds/1/pitches/1/scorecard", headers=headers,
                          json={"feedback": "良い\u0000提案", "scores": {"a": 1}})
    assert response.status_code == 400
    assert "NUL" in response.get_json()["error"]["message"]


def test_a_form_field_with_nul_is_refused_and_nothing_is_written(client, auth, app):
    challenge = add_challenge(make_contest(state="open"), make_bureau(), "published",
                              title="公開中の課題")
    asker = make_user("startup")
    db.session.commit()
    auth.login(asker)
    response = client.post(f"/challenges/{challenge.id}/questions",
                           data={"body": "質問\u0000です"})
    assert response.status_code == 400
    assert MESSAGE_JA in response.get_data(as_text=True)
    assert db.session.scalar(db.select(db.func.count(Question.id))) == 0
    # The same question without the NUL goes through.
    assert client.post(f"/challenges/{challenge.id}/questions",
                       data={"body": "質問です"}).status_code == 302


def test_an_upload_whose_file_name_holds_nul_is_refused(client, auth, app, app_config):
    challenge = add_challenge(make_contest(state="open"), make_bureau(), "published",
                              title="公開中の課題")
    auth.login(make_user("startup"))
    response = client.post(f"/challenges/{challenge.id}/pitch", data={
        "title": "提案", "deck": (io.BytesIO(b"%PDF-1.4"), "deck\u0000.pdf")},
        content_type="multipart/form-data")
    assert response.status_code == 400
    assert MESSAGE_JA in response.get_data(as_text=True)
    assert db.session.scalar(db.select(db.func.count(Pitch.id))) == 0
    assert not any(os.scandir(app_config["UPLOAD_FOLDER"]))
