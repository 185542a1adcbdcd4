"""Test data of the judges' side: a contest with submitted pitches and a panel."""

import itertools
from dataclasses import dataclass

from pitch.extensions import db
from pitch.models import (
    Assignment,
    Challenge,
    Conflict,
    Contest,
    PanelMember,
    Pitch,
    Round,
    RoundEntry,
    User,
)
from pitch.models.types import utcnow
from tests.factories import make_bureau, make_contest, make_startup, make_user

_titles = itertools.count(1)


def make_challenge(contest: Contest, **fields) -> Challenge:
    challenge = Challenge(contest_id=contest.id, bureau_id=make_bureau().id,
                          title=fields.pop("title", "避難所の混雑を可視化したい"),
                          status="published", **fields)
    db.session.add(challenge)
    db.session.flush()
    return challenge


def make_pitch(challenge: Challenge, startup_name: str | None = None, **fields) -> Pitch:
    startup = make_startup(startup_name)
    pitch = Pitch(challenge_id=challenge.id, startup_id=startup.id,
                  status=fields.pop("status", "submitted"),
                  title=fields.pop("title", f"Pitch {next(_titles)}"),
                  summary=fields.pop("summary", "混雑をセンサーで見える化します。"),
                  submitted_at=utcnow(), **fields)
    db.session.add(pitch)
    db.session.flush()
    return pitch


def make_judge(contest: Contest, declared: bool = True, role: str = "expert", **fields) -> User:
    judge = make_user(role=role, **fields)
    db.session.add(PanelMember(contest_id=contest.id, user_id=judge.id, status="accepted",
                               accepted_at=utcnow(),
                               conflicts_declared_at=utcnow() if declared else None))
    db.session.flush()
    return judge


def assign(round_: Round, judge: User, pitch: Pitch) -> Assignment:
    assignment = Assignment(round_id=round_.id, judge_id=judge.id, pitch_id=pitch.id)
    db.session.add(assignment)
    db.session.flush()
    return assignment


def enter(round_: Round, *pitches: Pitch) -> None:
    for position, pitch in enumerate(pitches, start=1):
        db.session.add(RoundEntry(round_id=round_.id, pitch_id=pitch.id, position=position))
    db.session.flush()


def add_conflict(contest: Contest, judge: User, pitch: Pitch, by: User | None = None) -> Conflict:
    conflict = Conflict(contest_id=contest.id, judge_id=judge.id, startup_id=pitch.startup_id,
                        kind="investment", note="", declared_by_id=(by or judge).id)
    db.session.add(conflict)
    db.session.flush()
    return conflict


@dataclass
class Scene:
    contest: Contest
    screening: Round
    final: Round
    pitches: list[Pitch]
    judges: list[User]
    admin: User


def make_scene(pitches: int = 3, judges: int = 2, state: str = "open",
               blind: bool = True, startup_names: tuple[str, ...] = ()) -> Scene:
    """A contest whose screening round is `state`, every judge assigned every pitch."""
    contest = make_contest(blind_screening=blind)
    screening, final = contest.rounds
    screening.state = state
    challenge = make_challenge(contest)
    names = list(startup_names) + [None] * pitches
    made = [make_pitch(challenge, names[i]) for i in range(pitches)]
    panel = [make_judge(contest) for _ in range(judges)]
    enter(screening, *made)
    for judge in panel:
        for pitch in made:
            assign(screening, judge, pitch)
    admin = make_user(role="admin")
    return Scene(contest, screening, final, made, panel, admin)
