"""Logged-in pages served from the cache (the judge's dashboard, a round's results): after
any change a second worker commits, each person's page equals the page an app without caches
renders, and nobody is ever served someone else's copy.

The worker under test keeps its caches; a second app on the same database, with every cache
at size 0, makes each change and renders the truth.
"""

import re

import pytest

from pitch.extensions import db
from pitch.judging import routes_judge
from pitch.models import (
    Challenge,
    Conflict,
    Contest,
    PanelMember,
    Pitch,
    Round,
    Scorecard,
    Startup,
    User,
)
from pitch.models.types import utcnow
from pitch.results.operations import add_award, publish
from tests.conftest import make_app
from tests.factories import PASSWORD
from tests.results.world import build_world, enter

INVITED_JA = "このコンテストの審査員に招待されています"
TOKEN = re.compile(r'(name="csrf_token"[^>]*value=")[^"]+(")')
NO_CACHES = {"PERSONAL_CACHE_SIZE": 0, "PAGES_CACHE_SIZE": 0, "ROUNDS_CACHE_SIZE": 0}


def _log_in(app, email: str):
    client = app.test_client()
    assert client.post("/auth/login", data={"email": email, "password": PASSWORD}
                       ).status_code == 302
    return client


def _page(client, path: str) -> tuple[int, str]:
    response = client.get(path)
    return response.status_code, TOKEN.sub(r"\1TOKEN\2", response.get_data(as_text=True))


def _personal_cached(app) -> int:
    return len(app.extensions.get("pitch_caches", {}).get("personal", ()))


@pytest.fixture
def scene(app, app_config):
    world = build_world()
    for judge in world.judges:
        db.session.add(PanelMember(contest_id=world.contest.id, user_id=judge.id,
                                   status="accepted", accepted_at=utcnow(),
                                   conflicts_declared_at=utcnow()))
    enter(world.final, world.judges, world.a, world.c)  # a final still to be scored
    world.final.state = "open"
    # The second judge sees one pitch fewer than the first: their pages must differ.
    db.session.add(Conflict(contest_id=world.contest.id, judge_id=world.judges[1].id,
                            startup_id=world.c.startup_id, kind="advisor",
                            declared_by_id=world.judges[1].id))
    db.session.commit()
    screening, final = f"/results/round/{world.screening.id}", f"/results/round/{world.final.id}"
    readers = [(world.judges[0], "/judging/"), (world.judges[1], "/judging/"),
               (world.admin, screening), (world.admin, f"{screening}?method=median"),
               (world.admin, final), (world.bureau_x, screening), (world.bureau_y, screening)]
    truth = make_app(dict(app_config, **NO_CACHES))
    cached_clients = {user.email: _log_in(app, user.email) for user, _ in readers}
    true_clients = {user.email: _log_in(truth, user.email) for user, _ in readers}
    ids = {"judge 1": world.judges[0].id, "judge 2": world.judges[1].id,
           "bureau x": world.bureau_x.id, "bureau y": world.bureau_y.id,
           "bureau x id": world.bureau_x.bureau_id}
    return world, [(cached_clients[u.email], true_clients[u.email], path) for u, path in readers
                   ], truth, ids


def _change(truth, action, ids=None) -> None:
    with truth.app_context():
        action(ids)
        db.session.commit()
        db.session.remove()


def _rename_pitch(_ids):
    db.session.scalar(db.select(Pitch).where(Pitch.title == "Shelter map")).title = "避難所マップ"


def _rename_round(_ids):
    db.session.scalar(db.select(Round).where(Round.number == 1)).name_ja = "書類審査（改）"


def _close_final(_ids):
    db.session.scalar(db.select(Round).where(Round.number == 2)).state = "closed"


def _rename_contest(_ids):
    db.session.scalar(db.select(Contest)).title_ja = "改名したコンテスト"


def _switch_method(_ids):
    db.session.scalar(db.select(Contest)).method = "median"


def _rename_startup(_ids):
    startup = db.session.scalar(db.select(Startup).where(Startup.id == db.select(
        Pitch.startup_id).where(Pitch.title == "Drone survey").scalar_subquery()))
    startup.name = "空撮ラボ"


def _submit_draft(_ids):
    db.session.scalar(db.select(Scorecard).where(Scorecard.status == "draft")).status = \
        "submitted"


def _first_judge(name: str) -> User:
    return db.session.scalar(db.select(User).where(User.name == name))


def _conflict_first_judge(_ids):
    judge, pitch = _first_judge("Judge Name 1"), db.session.scalar(
        db.select(Pitch).where(Pitch.title == "Drone survey"))
    db.session.add(Conflict(contest_id=db.session.scalar(db.select(Contest.id)),
                            judge_id=judge.id, startup_id=pitch.startup_id, kind="advisor",
                            declared_by_id=judge.id))


def _membership(user_id: int) -> PanelMember:
    return db.session.scalar(db.select(PanelMember).where(PanelMember.user_id == user_id))


def _undeclare_first_judge(ids):
    _membership(ids["judge 1"]).conflicts_declared_at = None


def _reinvite_first_judge(ids):
    _membership(ids["judge 1"]).status = "invited"


def _remove_second_judge(ids):
    _membership(ids["judge 2"]).status = "removed"


def _move_bureau_y_staff_to_x(ids):
    db.session.get(User, ids["bureau y"]).bureau_id = ids["bureau x id"]


def _make_bureau_x_staff_secretariat(ids):
    db.session.get(User, ids["bureau x"]).role = "admin"


def _publish_screening(_ids):
    admin = db.session.scalar(db.select(User).where(User.role == "admin"))
    publish(db.session.scalar(db.select(Round).where(Round.number == 1)), "mean", admin)


def _give_award(_ids):
    contest = db.session.scalar(db.select(Contest))
    pitch = db.session.scalar(db.select(Pitch).where(Pitch.title == "Drone survey"))
    add_award(contest, pitch.id, "最優秀賞", "Grand prize")


def _rename_publisher(_ids):
    db.session.scalar(db.select(User).where(User.role == "admin")).name = "事務局（改）"


def _move_flood_alerts_to_bureau_x(_ids):
    """Bureau Y's only pitch of the round goes to bureau X's challenge: Y may no longer look."""
    pitch = db.session.scalar(db.select(Pitch).where(Pitch.title == "Flood alerts"))
    pitch.challenge_id = db.session.scalar(db.select(Challenge.id).where(
        Challenge.bureau_id != db.select(Challenge.bureau_id)
        .where(Challenge.id == pitch.challenge_id).scalar_subquery()))


# Each one changes at least one reader's page (checked below), or it would test nothing.
CHANGES = [_rename_pitch, _rename_round, _close_final, _rename_contest, _switch_method,
           _rename_startup, _submit_draft, _conflict_first_judge, _undeclare_first_judge,
           _reinvite_first_judge, _remove_second_judge, _publish_screening, _give_award,
           _rename_publisher, _move_flood_alerts_to_bureau_x, _move_bureau_y_staff_to_x,
           _make_bureau_x_staff_secretariat]


def test_every_page_equals_a_fresh_render_after_each_change(app, scene):
    _world, readers, truth, ids = scene
    for cached, true, path in readers:
        assert _page(cached, path) == _page(true, path), path
    stored = _personal_cached(app)
    assert stored == len(readers)
    for cached, _true, path in readers:
        assert _page(cached, path)[0] == 200
    assert _personal_cached(app) == stored  # all served from the cache
    before = [_page(true, path) for _cached, true, path in readers]
    for change in CHANGES:
        _change(truth, change, ids)
        after = [_page(true, path) for _cached, true, path in readers]
        assert after != before, f"{change.__name__} changed no page"
        for (cached, _true, path), true_page in zip(readers, after, strict=True):
            assert _page(cached, path) == true_page, (change.__name__, path)
        before = after


def test_the_changes_are_seen_on_the_pages(app, scene):
    """The comparison above must compare pages that change: spot-check that they do."""
    world, readers, truth, _ids = scene
    judge_client, bureau_y_client = readers[0][0], readers[-1][0]
    screening = f"/results/round/{world.screening.id}"
    assert "Drone survey" in _page(judge_client, "/judging/")[1]
    assert "Drone survey" not in _page(readers[1][0], "/judging/")[1]  # the second judge's own
    assert _page(bureau_y_client, screening)[0] == 200
    _change(truth, _conflict_first_judge)
    assert "Drone survey" not in _page(judge_client, "/judging/")[1]
    _change(truth, _move_flood_alerts_to_bureau_x)
    assert _page(bureau_y_client, screening)[0] == 403
    _change(truth, _give_award)
    assert "最優秀賞" in _page(readers[4][0], f"/results/round/{world.final.id}")[1]


def test_a_flash_message_is_shown_not_cached(app, scene):
    _world, readers, _truth, _ids = scene
    judge_client = readers[0][0]
    _page(judge_client, "/judging/")
    assert "お知らせのテスト" not in _page(judge_client, "/judging/")[1]  # from the cache
    with judge_client.session_transaction() as session:
        session["_flashes"] = [("info", "お知らせのテスト")]
    assert "お知らせのテスト" in _page(judge_client, "/judging/")[1]
    assert "お知らせのテスト" not in _page(judge_client, "/judging/")[1]


def test_an_ended_session_is_not_served_the_cached_page(app, scene):
    world, readers, truth, _ids = scene
    judge_client = readers[0][0]
    assert _page(judge_client, "/judging/")[0] == 200

    def end_sessions(_ids):
        db.session.get(User, world.judges[0].id).session_version += 1

    _change(truth, end_sessions)
    response = judge_client.get("/judging/")
    assert response.status_code == 302 and "/auth/login" in response.location


def test_each_user_gets_a_working_csrf_token_of_their_own(app_config, scene):
    world, _readers, _truth, _ids = scene
    app = make_app(dict(app_config, WTF_CSRF_ENABLED=True))
    db.session.get(PanelMember, db.session.scalar(db.select(PanelMember.id).where(
        PanelMember.user_id == world.judges[0].id))).status = "invited"
    db.session.commit()
    client = app.test_client()
    login_page = client.get("/auth/login").get_data(as_text=True)
    token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', login_page).group(1)
    assert client.post("/auth/login", data={"email": world.judges[0].email,
                                            "password": PASSWORD,
                                            "csrf_token": token}).status_code == 302
    client.get("/judging/")
    page = client.get("/judging/").get_data(as_text=True)  # from the cache
    assert _personal_cached(app) == 1 and "pitch-csrf-token-slot" not in page
    token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', page).group(1)
    accepted = client.post(f"/judging/contests/{world.contest.id}/accept",
                           data={"csrf_token": token})
    assert accepted.status_code == 302
    assert db.session.scalar(db.select(PanelMember.status).where(
        PanelMember.user_id == world.judges[0].id)) == "accepted"


def test_a_language_switch_gets_the_page_in_the_new_language(app, scene):
    _world, readers, _truth, _ids = scene
    (cached, true, path), (admin_cached, admin_true, results) = readers[0], readers[2]
    for client, page in ((cached, path), (admin_cached, results)):
        assert "採点" in _page(client, page)[1]
        client.post("/language", data={"language": "en", "next": page})
    for client, reference, page in ((cached, true, path), (admin_cached, admin_true, results)):
        reference.post("/language", data={"language": "en", "next": page})
        english = _page(client, page)
        assert english == _page(reference, page) and 'lang="en"' in english[1]


def test_a_request_with_unsaved_changes_neither_reads_nor_fills_the_cache(app, scene,
                                                                         monkeypatch):
    """A change not yet committed is in no version: the page must be rendered, not served
    from the cache nor stored in it."""
    _world, readers, _truth, ids = scene
    judge_client = readers[0][0]
    real_work_of = routes_judge.work_of

    def work_of_while_writing(user, contests):
        user.name = "書きかけの名前"  # pending in the request's session, never committed
        return real_work_of(user, contests)

    monkeypatch.setattr(routes_judge, "work_of", work_of_while_writing)
    assert _page(judge_client, "/judging/")[0] == 200
    assert _personal_cached(app) == 0  # rendered while the session held a change: not kept
    monkeypatch.undo()
    assert INVITED_JA not in _page(judge_client, "/judging/")[1]
    assert _personal_cached(app) == 1
    real_loader = app.login_manager._user_callback

    def load_user_and_reinvite(user_id):
        user = real_loader(user_id)
        _membership(ids["judge 1"]).status = "invited"  # pending before the view
        return user

    monkeypatch.setattr(app.login_manager, "_user_callback", load_user_and_reinvite)
    assert INVITED_JA in _page(judge_client, "/judging/")[1]  # not the stored page
    monkeypatch.undo()
    assert INVITED_JA not in _page(judge_client, "/judging/")[1]  # rolled back, as it was


def test_only_the_query_arguments_a_view_reads_are_cached(app, scene):
    """Made-up queries could otherwise push everyone's pages out of the cache."""
    world, readers, _truth, _ids = scene
    judge_client, admin_client = readers[0][0], readers[2][0]
    for n in range(3):
        assert _page(judge_client, f"/judging/?n={n}")[0] == 200
        assert _page(admin_client, f"/results/round/{world.screening.id}?junk={n}")[0] == 200
    assert _personal_cached(app) == 0
    _page(admin_client, f"/results/round/{world.screening.id}?method=median&page=1")
    _page(judge_client, "/judging/")
    assert _personal_cached(app) == 2
