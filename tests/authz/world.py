"""The world the authorisation matrix runs in: the demo, plus a conflicted judge (a conflict
with startup A recorded after one of its pitches was assigned to them), files, a personal API
token each, and a contest still open to challenges with a draft of each bureau."""

from pathlib import Path

from flask import current_app

from pitch.api import tokens
from pitch.extensions import db
from pitch.models import (
    ApiToken,
    Assignment,
    Attachment,
    Award,
    Conflict,
    Milestone,
    PanelMember,
    Pilot,
    PilotUpdate,
    Pitch,
    Question,
    ResultSnapshot,
    Round,
    User,
)
from tests.factories import make_challenge, make_contest

# Titles no demo text contains, so finding one in a page means the object is listed there.
OPEN_CONTEST = "AUTHZ open contest"
DRAFT_X = "AUTHZ draft of bureau X"
DRAFT_Y = "AUTHZ draft of bureau Y"
OPEN_CHALLENGE = "AUTHZ open challenge of bureau X"

IDENTITIES = ("anonymous", "startup_a", "startup_b", "bureau_x", "bureau_y", "judge",
              "conflicted_judge", "admin")


def build(runner) -> dict:
    result = runner.invoke(args=["demo", "--pitches", "8", "--judges", "4",
                                 "--judges-per-pitch", "2", "--seed", "1"])
    # Pitch 1 belongs to startup A, on a challenge of bureau X; judge02 is assigned to it.
    assert result.exit_code == 0, result.output
    # Ids are taken from the data: PostgreSQL's sequences do not restart between tests.
    pitch = db.session.scalar(db.select(Pitch).where(Pitch.status == "submitted")
                              .order_by(Pitch.id))
    startup_a = pitch.startup
    bureau_x = pitch.challenge.bureau
    judge = User.by_email("judge02@example.jp")
    conflicted = User.by_email("judge01@example.jp")
    conflict = Conflict(contest_id=pitch.challenge.contest_id, judge_id=conflicted.id,
                        startup_id=startup_a.id, kind="investment", note="",
                        declared_by_id=conflicted.id)
    db.session.add(conflict)
    stored_name = "a" * 32 + ".pdf"
    (Path(current_app.config["UPLOAD_FOLDER"]) / stored_name).write_bytes(b"%PDF-1.4\n")
    attachment = Attachment(challenge_id=pitch.challenge_id, stored_name=stored_name,
                            original_name="資料.pdf", content_type="application/pdf", size=8)
    db.session.add(attachment)
    db.session.commit()
    people = {
        "startup_a": User.by_email("sonaetech@example.jp"),
        "startup_b": db.session.scalar(db.select(User).where(
            User.startup_id.is_not(None), User.startup_id != startup_a.id).order_by(User.id)),
        "bureau_x": db.session.scalar(db.select(User).where(User.bureau_id == bureau_x.id)),
        "bureau_y": db.session.scalar(db.select(User).where(
            User.bureau_id.is_not(None), User.bureau_id != bureau_x.id).order_by(User.id)),
        "judge": judge,
        "conflicted_judge": conflicted,
        "admin": User.by_email("admin@example.jp"),
    }
    assert all(people.values()), people
    drafts = _open_contest_drafts(bureau_x, people["bureau_y"].bureau)
    # Each person holds a personal API token, so lists can be read as they would be by a script.
    secrets = {name: tokens.create(user, f"token of {name}")[1] for name, user in people.items()}
    db.session.commit()
    first = lambda model, *where: db.session.scalar(  # noqa: E731
        db.select(model.id).where(*where).order_by(model.id))
    contest_id = pitch.challenge.contest_id
    values = {
        "challenge_id": pitch.challenge_id, "pitch_id": pitch.id, "contest_id": contest_id,
        "round_id": first(Round, Round.contest_id == contest_id, Round.number == 1),
        "final_round_id": first(Round, Round.contest_id == contest_id, Round.number == 2),
        "pilot_id": first(Pilot, Pilot.startup_id == startup_a.id),
        "question_id": first(Question, Question.challenge_id == pitch.challenge_id),
        "attachment_id": attachment.id, "award_id": first(Award),
        "snapshot_id": first(ResultSnapshot), "assignment_id": first(Assignment),
        "milestone_id": first(Milestone),
        "token_id": first(ApiToken, ApiToken.user_id == people["startup_a"].id),
        "update_id": first(PilotUpdate), "user_id": people["admin"].id,
        "conflict_id": conflict.id,
        "member_id": first(PanelMember, PanelMember.user_id == judge.id,
                           PanelMember.contest_id == contest_id),
        "token": "not-a-token", "file_format": "csv", "filename": "css/app.css",
        **drafts,
    }
    return {"people": people, "values": values, "tokens": secrets}


def _open_contest_drafts(bureau_x, bureau_y) -> dict:
    """A contest still open to challenges: a draft of each bureau (bureau X's with a file) and
    a published challenge of bureau X, so the owners' writes get past the timeline too."""
    contest = make_contest(title_ja=OPEN_CONTEST, title_en=OPEN_CONTEST)
    draft_x = make_challenge(contest, bureau_x, status="draft", title=DRAFT_X)
    make_challenge(contest, bureau_y, status="draft", title=DRAFT_Y)
    published = make_challenge(contest, bureau_x, title=OPEN_CHALLENGE)
    stored_name = "b" * 32 + ".pdf"
    (Path(current_app.config["UPLOAD_FOLDER"]) / stored_name).write_bytes(b"%PDF-1.4\n")
    attachment = Attachment(challenge=draft_x, stored_name=stored_name, original_name="案.pdf",
                            content_type="application/pdf", size=8)
    db.session.add(attachment)
    db.session.commit()
    return {"draft_challenge_id": draft_x.id, "draft_attachment_id": attachment.id,
            "open_challenge_id": published.id}
