"""The secretariat's exports as JSON: a round's live results and every score line of it.

The rows are those of the results and scores exports of DESIGN.md ("Files"), built by the
same functions as `pitch results --format json` and `pitch export-scores`.
"""

import math

from flask_smorest import Blueprint, abort

from pitch.api.auth import BEARER, CheckedView, caller, token_routes
from pitch.api.export_schemas import MethodArgsSchema, RoundResultsSchema, RoundScoresSchema
from pitch.api.schemas import ID, QUERY
from pitch.domain.result_files import SCORE_COLUMNS, results_json
from pitch.extensions import db
from pitch.models import Round
from pitch.results.access import can_manage_results
from pitch.results.loader import load_round, round_judges, score_lines

blp = Blueprint("secretariat_api", __name__, description="The secretariat's exports")
token_routes(blp)


class _SecretariatView(CheckedView):
    def check(self, round_id: int) -> None:
        self.round = db.get_or_404(Round, round_id)
        if not can_manage_results(caller()):
            abort(403)


def _finite(value):
    return None if isinstance(value, float) and math.isnan(value) else value


@blp.route(f"/rounds/<{ID}:round_id>/results")
class RoundResults(_SecretariatView):
    @blp.doc(security=BEARER)
    @blp.arguments(MethodArgsSchema, **QUERY)
    @blp.response(200, RoundResultsSchema)
    def get(self, args, **_ids):
        """The round's results as they stand now (submitted scorecards only), in the
        results JSON of DESIGN.md; `method` defaults to the contest's."""
        round_ = self.round
        data = load_round(round_, args.get("method"))
        content = results_json(data.result, round_.id, data.titles, data.startup_names)
        content["krippendorff_alpha_interval"] = _finite(content["krippendorff_alpha_interval"])
        return content


@blp.route(f"/rounds/<{ID}:round_id>/scores")
class RoundScores(_SecretariatView):
    @blp.doc(security=BEARER)
    @blp.response(200, RoundScoresSchema)
    def get(self, **_ids):
        """Every score line of the round, drafts included (the long scores export)."""
        round_ = self.round
        lines = score_lines(round_)
        emails = round_judges(round_.id)["email"].to_dict()
        table = lines.assign(round_id=round_.id, judge_email=lines["judge_id"].map(emails))
        table = table.sort_values(["pitch_id", "judge_id"], kind="stable")
        rows = table[list(SCORE_COLUMNS)].astype(object).to_dict("records")
        return {"round_id": round_.id, "scores": rows}
