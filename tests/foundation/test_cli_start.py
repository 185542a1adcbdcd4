"""The `pitch` command starts light: its data commands and --help build the app without the
pages and the API (pitch.cli.DATA_COMMANDS), so pandas and openpyxl load only when used, and
the data commands without the `db` commands (Alembic) too."""

import os
import subprocess
import sys

from pitch.extensions import db
from pitch.models import User

HEAVY = ("pandas", "openpyxl", "pitch.results.routes", "flask_smorest", "alembic")
# Runs `pitch ARGS` in a fresh interpreter, then names the heavy modules it imported.
SCRIPT = f"""
import sys
from pitch.cli import main
try:
    main(sys.argv[1:], prog_name="pitch")
except SystemExit as done:
    if done.code:
        raise
print("imported:", *[name for name in {HEAVY!r} if name in sys.modules])
"""


def _pitch(app, *args: str) -> tuple[str, list[str]]:
    env = {**os.environ, "DATABASE_URL": app.config["SQLALCHEMY_DATABASE_URI"],
           "UPLOAD_FOLDER": app.config["UPLOAD_FOLDER"]}
    done = subprocess.run([sys.executable, "-c", SCRIPT, *args], env=env, capture_output=True,
                          text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    output, _, imported = done.stdout.rpartition("imported:")
    return output, imported.split()


def test_help_lists_every_command_without_loading_the_pages(app):
    output, imported = _pitch(app, "--help")
    for command in ("rounds", "results", "score-sheet", "import-scores", "export-scores",
                    "demo", "create-admin", "db", "routes", "run"):
        assert f"  {command} " in output, command
    assert imported == ["alembic"]  # for the `db` commands it lists


def test_data_commands_run_on_the_light_app(app):
    output, imported = _pitch(app, "demo", "--pitches", "4", "--judges", "3",
                              "--judges-per-pitch", "2")
    assert "admin@example.jp" in output and "pitch.results.routes" not in imported
    assert db.session.scalar(db.select(User).filter_by(email="admin@example.jp")).is_admin
    output, imported = _pitch(app, "rounds")
    assert output.startswith("round_id,contest_id,") and output.count("\n") == 3
    assert imported == []
    output, imported = _pitch(app, "results", "--round", output.splitlines()[1].split(",")[0])
    assert output.startswith("rank,pitch_id,") and imported == ["pandas"]


def test_routes_still_gets_the_whole_app(app):
    output, imported = _pitch(app, "routes")
    assert "/api/v1/openapi.json" in output and "/results/" in output
    assert {"pitch.results.routes", "flask_smorest", "alembic"} <= set(imported)
