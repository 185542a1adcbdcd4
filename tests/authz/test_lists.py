"""Lists and exports never include other parties' objects, for each kind of visitor.

Each check reads a list (page, CSV, JSON or API with the visitor's token) and looks for the
titles of objects the visitor may not see. Every check also looks for something the visitor
should see, so an empty or paginated-away list cannot pass by accident.
"""

import json

import pytest
from flask import url_for

from pitch.extensions import db
from pitch.models import (
    ApiToken,
    Assignment,
    Challenge,
    Contest,
    Pilot,
    Pitch,
    Round,
    Startup,
    User,
)
from tests.authz import world

LOGGED_IN = world.IDENTITIES[1:]


def _text(response) -> str:
    """The body as text; JSON is re-encoded, since the API escapes Japanese as \\uXXXX."""
    if response.is_json:
        return json.dumps(response.get_json(), ensure_ascii=False)
    return response.get_data(as_text=True)


def read(shared, identity: str, endpoint: str, *, token: bool = False, **values) -> str:
    """GET a list as the visitor (with their API token instead of the session if ``token``)."""
    with shared.app.test_request_context():
        url = url_for(endpoint, **values)
    if token:
        client = shared.app.test_client()
        secret = shared.tokens.get(identity)
        headers = {"Authorization": f"Bearer {secret}"} if secret else {}
        response = client.get(url, headers=headers)
    else:
        response = shared.client(identity).get(url)
    assert response.status_code == 200, (identity, url, response.status_code)
    return _text(response)


def query(shared, statement) -> set:
    with shared.app.app_context():
        found = set(db.session.scalars(statement))
        db.session.remove()
    return found


def pitch_titles(shared, *where) -> set[str]:
    return query(shared, db.select(Pitch.title).where(*where))


def assert_shows(text: str, shown: set[str], hidden: set[str]) -> None:
    assert shown, "nothing to look for: the check would prove nothing"
    assert not {title for title in shown if title not in text}, "missing from the list"
    leaked = {title for title in hidden if title in text}
    assert not leaked, f"other parties' objects listed: {leaked}"


DRAFTS_BY_TITLE = (world.DRAFT_X, world.DRAFT_Y)


@pytest.mark.parametrize("identity", world.IDENTITIES)
def test_public_challenge_lists_never_show_drafts(fresh_world, identity):
    drafts = query(fresh_world, db.select(Challenge.title).where(Challenge.status == "draft"))
    assert set(DRAFTS_BY_TITLE) <= drafts
    lists = [
        read(fresh_world, identity, "challenges.index", q="AUTHZ"),
        read(fresh_world, identity, "challenges.open_data_csv"),
        read(fresh_world, identity, "challenges.open_data_json"),
        read(fresh_world, identity, "public.Challenges", token=True, q="AUTHZ"),
    ]
    for text in lists:
        assert_shows(text, {world.OPEN_CHALLENGE}, drafts)


@pytest.mark.parametrize("identity, own, other", [
    ("bureau_x", world.DRAFT_X, world.DRAFT_Y),
    ("bureau_y", world.DRAFT_Y, world.DRAFT_X),
])
def test_a_bureau_manages_its_own_drafts_only(fresh_world, identity, own, other):
    bureau_id = fresh_world.people[identity].bureau_id
    others = query(fresh_world, db.select(Challenge.title).where(
        Challenge.bureau_id != bureau_id))
    assert other in others
    assert_shows(read(fresh_world, identity, "challenges.manage"), {own}, others)


def test_the_secretariat_manages_every_draft(fresh_world):
    assert_shows(read(fresh_world, "admin", "challenges.manage"), set(DRAFTS_BY_TITLE), set())


@pytest.mark.parametrize("identity", ["startup_a", "startup_b"])
def test_my_pitches_are_my_startups_only(fresh_world, identity):
    startup_id = fresh_world.people[identity].startup_id
    assert_shows(read(fresh_world, identity, "pitches.mine"),
                 pitch_titles(fresh_world, Pitch.startup_id == startup_id),
                 pitch_titles(fresh_world, Pitch.startup_id != startup_id))


@pytest.mark.parametrize("identity", ["bureau_x", "bureau_y"])
def test_a_bureau_receives_its_own_submitted_pitches_only(fresh_world, identity):
    bureau_id = fresh_world.people[identity].bureau_id
    ours = Pitch.challenge_id.in_(db.select(Challenge.id).where(Challenge.bureau_id == bureau_id))
    assert pitch_titles(fresh_world, Pitch.status == "draft"), "no draft to hide"
    assert_shows(read(fresh_world, identity, "pitches.received"),
                 pitch_titles(fresh_world, ours, Pitch.status == "submitted"),
                 pitch_titles(fresh_world, ~ours | (Pitch.status != "submitted")))


def _assigned(shared, identity: str) -> set[int]:
    return query(shared, db.select(Assignment.pitch_id).where(
        Assignment.judge_id == shared.people[identity].id))


def _conflicted(shared) -> set[int]:
    """Startup A's pitches: the conflicted judge declared a conflict with startup A after
    being assigned one of them, which the lists must leave out all the same."""
    return query(shared, db.select(Pitch.id).where(
        Pitch.startup_id == shared.people["startup_a"].startup_id))


@pytest.mark.parametrize("identity", ["judge", "conflicted_judge"])
def test_a_judge_lists_only_assigned_pitches_and_never_a_conflicted_one(fresh_world,
                                                                       identity):
    assigned = _assigned(fresh_world, identity)
    hidden = _conflicted(fresh_world) if identity == "conflicted_judge" else set()
    if identity == "conflicted_judge":
        assert assigned & hidden, "the world lost the assignment the conflict must hide"
    shown = assigned - hidden
    with fresh_world.app.app_context():
        titles = dict(db.session.execute(db.select(Pitch.id, Pitch.title)).all())
        db.session.remove()
    everything = set(titles)
    assert_shows(read(fresh_world, identity, "judging.dashboard"),
                 {titles[i] for i in shown}, {titles[i] for i in everything - shown})
    listed = json.loads(read(fresh_world, identity, "judging_api.Assignments", token=True))
    api_ids = {p["pitch_id"] for r in listed["rounds"] for p in r["pitches"]}
    assert api_ids == shown
    sheet = read(fresh_world, identity, "scoresheets.sheet", round_id=fresh_world.values[
        "round_id"]).splitlines()
    assert {int(line.split(",")[0]) for line in sheet[1:]} == shown


def test_a_blind_screening_never_names_the_startups_to_the_judge(fresh_world):
    """The demo's screening is blind: the judge's lists, sheet and pitch page carry no names."""
    values = fresh_world.values
    names = query(fresh_world, db.select(Startup.name).join(Pitch).where(
        Pitch.id.in_(_assigned(fresh_world, "judge"))))
    texts = [read(fresh_world, "judge", "judging.dashboard"),
             read(fresh_world, "judge", "judging_api.Assignments", token=True),
             read(fresh_world, "judge", "scoresheets.sheet", round_id=values["round_id"]),
             read(fresh_world, "judge", "judging.scorecard", round_id=values["round_id"],
                  pitch_id=values["pitch_id"]),
             read(fresh_world, "judge", "judging_api.JudgePitch", token=True,
                  round_id=values["round_id"], pitch_id=values["pitch_id"])]
    assert names
    for text in texts:
        assert not {name for name in names if name in text}


@pytest.mark.parametrize("identity", ["startup_a", "startup_b", "bureau_x", "bureau_y"])
def test_my_pilots_are_my_organisations_only(fresh_world, identity):
    person = fresh_world.people[identity]
    mine = (Pilot.startup_id == person.startup_id) if person.startup_id else (
        Pilot.bureau_id == person.bureau_id)
    shown = query(fresh_world, db.select(Pilot.title).where(mine))
    hidden = query(fresh_world, db.select(Pilot.title).where(~mine))
    text = read(fresh_world, identity, "pilots.mine")
    if shown:
        assert_shows(text, shown, hidden)
    else:  # bureau X has no pilot in the demo: nothing of anyone else's either
        assert not {title for title in hidden if title in text}


@pytest.mark.parametrize("identity", world.IDENTITIES)
def test_public_pilot_lists_show_public_pilots_only(fresh_world, identity):
    shown = query(fresh_world, db.select(Pilot.title).where(Pilot.public.is_(True)))
    hidden = query(fresh_world, db.select(Pilot.title).where(Pilot.public.is_(False)))
    assert hidden, "no private pilot to hide"
    for text in (read(fresh_world, identity, "pilots.showcase"),
                 read(fresh_world, identity, "pilots.open_data_csv"),
                 read(fresh_world, identity, "pilots.open_data_json"),
                 read(fresh_world, identity, "published.Pilots", token=True)):
        assert_shows(text, shown, hidden)


@pytest.mark.parametrize("identity", LOGGED_IN)
def test_the_tokens_page_lists_my_tokens_only(fresh_world, identity):
    person = fresh_world.people[identity]
    shown = query(fresh_world, db.select(ApiToken.name).where(ApiToken.user_id == person.id))
    hidden = query(fresh_world, db.select(ApiToken.name).where(ApiToken.user_id != person.id))
    assert_shows(read(fresh_world, identity, "api_tokens.index"), shown, hidden)


@pytest.mark.parametrize("identity", ["startup_a", "startup_b"])
def test_my_results_are_my_startups_only(fresh_world, identity):
    startup_id = fresh_world.people[identity].startup_id
    submitted = Pitch.status == "submitted"
    assert_shows(read(fresh_world, identity, "results.mine"),
                 pitch_titles(fresh_world, Pitch.startup_id == startup_id, submitted),
                 pitch_titles(fresh_world, Pitch.startup_id != startup_id))


@pytest.mark.parametrize("identity", ["bureau_x", "bureau_y"])
def test_a_bureau_reads_a_ranking_naming_its_own_pitches_only(fresh_world, identity):
    bureau_id = fresh_world.people[identity].bureau_id
    ours = Pitch.challenge_id.in_(db.select(Challenge.id).where(Challenge.bureau_id == bureau_id))
    in_round = Pitch.challenge_id.in_(db.select(Challenge.id).where(
        Challenge.contest_id == fresh_world.values["contest_id"]))
    text = read(fresh_world, identity, "results.round_results",
                round_id=fresh_world.values["round_id"])
    assert_shows(text, pitch_titles(fresh_world, ours, in_round, Pitch.status == "submitted"),
                 pitch_titles(fresh_world, ~ours))


def _public_results(shared, identity: str) -> str:
    contest_id = shared.values["contest_id"]
    return "".join([
        read(shared, identity, "results.contest_results", contest_id=contest_id),
        read(shared, identity, "published.ContestResults", token=True, contest_id=contest_id)])


def _close_a_final(shared) -> tuple[int, set[str]]:
    """Pitch 1 (startup A's) and a pitch of startup B go through a scored, closed final."""
    from pitch.results.operations import final_round
    from tests.results.world import card, enter

    contest = db.session.get(Contest, shared.values["contest_id"])
    final = final_round(contest)
    judges = [db.session.get(User, shared.people["judge"].id)]
    pitches = [db.session.get(Pitch, shared.values["pitch_id"]), db.session.scalar(
        db.select(Pitch).join(Pitch.challenge).where(
            Pitch.startup_id == shared.people["startup_b"].startup_id,
            Pitch.status == "submitted", Challenge.contest_id == contest.id))]
    enter(final, judges, *pitches)
    for score, pitch in zip((4, 3), pitches, strict=True):
        card(final, judges[0], pitch, [score] * len(final.criteria))
    final.state = "closed"
    db.session.commit()
    return final.id, {pitch.title for pitch in pitches}


@pytest.mark.parametrize("identity", world.IDENTITIES)
def test_results_are_public_once_published_and_only_the_finalists(fresh_world, identity):
    """The demo publishes the screening only: nothing is public until the final is, and then
    the pitches left out of the final are never named in public."""
    from pitch.results.operations import publish

    screened = pitch_titles(fresh_world, Pitch.status == "submitted")
    fresh_world.dirty = True
    with fresh_world.app.app_context():
        final_id, finalists = _close_a_final(fresh_world)
        db.session.remove()
    unpublished = _public_results(fresh_world, identity)
    assert not {title for title in screened if title in unpublished}, "unpublished results"
    with fresh_world.app.app_context():
        admin = db.session.get(User, fresh_world.people["admin"].id)
        publish(db.session.get(Round, final_id), "mean", admin)
        db.session.commit()
        db.session.remove()
    contest_id = fresh_world.values["contest_id"]
    for text in (_public_results(fresh_world, identity),
                 *(read(fresh_world, identity, "results.open_data", contest_id=contest_id,
                        file_format=file_format) for file_format in ("csv", "json"))):
        assert_shows(text, finalists, screened - finalists)
