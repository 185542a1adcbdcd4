"""The secretariat adds rounds and removes the last one while nothing hangs off it."""

import pytest

from pitch.domain.default_rubric import DEFAULT_RUBRIC
from pitch.extensions import db
from pitch.models import (
    Assignment,
    JudgingEvent,
    ResultSnapshot,
    Round,
    RoundEntry,
    ScoreAudit,
    Scorecard,
)
from tests.factories import make_contest, make_pitch, make_user

ADD = {"round-name_ja": "最終審査", "round-name_en": "Grand final", "round-kind": "final"}


def _rounds(contest) -> list[tuple]:
    db.session.expire_all()
    return [(r.number, r.kind, r.name_ja, r.name_en) for r in
            db.session.scalars(db.select(Round).where(Round.contest_id == contest.id)
                               .order_by(Round.number))]


def _remove(client, contest, round_):
    return client.post(f"/contests/manage/{contest.id}/rounds/{round_.id}/remove",
                       follow_redirects=True)


def test_a_new_round_gets_the_next_number_and_the_default_rubric(client, admin, contest):
    response = client.post(f"/contests/manage/{contest.id}/rounds", data=ADD)
    assert response.status_code == 302
    assert _rounds(contest)[-1] == (3, "final", "最終審査", "Grand final")
    added = contest.rounds[-1]
    assert response.headers["Location"].endswith(f"/rounds/{added.id}/rubric")
    assert [c.key for c in added.criteria] == [c.key for c in DEFAULT_RUBRIC]
    assert [c.label_ja for c in added.criteria] == [c.label_ja for c in DEFAULT_RUBRIC]
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "第3審査を追加しました" in page and 'value="novelty"' in page


def test_a_new_round_needs_both_names_and_keeps_what_was_typed(client, admin, contest):
    shown = contest.rounds[0]
    response = client.post(f"/contests/manage/{contest.id}/rounds?from={shown.id}",
                           data=ADD | {"round-name_en": ""})
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert 'value="最終審査"' in page and 'aria-invalid="true"' in page
    assert "書類審査" in page  # the rubric page it came from
    assert len(_rounds(contest)) == 2


def test_a_round_of_an_unknown_kind_is_refused(client, admin, contest):
    response = client.post(f"/contests/manage/{contest.id}/rounds",
                           data=ADD | {"round-kind": "lottery"})
    assert response.status_code == 400 and len(_rounds(contest)) == 2


def test_no_round_is_added_once_results_are_out(client, admin):
    contest = make_contest(state="results")
    db.session.commit()
    response = client.post(f"/contests/manage/{contest.id}/rounds", data=ADD)
    assert response.status_code == 409
    page = response.get_data(as_text=True)
    assert "「結果発表」の状態のコンテストの審査は変更できません。" in page
    assert len(_rounds(contest)) == 2
    assert f"/rounds/{contest.rounds[1].id}/remove" not in page and "審査を追加する" not in page


def test_the_last_unused_round_is_removed_with_its_rubric(client, admin, contest):
    page = client.get(f"/contests/manage/{contest.id}/rounds/{contest.rounds[0].id}/rubric")
    text = page.get_data(as_text=True)
    # Only the last round offers the button.
    assert f"/rounds/{contest.rounds[1].id}/remove" in text
    assert f"/rounds/{contest.rounds[0].id}/remove" not in text
    response = _remove(client, contest, contest.rounds[1])
    assert response.status_code == 200 and "第2審査を削除しました。" in response.get_data(
        as_text=True)
    assert _rounds(contest) == [(1, "screening", "書類審査", "Screening")]


def test_the_only_round_and_a_round_before_another_stay(client, admin, contest):
    first = contest.rounds[0]
    page = _remove(client, contest, first).get_data(as_text=True)
    assert "削除できるのは最後の審査（第2審査）だけです" in page
    assert len(_rounds(contest)) == 2
    _remove(client, contest, contest.rounds[1])
    page = _remove(client, contest, first).get_data(as_text=True)
    assert "コンテストには少なくとも1つの審査が必要です。" in page
    assert len(_rounds(contest)) == 1


def _attach(kind: str, round_, judge, pitch) -> None:
    rows = {
        "entry": RoundEntry(round_id=round_.id, pitch_id=pitch.id),
        "assignment": Assignment(round_id=round_.id, judge_id=judge.id, pitch_id=pitch.id),
        "scorecard": Scorecard(round_id=round_.id, judge_id=judge.id, pitch_id=pitch.id),
        "audit": ScoreAudit(round_id=round_.id, judge_id=judge.id, pitch_id=pitch.id,
                            action="discarded"),
        "results": ResultSnapshot(round_id=round_.id, version=1, method="mean",
                                  published_by_id=judge.id, content={}, sha256="0" * 64),
        "history": JudgingEvent(contest_id=round_.contest_id, round_id=round_.id,
                                action="round_reopened", actor_id=judge.id, reason="再開"),
    }
    db.session.add(rows[kind])
    db.session.commit()


@pytest.mark.parametrize(("kind", "message"), [
    ("entry", "第2審査は削除できません：提案が登録されています。"),
    ("assignment", "第2審査は削除できません：審査員が割り当てられています。"),
    ("scorecard", "第2審査は削除できません：審査員が採点しています。"),
    ("audit", "第2審査は削除できません：審査員が採点しています。"),
    ("results", "第2審査は削除できません：結果が公表されています。"),
    ("history", "第2審査は削除できません：審査の記録がこの審査を参照しています。"),
])
def test_a_round_with_anything_attached_stays(client, admin, contest, kind, message):
    final = contest.rounds[1]
    _attach(kind, final, make_user("expert"), make_pitch())
    page = client.get(f"/contests/manage/{contest.id}/rounds/{final.id}/rubric")
    assert f"/rounds/{final.id}/remove" not in page.get_data(as_text=True)
    response = _remove(client, contest, final)
    assert message in response.get_data(as_text=True)
    assert len(_rounds(contest)) == 2


def test_missing_contest_or_another_contests_round_is_404(client, admin, contest):
    other = make_contest(state="draft")
    db.session.commit()
    assert client.post("/contests/manage/999999/rounds", data=ADD).status_code == 404
    wrong = f"/contests/manage/{contest.id}/rounds/{other.rounds[1].id}/remove"
    assert client.post(wrong).status_code == 404
    assert len(_rounds(other)) == 2


@pytest.mark.parametrize("role", [None, "startup", "bureau", "expert"])
def test_only_the_secretariat_adds_and_removes_rounds(client, auth, contest, role):
    if role:
        user = make_user(role)
        db.session.commit()
        auth.login(user)
    expected = 302 if role is None else 403
    add = client.post(f"/contests/manage/{contest.id}/rounds", data=ADD)
    remove = client.post(f"/contests/manage/{contest.id}/rounds/{contest.rounds[1].id}/remove")
    assert (add.status_code, remove.status_code) == (expected, expected)
    if role is None:
        assert "/auth/login" in add.headers["Location"]
    assert len(_rounds(contest)) == 2


def test_the_contests_list_links_to_the_rounds(client, admin, contest):
    page = client.get("/contests/manage").get_data(as_text=True)
    assert f"/rounds/{contest.rounds[-1].id}/rubric#rounds" in page and "審査の追加・削除" in page


def test_two_additions_at_once_add_one_round_and_explain(client, admin, contest, monkeypatch):
    # The second of two simultaneous additions computed the number the first one took.
    monkeypatch.setattr("pitch.contests.operations.contest_rules.next_round_number",
                        lambda numbers: 2)
    response = client.post(f"/contests/manage/{contest.id}/rounds", data=ADD,
                           follow_redirects=True)
    assert "同時に審査を変更したため、追加されませんでした" in response.get_data(as_text=True)
    assert len(_rounds(contest)) == 2


def test_every_table_that_refers_to_a_round_is_checked_before_removal(app):
    """A new table pointing at rounds must join round_facts (or be the rubric, removed with
    the round), else removing a round would fail on its foreign key."""
    referring = {fk.parent.table.name for table in db.metadata.sorted_tables
                 for fk in table.foreign_keys if fk.column.table.name == "round"}
    assert referring == {"criterion", "round_entry", "assignment", "scorecard", "score_audit",
                         "result_snapshot", "judging_event"}
