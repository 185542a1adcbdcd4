"""Downloads of a round's results and scores (DESIGN, "Files (Contract)")."""

import io
import json
import math

from flask import Response
from openpyxl import Workbook

from pitch.domain.result_files import (
    RESULT_COLUMNS,
    results_csv,
    results_json,
    results_table,
    scores_long_csv,
)
from pitch.domain.workbook import literal_row
from pitch.extensions import db
from pitch.models import Round
from pitch.results.loader import RoundData, load_round, round_judges, score_lines
from pitch.results.routes import _method, bp
from pitch.security import admin_required

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _download(body: str | bytes, mimetype: str, filename: str) -> Response:
    return Response(body, mimetype=mimetype,
                    headers={"Content-Disposition": f'attachment; filename="{filename}"'})


def results_xlsx(data: RoundData) -> bytes:
    """The results export as a one-sheet workbook: the CSV's columns and values."""
    table = results_table(data.result, data.titles, data.startup_names)
    book = Workbook(write_only=True)
    sheet = book.create_sheet("results")
    sheet.append(literal_row(sheet, RESULT_COLUMNS))
    for row in table.itertuples(index=False):
        sheet.append(literal_row(sheet, (_cell(value) for value in row)))
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _cell(value):
    if isinstance(value, tuple):
        return ";".join(value)
    if isinstance(value, float) and math.isnan(value):
        return None
    return value.item() if hasattr(value, "item") else value


@bp.get("/round/<int:round_id>/results.<any(csv, json, xlsx):file_format>")
@admin_required
def export_results(round_id: int, file_format: str):
    round_ = db.get_or_404(Round, round_id)
    method = _method(round_)
    data = load_round(round_, method)
    name = f"results-round-{round_id}-{method}.{file_format}"
    if file_format == "csv":
        body = results_csv(data.result, data.titles, data.startup_names)
        return _download(body, "text/csv; charset=utf-8", name)
    if file_format == "json":
        content = results_json(data.result, round_id, data.titles, data.startup_names)
        return _download(json.dumps(content, ensure_ascii=False, indent=2),
                         "application/json", name)
    return _download(results_xlsx(data), XLSX_TYPE, name)


@bp.get("/round/<int:round_id>/scores.csv")
@admin_required
def export_scores(round_id: int):
    round_ = db.get_or_404(Round, round_id)
    emails = round_judges(round_id)["email"].to_dict()
    body = scores_long_csv(score_lines(round_), round_id, emails)
    return _download(body, "text/csv; charset=utf-8", f"scores-round-{round_id}.csv")
