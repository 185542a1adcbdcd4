"""The public list of challenges with its search filters, for the page and the API alike."""

from pitch.challenges.access import PUBLIC_STATUSES, public_challenges
from pitch.extensions import db
from pitch.models import Challenge


def filtered_challenges(filters: dict):
    """Published and closed challenges matching `filters`, newest first.

    `filters` holds q (words), contest, bureau, tag and status; an empty value filters nothing.
    """
    statement = public_challenges()
    if filters["q"]:
        text = [Challenge.title, Challenge.title_en, Challenge.summary, Challenge.situation,
                Challenge.wanted, Challenge.outcome]
        # Each word must appear somewhere; lower() on both sides for case-insensitive Latin.
        for word in filters["q"].lower().split():
            statement = statement.where(db.or_(*(
                db.func.lower(column).contains(word, autoescape=True) for column in text)))
    if filters["contest"]:
        statement = statement.where(Challenge.contest_id == filters["contest"])
    if filters["bureau"]:
        statement = statement.where(Challenge.bureau_id == filters["bureau"])
    if filters["tag"]:
        padded = db.literal(",") + Challenge.tags + db.literal(",")
        statement = statement.where(padded.contains(f",{filters['tag']},", autoescape=True))
    if filters["status"] in PUBLIC_STATUSES:
        statement = statement.where(Challenge.status == filters["status"])
    return statement.order_by(Challenge.published_at.desc(), Challenge.id.desc())
