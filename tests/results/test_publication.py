"""Publishing stores an immutable, fingerprinted snapshot; a correction is a new version."""

import hashlib
import json

import pytest

from pitch.extensions import db
from pitch.models import ResultSnapshot
from pitch.models.results import SnapshotImmutable
from pitch.results.loader import load_round
from pitch.results.operations import ResultsRefused, publish
from pitch.results.snapshot import build_content, canonical_json, content_hash
from tests.results.world import JUDGE_COMMENT, build_world


def snapshots(round_id):
    return db.session.scalars(db.select(ResultSnapshot).where(ResultSnapshot.round_id == round_id)
                              .order_by(ResultSnapshot.version)).all()


def test_publishing_stores_the_rows_method_alpha_judges_and_a_recomputable_hash(client, auth):
    world = build_world()
    auth.login(world.admin)
    response = client.post(f"/results/round/{world.screening.id}/publish",
                           data={"method": "z_mean"})
    assert response.status_code == 302
    db.session.expire_all()
    [snapshot] = snapshots(world.screening.id)
    assert (snapshot.version, snapshot.method) == (1, "z_mean")
    assert snapshot.published_by_id == world.admin.id and snapshot.published_at is not None
    content = snapshot.content
    assert content["method"] == "z_mean" and content["round_id"] == world.screening.id
    result = load_round(world.screening, "z_mean").result
    assert content["krippendorff_alpha_interval"] == pytest.approx(result.krippendorff_alpha)
    assert [row["pitch_id"] for row in content["pitches"]] == result.pitches.index.tolist()
    assert {judge["name"] for judge in content["judges"]} == {j.name for j in world.judges}
    assert [c["key"] for c in content["rubric"]] == ["novelty", "feasibility", "impact"]
    a_row = next(row for row in content["pitches"] if row["pitch_id"] == world.a.id)
    assert a_row["criteria"] == {"novelty": pytest.approx(14 / 3),
                                 "feasibility": pytest.approx(13 / 3),
                                 "impact": pytest.approx(14 / 3)}
    # Anyone can recompute the fingerprint from the stored content.
    canonical = json.dumps(content, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    assert snapshot.sha256 == hashlib.sha256(canonical.encode("utf-8")).hexdigest()
    assert JUDGE_COMMENT not in canonical


def test_the_hash_does_not_depend_on_key_order_or_whitespace(app):
    world = build_world()
    content = build_content(load_round(world.screening))
    shuffled = json.loads(json.dumps(dict(reversed(list(content.items()))), indent=4))
    assert content_hash(shuffled) == content_hash(content)
    assert " " not in canonical_json({"a": 1, "b": [1, 2]})


def test_a_correction_needs_a_reason_and_makes_version_two(client, auth):
    world = build_world()
    publish(world.screening, "mean", world.admin)
    db.session.commit()
    auth.login(world.admin)
    refused = client.post(f"/results/round/{world.screening.id}/publish",
                          data={"method": "median", "reason": "  "})
    assert refused.status_code == 400
    assert "公開済みの結果を訂正するには理由が必要です" in refused.get_data(as_text=True)
    assert len(snapshots(world.screening.id)) == 1
    response = client.post(f"/results/round/{world.screening.id}/publish",
                           data={"method": "median", "reason": "A judge's card was mis-keyed"})
    assert response.status_code == 302
    db.session.expire_all()
    first, second = snapshots(world.screening.id)
    assert (first.version, first.method, first.reason) == (1, "mean", "")
    assert (second.version, second.method) == (2, "median")
    assert second.reason == "A judge's card was mis-keyed"
    # The earlier version stays readable.
    page = client.get(f"/results/snapshot/{first.id}")
    assert page.status_code == 200 and first.sha256 in page.get_data(as_text=True)


def test_a_rejected_correction_keeps_what_was_typed(client, auth):
    world = build_world()
    world.screening.state = "open"
    db.session.commit()
    auth.login(world.admin)
    response = client.post(f"/results/round/{world.screening.id}/publish",
                           data={"method": "median", "reason": "typed text"})
    assert response.status_code == 400
    body = response.get_data(as_text=True)
    assert "typed text" in body and 'value="median" selected' in body
    assert snapshots(world.screening.id) == []


@pytest.mark.parametrize("method", ["average", ""])
def test_an_unknown_method_is_refused(client, auth, method):
    world = build_world()
    auth.login(world.admin)
    response = client.post(f"/results/round/{world.screening.id}/publish",
                           data={"method": method})
    assert response.status_code == 400 and snapshots(world.screening.id) == []
    with pytest.raises(ResultsRefused):
        publish(world.screening, "average", world.admin)


def test_snapshots_cannot_be_changed_or_deleted(app):
    world = build_world()
    snapshot = publish(world.screening, "mean", world.admin)
    db.session.commit()
    snapshot.method = "median"
    with pytest.raises(SnapshotImmutable):
        db.session.flush()
    db.session.rollback()
    snapshot = db.session.get(ResultSnapshot, snapshot.id)
    snapshot.content = {**snapshot.content, "method": "median"}
    with pytest.raises(SnapshotImmutable):
        db.session.commit()
    db.session.rollback()
    db.session.delete(db.session.get(ResultSnapshot, snapshot.id))
    with pytest.raises(SnapshotImmutable):
        db.session.flush()
    db.session.rollback()
    assert db.session.get(ResultSnapshot, snapshot.id).method == "mean"


def test_two_publications_at_once_cannot_share_a_version(client, auth, monkeypatch):
    world = build_world()
    publish(world.screening, "mean", world.admin)
    db.session.commit()
    # As if another request had published between our read of the version and our write.
    monkeypatch.setattr("pitch.results.operations.latest_version", lambda round_id: None)
    auth.login(world.admin)
    response = client.post(f"/results/round/{world.screening.id}/publish",
                           data={"method": "median"})
    assert response.status_code == 400
    assert len(snapshots(world.screening.id)) == 1
