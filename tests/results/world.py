"""A small scored contest for the results tests: two bureaus, three startups, three judges.

Screening (round 1, closed), all three judges on every pitch, 1-5 on three criteria:

    pitch   judge 1   judge 2   judge 3
    a       5 5 5     4 4 4     5 4 5      <- bureau X, startup A
    b       3 3 3     2 2 2     draft      <- bureau Y, startup B (judge 3's card is a draft)
    c       4 4 4     3 3 3     4 4 4      <- bureau X, startup C

So by the mean: a first, c second, b third (b is incomplete: 2 of 3 scorecards).
"""

from dataclasses import dataclass

from pitch.extensions import db
from pitch.models import Assignment, Pitch, Round, RoundEntry, Scorecard, ScoreLine, User
from tests import factories

JUDGE_COMMENT = "PRIVATE-COMMENT-FOR-SECRETARIAT"
JUDGE_FEEDBACK = "Clear plan; show the cost per shelter."


@dataclass
class World:
    contest: object
    screening: Round
    final: Round
    admin: User
    bureau_x: User
    bureau_y: User
    startup_a: User
    startup_b: User
    startup_c: User
    judges: list[User]
    a: Pitch
    b: Pitch
    c: Pitch


def card(round_: Round, judge: User, pitch: Pitch, scores, status="submitted", feedback="",
         comment="") -> Scorecard:
    scorecard = Scorecard(round_id=round_.id, judge_id=judge.id, pitch_id=pitch.id,
                          status=status, feedback=feedback, comment=comment)
    for criterion, score in zip(round_.criteria, scores, strict=True):
        scorecard.lines.append(ScoreLine(criterion_id=criterion.id, score=score))
    db.session.add(scorecard)
    return scorecard


def enter(round_: Round, judges, *pitches) -> None:
    for position, pitch in enumerate(pitches, start=1):
        db.session.add(RoundEntry(round_id=round_.id, pitch_id=pitch.id, position=position))
        for judge in judges:
            db.session.add(Assignment(round_id=round_.id, judge_id=judge.id, pitch_id=pitch.id))


def build_world(shortlist_size: int = 2) -> World:
    contest = factories.make_contest(state="screening", shortlist_size=shortlist_size)
    screening, final = contest.rounds
    screening.state = "closed"
    bureau_x, bureau_y = factories.make_bureau(), factories.make_bureau()
    challenge_x = factories.make_challenge(contest=contest, bureau=bureau_x)
    challenge_y = factories.make_challenge(contest=contest, bureau=bureau_y)
    users = {
        "admin": factories.make_user("admin", name="Secretariat"),
        "bureau_x": factories.make_user("bureau", bureau=bureau_x),
        "bureau_y": factories.make_user("bureau", bureau=bureau_y),
        "startup_a": factories.make_user("startup", locale="ja"),
        "startup_b": factories.make_user("startup", locale="en"),
        "startup_c": factories.make_user("startup"),
    }
    judges = [factories.make_user("expert", name=f"Judge Name {n}") for n in (1, 2, 3)]
    a = factories.make_pitch(challenge_x, users["startup_a"].startup, title="Shelter map")
    b = factories.make_pitch(challenge_y, users["startup_b"].startup, title="Flood alerts")
    c = factories.make_pitch(challenge_x, users["startup_c"].startup, title="Drone survey")
    enter(screening, judges, a, b, c)
    j1, j2, j3 = judges
    card(screening, j1, a, [5, 5, 5], feedback=JUDGE_FEEDBACK, comment=JUDGE_COMMENT)
    card(screening, j2, a, [4, 4, 4])
    card(screening, j3, a, [5, 4, 5])
    card(screening, j1, b, [3, 3, 3])
    card(screening, j2, b, [2, 2, 2], feedback="Needs a partner city.")
    card(screening, j3, b, [1, 1, 1], status="draft", feedback="DRAFT-FEEDBACK")
    card(screening, j1, c, [4, 4, 4])
    card(screening, j2, c, [3, 3, 3])
    card(screening, j3, c, [4, 4, 4])
    db.session.commit()
    return World(contest=contest, screening=screening, final=final, judges=judges,
                 a=a, b=b, c=c, **users)


def score_final(world: World) -> None:
    """Enter a and c into the final, score it (c wins), and close it."""
    enter(world.final, world.judges, world.a, world.c)
    for judge in world.judges:
        card(world.final, judge, world.a, [3, 3, 3], feedback="Final feedback for A")
        card(world.final, judge, world.c, [5, 5, 5], comment=JUDGE_COMMENT)
    world.final.state = "closed"
    db.session.commit()
