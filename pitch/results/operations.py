"""Every write of the results area: publishing a round's results and setting awards."""

from flask_babel import lazy_gettext as _l

from pitch.domain.scoring import METHODS
from pitch.extensions import db
from pitch.models import Award, Contest, Pitch, ResultSnapshot, Round, RoundEntry, User
from pitch.results.loader import load_round
from pitch.results.snapshot import build_content, content_hash, latest_version

CLOSED = "closed"


class ResultsRefused(Exception):
    """An action refused for a reason the user can act on; str() is the translated message."""


def publish(round_: Round, method: str, user: User, reason: str = "") -> ResultSnapshot:
    """Store the round's results as the next immutable version.

    The first version needs no reason; a correction (version 2 on) must say why.
    """
    if method not in METHODS:
        raise ResultsRefused(_l("Choose one of the aggregation methods."))
    if round_.state != CLOSED:
        raise ResultsRefused(_l("Close the round's scoring before publishing its results."))
    latest = latest_version(round_.id)
    reason = reason.strip()
    if latest is not None and not reason:
        raise ResultsRefused(_l("A correction of published results needs a reason."))
    content = build_content(load_round(round_, method))
    snapshot = ResultSnapshot(
        round_id=round_.id, version=(latest or 0) + 1, method=method,
        published_by_id=user.id, reason=reason, content=content, sha256=content_hash(content),
    )
    db.session.add(snapshot)
    db.session.flush()
    return snapshot


def final_round(contest: Contest) -> Round | None:
    finals = [r for r in contest.rounds if r.kind == "final"]
    return finals[-1] if finals else None


def add_award(contest: Contest, pitch_id: int, name_ja: str, name_en: str) -> Award:
    """Give an award to a pitch of the contest's final round (one award per pitch)."""
    final = final_round(contest)
    in_final = final is not None and db.session.scalar(
        db.select(RoundEntry.id).where(RoundEntry.round_id == final.id,
                                       RoundEntry.pitch_id == pitch_id)
    ) is not None
    if not in_final:
        raise ResultsRefused(_l("Awards go to pitches of the final round."))
    taken = db.session.scalar(
        db.select(Award.id).where(Award.contest_id == contest.id, Award.pitch_id == pitch_id)
    )
    if taken is not None:
        raise ResultsRefused(_l("This pitch already has an award."))
    award = Award(contest_id=contest.id, pitch_id=pitch_id, name_ja=name_ja.strip(),
                  name_en=name_en.strip())
    db.session.add(award)
    db.session.flush()
    return award


def remove_award(award: Award) -> None:
    db.session.delete(award)


def awards_of(contest_id: int) -> list[Award]:
    statement = (
        db.select(Award).where(Award.contest_id == contest_id)
        .options(db.joinedload(Award.pitch).joinedload(Pitch.startup))
        .order_by(Award.id)
    )
    return list(db.session.scalars(statement))
