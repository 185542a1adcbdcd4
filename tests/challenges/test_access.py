"""Bureau isolation: each role against each challenge page and action."""

import io

import pytest

from pitch.extensions import db
from pitch.models import Challenge

ROLES = [None, "startup", "other_staff", "staff", "admin"]
PDF = b"%PDF-1.4\n%%EOF\n"


def _login(auth, cast, role):
    if role:
        auth.login(cast.user(role))


@pytest.mark.parametrize("role, draft_status, published_status", [
    (None, 404, 200), ("startup", 404, 200), ("other_staff", 404, 200),
    ("staff", 200, 200), ("admin", 200, 200),
])
def test_challenge_page(client, auth, cast, role, draft_status, published_status):
    _login(auth, cast, role)
    assert client.get(f"/challenges/{cast.draft.id}").status_code == draft_status
    assert client.get(f"/challenges/{cast.published.id}").status_code == published_status


@pytest.mark.parametrize("role, expected", [
    (None, 302), ("startup", 403), ("other_staff", 403), ("staff", 200), ("admin", 200),
])
@pytest.mark.parametrize("which", ["draft", "published"])
def test_edit_page(client, auth, cast, role, expected, which):
    _login(auth, cast, role)
    if role == "other_staff" and which == "draft":
        expected = 404  # another bureau's draft stays unmentioned, as on its page
    assert client.get(f"/challenges/{getattr(cast, which).id}/edit").status_code == expected


@pytest.mark.parametrize("role, expected, changed", [
    (None, 302, False), ("startup", 403, False), ("other_staff", 404, False),
    ("staff", 302, True), ("admin", 302, True),
])
def test_edit_action(client, auth, cast, role, expected, changed):
    _login(auth, cast, role)
    response = client.post(f"/challenges/{cast.draft.id}/edit",
                           data={"title": "書き換え", "summary": "概要"})
    assert response.status_code == expected
    db.session.refresh(cast.draft)
    assert (cast.draft.title == "書き換え") is changed


@pytest.mark.parametrize("role, expected, published", [
    (None, 302, False), ("startup", 403, False), ("other_staff", 404, False),
    ("staff", 302, True), ("admin", 302, True),
])
def test_publish(client, auth, cast, role, expected, published):
    _login(auth, cast, role)
    assert client.post(f"/challenges/{cast.draft.id}/publish").status_code == expected
    db.session.refresh(cast.draft)
    assert (cast.draft.status == "published") is published
    assert (cast.draft.published_at is not None) is published


@pytest.mark.parametrize("role, expected, closed", [
    (None, 302, False), ("startup", 403, False), ("other_staff", 403, False),
    ("staff", 302, True), ("admin", 302, True),
])
def test_close(client, auth, cast, role, expected, closed):
    _login(auth, cast, role)
    assert client.post(f"/challenges/{cast.published.id}/close").status_code == expected
    db.session.refresh(cast.published)
    assert (cast.published.status == "closed") is closed


@pytest.mark.parametrize("role, expected, attached", [
    (None, 302, 0), ("startup", 403, 0), ("other_staff", 404, 0), ("staff", 302, 1),
    ("admin", 302, 1),
])
def test_attach(client, auth, cast, role, expected, attached):
    _login(auth, cast, role)
    response = client.post(f"/challenges/{cast.draft.id}/attachments",
                           data={"file": (io.BytesIO(PDF), "資料.pdf")})
    assert response.status_code == expected
    db.session.refresh(cast.draft)
    assert len(cast.draft.attachments) == attached


@pytest.mark.parametrize("role, expected", [
    (None, 302), ("startup", 403), ("other_staff", 200), ("staff", 200), ("admin", 200),
])
def test_manage_list_shows_only_own_bureau(client, auth, cast, role, expected):
    _login(auth, cast, role)
    response = client.get("/challenges/manage")
    assert response.status_code == expected
    if expected == 200:
        sees_draft = "下書きの課題" in response.get_data(as_text=True)
        assert sees_draft is (role in ("staff", "admin"))


def test_published_draft_edit_publish_and_close_of_a_closed_challenge(client, auth, cast):
    auth.login(cast.staff)
    client.post(f"/challenges/{cast.published.id}/close")
    assert client.get(f"/challenges/{cast.published.id}/edit").status_code == 403
    assert client.post(f"/challenges/{cast.published.id}/close").status_code == 403
    # A closed challenge stays public.
    auth.logout()
    assert client.get(f"/challenges/{cast.published.id}").status_code == 200


def test_staff_create_in_their_own_bureau_only(client, auth, cast):
    auth.login(cast.staff)
    data = {"contest_id": cast.contest.id, "bureau_id": cast.other_staff.bureau_id,
            "title": "他局の課題", "summary": "概要"}
    assert client.post("/challenges/new", data=data).status_code == 400
    response = client.post("/challenges/new", data=dict(data, bureau_id=cast.bureau.id,
                                                         title="自局の課題"))
    assert response.status_code == 302
    created = db.session.scalars(db.select(Challenge).where(Challenge.title == "自局の課題")).one()
    assert (created.status, created.bureau_id, created.created_by_id) == (
        "draft", cast.bureau.id, cast.staff.id)
    assert db.session.scalars(db.select(Challenge).where(
        Challenge.title == "他局の課題")).first() is None


@pytest.mark.parametrize("role, expected", [
    (None, 302), ("startup", 403), ("staff", 200), ("admin", 200),
])
def test_new_page(client, auth, cast, role, expected):
    _login(auth, cast, role)
    assert client.get("/challenges/new").status_code == expected


def test_no_challenges_in_a_contest_past_opening(client, auth, cast):
    cast.contest.state = "screening"
    db.session.commit()
    auth.login(cast.staff)
    assert client.get(f"/challenges/{cast.published.id}/edit").status_code == 403
    data = {"contest_id": cast.contest.id, "bureau_id": cast.bureau.id, "title": "遅い課題",
            "summary": "概要"}
    assert client.post("/challenges/new", data=data).status_code == 400


def test_missing_challenge_is_404(client, auth, cast):
    auth.login(cast.admin)
    assert client.get("/challenges/9999").status_code == 404
    assert client.get("/challenges/9999/edit").status_code == 404
    assert client.post("/challenges/9999/publish").status_code == 404


def test_refused_edit_keeps_what_was_typed_and_changes_nothing(client, auth, cast):
    auth.login(cast.staff)
    response = client.post(f"/challenges/{cast.draft.id}/edit", data={
        "title": "", "summary": "書きかけの概要", "data_links": "javascript:alert(1)"})
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert "書きかけの概要" in page
    assert "「javascript:alert(1)」は http(s) のリンクではありません。" in page
    db.session.refresh(cast.draft)
    assert cast.draft.title == "下書きの課題"


def test_edit_normalises_tags_and_links(client, auth, cast):
    auth.login(cast.staff)
    client.post(f"/challenges/{cast.draft.id}/edit", data={
        "title": "課題", "summary": "概要", "tags": " 防災、AI , 防災,, ",
        "data_links": "https://a.example.jp/x\n\n  https://b.example.jp/y  ",
        "budget_yen": "5000000"})
    db.session.refresh(cast.draft)
    assert cast.draft.tags == "防災,AI"
    assert cast.draft.data_links == "https://a.example.jp/x\nhttps://b.example.jp/y"
    assert cast.draft.budget_yen == 5_000_000


def test_secretariat_creates_for_any_bureau(client, auth, cast):
    auth.login(cast.admin)
    response = client.post("/challenges/new", data={
        "contest_id": cast.contest.id, "bureau_id": cast.other_staff.bureau_id,
        "title": "事務局が登録した課題", "summary": "概要"})
    assert response.status_code == 302
    created = db.session.scalars(db.select(Challenge).where(
        Challenge.title == "事務局が登録した課題")).one()
    assert created.bureau_id == cast.other_staff.bureau_id
