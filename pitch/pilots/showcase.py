"""The public showcase of published pilots and its open data (CC BY 4.0)."""

import csv
import io

from flask import Response, current_app, jsonify, render_template, url_for
from sqlalchemy.orm import joinedload

from pitch.extensions import db
from pitch.models import Challenge
from pitch.models.pilot import Pilot
from pitch.pilots.blueprint import bp

LICENSE = {"name": "CC BY 4.0", "url": "https://creativecommons.org/licenses/by/4.0/"}
COLUMNS = ["pilot_id", "title", "bureau", "startup", "contest", "challenge", "stage", "decision",
           "starts_on", "ends_on", "outcome_summary"]


def _published():
    return (db.select(Pilot).where(Pilot.public.is_(True))
            .options(joinedload(Pilot.bureau), joinedload(Pilot.startup),
                     joinedload(Pilot.challenge).joinedload(Challenge.contest))
            .order_by(Pilot.created_at.desc(), Pilot.id.desc()))


@bp.get("/")
def showcase():
    page = db.paginate(_published(), per_page=current_app.config["PER_PAGE"])
    return render_template("pilots/showcase.html", page=page)


def _rows() -> list[dict]:
    return [{
        "pilot_id": pilot.id, "title": pilot.title, "bureau": pilot.bureau.name_ja,
        "startup": pilot.startup.name, "contest": pilot.challenge.contest.title_ja,
        "challenge": pilot.challenge.title, "stage": pilot.stage, "decision": pilot.decision or "",
        "starts_on": pilot.starts_on.isoformat() if pilot.starts_on else "",
        "ends_on": pilot.ends_on.isoformat() if pilot.ends_on else "",
        "outcome_summary": pilot.outcome_summary,
    } for pilot in db.session.scalars(_published()).unique()]


def _license_link() -> str:
    return f'<{LICENSE["url"]}>; rel="license"'


@bp.get("/open-data.csv")
def open_data_csv():
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=COLUMNS, lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(_rows())
    # A BOM so that Japanese Excel opens the UTF-8 file correctly.
    response = Response("\ufeff" + buffer.getvalue(), mimetype="text/csv")
    response.headers["Content-Disposition"] = 'attachment; filename="pilots.csv"'
    response.headers["Link"] = _license_link()
    return response


@bp.get("/open-data.json")
def open_data_json():
    response = jsonify({
        "license": LICENSE,
        "attribution": "pitch",
        "source": url_for("pilots.showcase", _external=True),
        "columns": COLUMNS,
        "pilots": _rows(),
    })
    response.headers["Link"] = _license_link()
    return response
