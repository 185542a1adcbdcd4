"""The receipt's date is written in each member's language, not the submitter's."""

from flask_babel import force_locale

from pitch.extensions import db
from pitch.models import Pitch
from pitch.templating import local_datetime
from tests.pitches.conftest import complete_form, pdf_file


def test_the_receipt_date_follows_each_members_language(client, auth, member, teammate,
                                                        challenge, outbox):
    teammate.locale = "en"
    db.session.commit()
    auth.login(member)
    client.post(f"/challenges/{challenge.id}/pitch", data=complete_form(deck=pdf_file()),
                content_type="multipart/form-data")
    submitted_at = db.session.scalar(db.select(Pitch.submitted_at))
    by_address = {m.to: m.body for m in outbox}
    for user, locale in ((member, "ja"), (teammate, "en")):
        with force_locale(locale):
            assert local_datetime(submitted_at, "long") in by_address[user.email]
