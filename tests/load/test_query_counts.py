"""No page's number of SQL statements grows with the number of rows it shows (no N+1).

The same world is built at two sizes (the larger has 3x the challenges, questions, pitches,
judges, awards and pilots, 9x the scorecards) and every key page is fetched as the person who uses
it, counting the statements the request sends to the database.
"""

from dataclasses import dataclass

from sqlalchemy import event

from pitch.extensions import db
from pitch.models import Question, User
from pitch.models.types import utcnow
from pitch.results.operations import add_award, publish
from tests import factories
from tests.conftest import _empty_all_tables
from tests.judging.helpers import make_judge
from tests.results.world import card, enter

SMALL, LARGE = 2, 6
# The one page about a single object; every other page lists rows that grow.
SINGLE = {"scorecard"}


@dataclass
class Scene:
    contest_id: int
    challenge_id: int
    screening_id: int
    pitch_id: int
    admin: User
    staff: User
    startup: User
    judge: User


def _build(n: int) -> Scene:
    """A contest with published results: n challenges of bureau X and n of other bureaus;
    on each, a pitch of our startup and of another; n answered questions on the first; n
    judges who scored every pitch in both rounds; n awards and n public pilots."""
    contest = factories.make_contest(state="results")
    screening, final = contest.rounds
    admin = factories.make_user("admin")
    staff = factories.make_user("bureau")
    startup = factories.make_user("startup")
    challenges = [factories.make_challenge(contest, staff.bureau, published_at=utcnow())
                  for _ in range(n)]
    challenges += [factories.make_challenge(contest, published_at=utcnow()) for _ in range(n)]
    pitches = [factories.make_pitch(challenge, member.startup) for challenge in challenges
               for member in (startup, factories.make_user("startup"))]
    for asker in [startup] + [factories.make_user("startup") for _ in range(n - 1)]:
        db.session.add(Question(challenge_id=challenges[0].id, asker_id=asker.id, body="質問",
                                answer="回答", answered_by_id=staff.id, answered_at=utcnow()))
    judges = [make_judge(contest) for _ in range(n)]
    for round_ in (screening, final):
        enter(round_, judges, *pitches)
        for number, pitch in enumerate(pitches):
            for judge in judges:
                card(round_, judge, pitch, [1 + (number + judge.id) % 5] * 3, feedback="良い")
        round_.state = "closed"
    db.session.flush()
    for round_ in (screening, final):
        publish(round_, "mean", admin)
    for pitch in pitches[:n]:
        add_award(contest, pitch.id, "賞", "Prize")
        factories.make_pilot(pitch, public=True)
    db.session.commit()
    return Scene(contest.id, challenges[0].id, screening.id, pitches[0].id, admin, staff,
                 startup, judges[0])


def _pages(scene: Scene) -> dict[str, tuple[User | None, str]]:
    """Each key page: who reads it, and where."""
    r = scene.screening_id
    return {
        "home": (None, "/"),
        "contest": (None, f"/contests/{scene.contest_id}"),
        "challenge list": (None, "/challenges"),
        "challenge with Q&A": (None, f"/challenges/{scene.challenge_id}"),
        "challenge, its bureau": (scene.staff, f"/challenges/{scene.challenge_id}"),
        "my pitches": (scene.startup, "/pitches/mine"),
        "received pitches": (scene.staff, "/pitches/received"),
        "judge dashboard": (scene.judge, "/judging/"),
        "scorecard": (scene.judge, f"/judging/rounds/{r}/pitches/{scene.pitch_id}"),
        "progress": (scene.admin, f"/judging/rounds/{r}/progress"),
        "results ranking": (scene.admin, f"/results/round/{r}"),
        "public results": (None, f"/results/contest/{scene.contest_id}"),
        "my results": (scene.startup, "/results/mine"),
        "pilots showcase": (None, "/pilots/"),
        "pilots overview": (scene.admin, "/pilots/overview"),
        "admin users": (scene.admin, "/admin/users"),
    }


def _count_statements(app, scene: Scene) -> dict[str, tuple[int, int]]:
    """Statements sent and bytes returned, by page."""
    statements = []

    def record(conn, cursor, statement, *args):
        statements.append(statement)

    counts = {}
    event.listen(db.engine, "before_cursor_execute", record)
    try:
        for name, (user, path) in _pages(scene).items():
            client = app.test_client()
            if user is not None:
                answer = client.post("/auth/login", data={"email": user.email,
                                                          "password": factories.PASSWORD})
                assert answer.status_code == 302, name
            statements.clear()
            response = client.get(path)
            assert response.status_code == 200, (name, response.status_code)
            counts[name] = (len(statements), len(response.data))
    finally:
        event.remove(db.engine, "before_cursor_execute", record)
    return counts


def test_no_page_sends_more_statements_for_more_rows(app):
    small = _count_statements(app, _build(SMALL))
    _empty_all_tables()
    large = _count_statements(app, _build(LARGE))
    counts = {name: (small[name][0], large[name][0]) for name in small}
    print("statements per page (small, large):", counts)
    # Otherwise the page would not show the extra rows, and its count would prove nothing.
    assert not [name for name in small if name not in SINGLE and large[name][1] <= small[name][1]]
    grown = {name: pair for name, pair in counts.items() if pair[1] > pair[0]}
    assert not grown, f"statements grow with rows (small, large): {grown}"
