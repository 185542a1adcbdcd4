"""pitch: pitch contests between a city government and startups."""

import os

from flask import Flask

from pitch import config as settings
from pitch import paths


def create_app(config: dict | None = None, pages: bool = True,
               migrations: bool = True) -> Flask:
    """Build the app; ``config`` overrides the settings read from the environment.

    ``pages=False`` leaves out the blueprints and the API, ``migrations=False`` the ``db``
    commands (Flask-Migrate, Alembic): the command line's data commands need only the models
    and the database, and those imports (pandas among them) are most of the start-up time
    (pitch.cli).
    """
    app = Flask(
        __name__,
        instance_relative_config=True,
        template_folder=str(paths.templates_dir()),
        static_folder=str(paths.static_dir()),
    )
    app.config.from_mapping(settings.from_environment(app.instance_path))
    if config:
        app.config.from_mapping(config)
    settings.check(app.config)
    os.makedirs(app.instance_path, exist_ok=True)
    os.makedirs(app.config["UPLOAD_FOLDER"], exist_ok=True)

    from pitch import blueprints, errors, i18n, input_guard, mail, security, templating
    from pitch.extensions import csrf, db, limiter, login_manager
    from pitch.freshness import register as keep_data_versions

    db.init_app(app)
    if migrations:
        from flask_migrate import Migrate

        Migrate(app, db, directory=str(paths.resource_root() / "migrations"),
                render_as_batch=True, compare_type=True)
    csrf.init_app(app)
    limiter.init_app(app)
    security.init_app(app, login_manager)
    i18n.init_app(app)
    mail.init_app(app)
    templating.init_app(app)
    errors.init_app(app)
    input_guard.init_app(app)
    keep_data_versions()
    if pages:
        from pitch import api

        blueprints.register(app)
        api.init_app(app)
    else:
        import pitch.models  # noqa: F401 (every table, as the blueprints' imports would give)

    from pitch.cli import register_commands

    register_commands(app)
    _enable_sqlite_foreign_keys(app)
    return app


def _enable_sqlite_foreign_keys(app: Flask) -> None:
    from sqlalchemy import event

    from pitch.extensions import db

    if not app.config["SQLALCHEMY_DATABASE_URI"].startswith("sqlite"):
        return
    with app.app_context():
        engine = db.engine

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record):
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA busy_timeout=5000")
        cursor.close()
