"""The ``pitch`` console command: Flask's CLI group plus pitch's own commands."""

from flask import Flask
from flask.cli import FlaskGroup


def _create_app():
    from pitch import create_app

    return create_app()


main = FlaskGroup(create_app=_create_app, help="pitch: pitch contests with startups.")


def register_commands(app: Flask) -> None:
    from pitch.cli import accounts, demo, results, scores

    for module in (accounts, demo, results, scores):
        for command in module.COMMANDS:
            app.cli.add_command(command)
