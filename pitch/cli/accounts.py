import click
from flask.cli import with_appcontext

from pitch.auth.operations import EmailTaken, create_user
from pitch.extensions import db
from pitch.models import Role


@click.command("create-admin")
@click.option("--email", prompt=True, help="The secretariat account's e-mail.")
@click.option("--name", prompt=True, help="The name shown to others.")
@click.password_option(help="Asked for without echo when not given.")
@with_appcontext
def create_admin(email: str, name: str, password: str) -> None:
    """Create a secretariat (admin) account."""
    if len(password) < 10:
        raise click.ClickException("The password needs at least 10 characters.")
    try:
        create_user(email, name, password, Role.ADMIN)
    except EmailTaken as error:
        raise click.ClickException(f"An account with {error} already exists.") from error
    db.session.commit()
    click.echo(f"Admin {email} created.")


COMMANDS = [create_admin]
