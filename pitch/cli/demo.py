import click
from flask.cli import with_appcontext


@click.command("demo")
@click.option("--pitches", default=24, show_default=True, help="Submitted pitches in round 1.")
@click.option("--judges", default=8, show_default=True, help="Judges on the panel.")
@click.option("--judges-per-pitch", default=3, show_default=True, help="Judges per pitch (K).")
@click.option("--seed", default=1, show_default=True, help="Same seed, same demo.")
@click.option("--no-scores", is_flag=True, help="Leave round 1 open for scoring.")
@with_appcontext
def demo(pitches: int, judges: int, judges_per_pitch: int, seed: int, no_scores: bool) -> None:
    """Fill an empty database with a realistic, deterministic demo."""
    # The demo's stages reach the results code, and pandas: imported only when it runs.
    from pitch.demo import DemoOptions, build_demo

    options = DemoOptions(pitches=pitches, judges=judges, judges_per_pitch=judges_per_pitch,
                          seed=seed, scores=not no_scores)
    try:
        accounts = build_demo(options)
    except ValueError as error:
        raise click.ClickException(str(error)) from error
    click.echo(f"Demo data loaded. Log in with (password for all: {accounts.password}):")
    for role, email in accounts.logins:
        click.echo(f"  {role:<10} {email}")


COMMANDS = [demo]
