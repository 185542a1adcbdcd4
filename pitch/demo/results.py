"""Demo stage: the screening's results, published by the secretariat once its scoring closed.

With scores (the default) round 1 is closed, so the demo shows a published version 1: each
startup's own result page (rank, per-criterion means, the judges' feedback) and the public
record of the version. Shortlisting into the final is left to try by hand.
"""

from pitch.results.operations import CLOSED, publish


def build(world) -> None:
    contest = world.objects["contest"]
    screening = contest.rounds[0]
    if screening.state == CLOSED:
        publish(screening, contest.method, world.objects["admin"])
