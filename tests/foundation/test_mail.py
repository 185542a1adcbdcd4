"""mail.tell: a mail written in the recipient's language, sent only once the change commits."""

from datetime import UTC, datetime

from flask_babel import LazyString, force_locale
from flask_babel import lazy_gettext as _l

from pitch import mail
from pitch.extensions import db
from pitch.models import User
from pitch.templating import local_datetime
from tests.factories import make_user

SENT_AT = datetime(2026, 4, 1, 1, 0, tzinfo=UTC)


def _tell(to: str, locale: str) -> None:
    mail.tell(to, locale, _l("Invitation to pitch"),
              LazyString(local_datetime, SENT_AT, "long"))


def test_each_mail_is_in_its_recipients_language_whatever_the_current_one(app, outbox):
    with force_locale("en"):
        _tell("hanako@example.jp", "ja")
    with force_locale("ja"):
        _tell("alice@example.com", "en")
    db.session.commit()
    by_address = {m.to: m for m in outbox}
    assert by_address["hanako@example.jp"].subject == "pitch への招待"
    assert by_address["hanako@example.jp"].body.startswith("2026年4月1日 10:00:00")
    assert by_address["alice@example.com"].subject == "Invitation to pitch"
    assert by_address["alice@example.com"].body.startswith("April 1, 2026")


def test_a_mail_waits_for_the_commit(app, outbox):
    _tell("hanako@example.jp", "ja")
    db.session.flush()
    assert outbox == []
    db.session.commit()
    assert [m.to for m in outbox] == ["hanako@example.jp"]


def test_a_rollback_drops_the_mail_with_the_change_it_announced(app, outbox):
    user = make_user(email="hanako@example.jp")
    db.session.flush()
    _tell(user.email, user.locale)
    db.session.rollback()
    db.session.commit()
    assert outbox == [] and User.by_email("hanako@example.jp") is None
