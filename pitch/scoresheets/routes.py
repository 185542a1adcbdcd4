"""Score sheets on the web: blank sheets to download, filled ones for the secretariat to import."""

from flask import Blueprint, Response, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from wtforms.fields.choices import SelectChoice

from pitch.domain.score_sheet import read_score_sheet, write_score_sheet_csv, write_score_sheet_xlsx
from pitch.extensions import db
from pitch.models import Role, Round, User
from pitch.scoresheets import loading
from pitch.scoresheets.access import can_download_sheet
from pitch.scoresheets.forms import DownloadForm, ImportForm
from pitch.scoresheets.operations import RoundNotOpen, SheetChanged, ensure_open, import_scores
from pitch.scoresheets.problems import problem_message
from pitch.security import admin_required

bp = Blueprint("scoresheets", __name__, url_prefix="/scoresheets")

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@bp.get("/")
@login_required
def index():
    if current_user.role == Role.STARTUP:
        abort(403)
    if current_user.role == Role.ADMIN:
        return render_template("scoresheets/rounds.html", rounds=loading.round_summaries())
    return render_template("scoresheets/mine.html", rounds=loading.judge_rounds(current_user))


def _round_page(round_: Round, form: ImportForm, problems=(), status: int = 200):
    download = DownloadForm(formdata=None)
    download.judge.choices = [SelectChoice(0, _("All judges"))] + [
        SelectChoice(judge.id, f"{judge.name} <{judge.email}>")
        for judge in loading.panel_judges(round_.contest_id)]
    (summary,) = loading.round_summaries(round_.id)
    messages = [(problem.row, problem_message(problem)) for problem in problems]
    return render_template("scoresheets/round.html", round=round_, summary=summary,
                           form=form, download=download, problems=messages), status


@bp.get("/rounds/<int:round_id>")
@admin_required
def round_page(round_id: int):
    return _round_page(db.get_or_404(Round, round_id), ImportForm())


@bp.post("/rounds/<int:round_id>/import")
@admin_required
def import_sheet(round_id: int):
    round_ = db.get_or_404(Round, round_id)
    form = ImportForm()
    if not form.validate_on_submit():
        return _round_page(round_, form, status=400)
    try:
        ensure_open(round_)
    except RoundNotOpen:
        flash(_("Scores can be imported only while the round is open for scoring."), "error")
        return _round_page(round_, form, status=409)
    upload = form.sheet.data
    sheet = read_score_sheet(upload.read(), upload.filename or "", loading.sheet_context(round_))
    if not sheet.ok:
        return _round_page(round_, form, sheet.problems, status=400)
    try:
        result = import_scores(round_, sheet.rows, current_user)
    except SheetChanged:
        db.session.rollback()
        flash(_("A judge saved one of these scorecards while the sheet was being imported, so "
                "nothing was imported. Import the file again to replace the judges' latest "
                "scores, or check them first."), "error")
        return _round_page(round_, form, status=409)
    db.session.commit()
    flash(_("%(count)d scorecards imported and submitted (%(created)d new, %(replaced)d "
            "replaced, %(unchanged)d unchanged).", count=len(sheet.rows), created=result.created,
            replaced=result.replaced, unchanged=result.unchanged), "success")
    return redirect(url_for("scoresheets.round_page", round_id=round_.id))


@bp.get("/rounds/<int:round_id>/sheet")
@login_required
def sheet(round_id: int):
    """The blank sheet: the secretariat's of the round or of one judge, a judge's of their own."""
    round_ = db.get_or_404(Round, round_id)
    file_format = request.args.get("format", "csv")
    if file_format not in ("csv", "xlsx"):
        abort(404)
    judge_id = request.args.get("judge", type=int) or None
    if judge_id is None and current_user.role != Role.ADMIN:
        judge_id = current_user.id
    judge = db.get_or_404(User, judge_id) if judge_id else None
    if not can_download_sheet(current_user, round_, judge):
        abort(403)
    rows = loading.blank_sheet_rows(round_, judge)
    keys = [criterion.key for criterion in loading.criteria_of(round_)]
    # Ids only, never a startup's or judge's name: blind screening reaches file names too.
    name = f"score-sheet-round-{round_.id}" + (f"-judge-{judge.id}" if judge else "")
    if file_format == "xlsx":
        body, mimetype = write_score_sheet_xlsx(rows, keys), XLSX_TYPE
    else:
        body, mimetype = write_score_sheet_csv(rows, keys), "text/csv; charset=utf-8"
    return Response(body, mimetype=mimetype, headers={
        "Content-Disposition": f'attachment; filename="{name}.{file_format}"'})
