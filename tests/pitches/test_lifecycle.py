"""Draft, submit, revise, withdraw, and frozen after the deadline."""

import re
from datetime import timedelta

from pitch.extensions import db
from pitch.models import Pitch, PitchChange
from pitch.pitches import access, routes
from tests.pitches.conftest import complete_form, pdf_file


def _pitch() -> Pitch | None:
    db.session.expire_all()
    return db.session.scalar(db.select(Pitch))


def _submit(client, challenge, **overrides):
    data = complete_form(deck=pdf_file(), **overrides)
    return client.post(f"/challenges/{challenge.id}/pitch", data=data,
                       content_type="multipart/form-data")


def test_the_form_is_japanese_by_default(client, auth, member, challenge):
    auth.login(member)
    page = client.get(f"/challenges/{challenge.id}/pitch").get_data(as_text=True)
    assert "提案を提出する" in page and "下書き保存" in page and "反社会的勢力" in page


def test_the_form_in_english(client, auth, member, challenge):
    auth.login(member)
    client.post("/language", data={"language": "en"})
    page = client.get(f"/challenges/{challenge.id}/pitch").get_data(as_text=True)
    assert "Submit a pitch" in page and "Save as draft" in page and "anti-social force" in page


def test_a_draft_needs_nothing_and_sends_nothing(client, auth, member, challenge, outbox):
    auth.login(member)
    response = client.post(f"/challenges/{challenge.id}/pitch",
                           data={"title": "途中まで", "action": "draft"})
    assert response.status_code == 302
    pitch = _pitch()
    assert (pitch.status, pitch.title, pitch.submission_number) == ("draft", "途中まで", None)
    assert pitch.created_by_id == member.id and outbox == []
    # Coming back to the challenge's form leads to the existing draft.
    again = client.get(f"/challenges/{challenge.id}/pitch")
    assert again.headers["Location"].endswith(f"/pitches/{pitch.id}/edit")


def test_submitting_an_incomplete_pitch_is_refused_and_keeps_the_input(
        client, auth, member, challenge):
    auth.login(member)
    data = complete_form(summary="", not_antisocial=None, cost_yen="１，２００，０００円")
    response = client.post(f"/challenges/{challenge.id}/pitch", data=data)
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert "提出するには入力してください" in page
    assert "提出するにはこの表明にチェックしてください" in page
    assert "PDF資料を添付してください" in page
    assert 'value="避難所の混雑を見える化"' in page and "１，２００，０００円" in page
    assert _pitch() is None


def test_submission_gives_a_receipt_number_and_mail(client, auth, member, teammate, challenge,
                                                     outbox):
    auth.login(member)
    response = _submit(client, challenge, cost_yen="¥３，０００，０００")
    pitch = _pitch()
    assert response.headers["Location"].endswith(f"/pitches/{pitch.id}")
    assert pitch.status == "submitted" and pitch.cost_yen == 3_000_000
    assert re.fullmatch(r"P-20\d\d-\d{6}", pitch.submission_number)
    assert pitch.submitted_at is not None and pitch.deck_original_name == "deck.pdf"
    assert sorted(m.to for m in outbox) == sorted([member.email, teammate.email])
    receipt = outbox[0]
    assert pitch.submission_number in receipt.subject and pitch.submission_number in receipt.body
    assert "受付番号" in receipt.body and "受付日時" in receipt.body
    page = client.get(f"/pitches/{pitch.id}").get_data(as_text=True)
    assert pitch.submission_number in page and "受付" in page


def test_the_receipt_follows_each_members_language(client, auth, member, teammate, challenge,
                                                    outbox):
    teammate.locale = "en"
    db.session.commit()
    auth.login(member)
    _submit(client, challenge)
    by_address = {m.to: m for m in outbox}
    assert "Submission number" in by_address[teammate.email].body
    assert "受付番号" in by_address[member.email].body


def test_a_teammate_revises_and_every_change_is_recorded(client, auth, member, teammate,
                                                         challenge, app):
    auth.login(member)
    _submit(client, challenge)
    pitch = _pitch()
    number = pitch.submission_number
    auth.logout()
    auth.login(teammate)
    assert client.get(f"/pitches/{pitch.id}/edit").status_code == 200
    response = client.post(f"/pitches/{pitch.id}/edit",
                           data=complete_form(title="改訂版", cost_yen="2500000"))
    assert response.status_code == 302
    pitch = _pitch()
    assert (pitch.title, pitch.cost_yen, pitch.status) == ("改訂版", 2_500_000, "submitted")
    assert pitch.submission_number == number
    changes = db.session.scalars(db.select(PitchChange).order_by(PitchChange.id)).all()
    assert [c.action for c in changes] == ["submit", "update"]
    assert changes[0].user_id == member.id
    last = changes[1]
    assert last.user_id == teammate.id and last.at is not None
    assert last.changes == {"title": ["避難所の混雑を見える化", "改訂版"],
                            "cost_yen": [3_000_000, 2_500_000]}
    history = client.get(f"/pitches/{pitch.id}/history").get_data(as_text=True)
    assert "改訂版" in history and teammate.name in history and "変更履歴" in history


def test_a_submitted_pitch_cannot_lose_a_required_field(client, auth, member, challenge):
    auth.login(member)
    _submit(client, challenge)
    pitch = _pitch()
    response = client.post(f"/pitches/{pitch.id}/edit", data=complete_form(summary=" "))
    assert response.status_code == 400
    assert _pitch().summary == "避難所の混雑状況を地図で共有します。"


def test_saving_without_changes_records_nothing(client, auth, member, challenge):
    auth.login(member)
    _submit(client, challenge)
    pitch = _pitch()
    client.post(f"/pitches/{pitch.id}/edit", data=complete_form())
    assert db.session.scalar(db.select(db.func.count()).select_from(PitchChange)) == 1


def test_withdraw_with_confirmation_then_submit_again(client, auth, member, challenge, outbox):
    auth.login(member)
    _submit(client, challenge)
    pitch = _pitch()
    number = pitch.submission_number
    confirm = client.get(f"/pitches/{pitch.id}/withdraw")
    assert confirm.status_code == 200 and "取り下げ" in confirm.get_data(as_text=True)
    assert _pitch().status == "submitted"
    assert client.post(f"/pitches/{pitch.id}/withdraw").status_code == 302
    assert _pitch().status == "withdrawn"
    # Withdrawing twice is refused politely.
    again = client.post(f"/pitches/{pitch.id}/withdraw", follow_redirects=True)
    assert "取り下げできません" in again.get_data(as_text=True)
    outbox.clear()
    client.post(f"/pitches/{pitch.id}/edit", data=complete_form())
    pitch = _pitch()
    assert pitch.status == "submitted" and pitch.submission_number == number
    assert len(outbox) == 1
    actions = db.session.scalars(db.select(PitchChange.action).order_by(PitchChange.id)).all()
    assert actions == ["submit", "withdraw", "submit"]


def test_frozen_at_the_deadline_instant(client, auth, member, challenge, monkeypatch):
    auth.login(member)
    _submit(client, challenge)
    pitch = _pitch()
    closes = challenge.contest.application_closes
    monkeypatch.setattr(routes, "utcnow", lambda: closes - timedelta(microseconds=1))
    assert client.get(f"/pitches/{pitch.id}/edit").status_code == 200
    monkeypatch.setattr(routes, "utcnow", lambda: closes)
    refused = client.post(f"/pitches/{pitch.id}/edit", data=complete_form(title="遅すぎ"),
                          follow_redirects=True)
    page = refused.get_data(as_text=True)
    assert "締切" in page and "変更できません" in page
    assert _pitch().title == "避難所の混雑を見える化"
    assert client.post(f"/pitches/{pitch.id}/withdraw").status_code == 302
    assert _pitch().status == "submitted"
    detail = client.get(f"/pitches/{pitch.id}").get_data(as_text=True)
    assert "凍結" in detail and f"/pitches/{pitch.id}/edit" not in detail


def test_the_predicates_use_the_exclusive_deadline(app, member, challenge):
    closes = challenge.contest.application_closes
    opens = challenge.contest.application_opens
    pitch = Pitch(challenge=challenge, startup_id=member.startup_id)
    assert access.can_edit_pitch(member, pitch, closes - timedelta(microseconds=1))
    assert not access.can_edit_pitch(member, pitch, closes)
    assert access.can_submit_to(member, challenge, opens)
    assert not access.can_submit_to(member, challenge, opens - timedelta(microseconds=1))


def test_no_pitch_for_a_closed_or_unpublished_challenge(client, auth, member, challenge):
    challenge.contest.application_closes = challenge.contest.application_opens
    db.session.commit()
    auth.login(member)
    response = client.post(f"/challenges/{challenge.id}/pitch", data=complete_form())
    assert response.status_code == 302 and _pitch() is None
    challenge.status = "draft"
    db.session.commit()
    assert client.get(f"/challenges/{challenge.id}/pitch").status_code == 404


def test_an_http_video_link_is_refused(client, auth, member, challenge):
    auth.login(member)
    response = client.post(f"/challenges/{challenge.id}/pitch",
                           data=complete_form(video_url="http://video.example.jp/x",
                                              action="draft"))
    assert response.status_code == 400
    assert "https://" in response.get_data(as_text=True) and _pitch() is None


def test_my_pitches_lists_only_my_startups(client, auth, member, teammate, challenge):
    from tests.factories import make_pitch

    make_pitch(challenge, startup=member.startup, title="うちの提案")
    make_pitch(challenge, title="よその提案")
    db.session.commit()
    auth.login(teammate)
    page = client.get("/pitches/mine").get_data(as_text=True)
    assert "うちの提案" in page and "よその提案" not in page and "マイ提案" in page
