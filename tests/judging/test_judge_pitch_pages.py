"""Judges read their pitches through the judging pages only, in every round: a user whose
only tie to a pitch is its assignment gets 404 on the pitch's own pages and deck, and finds on
the scorecard page what they need (everything but the startup's identity in a blind round).
Being the pitch's team, bureau or the secretariat opens the pitch pages, judge or not."""

from pathlib import Path

import pytest

from pitch.extensions import db
from pitch.models import Scorecard
from tests.factories import make_user
from tests.judging.helpers import assign, enter, make_judge, make_scene
from tests.pdfs import make_pdf

NAME = "株式会社ミエル防災"
TEAM = "代表 見得 太郎"
VIDEO = "https://video.example.jp/mieru"
STORED = "d" * 32 + ".pdf"
TEXTS = {"summary": "避難所の混雑を見える化", "problem": "混雑が分からない",
         "solution": "センサーで数える", "novelty": "匿名のまま数える", "plan": "三か月で試す"}
# The blind contest's screening; the same contest's final; an open contest's screening.
ROUNDS = ("blind screening", "final", "open screening")
PITCH_PAGES = ("/pitches/{id}", "/pitches/{id}/deck", "/pitches/{id}/history",
               "/results/pitch/{id}")


def _scene(app, kind: str):
    """The kind of round, its pitch (with a deck, team and video) and the pitch's judge."""
    folder = Path(app.config["UPLOAD_FOLDER"])
    folder.mkdir(parents=True, exist_ok=True)
    deck = make_pdf(name=NAME)
    (folder / STORED).write_bytes(deck)
    scene = make_scene(blind=kind != "open screening", startup_names=(NAME,))
    pitch, judge = scene.pitches[0], scene.judges[0]
    for field, text in TEXTS.items():
        setattr(pitch, field, text)
    pitch.cost_yen, pitch.team, pitch.video_url = 4_800_000, TEAM, VIDEO
    pitch.deck_stored_name, pitch.deck_original_name = STORED, f"{NAME}.pdf"
    pitch.deck_size = len(deck)
    round_ = scene.screening
    if kind == "final":
        round_ = scene.final
        round_.state = "open"
        enter(round_, pitch)
        assign(round_, judge, pitch)
    db.session.commit()
    return scene, round_, pitch, judge


def _status(client, url: str) -> int:
    response = client.get(url)
    response.close()  # downloads are streamed
    return response.status_code


@pytest.mark.parametrize("kind", ROUNDS)
@pytest.mark.parametrize("page", PITCH_PAGES)
def test_the_assigned_judge_gets_404_on_the_pitch_pages(app, client, auth, kind, page):
    _scene_, _round, pitch, judge = _scene(app, kind)
    auth.login(judge)
    assert _status(client, page.format(id=pitch.id)) == 404


@pytest.mark.parametrize("kind", ROUNDS)
def test_the_judge_works_from_the_judging_pages(app, client, auth, kind):
    _scene_, round_, pitch, judge = _scene(app, kind)
    blind = kind != "open screening" and round_.kind == "screening"
    auth.login(judge)
    url = f"/judging/rounds/{round_.id}/pitches/{pitch.id}"
    page = client.get(url).get_data(as_text=True)
    assert all(text in page for text in TEXTS.values()) and "4,800,000" in page
    # What only a round that is not blind shows: who the startup is, its team, its video.
    for shown in (NAME, TEAM, VIDEO):
        assert (shown in page) is not blind, shown
    assert f"{url}/deck" in page and 'href="/pitches/' not in page
    deck = client.get(f"{url}/deck")
    assert deck.status_code == 200 and deck.mimetype == "application/pdf"
    assert (NAME.encode() in deck.get_data()) is not blind
    deck.close()
    assert 'href="/pitches/' not in client.get("/judging/").get_data(as_text=True)
    response = client.post(url, data={"score-novelty": "4", "score-feasibility": "3",
                                      "score-impact": "5", "action": "submit", "version": "0"})
    assert response.status_code == 302
    card = db.session.scalar(db.select(Scorecard).filter_by(round_id=round_.id,
                                                            judge_id=judge.id, pitch_id=pitch.id))
    assert card.status == "submitted"


# What the pitch's team, bureau and the secretariat get, whether or not they also judge it.
OTHERS = {"team": (200, 200, 200), "bureau": (200, 200, 403), "admin": (200, 200, 200)}


def _other(scene, pitch, who: str, judges: bool):
    fields = {"team": {"role": "startup", "startup": pitch.startup},
              "bureau": {"role": "bureau", "bureau": pitch.challenge.bureau},
              "admin": {"role": "admin"}}[who]
    if not judges:
        return make_user(**fields)
    user = make_judge(scene.contest, **fields)
    assign(scene.screening, user, pitch)
    return user


@pytest.mark.parametrize("kind", ROUNDS)
@pytest.mark.parametrize("who", sorted(OTHERS))
@pytest.mark.parametrize("judges", [False, True], ids=["alone", "also judge"])
def test_team_bureau_and_secretariat_keep_the_pitch_pages(app, client, auth, kind, who,
                                                          judges):
    scene, _round, pitch, _judge = _scene(app, kind)
    user = _other(scene, pitch, who, judges)
    db.session.commit()
    auth.login(user)
    observed = tuple(_status(client, page.format(id=pitch.id)) for page in PITCH_PAGES[:3])
    assert observed == OTHERS[who]
