"""Judges told by e-mail, in their own language, when the panel or a round changes under them."""

import pytest
from flask import url_for

from pitch.extensions import db
from pitch.judging import assignment_operations as assigning
from pitch.models import JudgingEvent, PanelMember
from pitch.results.operations import publish
from tests.judging.helpers import assign, make_judge, make_scene

REMOVED = {"ja": ("審査員団から外れました", "「都市防災ピッチ」の審査員団から外しました",
                  "すでに提出した採点票はそのまま残ります"),
           "en": ("You are no longer on the panel", "the panel of “Disaster pitch”",
                  "The scorecards you had already submitted are kept.")}
WITHDRAWN = {"ja": ("審査員の依頼は取り消されました",
                    "「都市防災ピッチ」の審査員団への依頼を取り消しました"),
             "en": ("Your invitation to judge is withdrawn",
                    "withdrawn your invitation to the panel of “Disaster pitch”")}
REOPENED = {"ja": ("採点が再開されました", "「都市防災ピッチ」の「書類審査」を再開しました"),
            "en": ("Scoring is open again", "reopened “Screening” of “Disaster pitch”")}


@pytest.fixture
def panel(app):
    """Four pitches assigned to two of four judges each; the second judge reads English."""
    scene = make_scene(pitches=4, judges=0)
    scene.contest.judges_per_pitch = 2
    scene.judges = [make_judge(scene.contest, locale=locale)
                    for locale in ("ja", "en", "ja", "ja")]
    assigning.run_assignment(scene.screening, seed=1)
    db.session.commit()
    return scene


def _member(judge) -> PanelMember:
    return db.session.scalar(db.select(PanelMember).filter_by(user_id=judge.id))


def _remove(client, scene, judge, reason="利益相反の疑い"):
    member = _member(judge)
    return client.post(
        f"/judging/contests/{scene.contest.id}/panel/members/{member.id}/remove",
        data={f"remove-{member.id}-reason": reason})


@pytest.mark.parametrize(("index", "locale"), [(0, "ja"), (1, "en")])
def test_removed_judge_is_told_in_their_language(panel, client, auth, outbox, index, locale):
    judge = panel.judges[index]
    auth.login(panel.admin)
    assert _remove(client, panel, judge).status_code == 302
    (mail,) = outbox
    subject, contest, kept = REMOVED[locale]
    assert mail.to == judge.email and mail.subject == subject
    assert contest in mail.body and kept in mail.body
    # Not the reason, nor who was on the panel or took over their pitches.
    assert "利益相反の疑い" not in mail.body
    assert not any(other.email in mail.body or other.name in mail.body
                   for other in panel.judges if other is not judge)


@pytest.mark.parametrize("locale", ["ja", "en"])
def test_an_invited_judge_removed_is_told_the_invitation_is_withdrawn(panel, client, auth,
                                                                      outbox, locale):
    judge = make_judge(panel.contest, locale=locale)
    _member(judge).status = "invited"
    db.session.commit()
    auth.login(panel.admin)
    assert _remove(client, panel, judge).status_code == 302
    (mail,) = outbox
    subject, contest = WITHDRAWN[locale]
    assert mail.to == judge.email and mail.subject == subject and contest in mail.body
    assert "採点票" not in mail.body and "scorecard" not in mail.body


def test_refused_removal_sends_nothing(panel, client, auth, outbox):
    panel.contest.judges_per_pitch = 4  # every judge on every pitch: nobody to take over
    assigning.run_assignment(panel.screening, seed=1)
    db.session.commit()
    auth.login(panel.admin)
    assert _remove(client, panel, panel.judges[0]).status_code == 400
    assert _member(panel.judges[0]).status == "accepted"
    assert outbox == []


def test_removing_a_removed_judge_says_why_and_changes_nothing(panel, client, auth, outbox):
    member = _member(panel.judges[0])
    member.status = "removed"
    db.session.commit()
    auth.login(panel.admin)
    response = _remove(client, panel, panel.judges[0])
    assert response.status_code == 302
    assert response.headers["Location"].endswith(f"/judging/contests/{panel.contest.id}/panel")
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "この審査員はすでに審査員団にいません。" in page
    db.session.refresh(member)
    assert member.status == "removed"
    assert db.session.scalar(db.select(db.func.count()).select_from(JudgingEvent)) == 0
    assert outbox == []


@pytest.fixture
def closed(app):
    """A closed screening round: two accepted judges assigned (ja, en), and people who must
    not hear of its reopening."""
    scene = make_scene(pitches=2, judges=2)
    scene.judges[1].locale = "en"
    pitch = scene.pitches[0]
    removed = make_judge(scene.contest)
    assign(scene.screening, removed, pitch)  # kept for a submitted scorecard
    _member(removed).status = "removed"
    declined = make_judge(scene.contest)
    assign(scene.screening, declined, pitch)
    _member(declined).status = "declined"
    make_judge(scene.contest)  # on the panel, nothing in this round
    other = make_scene(pitches=1, judges=1, state="closed")  # another contest's judge
    scene.screening.state = "closed"
    db.session.commit()
    scene.others = [removed, declined, other.judges[0]]
    return scene


def _reopen(client, scene):
    return client.post(f"/judging/rounds/{scene.screening.id}/reopen",
                       data={"reopen-reason": "採点の誤りを訂正するため"})


def test_reopening_tells_the_round_s_judges_in_their_language(closed, client, auth, outbox):
    auth.login(closed.admin)
    assert _reopen(client, closed).status_code == 302
    by_address = {mail.to: mail for mail in outbox}
    assert sorted(by_address) == sorted(j.email for j in closed.judges)
    assert len(outbox) == len(closed.judges)
    for judge in closed.judges:
        mail = by_address[judge.email]
        subject, round_ = REOPENED[judge.locale]
        assert mail.subject == subject and round_ in mail.body
        assert mail.body.endswith(url_for("judging.dashboard", _external=True))
        assert "採点の誤りを訂正するため" not in mail.body


def test_refused_reopening_sends_nothing(closed, client, auth, outbox):
    publish(closed.screening, "mean", closed.admin)
    db.session.commit()
    auth.login(closed.admin)
    assert _reopen(client, closed).status_code == 409
    assert outbox == []
