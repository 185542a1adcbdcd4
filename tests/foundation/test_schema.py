from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from pitch.extensions import db


def test_migrations_match_the_models(app):
    """The schema the migrations built equals what the models declare."""
    with db.engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        differences = compare_metadata(context, db.metadata)
    assert differences == []


def test_sqlite_enforces_foreign_keys(app):
    if db.engine.dialect.name != "sqlite":
        return
    with db.engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1


def test_email_is_unique_whatever_the_case(app):
    from pitch.auth.operations import EmailTaken, create_user

    create_user("Mixed@Example.com", "A", "password-123", "startup")
    db.session.commit()
    try:
        create_user("mixed@EXAMPLE.com", "B", "password-123", "startup")
    except EmailTaken:
        pass
    else:
        raise AssertionError("a second account with the same e-mail was accepted")
