"""Awards go to the final round's pitches, set by the secretariat."""

import numpy as np
import pandas as pd
from scipy.stats import spearmanr

from pitch.domain.agreement import judge_agreement
from pitch.extensions import db
from pitch.models import Award
from tests.results.world import build_world, score_final


def awards():
    return db.session.scalars(db.select(Award).order_by(Award.id)).all()


def test_the_secretariat_gives_and_removes_an_award(client, auth):
    world = build_world()
    score_final(world)
    auth.login(world.admin)
    url = f"/results/contest/{world.contest.id}/awards"
    response = client.post(url, data={"pitch_id": world.c.id, "name_ja": "最優秀賞",
                                      "name_en": "Grand prize"})
    assert response.status_code == 302
    [award] = awards()
    assert (award.pitch_id, award.name_ja, award.name_en) == (world.c.id, "最優秀賞", "Grand prize")
    again = client.post(url, data={"pitch_id": world.c.id, "name_ja": "特別賞",
                                   "name_en": "Special prize"})
    assert again.status_code == 400
    assert "すでに賞が授与されています" in again.get_data(as_text=True)
    assert "特別賞" in again.get_data(as_text=True)  # what was typed is kept
    assert len(awards()) == 1
    assert client.post(f"/results/award/{award.id}/delete").status_code == 302
    assert awards() == []


def test_a_pitch_outside_the_final_gets_no_award(client, auth):
    world = build_world()
    score_final(world)
    auth.login(world.admin)
    response = client.post(f"/results/contest/{world.contest.id}/awards",
                           data={"pitch_id": world.b.id, "name_ja": "賞", "name_en": "Prize"})
    assert response.status_code == 400 and awards() == []


def test_rank_agreement_matches_scipys_spearman():
    """agreement.py ranks with pandas instead of importing scipy: the figures must not move."""
    rng = np.random.default_rng(3)
    rows = [(judge, pitch, float(rng.integers(0, 5)) * 25)
            for judge in range(1, 5) for pitch in range(1, 9)]
    totals = pd.DataFrame(rows, columns=["judge_id", "pitch_id", "total"])
    ours = judge_agreement(totals)["spearman"]
    for judge, group in totals.groupby("judge_id"):
        others = totals[totals["judge_id"] != judge].groupby("pitch_id")["total"].mean()
        expected = spearmanr(group.set_index("pitch_id")["total"], others.loc[group["pitch_id"]])
        assert np.isclose(ours[judge], expected.statistic)
