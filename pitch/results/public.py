"""Published results: the public page per contest, its open data, each startup's own result.

Everything here reads published snapshots only, never the live scores, so nothing shows
before the secretariat publishes and a correction shows once it is published.
"""

import csv
import io
import json

from flask import Response, abort, render_template
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_login import current_user, login_required

from pitch.domain.result_files import RESULT_COLUMNS
from pitch.extensions import db
from pitch.models import Challenge, Contest, Pitch, ResultSnapshot, Scorecard
from pitch.pitches.access import can_view_pitch
from pitch.results.access import can_see_pitch_result
from pitch.results.forms import METHOD_LABELS
from pitch.results.operations import awards_of, final_round
from pitch.results.routes import bp
from pitch.results.snapshot import latest_snapshot
from pitch.security import roles_required

LICENSE_URL = "https://creativecommons.org/licenses/by/4.0/"
LICENSE_NAME = "CC BY 4.0"


def _public_contest(contest_id: int) -> Contest:
    contest = db.get_or_404(Contest, contest_id)
    if contest.state == "draft":
        abort(404)
    return contest


def published_rounds(contest: Contest) -> list[tuple[ResultSnapshot, list[dict]]]:
    """The public rows per round: the final's latest snapshot, and the screening's if
    published, cut to the finalists (pitches left out of the final are not named in public).
    """
    final = final_round(contest)
    final_snapshot = latest_snapshot(final.id) if final else None
    if final_snapshot is None:
        return []
    finalists = {row["pitch_id"] for row in final_snapshot.content["pitches"]}
    shown = [(final_snapshot, final_snapshot.content["pitches"])]
    # Screenings from the one that fed the final back to the first.
    for round_ in reversed(contest.rounds):
        if round_.kind == "screening" and (snapshot := latest_snapshot(round_.id)):
            rows = [row for row in snapshot.content["pitches"] if row["pitch_id"] in finalists]
            shown.append((snapshot, rows))
    return shown


def combined_of(final: ResultSnapshot) -> list[dict]:
    """The published combined ranking (screening carried in) with titles, or none."""
    names = {row["pitch_id"]: row for row in final.content["pitches"]}
    return [{**row, "title": names[row["pitch_id"]]["pitch_title"],
             "startup_name": names[row["pitch_id"]]["startup_name"]}
            for row in final.content.get("combined") or []]


@bp.get("/contest/<int:contest_id>")
def contest_results(contest_id: int):
    contest = _public_contest(contest_id)
    rounds = published_rounds(contest)
    awards = awards_of(contest.id) if rounds else []
    combined = combined_of(rounds[0][0]) if rounds else []
    weight = rounds[0][0].content.get("screening_weight", 0.0) if rounds else 0.0
    return render_template("results/public.html", contest=contest, rounds=rounds,
                           headings=_headings(contest), awards=awards, combined=combined,
                           screening_weight=weight,
                           method_labels=METHOD_LABELS, license_url=LICENSE_URL,
                           license_name=LICENSE_NAME)


def _headings(contest: Contest) -> dict[int, str]:
    """Each round's heading on the public page: named by round when several screenings ran."""
    screenings = [r for r in contest.rounds if r.kind == "screening"]
    locale = str(get_locale())
    headings = {r.id: _("Final round") for r in contest.rounds if r.kind == "final"}
    for round_ in screenings:
        headings[round_.id] = (_("Screening (finalists)") if len(screenings) == 1
                               else _("%(round)s (finalists)", round=round_.name(locale)))
    return headings


@bp.get("/contest/<int:contest_id>/open-data.<any(csv, json):file_format>")
def open_data(contest_id: int, file_format: str):
    contest = _public_contest(contest_id)
    rounds = published_rounds(contest)
    if not rounds:
        abort(404)
    headers = {"Link": f'<{LICENSE_URL}>; rel="license"',
               "Content-Disposition": f'attachment; filename="results-contest-{contest.id}.'
                                      f'{file_format}"'}
    if file_format == "json":
        body = json.dumps(open_data_json(contest, rounds), ensure_ascii=False, indent=2)
        return Response(body, mimetype="application/json", headers=headers)
    return Response(_open_data_csv(rounds[0]), mimetype="text/csv; charset=utf-8",
                    headers=headers)


def open_data_json(contest: Contest, rounds) -> dict:
    return {
        "license": LICENSE_NAME,
        "license_url": LICENSE_URL,
        "contest_id": contest.id,
        "contest_title": contest.title_ja,
        "contest_title_en": contest.title_en,
        "rounds": [{
            "round_id": snapshot.round_id,
            "round_number": snapshot.content["round_number"],
            "round_kind": snapshot.content["round_kind"],
            "version": snapshot.version,
            "published_at": snapshot.published_at.isoformat(),
            "sha256": snapshot.sha256,
            "method": snapshot.method,
            "krippendorff_alpha_interval": snapshot.content["krippendorff_alpha_interval"],
            "rubric": snapshot.content["rubric"],
            "panel": [judge["name"] for judge in snapshot.content["judges"]],
            "screening_weight": snapshot.content.get("screening_weight", 0.0),
            "combined": snapshot.content.get("combined"),
            "pitches": [_public_row(row) for row in rows],
        } for snapshot, rows in rounds],
    }


def _public_row(row: dict) -> dict:
    return {**{column: row[column] for column in RESULT_COLUMNS}, "criteria": row["criteria"]}


def _open_data_csv(final: tuple[ResultSnapshot, list[dict]]) -> str:
    """The final round's rows: the results export's columns, then each criterion's mean."""
    snapshot, rows = final
    keys = [criterion["key"] for criterion in snapshot.content["rubric"]]
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow([*RESULT_COLUMNS, *keys])
    for row in rows:
        cells = [";".join(row[c]) if c == "flags" else row[c] for c in RESULT_COLUMNS]
        writer.writerow([*("" if v is None else v for v in cells),
                         *("" if row["criteria"].get(k) is None else row["criteria"][k]
                           for k in keys)])
    return buffer.getvalue()


@bp.get("/pitch/<int:pitch_id>")
@login_required
def pitch_result(pitch_id: int):
    pitch = db.get_or_404(Pitch, pitch_id)
    if not can_see_pitch_result(current_user, pitch):
        # As on the pitch's own page: 404 to whoever may not know it exists.
        abort(403 if can_view_pitch(current_user, pitch) else 404)
    contest = pitch.challenge.contest
    shown = []
    for round_ in contest.rounds:
        snapshot = latest_snapshot(round_.id)
        row = next((r for r in snapshot.content["pitches"] if r["pitch_id"] == pitch.id),
                   None) if snapshot else None
        if row is not None:
            shown.append((round_, snapshot, row, len(snapshot.content["pitches"])))
    # Only the feedback meant for the startup, and never who wrote it.
    feedback = db.session.execute(
        db.select(Scorecard.round_id, Scorecard.feedback)
        .where(Scorecard.pitch_id == pitch.id, Scorecard.status == "submitted",
               Scorecard.feedback != "",
               Scorecard.round_id.in_([round_.id for round_, *_ in shown]))
        .order_by(Scorecard.round_id, Scorecard.id)
    ).all()
    return render_template("results/pitch.html", pitch=pitch, contest=contest, shown=shown,
                           feedback=feedback, method_labels=METHOD_LABELS)


@bp.get("/mine")
@roles_required("startup")
def mine():
    pitches = db.session.scalars(
        db.select(Pitch).where(Pitch.startup_id == current_user.startup_id)
        .options(db.joinedload(Pitch.challenge).joinedload(Challenge.contest))
        .order_by(Pitch.id.desc())
    ).all()
    return render_template("results/mine.html", pitches=pitches)
