"""Small factories for test data: each makes one valid object and flushes it."""

import itertools
from datetime import UTC, datetime, timedelta
from functools import cache

from werkzeug.security import generate_password_hash

from pitch.extensions import db
from pitch.models import Bureau, Contest, Criterion, Round, Startup, User

PASSWORD = "correct-horse-battery"
_counter = itertools.count(1)


@cache
def _password_hash() -> str:
    # Hashing is slow on purpose; one hash serves every test user.
    return generate_password_hash(PASSWORD)


def make_bureau(code: str | None = None, **fields) -> Bureau:
    n = next(_counter)
    bureau = Bureau(code=code or f"bureau-{n}", name_ja=fields.pop("name_ja", f"局{n}"),
                    name_en=fields.pop("name_en", f"Bureau {n}"), **fields)
    db.session.add(bureau)
    db.session.flush()
    return bureau


def make_startup(name: str | None = None, **fields) -> Startup:
    startup = Startup(name=name or f"Startup {next(_counter)}", **fields)
    db.session.add(startup)
    db.session.flush()
    return startup


def make_user(role: str = "startup", email: str | None = None, **fields) -> User:
    n = next(_counter)
    if role == "startup" and "startup" not in fields and "startup_id" not in fields:
        fields["startup"] = make_startup()
    if role == "bureau" and "bureau" not in fields and "bureau_id" not in fields:
        fields["bureau"] = make_bureau()
    user = User(email=email or f"{role}{n}@example.com", name=fields.pop("name", f"{role} {n}"),
                role=role, password_hash=_password_hash(), **fields)
    db.session.add(user)
    db.session.flush()
    return user


def make_contest(now: datetime | None = None, state: str = "open", **fields) -> Contest:
    """A contest whose applications are open at ``now``, with the default two rounds."""
    now = now or datetime.now(UTC)
    contest = Contest(
        title_ja=fields.pop("title_ja", "都市防災ピッチ"),
        title_en=fields.pop("title_en", "Disaster pitch"),
        state=state,
        application_opens=now - timedelta(days=10),
        question_deadline=now + timedelta(days=5),
        application_closes=now + timedelta(days=10),
        screening_ends=now + timedelta(days=20),
        pitch_day=now + timedelta(days=30),
        results_at=now + timedelta(days=31),
        **fields,
    )
    for number, kind, ja, en in ((1, "screening", "書類審査", "Screening"),
                                 (2, "final", "ピッチ審査", "Final pitch")):
        round_ = Round(number=number, kind=kind, name_ja=ja, name_en=en)
        for position, key in enumerate(("novelty", "feasibility", "impact")):
            round_.criteria.append(Criterion(key=key, position=position, label_ja=key,
                                             label_en=key, weight=1.0, min_score=1, max_score=5))
        contest.rounds.append(round_)
    db.session.add(contest)
    db.session.flush()
    return contest


def make_challenge(contest: Contest | None = None, bureau: Bureau | None = None,
                   status: str = "published", **fields):
    """A challenge of ``contest`` (a new open one by default), published unless told."""
    from pitch.models import Challenge

    challenge = Challenge(contest=contest or make_contest(), bureau=bureau or make_bureau(),
                          status=status, title=fields.pop("title", f"課題{next(_counter)}"),
                          **fields)
    db.session.add(challenge)
    db.session.flush()
    return challenge


def make_pitch(challenge=None, startup: Startup | None = None, status: str = "submitted",
               **fields):
    """A complete pitch (submitted by default) with no deck."""
    from pitch.models import Pitch

    n = next(_counter)
    pitch = Pitch(
        challenge=challenge or make_challenge(), startup=startup or make_startup(), status=status,
        title=fields.pop("title", f"提案{n}"), summary="概要", problem="課題認識",
        solution="解決策", novelty="新規性", plan="計画", cost_yen=3_000_000, team="チーム",
        not_listed=True, no_other_funding=True, not_antisocial=True, privacy_consent=True,
        **fields,
    )
    if status == "submitted":
        pitch.submitted_at = pitch.submitted_at or datetime.now(UTC)
        pitch.submission_number = pitch.submission_number or f"P-TEST-{n:06d}"
    db.session.add(pitch)
    db.session.flush()
    return pitch


def make_award(pitch=None, **fields):
    """An award for ``pitch`` (a new submitted one by default) in the pitch's contest."""
    from pitch.models import Award

    pitch = pitch or make_pitch()
    award = Award(contest_id=pitch.challenge.contest_id, pitch=pitch,
                  name_ja=fields.pop("name_ja", "最優秀賞"),
                  name_en=fields.pop("name_en", "Grand prize"), **fields)
    db.session.add(award)
    db.session.flush()
    return award


def make_pilot(pitch=None, stage: str = "agreement", kpis=(("避難所の混雑把握率", "%", 80.0),),
               **fields):
    """A pilot of an awarded pitch, with a period and the given KPIs (name, unit, target)."""
    from datetime import date

    from pitch.models.pilot import Kpi, Pilot

    pitch = pitch or make_award().pitch
    pilot = Pilot(pitch=pitch, challenge_id=pitch.challenge_id,
                  bureau_id=pitch.challenge.bureau_id, startup_id=pitch.startup_id,
                  title=fields.pop("title", f"実証{next(_counter)}"), stage=stage,
                  starts_on=fields.pop("starts_on", date(2026, 4, 1)),
                  ends_on=fields.pop("ends_on", date(2026, 9, 30)), **fields)
    for position, (name, unit, target) in enumerate(kpis):
        pilot.kpis.append(Kpi(position=position, name=name, unit=unit, target=target))
    db.session.add(pilot)
    db.session.flush()
    return pilot
