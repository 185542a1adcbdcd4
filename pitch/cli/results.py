import json

import click
from flask.cli import with_appcontext

from pitch.cli.common import round_or_exit
from pitch.domain.methods import METHODS


@click.command("results")
@click.option("--round", "round_id", type=int, required=True, help="The round's id.")
@click.option("--format", "file_format", type=click.Choice(["csv", "json"]), default="csv",
              show_default=True)
@click.option("--method", type=click.Choice(METHODS),
              help="Aggregation method; the contest's when not given.")
@with_appcontext
def results(round_id: int, file_format: str, method: str | None) -> None:
    """Write the results export of a round (DESIGN, Files) to standard output."""
    # pandas is imported by the command that needs it, not on every start of `pitch`.
    from pitch.domain.result_files import results_csv, results_json
    from pitch.results.loader import load_round

    data = load_round(round_or_exit(round_id), method)
    if file_format == "json":
        content = results_json(data.result, round_id, data.titles, data.startup_names)
        click.echo(json.dumps(content, ensure_ascii=False, indent=2))
    else:
        click.echo(results_csv(data.result, data.titles, data.startup_names), nl=False)


@click.command("export-scores")
@click.option("--round", "round_id", type=int, required=True, help="The round's id.")
@click.option("--output", type=click.File("w", encoding="utf-8"), default="-",
              help="File to write; standard output when not given.")
@with_appcontext
def export_scores(round_id: int, output) -> None:
    """Write every score line of a round, drafts included (DESIGN, Files)."""
    from pitch.domain.result_files import scores_long_csv
    from pitch.results.loader import round_judges, score_lines

    round_ = round_or_exit(round_id)
    lines = score_lines(round_)
    emails = round_judges(round_id)["email"].to_dict()
    output.write(scores_long_csv(lines, round_id, emails))


COMMANDS = [results, export_scores]
