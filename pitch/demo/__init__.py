"""A realistic, deterministic demo: the same seed always builds the same data.

Each area of the product adds its part in ``build_demo``, in programme order.
"""

import random
from dataclasses import dataclass, field

from pitch.demo import accounts
from pitch.extensions import db

DEMO_PASSWORD = "pitch-demo-2026"


@dataclass(frozen=True)
class DemoOptions:
    pitches: int = 24
    judges: int = 8
    judges_per_pitch: int = 3
    seed: int = 1
    scores: bool = True


@dataclass
class DemoAccounts:
    password: str = DEMO_PASSWORD
    logins: list[tuple[str, str]] = field(default_factory=list)


def build_demo(options: DemoOptions) -> DemoAccounts:
    if options.judges_per_pitch > options.judges:
        raise ValueError("--judges-per-pitch cannot be larger than --judges.")
    if db.session.scalar(db.select(db.func.count()).select_from(accounts.User)):
        raise ValueError("The database already has users; the demo needs an empty one.")
    rng = random.Random(options.seed)
    result = DemoAccounts()
    people = accounts.build(rng, DEMO_PASSWORD)
    result.logins.extend(people.logins)
    db.session.commit()
    return result
