import pytest

from pitch.extensions import db
from pitch.judging.operations import ScoringRefused, save_scorecard
from pitch.models import ScoreAudit, Scorecard, ScoreLine
from pitch.models.judging import AuditIsAppendOnly
from tests.judging.helpers import add_conflict, make_scene

GOOD = {"novelty": 5, "feasibility": "3", "impact": 1}


def _save(scene, scores=GOOD, submit=True, judge=None, actor=None, **kwargs):
    judge = judge or scene.judges[0]
    return save_scorecard(scene.screening, judge, scene.pitches[0], scores, "memo", "good",
                          submit, actor or judge, **kwargs)


def test_submit_writes_lines_and_an_audit_row(app):
    scene = make_scene()
    card = _save(scene)
    db.session.commit()
    assert card.status == "submitted" and card.submitted_at is not None
    assert sorted(line.score for line in card.lines) == [1, 3, 5]
    audit = db.session.scalars(db.select(ScoreAudit)).one()
    assert audit.old is None
    assert audit.new["scores"] == {"feasibility": 3, "impact": 1, "novelty": 5}
    assert audit.actor_id == scene.judges[0].id and audit.source == "web"


@pytest.mark.parametrize(("scores", "key"), [
    ({"novelty": 6, "feasibility": 3, "impact": 1}, "novelty"),
    ({"novelty": 0, "feasibility": 3, "impact": 1}, "novelty"),
    ({"novelty": 4, "feasibility": "3.5", "impact": 1}, "feasibility"),
    ({"novelty": 4, "feasibility": 2.5, "impact": 1}, "feasibility"),
    ({"novelty": 4, "feasibility": "三", "impact": 1}, "feasibility"),
    ({"novelty": 4, "feasibility": True, "impact": 1}, "feasibility"),
    ({"novelty": 4, "feasibility": 3}, "impact"),
    ({"novelty": 4, "feasibility": 3, "impact": ""}, "impact"),
    ({"novelty": 4, "feasibility": 3, "impact": 2, "charm": 5}, "charm"),
])
def test_bad_scores_are_refused_and_nothing_is_written(app, scores, key):
    scene = make_scene()
    with pytest.raises(ScoringRefused) as refused:
        _save(scene, scores)
    assert refused.value.code == "invalid" and key in refused.value.errors
    db.session.commit()
    assert db.session.scalar(db.select(db.func.count()).select_from(Scorecard)) == 0
    assert db.session.scalar(db.select(db.func.count()).select_from(ScoreAudit)) == 0


def test_a_draft_may_be_partial_and_submitting_completes_it(app):
    scene = make_scene()
    card = _save(scene, {"novelty": 2}, submit=False)
    assert card.status == "draft" and len(card.lines) == 1
    card = _save(scene, GOOD, expected_version=card.version)
    assert card.status == "submitted" and len(card.lines) == 3
    audits = db.session.scalars(db.select(ScoreAudit).order_by(ScoreAudit.id)).all()
    assert [a.action for a in audits] == ["draft", "submitted"]
    assert audits[1].old["scores"] == {"novelty": 2} and audits[1].old["status"] == "draft"


def test_saving_the_same_values_again_adds_no_audit_row(app):
    scene = make_scene()
    _save(scene)
    _save(scene)
    assert db.session.scalar(db.select(db.func.count()).select_from(ScoreAudit)) == 1


def test_closed_round_locks_scorecards(app):
    scene = make_scene()
    _save(scene)
    scene.screening.state = "closed"
    with pytest.raises(ScoringRefused) as refused:
        _save(scene, {"novelty": 1, "feasibility": 1, "impact": 1})
    assert refused.value.code == "locked"


def test_pending_round_refuses(app):
    scene = make_scene(state="pending")
    with pytest.raises(ScoringRefused) as refused:
        _save(scene)
    assert refused.value.code == "not_open"


def test_conflicted_judge_is_refused_even_when_assigned(app):
    scene = make_scene()
    add_conflict(scene.contest, scene.judges[0], scene.pitches[0], by=scene.admin)
    with pytest.raises(ScoringRefused) as refused:
        _save(scene)
    assert refused.value.code == "not_allowed"
    # The secretariat's import is refused as well.
    with pytest.raises(ScoringRefused):
        _save(scene, actor=scene.admin, source="import")


def test_undeclared_judge_cannot_score_but_the_secretariat_can_record_for_them(app):
    scene = make_scene()
    member = scene.judges[0]
    from pitch.models import PanelMember

    db.session.scalars(db.select(PanelMember).filter_by(user_id=member.id)).one()\
        .conflicts_declared_at = None
    with pytest.raises(ScoringRefused) as refused:
        _save(scene)
    assert refused.value.code == "not_declared"
    card = _save(scene, actor=scene.admin, source="import")
    assert card.status == "submitted"


def test_an_outdated_form_is_refused_with_a_clear_message(app):
    scene = make_scene()
    card = _save(scene, submit=False)
    opened_version = card.version
    _save(scene, {"novelty": 1, "feasibility": 1, "impact": 1}, expected_version=opened_version)
    with pytest.raises(ScoringRefused) as refused:
        _save(scene, GOOD, expected_version=opened_version)
    assert refused.value.code == "stale"
    with app.test_request_context():
        assert "再読み込み" in str(refused.value.message)  # Japanese by default


def test_feedback_none_keeps_stored_text(app):
    scene = make_scene()
    _save(scene)
    card = save_scorecard(scene.screening, scene.judges[0], scene.pitches[0], GOOD, None, None,
                          True, scene.admin, source="import")
    assert card.comment == "memo" and card.feedback == "good"


def test_audit_rows_refuse_update_and_delete(app):
    scene = make_scene()
    _save(scene)
    db.session.commit()
    audit = db.session.scalars(db.select(ScoreAudit)).one()
    audit.source = "forged"
    with pytest.raises(AuditIsAppendOnly):
        db.session.flush()
    db.session.rollback()
    audit = db.session.scalars(db.select(ScoreAudit)).one()
    db.session.delete(audit)
    with pytest.raises(AuditIsAppendOnly):
        db.session.flush()
    db.session.rollback()
    assert db.session.scalar(db.select(db.func.count()).select_from(ScoreLine)) == 3
