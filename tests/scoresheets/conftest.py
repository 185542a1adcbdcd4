"""A small screening round: four pitches, three judges on the panel, two judges per pitch."""

from dataclasses import dataclass

import pytest

from pitch.extensions import db
from pitch.models import Contest, Pitch, Round, User
from tests.factories import make_contest, make_user
from tests.judging.helpers import (
    add_conflict,
    assign,
    enter,
    make_challenge,
    make_judge,
    make_pitch,
)

# judge index → pitch indexes; every pitch has two judges
ASSIGNED = {0: (0, 1, 3), 1: (0, 2, 3), 2: (1, 2)}


@dataclass
class SheetRound:
    contest: Contest
    round: Round
    pitches: list[Pitch]
    judges: list[User]
    admin: User


@pytest.fixture
def sheet_round(app) -> SheetRound:
    contest = make_contest(state="screening")
    round_ = contest.rounds[0]
    round_.state = "open"
    admin = make_user("admin", email="office@example.jp")
    challenge = make_challenge(contest)
    pitches = [make_pitch(challenge, f"株式会社サンプル{n}") for n in range(4)]
    judges = [make_judge(contest, email=f"judge{n}@example.jp", name=f"審査員{n}")
              for n in range(3)]
    enter(round_, *pitches)
    for judge, numbers in ASSIGNED.items():
        for number in numbers:
            assign(round_, judges[judge], pitches[number])
    # A conflict the assignment already respects: judge 2 never got pitch 3.
    add_conflict(contest, judges[2], pitches[3], admin)
    db.session.commit()
    return SheetRound(contest, round_, pitches, judges, admin)


def sheet_csv(rows: list[list[object]], keys=("novelty", "feasibility", "impact")) -> str:
    lines = [",".join(["pitch_id", "judge_email", *keys, "comment"])]
    lines += [",".join(str(cell) for cell in row) for row in rows]
    return "\n".join(lines) + "\n"


def full_sheet(world: SheetRound) -> list[list[object]]:
    """Every assignment of the round scored 3, 4, 5."""
    return [[world.pitches[p].id, world.judges[j].email, 3, 4, 5, "良い"]
            for j, ps in ASSIGNED.items() for p in ps]
