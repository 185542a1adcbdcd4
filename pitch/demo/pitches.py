"""Demo stage: more startups (some with members, corporate numbers and profiles) and their
pitches to the contest's challenges: exactly ``--pitches`` submitted, plus a few drafts.

It must scale to ``--pitches 10000``: startups, pitches and change records are written with
Core executemany inserts of plain rows. Only the first DECKS submitted pitches (and the
drafts) get a generated PDF deck, each its own file as an upload would be; writing ten
thousand files would cost more than the rest of the stage and show nothing new.
"""

import math
from datetime import timedelta
from pathlib import Path

from flask import current_app
from sqlalchemy import bindparam, insert, update

from pitch.domain.corporate_number import check_digit
from pitch.extensions import db
from pitch.models import Pitch, PitchChange, Role, Startup, User
from pitch.models.types import utcnow
from pitch.pitches.blind_deck import make_copy
from pitch.pitches.operations import submission_number

DECKS = 200
DRAFTS = 3
MEMBERS = 12  # new startups with a member who can log in; the rest are profiles only

NAME_HEADS = ["ミライ", "まもり", "ソナエ", "つなぐ", "あかり", "みどり", "ひかり", "そら", "まち",
              "アース", "リンク", "ベース", "ライフ", "シティ", "ネクスト", "コネクト"]
NAME_TAILS = ["テック", "ラボ", "ワークス", "ロボティクス", "データ", "システムズ", "デザイン",
              "インフラ", "ソリューションズ", "AI"]
FORMS = ["株式会社{}", "{}株式会社", "合同会社{}", "一般社団法人{}"]
TECH = ["センサー", "衛星データ", "ドローン", "生成AI", "LPWA通信", "デジタルツイン",
        "画像解析", "GIS", "チャットボット", "IoT"]
AIMS = ["避難判断を早める", "被害状況を素早く把握する", "要配慮者の避難を支援する",
        "備蓄と物資配送を最適化する", "住民に危険を分かりやすく伝える",
        "職員の情報集約を自動化する"]


def build(world) -> None:
    missing = [key for key in ("contest", "challenges", "startups", "startup_members")
               if key not in world.objects]
    if missing:
        raise RuntimeError("The pitches demo stage runs after the contests stage, which "
                           f"provides {', '.join(missing)}.")
    rng, count = world.rng, world.options.pitches
    contest = world.objects["contest"]
    challenges = [c for c in world.objects["challenges"] if c.status == "published"]
    db.session.flush()
    # Each startup pitches to a challenge at most once: about two pitches a startup.
    existing = [startup.id for startup in world.objects["startups"]]
    wanted = max(math.ceil(count / len(challenges)), (count + 1) // 2)
    new = _new_startups(world, DRAFTS + max(0, wanted - len(existing)))
    # The first new startups have members, so someone can open the drafts.
    drafters, submitters = new[:DRAFTS], existing + new[DRAFTS:]
    member_of = _members()
    now = utcnow()
    opened = contest.application_opens
    # Submitted while applications were open, also when the contest is past its deadline.
    span = max((min(now, contest.application_closes) - opened).total_seconds(), 60)
    rows = []
    for index in range(count):
        # The startup's k-th pitch goes to challenge s + k: never twice the same for one startup.
        s, k = index % len(submitters), index // len(submitters)
        challenge = challenges[(s + k) % len(challenges)]
        at = opened + timedelta(seconds=rng.uniform(0, span))
        rows.append(_pitch_row(rng, challenge.id, submitters[s], member_of.get(submitters[s]),
                               "submitted", at, deck=index < DECKS))
    for index, startup in enumerate(drafters):
        rows.append(_pitch_row(rng, challenges[index % len(challenges)].id, startup,
                               member_of.get(startup), "draft", now, deck=True))
    ids = _insert_pitches(rows)
    submitted = [(pitch_id, row) for pitch_id, row in zip(ids, rows, strict=True)
                 if row["status"] == "submitted"]
    # The number is the pitch's id, as for a real submission, so the two never collide.
    db.session.execute(
        update(Pitch.__table__).where(Pitch.__table__.c.id == bindparam("pid"))
        .values(submission_number=bindparam("number")),
        [{"pid": pitch_id, "number": submission_number(pitch_id, row["submitted_at"])}
         for pitch_id, row in submitted])
    db.session.execute(insert(PitchChange.__table__), [
        {"pitch_id": pitch_id, "user_id": row["created_by_id"], "at": row["submitted_at"],
         "action": "submit", "changes": {"status": ["draft", "submitted"]}}
        for pitch_id, row in submitted])
    world.objects["pitches"] = [pitch_id for pitch_id, _row in submitted]


def _new_startups(world, count: int) -> list[int]:
    rng = world.rng
    rows = []
    for index in range(count):
        name = rng.choice(FORMS).format(rng.choice(NAME_HEADS) + rng.choice(NAME_TAILS))
        base = f"{9_100_000_000 + index:012d}"
        rows.append({
            "name": f"{name}（{index + 1:04d}）",
            # Every other startup is incorporated and gives its 法人番号; groups often are not.
            "corporate_number": f"{check_digit(base)}{base}" if index % 2 == 0 else None,
            "website": f"https://startup{index + 1:04d}.example.jp",
            "founded_year": rng.randint(2012, 2025),
            "employees": rng.randint(2, 120),
            "description": f"{rng.choice(TECH)}で{rng.choice(AIMS)}サービスを開発しています。",
            "created_at": utcnow(),
        })
    if not rows:
        return []
    table = Startup.__table__
    ids = db.session.scalars(insert(table).returning(table.c.id, sort_by_parameter_order=True),
                             rows).all()
    members = [{"email": f"team{n + 1:03d}@startup.example.jp", "name": f"チーム{n + 1:03d} 担当者",
                "role": Role.STARTUP.value, "startup_id": startup_id, "locale": "ja",
                "password_hash": world.password_hash, "active": True, "session_version": 1,
                "created_at": utcnow(), "updated_at": utcnow()}
               for n, startup_id in enumerate(ids[:MEMBERS])]
    if members:
        db.session.execute(insert(User.__table__), members)
        world.logins.append(("startup", members[0]["email"]))
    return ids


def _members() -> dict[int, int]:
    """The first member of each startup that has one, to stand as the pitch's author."""
    rows = db.session.execute(db.select(User.startup_id, db.func.min(User.id))
                              .where(User.startup_id.is_not(None)).group_by(User.startup_id))
    return dict(rows.all())


def _pitch_row(rng, challenge_id: int, startup_id: int, author: int | None, status: str,
               at, deck: bool) -> dict:
    tech, aim = rng.choice(TECH), rng.choice(AIMS)
    row = {
        "challenge_id": challenge_id, "startup_id": startup_id, "status": status,
        "title": f"{tech}で{aim}", "summary": f"{tech}を活用し、{aim}仕組みを提案します。",
        "problem": f"災害時に{aim}ための情報が分散しており、判断が遅れがちです。",
        "solution": f"{tech}と既存の行政データを組み合わせ、職員と住民に同じ情報を届けます。",
        "novelty": f"{tech}を防災の現場で使える形にした点が新しい取組です。",
        "plan": "1〜2か月目：要件定義と試作\n3〜4か月目：実証\n5〜6か月目：評価と報告",
        "cost_yen": rng.randrange(1_000_000, 8_000_001, 100_000),
        "team": "代表（防災分野で10年）、エンジニア2名、デザイナー1名",
        "video_url": "https://video.example.jp/demo" if rng.random() < 0.5 else "",
        "not_listed": True, "no_other_funding": True, "not_antisocial": True,
        "privacy_consent": status == "submitted",
        "deck_stored_name": None, "deck_original_name": None, "deck_size": None,
        "submission_number": None, "submitted_at": at if status == "submitted" else None,
        "created_by_id": author, "created_at": at, "updated_at": at,
    }
    if deck:
        stored = f"{rng.getrandbits(128):032x}.pdf"
        size = _write_deck(stored, row["title"])
        make_copy(stored)
        row.update(deck_stored_name=stored, deck_original_name=f"{row['title']}.pdf",
                   deck_size=size)
    return row


def _insert_pitches(rows: list[dict]) -> list[int]:
    table = Pitch.__table__
    return db.session.scalars(insert(table).returning(table.c.id, sort_by_parameter_order=True),
                              rows).all()


def _write_deck(stored_name: str, title: str) -> int:
    folder = Path(current_app.config["UPLOAD_FOLDER"])
    folder.mkdir(parents=True, exist_ok=True)
    data = demo_pdf(f"pitch demo deck {stored_name[:8]}")
    (folder / stored_name).write_bytes(data)
    return len(data)


def demo_pdf(text: str) -> bytes:
    """A one-page PDF showing ``text`` (ASCII), with a correct cross-reference table."""
    stream = f"BT /F1 24 Tf 72 720 Td ({text}) Tj ET".encode("ascii")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 842 595] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1, xref)
    return bytes(out)
