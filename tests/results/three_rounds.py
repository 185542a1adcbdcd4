"""A contest of three rounds: screening → second screening → final, five startups, three judges.

Every judge gives a pitch the same score on every criterion, so a pitch's total is
100 · (score − 1) / 4 in every round and the rankings below are easy to follow:

    pitch   round 1   round 2   round 3 (final)
    p1      5         2         —
    p2      4         3         5
    p3      3         5         4
    p4      2         —         —
    p5      1         —         —
"""

from dataclasses import dataclass

from pitch.extensions import db
from pitch.models import Criterion, Round, User
from tests import factories
from tests.judging.helpers import make_judge

SCORES = ({0: 5, 1: 4, 2: 3, 3: 2, 4: 1}, {0: 2, 1: 3, 2: 5}, {1: 5, 2: 4})


@dataclass
class ThreeRounds:
    contest: object
    rounds: list[Round]
    admin: User
    startups: list[User]  # the member of each pitch's startup, by pitch index
    judges: list[User]
    pitches: list


def build_three_rounds(screening_weight: float = 0.0) -> ThreeRounds:
    contest = factories.make_contest(state="screening", shortlist_size=3,
                                     screening_weight=screening_weight)
    second = contest.rounds[1]
    second.kind, second.name_ja, second.name_en = "screening", "二次審査", "Second screening"
    final = Round(number=3, kind="final", name_ja="決勝ピッチ", name_en="Final pitch")
    for position, key in enumerate(("novelty", "feasibility", "impact")):
        final.criteria.append(Criterion(key=key, position=position, label_ja=key, label_en=key,
                                        weight=1.0, min_score=1, max_score=5))
    contest.rounds.append(final)
    challenge = factories.make_challenge(contest=contest)
    startups = [factories.make_user("startup", locale="en" if n % 2 else "ja")
                for n in range(5)]
    pitches = [factories.make_pitch(challenge, user.startup, title=f"Pitch P{n + 1}")
               for n, user in enumerate(startups)]
    judges = [make_judge(contest, name=f"Judge {n}") for n in (1, 2, 3)]
    contest.judges_per_pitch = 3
    admin = factories.make_user("admin")
    db.session.commit()
    return ThreeRounds(contest=contest, rounds=list(contest.rounds), admin=admin,
                       startups=startups, judges=judges, pitches=pitches)
