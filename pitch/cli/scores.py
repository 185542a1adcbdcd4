"""Rounds and score sheets on the command line (DESIGN, Command line)."""

import csv
import sys
from pathlib import Path

import click
from flask.cli import with_appcontext

from pitch.cli.common import round_or_exit
from pitch.domain.score_sheet import read_score_sheet, write_score_sheet_csv, write_score_sheet_xlsx
from pitch.extensions import db
from pitch.models import User
from pitch.scoresheets.loading import blank_sheet_rows, criteria_of, round_summaries, sheet_context
from pitch.scoresheets.operations import RoundNotOpen, SheetChanged, ensure_open, import_scores

ROUND_COLUMNS = ["round_id", "contest_id", "contest_title", "number", "name", "state",
                 "pitches", "judges"]


@click.command("rounds")
@with_appcontext
def rounds() -> None:
    """Write every round as CSV, with its number of pitches and of assigned judges."""
    writer = csv.writer(sys.stdout, lineterminator="\n")
    writer.writerow(ROUND_COLUMNS)
    for summary in round_summaries():
        round_ = summary.round
        writer.writerow([round_.id, round_.contest_id, round_.contest.title_ja, round_.number,
                         round_.name_ja, round_.state, summary.pitches, summary.judges])


@click.command("score-sheet")
@click.option("--round", "round_id", type=int, required=True, help="The round's id.")
@click.option("--judge", "email", help="Only this judge's assignments.")
@click.option("--output", type=click.Path(dir_okay=False, path_type=Path),
              help="Write here instead of stdout; a name ending in .xlsx gives a workbook.")
@with_appcontext
def score_sheet(round_id: int, email: str | None, output: Path | None) -> None:
    """Write the blank score sheet of a round's assignments, or of one judge's."""
    round_ = round_or_exit(round_id)
    judge = None
    if email:
        judge = User.by_email(email)
        if judge is None:
            raise click.ClickException(f"There is no user {email}.")
    rows = blank_sheet_rows(round_, judge)
    keys = [criterion.key for criterion in criteria_of(round_)]
    if output is None:
        click.echo(write_score_sheet_csv(rows, keys), nl=False)
    elif output.suffix.lower() == ".xlsx":
        output.write_bytes(write_score_sheet_xlsx(rows, keys))
    else:
        output.write_text(write_score_sheet_csv(rows, keys), encoding="utf-8")


@click.command("import-scores")
@click.option("--round", "round_id", type=int, required=True, help="The round's id.")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@with_appcontext
def import_scores_command(round_id: int, file: Path) -> None:
    """Import a filled score sheet: all rows submitted, or nothing and every problem listed."""
    round_ = round_or_exit(round_id)
    try:
        ensure_open(round_)
    except RoundNotOpen as error:
        message = f"Round {round_id} is {error}; scores can be imported only while it is open."
        raise click.ClickException(message) from error
    sheet = read_score_sheet(file.read_bytes(), file.name, sheet_context(round_))
    if not sheet.ok:
        for problem in sheet.problems:
            click.echo(f"row {problem.row}: {problem.message}", err=True)
        raise click.ClickException(
            f"{len(sheet.problems)} problem(s) in {file.name}; nothing was imported.")
    try:
        result = import_scores(round_, sheet.rows, actor=None)
    except SheetChanged as error:
        db.session.rollback()
        raise click.ClickException(
            "A judge saved one of these scorecards during the import; nothing was imported. "
            "Run the import again.") from error
    db.session.commit()
    click.echo(f"Imported {len(sheet.rows)} scorecards from {file.name} "
               f"({result.created} new, {result.replaced} replaced, {result.unchanged} unchanged).")


COMMANDS = [rounds, score_sheet, import_scores_command]
