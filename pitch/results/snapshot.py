"""What a published snapshot holds, and its fingerprint.

The content is plain JSON: the results rows of the export (with each pitch's per-criterion
means and startup id), the method, Krippendorff's alpha, the judges with their names, the
rubric, and for a final whose contest carries the screening score in, the combined ranking.
Its SHA-256 is taken over a canonical serialisation (sorted keys, no whitespace, UTF-8), so
anyone holding the content can recompute it.
"""

import hashlib
import json

import numpy as np

from pitch.domain.result_files import results_json
from pitch.extensions import db
from pitch.models import ResultSnapshot
from pitch.results.loader import RoundData, combined_ranking, round_judges


def canonical_json(content: dict) -> str:
    return json.dumps(content, sort_keys=True, separators=(",", ":"), ensure_ascii=False,
                      allow_nan=False, default=_plain)


def content_hash(content: dict) -> str:
    return hashlib.sha256(canonical_json(content).encode("utf-8")).hexdigest()


def _plain(value):
    """numpy scalars as Python numbers, so the content is plain JSON."""
    if isinstance(value, np.generic):
        return value.item()
    raise TypeError(f"{type(value).__name__} is not JSON serialisable")


def build_content(data: RoundData) -> dict:
    """The snapshot content of an aggregated round, as plain JSON values."""
    round_ = data.round
    content = results_json(data.result, round_.id, data.titles, data.startup_names)
    criteria = data.result.criteria
    for row in content["pitches"]:
        pitch_id = row["pitch_id"]
        row["startup_id"] = data.pitches.at[pitch_id, "startup_id"]
        means = criteria.loc[pitch_id] if pitch_id in criteria.index else {}
        row["criteria"] = {key: (None if np.isnan(value) else value)
                           for key, value in dict(means).items()}
    names = round_judges(round_.id)["name"].to_dict()
    for judge in content["judges"]:
        judge["name"] = names.get(judge["judge_id"], "")
    combined = combined_ranking(data)
    content.update(
        screening_weight=round_.contest.screening_weight if combined is not None else 0.0,
        combined=None if combined is None else _combined_rows(combined),
        contest_id=round_.contest_id,
        round_number=round_.number,
        round_kind=round_.kind,
        rubric=[{"key": c.key, "label_ja": c.label_ja, "label_en": c.label_en,
                 "weight": c.weight, "min": c.min_score, "max": c.max_score}
                for c in round_.criteria],
    )
    # Through JSON and back: what is stored, hashed and read later is the same plain value.
    return json.loads(canonical_json(content))


def _combined_rows(combined) -> list[dict]:
    table = combined.assign(flags=combined["flags"].map(list))
    plain = table.astype(object).where(table.notna(), None)
    return [{"pitch_id": pitch_id, **row} for pitch_id, row in plain.to_dict("index").items()]


def latest_snapshot(round_id: int) -> ResultSnapshot | None:
    statement = (
        db.select(ResultSnapshot).where(ResultSnapshot.round_id == round_id)
        .order_by(ResultSnapshot.version.desc()).limit(1)
    )
    return db.session.scalar(statement)


def latest_version(round_id: int) -> int | None:
    return db.session.scalar(
        db.select(db.func.max(ResultSnapshot.version)).where(ResultSnapshot.round_id == round_id))


def snapshots_of(round_id: int) -> list[ResultSnapshot]:
    """Every version of the round, newest first, without their (large) content."""
    statement = (
        db.select(ResultSnapshot).where(ResultSnapshot.round_id == round_id)
        .options(db.joinedload(ResultSnapshot.published_by), db.defer(ResultSnapshot.content))
        .order_by(ResultSnapshot.version.desc())
    )
    return list(db.session.scalars(statement))
