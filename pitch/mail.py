"""Outgoing mail, sent only after the database transaction commits.

Messages are queued on the SQLAlchemy session and handed to the transport in
``after_commit``; a rollback drops them, so nobody is told of a change that did not
happen.
"""

import logging
import smtplib
from dataclasses import dataclass
from email.message import EmailMessage

from flask import current_app
from flask_babel import force_locale
from flask_sqlalchemy.session import Session as FlaskSession
from sqlalchemy import event
from sqlalchemy.orm import Session

from pitch.extensions import db

log = logging.getLogger(__name__)
_QUEUE_KEY = "pitch_outbox"


@dataclass(frozen=True)
class Mail:
    to: str
    subject: str
    body: str


def queue(session: Session, mail: Mail) -> None:
    session.info.setdefault(_QUEUE_KEY, []).append(mail)


def tell(to: str, locale: str, subject, body) -> None:
    """Queue a mail to ``to`` written in ``locale``, the recipient's language.

    ``subject`` and ``body`` are lazy strings (``_l``), turned into text here, inside that
    language; a value that itself depends on the language, such as a date, goes into them
    as a ``LazyString`` too, so it is formatted here as well.
    """
    with force_locale(locale):
        queue(db.session, Mail(to, str(subject), str(body)))


def send_now(mail: Mail) -> None:
    app = current_app._get_current_object()
    captured = app.extensions.get("pitch_mail_outbox")
    if captured is not None:
        captured.append(mail)
        return
    if not app.config["MAIL_SERVER"]:
        log.info("mail to %s: %s\n%s", mail.to, mail.subject, mail.body)
        return
    message = EmailMessage()
    message["From"] = app.config["MAIL_SENDER"]
    message["To"] = mail.to
    message["Subject"] = mail.subject
    message.set_content(mail.body)
    with smtplib.SMTP(app.config["MAIL_SERVER"], app.config["MAIL_PORT"], timeout=10) as smtp:
        if app.config["MAIL_USE_TLS"]:
            smtp.starttls()
        if app.config["MAIL_USERNAME"]:
            smtp.login(app.config["MAIL_USERNAME"], app.config["MAIL_PASSWORD"])
        smtp.send_message(message)


def _flush(session: Session) -> None:
    for mail in session.info.pop(_QUEUE_KEY, []):
        try:
            send_now(mail)
        except (OSError, smtplib.SMTPException):
            log.exception("could not send mail to %s", mail.to)


def _drop(session: Session) -> None:
    session.info.pop(_QUEUE_KEY, None)


def init_app(app) -> None:
    if app.testing:
        app.extensions["pitch_mail_outbox"] = []


# Registered once on the session class, not per app, so tests that build many apps
# do not send each message many times.
event.listen(FlaskSession, "after_commit", _flush)
event.listen(FlaskSession, "after_rollback", _drop)
