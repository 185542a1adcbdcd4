"""Public records that follow judging: published results and public pilots."""

from flask.views import MethodView
from flask_smorest import Blueprint
from sqlalchemy.orm import joinedload, selectinload

from pitch.api.paging import paged
from pitch.api.schemas import ID, QUERY, ContestResultsSchema, PilotArgsSchema, PilotPageSchema
from pitch.extensions import db
from pitch.models import Challenge, Contest, Pilot
from pitch.results.public import open_data_json, published_rounds

blp = Blueprint("published", __name__, description="Open data: results and pilots")


@blp.route(f"/contests/<{ID}:contest_id>/results")
class ContestResults(MethodView):
    @blp.response(200, ContestResultsSchema)
    def get(self, contest_id: int):
        """The contest's published results: the open data of the public results page."""
        contest = db.one_or_404(db.select(Contest).where(Contest.id == contest_id,
                                                         Contest.state != "draft"))
        return open_data_json(contest, published_rounds(contest))


@blp.route("/pilots")
class Pilots(MethodView):
    @blp.arguments(PilotArgsSchema, **QUERY)
    @blp.response(200, PilotPageSchema)
    def get(self, args):
        """Pilots the secretariat has made public, newest first."""
        statement = (
            db.select(Pilot).join(Pilot.challenge).where(Pilot.public.is_(True))
            .options(joinedload(Pilot.bureau), joinedload(Pilot.startup),
                     joinedload(Pilot.challenge), selectinload(Pilot.kpis))
            .order_by(Pilot.created_at.desc(), Pilot.id.desc()))
        if args.get("contest"):
            statement = statement.where(Challenge.contest_id == args["contest"])
        if args.get("bureau"):
            statement = statement.where(Pilot.bureau_id == args["bureau"])
        return paged(statement, args)
