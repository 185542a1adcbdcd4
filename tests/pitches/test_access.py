"""Who sees what: every role against every pitch page, and the deck download."""

import pytest

from pitch.extensions import db
from pitch.models import Assignment, Pitch
from tests.factories import make_pitch, make_user
from tests.pitches.conftest import PDF

ROLES = ("anonymous", "member", "other_startup", "owning_bureau", "other_bureau", "admin",
         "assigned_judge", "unassigned_judge")


@pytest.fixture
def world(app, challenge, uploads):
    """A submitted pitch with a deck, a draft of another startup, and one user per role."""
    from pathlib import Path

    folder = Path(app.config["UPLOAD_FOLDER"])
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "deck.pdf").write_bytes(PDF)
    pitch = make_pitch(challenge, deck_stored_name="deck.pdf", deck_original_name="資料.pdf",
                       deck_size=len(PDF))
    draft = make_pitch(challenge, status="draft", deck_stored_name="deck.pdf",
                       deck_original_name="資料.pdf", deck_size=len(PDF))
    users = {
        "member": make_user("startup", startup=pitch.startup),
        "other_startup": make_user("startup", startup=draft.startup),
        "owning_bureau": make_user("bureau", bureau=challenge.bureau),
        "other_bureau": make_user("bureau"),
        "admin": make_user("admin"),
        "assigned_judge": make_user("expert"),
        "unassigned_judge": make_user("expert"),
    }
    for target in (pitch, draft):
        db.session.add(Assignment(round_id=challenge.contest.rounds[0].id,
                                  judge_id=users["assigned_judge"].id, pitch_id=target.id))
    db.session.commit()
    return {"pitch": pitch, "draft": draft, "users": users}


def _as(client, auth, world, role):
    if role != "anonymous":
        auth.login(world["users"][role])


# 302: to the login page; 404: the pitch's existence is not revealed; 403: seen, not yours.
# Judges, assigned or not, read pitches through the judging pages only (tests/judging).
SUBMITTED = {
    "":         dict(anonymous=302, member=200, other_startup=404, owning_bureau=200,
                     other_bureau=404, admin=200, assigned_judge=404, unassigned_judge=404),
    "/deck":    dict(anonymous=302, member=200, other_startup=404, owning_bureau=200,
                     other_bureau=404, admin=200, assigned_judge=404, unassigned_judge=404),
    "/edit":    dict(anonymous=302, member=200, other_startup=404, owning_bureau=403,
                     other_bureau=403, admin=403, assigned_judge=403, unassigned_judge=403),
    "/history": dict(anonymous=302, member=200, other_startup=404, owning_bureau=403,
                     other_bureau=404, admin=200, assigned_judge=404, unassigned_judge=404),
    "/withdraw": dict(anonymous=302, member=200, other_startup=404, owning_bureau=403,
                      other_bureau=403, admin=403, assigned_judge=403, unassigned_judge=403),
}
# Bureaus and judges never see drafts; the team and the secretariat do. The draft belongs
# to "other_startup", so here "member" is the outsider.
DRAFT = {
    "":      dict(anonymous=302, member=404, other_startup=200, owning_bureau=404,
                  other_bureau=404, admin=200, assigned_judge=404, unassigned_judge=404),
    "/deck": dict(anonymous=302, member=404, other_startup=200, owning_bureau=404,
                  other_bureau=404, admin=200, assigned_judge=404, unassigned_judge=404),
}


CASES = [(which, suffix, role, expected)
         for which, table in (("pitch", SUBMITTED), ("draft", DRAFT))
         for suffix, by_role in table.items() for role, expected in by_role.items()]


@pytest.mark.parametrize(("which", "suffix", "role", "expected"), CASES)
def test_pitch_pages(client, auth, world, which, suffix, role, expected):
    _as(client, auth, world, role)
    response = client.get(f"/pitches/{world[which].id}{suffix}")
    response.close()
    assert response.status_code == expected


def test_a_missing_pitch_is_404(client, auth, world):
    auth.login(world["users"]["admin"])
    assert client.get("/pitches/999999").status_code == 404


LISTS = dict(anonymous=302, member=403, other_startup=403, owning_bureau=200, other_bureau=403,
             admin=200, assigned_judge=403, unassigned_judge=403)


@pytest.mark.parametrize("role", ROLES)
def test_received_list_of_a_challenge(client, auth, world, role, challenge):
    _as(client, auth, world, role)
    response = client.get(f"/challenges/{challenge.id}/pitches")
    assert response.status_code == LISTS[role]


def test_the_bureau_sees_its_submitted_pitches_only(client, auth, world, challenge):
    elsewhere = make_pitch(title="他局の提案")
    db.session.commit()
    auth.login(world["users"]["owning_bureau"])
    for url in ("/pitches/received", f"/challenges/{challenge.id}/pitches",
                f"/challenges/{challenge.id}/pitches?status=all"):
        page = client.get(url).get_data(as_text=True)
        assert world["pitch"].title in page
        assert world["draft"].title not in page and elsewhere.title not in page


def test_the_admin_sees_everything_on_request(client, auth, world):
    auth.login(world["users"]["admin"])
    page = client.get("/pitches/received").get_data(as_text=True)
    assert world["pitch"].title in page and world["draft"].title not in page
    page = client.get("/pitches/received?status=all").get_data(as_text=True)
    assert world["pitch"].title in page and world["draft"].title in page


def test_the_bureau_view_is_read_only(client, auth, world):
    auth.login(world["users"]["owning_bureau"])
    pitch_id = world["pitch"].id
    page = client.get(f"/pitches/{pitch_id}").get_data(as_text=True)
    assert f"/pitches/{pitch_id}/edit" not in page and f"/pitches/{pitch_id}/deck" in page
    assert client.post(f"/pitches/{pitch_id}/edit", data={"title": "x"}).status_code == 403
    assert client.post(f"/pitches/{pitch_id}/withdraw").status_code == 403
    db.session.expire_all()
    assert db.session.get(Pitch, pitch_id).status == "submitted"


def test_another_startup_cannot_write_either(client, auth, world):
    auth.login(world["users"]["other_startup"])
    pitch_id = world["pitch"].id
    assert client.post(f"/pitches/{pitch_id}/edit", data={"title": "x"}).status_code == 404
    assert client.post(f"/pitches/{pitch_id}/withdraw").status_code == 404
    db.session.expire_all()
    assert db.session.get(Pitch, pitch_id).title != "x"


def test_the_challenge_page_button(client, auth, world, challenge):
    """The include the challenges area shows: start, edit, or nothing."""
    from flask import render_template_string

    template = '{% include "challenges/_actions.html" %}'
    with client.application.test_request_context():
        assert render_template_string(template, challenge=challenge).strip() == ""
    auth.login(world["users"]["member"])
    page = client.get(f"/challenges/{challenge.id}")
    if page.status_code == 200:  # once the challenges area is in
        assert f"/pitches/{world['pitch'].id}/edit" in page.get_data(as_text=True)
        auth.logout()
        auth.login(world["users"]["owning_bureau"])
        page = client.get(f"/challenges/{challenge.id}").get_data(as_text=True)
        assert f"/challenges/{challenge.id}/pitches" in page


def _queries_for(client, url: str) -> int:
    from sqlalchemy import event

    count = 0

    def counter(*_args):
        nonlocal count
        count += 1

    event.listen(db.engine, "before_cursor_execute", counter)
    try:
        assert client.get(url).status_code == 200
    finally:
        event.remove(db.engine, "before_cursor_execute", counter)
    return count


@pytest.mark.parametrize("url", ["/pitches/received", "/pitches/mine"])
def test_list_pages_do_not_query_per_pitch(client, auth, challenge, url):
    from tests.factories import make_challenge, make_startup

    startup = make_startup()
    user = make_user("admin") if "received" in url else make_user("startup", startup=startup)
    make_pitch(challenge, startup=startup)
    db.session.commit()
    auth.login(user)
    few = _queries_for(client, url)
    for _ in range(5):
        make_pitch(make_challenge(), startup=startup)
    db.session.commit()
    assert _queries_for(client, url) == few


def test_a_startup_website_that_is_not_a_web_address_is_not_a_link(client, auth, world):
    world["pitch"].startup.website = "javascript://example.jp/%0Aalert(1)"
    db.session.commit()
    auth.login(world["users"]["owning_bureau"])
    page = client.get(f"/pitches/{world['pitch'].id}").get_data(as_text=True)
    assert "javascript://example.jp" in page and 'href="javascript:' not in page
