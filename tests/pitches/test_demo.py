"""The pitches demo stage: counts, uniqueness, numbers, decks, and failing clearly."""

import random
import re
from pathlib import Path

import pytest

from pitch.demo import DemoOptions, DemoWorld, accounts
from pitch.demo import pitches as stage
from pitch.domain.corporate_number import is_valid_corporate_number
from pitch.extensions import db
from pitch.models import Pitch, PitchChange, Startup


def _world(count: int) -> DemoWorld:
    contests = pytest.importorskip("pitch.demo.contests")
    world = DemoWorld(options=DemoOptions(pitches=count), rng=random.Random(1),
                      password_hash="not-a-real-hash")
    accounts.build(world)
    contests.build(world)
    db.session.flush()
    return world


def test_the_stage_adds_exactly_the_submitted_pitches_asked_for(app):
    world = _world(40)
    stage.build(world)
    db.session.commit()
    submitted = db.session.scalars(db.select(Pitch).where(Pitch.status == "submitted")
                                   .order_by(Pitch.id)).all()
    assert [p.id for p in submitted] == world.objects["pitches"] and len(submitted) == 40
    drafts = db.session.scalars(db.select(Pitch).where(Pitch.status == "draft")).all()
    assert len(drafts) == stage.DRAFTS and all(p.created_by_id for p in drafts)
    for pitch in submitted:
        assert re.fullmatch(rf"P-20\d\d-{pitch.id:06d}", pitch.submission_number)
        assert pitch.challenge.status == "published" and pitch.submitted_at is not None
    pairs = [(p.challenge_id, p.startup_id) for p in submitted + drafts]
    assert len(pairs) == len(set(pairs))
    assert db.session.scalar(db.select(db.func.count()).select_from(PitchChange)) == 40


def test_decks_are_small_valid_pdfs_in_the_upload_folder(app):
    world = _world(5)
    stage.build(world)
    db.session.commit()
    with_deck = db.session.scalars(db.select(Pitch).where(Pitch.deck_stored_name.is_not(None)))
    folder = Path(app.config["UPLOAD_FOLDER"])
    decks = [folder / p.deck_stored_name for p in with_deck]
    assert len(decks) == 5 + stage.DRAFTS
    for deck in decks:
        data = deck.read_bytes()
        assert data.startswith(b"%PDF-") and data.rstrip().endswith(b"%%EOF")
        assert len(data) < 1000 and re.fullmatch(r"[0-9a-f]{32}\.pdf", deck.name)
        assert deck.with_suffix(".blind.pdf").exists(), "judges of a blind round get a copy"


def test_new_startups_have_valid_corporate_numbers_and_profiles(app):
    world = _world(30)
    stage.build(world)
    numbers = db.session.scalars(db.select(Startup.corporate_number)
                                 .where(Startup.corporate_number.is_not(None))).all()
    assert numbers and all(is_valid_corporate_number(n) for n in numbers)
    assert db.session.scalar(db.select(db.func.count()).select_from(Startup)
                             .where(Startup.website.like("https://startup%"))) >= 15


def test_the_stage_needs_the_contests_stage(app):
    world = DemoWorld(options=DemoOptions(), rng=random.Random(1), password_hash="x")
    with pytest.raises(RuntimeError, match="contests stage"):
        stage.build(world)


def test_the_generated_pdf_has_a_correct_cross_reference_table():
    data = stage.demo_pdf("hello")
    start = int(data.split(b"startxref\n")[1].split(b"\n")[0])
    assert data[start:].startswith(b"xref")
    offsets = re.findall(rb"(\d{10}) 00000 n", data)
    for number, offset in enumerate(offsets, start=1):
        assert data[int(offset):].startswith(b"%d 0 obj" % number)
