"""A realistic, deterministic demo: the same seed always builds the same data.

Each area of the product adds a stage, a module with ``build(world)``, run in programme
order; a stage reads what earlier stages put on the world and adds its own.
"""

import random
from dataclasses import dataclass, field

from pitch.demo import accounts, contests, judging, pilots, pitches, results
from pitch.extensions import db
from pitch.models import User

DEMO_PASSWORD = "pitch-demo-2026"


@dataclass(frozen=True)
class DemoOptions:
    pitches: int = 24
    judges: int = 8
    judges_per_pitch: int = 3
    seed: int = 1
    scores: bool = True


@dataclass
class DemoWorld:
    options: DemoOptions
    rng: random.Random
    password_hash: str
    logins: list[tuple[str, str]] = field(default_factory=list)
    # Filled by the stages, in order: people, contest, challenges, startups, pitches, ...
    objects: dict = field(default_factory=dict)


@dataclass
class DemoAccounts:
    password: str
    logins: list[tuple[str, str]]


STAGES = [accounts, contests, pitches, judging, results, pilots]


def build_demo(options: DemoOptions) -> DemoAccounts:
    from werkzeug.security import generate_password_hash

    if options.judges_per_pitch > options.judges:
        raise ValueError("--judges-per-pitch cannot be larger than --judges.")
    if db.session.scalar(db.select(db.func.count()).select_from(User)):
        raise ValueError("The database already has users; the demo needs an empty one.")
    # One hash for every demo account: hashing is slow on purpose.
    world = DemoWorld(options=options, rng=random.Random(options.seed),
                      password_hash=generate_password_hash(DEMO_PASSWORD))
    for stage in STAGES:
        stage.build(world)
        db.session.flush()
    db.session.commit()
    return DemoAccounts(password=DEMO_PASSWORD, logins=world.logins)
