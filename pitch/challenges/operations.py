"""Every write of the challenges area: challenges, attachments, questions and answers."""

from flask import url_for
from flask_babel import lazy_gettext as _l
from werkzeug.datastructures import FileStorage

from pitch import mail
from pitch.challenges.forms import normalise_tags, split_lines
from pitch.extensions import db
from pitch.models import Attachment, Challenge, Question
from pitch.models.types import utcnow
from pitch.uploads import delete_after_commit, discard_on_rollback, save_upload

ATTACHMENT_KINDS = {"pdf", "png", "jpeg"}
ATTACHMENT_MAX_BYTES = 10 * 1024 * 1024
TEXT_FIELDS = ("title", "title_en", "summary", "situation", "wanted", "outcome",
               "pilot_period", "contact")


def _apply(challenge: Challenge, values: dict) -> None:
    for name in TEXT_FIELDS:
        setattr(challenge, name, (values[name] or "").strip())
    challenge.budget_yen = values["budget_yen"]
    challenge.data_links = "\n".join(split_lines(values["data_links"]))
    challenge.tags = normalise_tags(values["tags"])


def create_challenge(values: dict, user) -> Challenge:
    challenge = Challenge(contest_id=values["contest_id"], bureau_id=values["bureau_id"],
                          status="draft", created_by_id=user.id)
    _apply(challenge, values)
    db.session.add(challenge)
    return challenge


def update_challenge(challenge: Challenge, values: dict) -> None:
    """The contest and bureau of a challenge are fixed once created."""
    _apply(challenge, values)


def publish_challenge(challenge: Challenge) -> None:
    challenge.status = "published"
    challenge.published_at = utcnow()


def close_challenge(challenge: Challenge) -> None:
    challenge.status = "closed"


def add_attachment(challenge: Challenge, upload: FileStorage) -> Attachment:
    """Raises pitch.uploads.UploadRejected for a wrong, empty or too large file."""
    stored = save_upload(upload, kinds=ATTACHMENT_KINDS, max_bytes=ATTACHMENT_MAX_BYTES)
    discard_on_rollback(db.session, stored)
    attachment = Attachment(stored_name=stored.stored_name, original_name=stored.original_name,
                            content_type=stored.content_type, size=stored.size)
    challenge.attachments.append(attachment)
    return attachment


def remove_attachment(attachment: Attachment) -> None:
    delete_after_commit(db.session, attachment.stored_name)
    db.session.delete(attachment)


def ask_question(challenge: Challenge, user, body: str) -> Question:
    question = Question(challenge_id=challenge.id, asker_id=user.id, body=body.strip())
    db.session.add(question)
    return question


def answer_question(question: Question, user, answer: str, asker) -> str:
    """Record the answer and tell the asker, in their language, once it is committed.

    Returns "answered", "updated" or "unchanged". Changing a sent answer tells the asker
    again (only the asker: the answer itself is public); saving the same text changes
    nothing and sends nothing.
    """
    text = answer.strip()
    previous = question.answer
    if previous == text:
        return "unchanged"
    question.answer = text
    question.answered_by_id = user.id
    question.answered_at = utcnow()
    if asker is not None and asker.active:
        _tell_asker(question, asker, updated=previous is not None)
    return "answered" if previous is None else "updated"


def _tell_asker(question: Question, asker, updated: bool) -> None:
    title = question.challenge.display_title(asker.locale)
    link = url_for("challenges.show", challenge_id=question.challenge_id,
                   _external=True, _anchor=f"question-{question.id}")
    if updated:
        subject = _l("The answer to your question on “%(title)s” has been updated", title=title)
        body = _l("The bureau has updated its answer to your question on “%(title)s”. "
                  "The updated answer is public:\n\n%(link)s", title=title, link=link)
    else:
        subject = _l("Your question on “%(title)s” has been answered", title=title)
        body = _l("The bureau has answered your question on “%(title)s”. "
                  "The answer is public:\n\n%(link)s", title=title, link=link)
    mail.tell(asker.email, asker.locale, subject, body)
