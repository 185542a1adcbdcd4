"""Public records, no sign-in: contests and published challenges with their answered Q&A.

The filters are those of the challenges page, through the same query.
"""

from flask.views import MethodView
from flask_smorest import Blueprint, abort
from sqlalchemy.orm import selectinload

from pitch.api.paging import paged
from pitch.api.schemas import (
    ID,
    QUERY,
    ChallengeArgsSchema,
    ChallengeDetailSchema,
    ChallengePageSchema,
    ContestDetailSchema,
    ContestPageSchema,
    PageArgsSchema,
)
from pitch.challenges.access import public_challenges
from pitch.challenges.listing import filtered_challenges
from pitch.extensions import db
from pitch.models import Challenge, Contest, Question, Round

blp = Blueprint("public", __name__, description="Open data: contests and challenges")


def _public_contests():
    return db.select(Contest).where(Contest.state != "draft")


@blp.route("/contests")
class Contests(MethodView):
    @blp.arguments(PageArgsSchema, **QUERY)
    @blp.response(200, ContestPageSchema)
    def get(self, args):
        """Contests open to the public, newest first."""
        return paged(_public_contests().order_by(Contest.created_at.desc(), Contest.id.desc()),
                     args)


@blp.route(f"/contests/<{ID}:contest_id>")
class ContestDetail(MethodView):
    @blp.response(200, ContestDetailSchema)
    def get(self, contest_id: int):
        """A contest with its timeline, rounds and rubric."""
        statement = _public_contests().where(Contest.id == contest_id).options(
            selectinload(Contest.rounds).selectinload(Round.criteria))
        return db.one_or_404(statement)


@blp.route("/challenges")
class Challenges(MethodView):
    @blp.arguments(ChallengeArgsSchema, **QUERY)
    @blp.response(200, ChallengePageSchema)
    def get(self, args):
        """Published (and closed) challenges, filtered as on the challenges page."""
        filters = {"q": args.get("q", "").strip(), "contest": args.get("contest"),
                   "bureau": args.get("bureau"), "tag": args.get("tag", "").strip(),
                   "status": args.get("status", "")}
        return paged(filtered_challenges(filters), args)


@blp.route(f"/challenges/<{ID}:challenge_id>")
class ChallengeDetail(MethodView):
    @blp.response(200, ChallengeDetailSchema)
    def get(self, challenge_id: int):
        """A published challenge with its attachments and its answered questions."""
        challenge = db.session.scalars(
            public_challenges().where(Challenge.id == challenge_id)
            .options(selectinload(Challenge.attachments))).unique().one_or_none()
        if challenge is None:
            abort(404)
        challenge.questions = db.session.scalars(
            db.select(Question).where(Question.challenge_id == challenge.id,
                                      Question.answer.is_not(None))
            .order_by(Question.created_at, Question.id)).all()
        return challenge
