"""Test data of the API: a contest with a screening round, judges, tokens, published records."""

from datetime import date

import pytest

from pitch.api import tokens
from pitch.extensions import db
from pitch.judging.operations import save_scorecard
from pitch.models import Pilot, Question
from pitch.models.types import utcnow
from pitch.results.operations import publish
from tests.factories import make_user
from tests.judging.helpers import add_conflict, assign, enter, make_judge, make_scene

API = "/api/v1"


def bearer(user) -> dict:
    """Headers with a new personal token of ``user``."""
    _token, secret = tokens.create(user, "test client")
    db.session.commit()
    return {"Authorization": f"Bearer {secret}"}


@pytest.fixture
def scene(app):
    """An open, blind screening round: two judges assigned three pitches, one conflicted
    judge, a judge who has not declared, one user of each organisation role."""
    scene = make_scene(pitches=3, judges=2, startup_names=("Sora Inc.", "Umi LLC", "Yama KK"))
    scene.conflicted = make_judge(scene.contest)
    scene.undeclared = make_judge(scene.contest, declared=False)
    for pitch in scene.pitches:
        for judge in (scene.conflicted, scene.undeclared):
            assign(scene.screening, judge, pitch)
    add_conflict(scene.contest, scene.conflicted, scene.pitches[0])
    scene.startup = make_user(role="startup")
    scene.bureau = make_user(role="bureau")
    db.session.commit()
    return scene


def submit_all(scene) -> None:
    """Every unconflicted, declared judge submits every card of the screening round."""
    for number, judge in enumerate(scene.judges, start=1):
        for pitch in scene.pitches:
            save_scorecard(scene.screening, judge, pitch,
                           {"novelty": number + 1, "feasibility": 3, "impact": 4}, "", "",
                           True, judge)
    db.session.commit()


@pytest.fixture
def published(scene):
    """Screening scored, closed and published twice (a correction); the first two pitches
    go through to the final, which is scored, closed and published too."""
    submit_all(scene)
    scene.screening.state = "closed"
    publish(scene.screening, "mean", scene.admin)
    publish(scene.screening, "median", scene.admin, reason="typo")
    finalists = scene.pitches[:2]
    enter(scene.final, *finalists)
    for judge in scene.judges:
        for pitch in finalists:
            assign(scene.final, judge, pitch)
    scene.final.state = "open"
    for number, pitch in enumerate(finalists):
        for judge in scene.judges:
            save_scorecard(scene.final, judge, pitch,
                           {"novelty": 5 - number, "feasibility": 4, "impact": 4}, "", "",
                           True, judge)
    scene.final.state = "closed"
    publish(scene.final, "mean", scene.admin)
    db.session.commit()
    return scene


def add_question(challenge, asker, body: str, answer: str | None = None) -> Question:
    question = Question(challenge_id=challenge.id, asker_id=asker.id, body=body, answer=answer,
                        answered_at=utcnow() if answer else None)
    db.session.add(question)
    db.session.flush()
    return question


def add_pilot(pitch, public: bool, title: str = "避難所センサー実証") -> Pilot:
    pilot = Pilot(pitch_id=pitch.id, challenge_id=pitch.challenge_id,
                  bureau_id=pitch.challenge.bureau_id, startup_id=pitch.startup_id, title=title,
                  public=public, starts_on=date(2026, 4, 1), ends_on=None)
    db.session.add(pilot)
    db.session.flush()
    return pilot
