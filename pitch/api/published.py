"""Public records that follow judging: published results and public pilots."""

from flask.views import MethodView
from flask_smorest import Blueprint
from sqlalchemy.orm import joinedload, selectinload

from pitch.api.paging import paged
from pitch.api.schemas import ID, QUERY, ContestResultsSchema, PilotArgsSchema, PilotPageSchema
from pitch.extensions import db
from pitch.models import Challenge, Contest, Pilot, ResultSnapshot

blp = Blueprint("published", __name__, description="Open data: results and pilots")

# Per-judge counts, means and spreads are for the secretariat, not for publication.
PRIVATE_KEYS = frozenset({"judges"})


def _public_content(content: dict) -> dict:
    return {key: value for key, value in content.items() if key not in PRIVATE_KEYS}


@blp.route(f"/contests/<{ID}:contest_id>/results")
class ContestResults(MethodView):
    @blp.response(200, ContestResultsSchema)
    def get(self, contest_id: int):
        """The latest published version of each round's results (rounds not yet published
        are left out)."""
        contest = db.one_or_404(db.select(Contest).where(Contest.id == contest_id,
                                                         Contest.state != "draft"))
        latest = (db.select(ResultSnapshot.round_id, db.func.max(ResultSnapshot.version)
                            .label("version")).group_by(ResultSnapshot.round_id).subquery())
        snapshots = db.session.scalars(
            db.select(ResultSnapshot)
            .join(latest, db.and_(latest.c.round_id == ResultSnapshot.round_id,
                                  latest.c.version == ResultSnapshot.version))
            .where(ResultSnapshot.round_id.in_([round_.id for round_ in contest.rounds]))
            .options(joinedload(ResultSnapshot.round))).all()
        rounds = [{"round": snapshot.round, "version": snapshot.version,
                   "method": snapshot.method, "published_at": snapshot.published_at,
                   "reason": snapshot.reason, "sha256": snapshot.sha256,
                   "results": _public_content(snapshot.content)}
                  for snapshot in sorted(snapshots, key=lambda s: s.round.number)]
        return {"contest_id": contest.id, "rounds": rounds}


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
