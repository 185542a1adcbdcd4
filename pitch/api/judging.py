"""A judge's scoring client: assignments, the pitch as the judge sees it, the scorecard.

Every rule is the judging area's own: the access predicates decide what the judge may read
(404 when unassigned, conflicted or missing, as on the pages) and save_scorecard decides what
may be written, the same function the web form calls.
"""

from flask.views import MethodView
from flask_smorest import Blueprint, abort

from pitch.api.auth import BEARER, CheckedView, caller, token_routes
from pitch.api.judging_schemas import (
    AssignmentArgsSchema,
    AssignmentsSchema,
    JudgeViewSchema,
    ScorecardInputSchema,
    ScorecardSchema,
)
from pitch.api.schemas import ID, QUERY
from pitch.extensions import db
from pitch.judging import access
from pitch.judging.operations import ScoringRefused, find_scorecard, judge_total, save_scorecard
from pitch.judging.work import work_of
from pitch.models import PanelMember, Pitch, Round, RoundEntry

blp = Blueprint("judging_api", __name__, description="A judge's assignments and scorecards")
token_routes(blp)

# How save_scorecard's refusals answer: deadlines and locks are conflicts of state.
_STATUS = {"locked": 409, "not_open": 409, "stale": 409, "not_declared": 403,
           "not_allowed": 404, "invalid": 422}


@blp.route("/judging/assignments")
class Assignments(MethodView):
    @blp.doc(security=BEARER)
    @blp.arguments(AssignmentArgsSchema, **QUERY)
    @blp.response(200, AssignmentsSchema)
    def get(self, args):
        """The caller's assignments per round, in running order, conflicts left out."""
        user = caller()
        contests = db.session.scalars(
            db.select(PanelMember).where(PanelMember.user_id == user.id,
                                         PanelMember.status == access.ACCEPTED)
            .options(db.joinedload(PanelMember.contest))).all()
        work = work_of(user, [member.contest for member in contests])
        rounds = [
            {"round": item.round, "contest_id": item.round.contest_id,
             "blind": access.blind(item.round),
             "pitches": [{"pitch_id": pitch.id, "position": position, "status": status}
                         for position, pitch, status in item.rows]}
            for items in work.values() for item in items
            if args.get("round") in (None, item.round.id)
        ]
        return {"rounds": rounds}


class _JudgeView(CheckedView):
    def check(self, round_id: int, pitch_id: int) -> None:
        """The round and pitch, or 404 unless the caller is their assigned, unconflicted
        judge."""
        self.user = caller()
        self.round = db.get_or_404(Round, round_id)
        self.pitch = db.get_or_404(Pitch, pitch_id)
        if not access.can_view_pitch_as_judge(self.user, self.round, self.pitch):
            abort(404)


def _card(round_: Round, card) -> dict:
    if card is None:
        return {"status": "none", "version": 0, "scores": {}, "comment": "", "feedback": "",
                "submitted_at": None, "total": None}
    keys = {criterion.id: criterion.key for criterion in round_.criteria}
    scores = {keys[line.criterion_id]: line.score for line in card.lines}
    return {"status": card.status, "version": card.version, "scores": scores,
            "comment": card.comment, "feedback": card.feedback,
            "submitted_at": card.submitted_at, "total": judge_total(round_.criteria, scores)}


def _pitch(round_: Round, pitch: Pitch) -> dict:
    position = db.session.scalar(db.select(RoundEntry.position).filter_by(
        round_id=round_.id, pitch_id=pitch.id))
    hidden = access.blind(round_)
    return {
        "id": pitch.id, "title": pitch.title, "summary": pitch.summary,
        "problem": pitch.problem, "solution": pitch.solution, "novelty": pitch.novelty,
        "plan": pitch.plan, "cost_yen": pitch.cost_yen,
        "has_deck": pitch.deck_stored_name is not None, "position": position,
        "startup": None if hidden else pitch.startup,
        "team": None if hidden else pitch.team,
        "video_url": None if hidden else pitch.video_url,
    }


@blp.route(f"/judging/rounds/<{ID}:round_id>/pitches/<{ID}:pitch_id>")
class JudgePitch(_JudgeView):
    @blp.doc(security=BEARER)
    @blp.response(200, JudgeViewSchema)
    def get(self, **_ids):
        """The pitch as its judge sees it (no startup identity in a blind round), with the
        round's rubric and the judge's scorecard."""
        user, round_, pitch = self.user, self.round, self.pitch
        return {"round": round_, "blind": access.blind(round_),
                "can_score": access.can_score(user, round_, pitch),
                "pitch": _pitch(round_, pitch),
                "scorecard": _card(round_, find_scorecard(round_, user, pitch))}


@blp.route(f"/judging/rounds/<{ID}:round_id>/pitches/<{ID}:pitch_id>/scorecard")
class JudgeScorecard(_JudgeView):
    @blp.doc(security=BEARER)
    @blp.response(200, ScorecardSchema)
    def get(self, **_ids):
        """The judge's scorecard for the pitch (status "none" before the first save)."""
        return _card(self.round, find_scorecard(self.round, self.user, self.pitch))

    @blp.doc(security=BEARER)
    @blp.arguments(ScorecardInputSchema)
    @blp.response(200, ScorecardSchema)
    def put(self, data: dict, **_ids):
        """Save the scorecard as a draft or submit it, under the rules of the scoring page:
        409 when the round is not open or the card changed since `version`, 422 with the
        problem of each criterion when scores are missing or out of range."""
        user, round_, pitch = self.user, self.round, self.pitch
        try:
            card = save_scorecard(round_, user, pitch, data["scores"], data.get("comment"),
                                  data.get("feedback"), data["submit"], user, source="api",
                                  expected_version=data.get("version"))
        except ScoringRefused as refused:
            db.session.rollback()
            details = {key: str(message) for key, message in refused.errors.items()} or None
            abort(_STATUS[refused.code], code=refused.code, message=str(refused.message),
                  details=details)
        db.session.commit()
        return _card(round_, card)
