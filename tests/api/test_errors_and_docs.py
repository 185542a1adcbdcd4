"""One error shape everywhere under /api/; the generated description and its page."""

import pytest

from tests.api.conftest import API


def _error(response) -> dict:
    body = response.get_json()
    assert set(body) == {"error"}
    assert set(body["error"]) == {"code", "message", "details"}
    assert isinstance(body["error"]["message"], str) and body["error"]["message"]
    return body["error"]


@pytest.mark.parametrize(("method", "path", "status", "code"), [
    ("get", "/nowhere", 404, "not_found"),
    ("get", "/contests/999999", 404, "not_found"),
    ("delete", "/contests", 405, "method_not_allowed"),
    ("get", "/challenges?per_page=500", 422, "unprocessable_entity"),
    ("get", "/judging/assignments", 401, "unauthorized"),
])
def test_error_shape(client, app, method, path, status, code):
    response = getattr(client, method)(API + path)
    assert response.status_code == status
    assert response.is_json
    assert _error(response)["code"] == code


def test_405_keeps_the_allow_header(client, app):
    response = client.delete(f"{API}/contests")
    assert "GET" in response.headers["Allow"]


def test_422_details_name_the_field(client, app):
    details = _error(client.get(f"{API}/challenges?per_page=500"))["details"]
    assert list(details["query"]) == ["per_page"]


def test_html_pages_keep_html_errors(client, app):
    response = client.get("/challenges/999999")
    assert response.status_code == 404 and response.mimetype == "text/html"


def test_description_is_openapi_3_with_every_route(client, app):
    description = client.get(f"{API}/openapi.json").get_json()
    assert description["openapi"] == "3.0.3"
    assert set(description["paths"]) == {
        f"{API}{path}" for path in (
            "/contests", "/contests/{contest_id}", "/contests/{contest_id}/results",
            "/challenges", "/challenges/{challenge_id}", "/pilots", "/judging/assignments",
            "/judging/rounds/{round_id}/pitches/{pitch_id}",
            "/judging/rounds/{round_id}/pitches/{pitch_id}/scorecard",
            "/rounds/{round_id}/results", "/rounds/{round_id}/scores")}
    assert description["components"]["securitySchemes"]["bearerAuth"]["scheme"] == "bearer"
    error = description["components"]["schemas"]["Error"]
    assert error["required"] == ["error"]
    put = description["paths"][f"{API}/judging/rounds/{{round_id}}/pitches/{{pitch_id}}/scorecard"]
    assert put["put"]["security"] == [{"bearerAuth": []}]


def test_docs_page_renders_the_description(client, app):
    response = client.get(f"{API}/docs")
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert "GET /api/v1/challenges" in page and "PUT /api/v1/judging" in page
    assert 'id="schema-ScorecardInput"' in page
    assert "<script>" not in page
    assert "APIドキュメント" in page


def test_every_text_of_the_description_is_listed_and_translated(client, app):
    from flask_babel import force_locale, gettext

    from pitch.api.docs import description_texts
    from pitch.api.texts import TEXTS

    description = client.get(f"{API}/openapi.json").get_json()
    texts = description_texts(description)
    assert texts - TEXTS == set(), "add these to pitch/api/texts.py and their Japanese"
    assert TEXTS - texts == set(), "texts no longer in the description"
    with app.test_request_context(), force_locale("ja"):
        untranslated = {text for text in texts if gettext(text) == text}
    assert untranslated == set()


def test_docs_page_is_japanese_and_lists_only_used_schemas(client, app):
    page = client.get(f"{API}/docs").get_data(as_text=True)
    assert "公開中のコンテスト（新しい順）。" in page
    assert "Contests open to the public" not in page
    assert 'id="schema-PaginationMetadata"' not in page
    assert 'id="schema-Error"' in page
