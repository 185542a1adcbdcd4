"""The ``pitch`` console command: Flask's CLI group plus pitch's own commands."""

import click
from flask import Flask
from flask.cli import FlaskGroup, ScriptInfo

# Commands that read and write data only (no page, no url_for): their app is built without
# the pages, the API and the `db` commands, which takes some 0.6 s of CPU off every start
# (bench/README.md, "Start-up"). None is `pitch --help`, which only lists commands (so it
# keeps `db`); `run`, `routes`, `shell`, `db`, `create-admin` and any other command get the
# whole app.
DATA_COMMANDS = frozenset({None, "rounds", "score-sheet", "import-scores", "export-scores",
                           "results", "demo"})


class PitchGroup(FlaskGroup):
    def get_command(self, ctx: click.Context, cmd_name: str):
        # Remembered before FlaskGroup loads the app to look the command up.
        ctx.ensure_object(ScriptInfo).data.setdefault("command", cmd_name)
        return super().get_command(ctx, cmd_name)


def _create_app():
    from pitch import create_app

    info = click.get_current_context().find_object(ScriptInfo)
    command = info.data.get("command") if info is not None else None
    return create_app(pages=command not in DATA_COMMANDS,
                      migrations=command is None or command not in DATA_COMMANDS)


main = PitchGroup(create_app=_create_app, help="pitch: pitch contests with startups.")


def register_commands(app: Flask) -> None:
    from pitch.cli import accounts, demo, results, scores

    for module in (accounts, demo, results, scores):
        for command in module.COMMANDS:
            app.cli.add_command(command)
