"""What several commands share."""

import click

from pitch.extensions import db
from pitch.models import Round


def round_or_exit(round_id: int) -> Round:
    """The round named by --round, or a clear error and a non-zero exit."""
    round_ = db.session.get(Round, round_id)
    if round_ is None:
        raise click.ClickException(f"There is no round {round_id}.")
    return round_
