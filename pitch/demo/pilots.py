"""Demo stage: last year's contest, closed with three awards, and the pilots that followed.

The demo's own contest has no published results yet, so the pilots come from a small past
contest, "2025年度 都市防災ピッチ": one pilot at the agreement, one running (KPI updates, one
overdue milestone), one decided for deployment and published in the showcase. Fixed dates.
"""

from datetime import date, datetime

from pitch.domain.timeline import zone
from pitch.extensions import db
from pitch.models import Award, Challenge, Contest, Pitch, Role, Startup, User
from pitch.models.pilot import Kpi, KpiValue, Milestone, Pilot, PilotEvent, PilotUpdate


def jst(year: int, month: int, day: int, hour: int = 10) -> datetime:
    return datetime(year, month, day, hour, tzinfo=zone("Asia/Tokyo"))


# bureau code, challenge, pitch, award (ja, en)
AWARDED = [
    ("kensetsu", "河川の水位を住民に分かりやすく伝えたい", "AI水位予測と多言語プッシュ通知",
     ("最優秀賞", "Grand prize")),
    ("fukushi", "災害時の要配慮者の安否確認を早めたい", "見守りセンサーによる安否確認",
     ("優秀賞", "Excellence award")),
    ("soumu", "避難所の混雑状況をリアルタイムで把握したい", "カメラ画像による避難所混雑の可視化",
     ("奨励賞", "Encouragement award")),
]
FALLBACK_STARTUPS = ["株式会社リバーセンス", "ケアリンク合同会社", "ひなんマップ株式会社"]


def _contest() -> Contest:
    contest = Contest(
        title_ja="2025年度 都市防災ピッチ", title_en="FY2025 Urban Disaster Prevention Pitch",
        description_ja="昨年度のピッチコンテスト。受賞提案は各局と実証実験を行っています。",
        theme="都市防災", state="closed",
        application_opens=jst(2025, 4, 1), question_deadline=jst(2025, 4, 20, 17),
        application_closes=jst(2025, 5, 9, 17), screening_ends=jst(2025, 6, 6, 17),
        pitch_day=jst(2025, 6, 27, 13), results_at=jst(2025, 7, 4, 10))
    db.session.add(contest)
    return contest


def _startups_and_members(world) -> list[tuple[Startup, User]]:
    """Three demo startups with one member each: those of the contest stage when present."""
    startups = world.objects.get("startups") or []
    members = world.objects.get("startup_members") or []
    pairs = []
    for index in range(3):
        if index < len(startups):
            startup = startups[index]
            member = next(m for m in members if m.startup is startup)
        else:
            startup = Startup(name=FALLBACK_STARTUPS[index])
            member = User(email=f"pilot{index + 1}@startup.example.jp", role=Role.STARTUP,
                          name=f"{FALLBACK_STARTUPS[index]} 担当者", startup=startup,
                          password_hash=world.password_hash)
            db.session.add_all([startup, member])
            world.logins.append(("startup", member.email))
        pairs.append((startup, member))
    return pairs


def _awarded_pitch(contest, bureau, staff, startup, spec) -> Pitch:
    _code, challenge_title, pitch_title, (award_ja, award_en) = spec
    challenge = Challenge(contest=contest, bureau=bureau, status="published",
                          title=challenge_title, created_by_id=staff.id,
                          published_at=contest.application_opens, budget_yen=5_000_000)
    pitch = Pitch(challenge=challenge, startup=startup, status="submitted", title=pitch_title,
                  summary=f"{challenge_title}という課題に対する提案です。",
                  submitted_at=jst(2025, 5, 8, 15), cost_yen=4_800_000, not_listed=True,
                  no_other_funding=True, not_antisocial=True, privacy_consent=True)
    db.session.add_all([challenge, pitch])
    db.session.flush()
    pitch.submission_number = f"P-2025-{pitch.id:06d}"
    db.session.add(Award(contest_id=contest.id, pitch=pitch, name_ja=award_ja, name_en=award_en))
    return pitch


def _pilot(pitch, staff, stage, starts_on, ends_on, kpis, opened_at) -> Pilot:
    pilot = Pilot(pitch=pitch, challenge_id=pitch.challenge_id,
                  bureau_id=pitch.challenge.bureau_id, startup_id=pitch.startup_id,
                  title=f"{pitch.title}の実証実験", stage=stage, starts_on=starts_on,
                  ends_on=ends_on, budget_yen=4_800_000, opened_by_id=staff.id,
                  goal=f"{pitch.challenge.title}。実際の現場で効果を確かめる。",
                  created_at=opened_at)
    pilot.kpis = [Kpi(position=i, name=name, unit=unit, target=target, lower_is_better=lower)
                  for i, (name, unit, target, lower) in enumerate(kpis)]
    pilot.events.append(PilotEvent(actor_id=staff.id, kind="opened", at=opened_at))
    db.session.add(pilot)
    return pilot


def _report(pilot, author, at, body, figures) -> None:
    update = PilotUpdate(author_id=author.id, body=body, created_at=at)
    update.kpi_values = [KpiValue(kpi=kpi, value=value)
                         for kpi, value in zip(pilot.kpis, figures, strict=True)]
    pilot.updates.append(update)


def _move(pilot, staff, at, stage) -> None:
    pilot.events.append(PilotEvent(actor_id=staff.id, kind="stage", detail=stage, at=at))


def build(world) -> None:
    bureaus = {bureau.code: bureau for bureau in world.objects["bureaus"]}
    staff = world.objects["bureau_staff"]
    contest = _contest()
    pairs = _startups_and_members(world)
    pitches = [_awarded_pitch(contest, bureaus[spec[0]], staff[spec[0]], startup, spec)
               for spec, (startup, _member) in zip(AWARDED, pairs, strict=True)]
    river, care, shelter = pitches
    river_staff, care_staff, shelter_staff = (staff[spec[0]] for spec in AWARDED)

    # Just opened: the agreement is being drafted.
    agreement = _pilot(care, care_staff, "agreement", date(2027, 1, 1), date(2027, 6, 30),
                       [("安否確認までの時間", "分", 30, True)], jst(2026, 11, 10))

    running = _pilot(river, river_staff, "running", date(2026, 4, 1), date(2027, 3, 31),
                     [("通知の登録者数", "人", 5000, False), ("予測誤差", "cm", 10, True)],
                     jst(2026, 2, 2))
    running.milestones = [
        Milestone(title="基本協定の締結", due_on=date(2026, 3, 31), status="done",
                  done_on=date(2026, 3, 25)),
        Milestone(title="水位センサー10か所の設置", due_on=date(2026, 7, 31)),
        Milestone(title="中間報告", due_on=date(2027, 1, 15)),
    ]
    _move(running, river_staff, jst(2026, 3, 25), "preparation")
    _move(running, river_staff, jst(2026, 4, 1), "running")
    river_member = pairs[0][1]
    _report(running, river_member, jst(2026, 6, 1), "多言語通知の配信を開始しました。", [1200, 18])
    _report(running, river_staff, jst(2026, 8, 3), "区の広報誌で周知しました。", [2600, 14])
    _report(running, river_member, jst(2026, 10, 1),
            "台風時の予測を検証しました。センサー設置は4か所残っています。", [3900, 11])

    decided = _pilot(shelter, shelter_staff, "decision", date(2025, 9, 1), date(2026, 2, 28),
                     [("混雑状況の把握率", "%", 80, False)], jst(2025, 8, 1))
    decided.milestones = [Milestone(title="避難所5か所でカメラ運用", due_on=date(2025, 10, 31),
                                    status="done", done_on=date(2025, 10, 28))]
    for at, stage in ((jst(2025, 8, 20), "preparation"), (jst(2025, 9, 1), "running"),
                      (jst(2026, 3, 2), "report")):
        _move(decided, shelter_staff, at, stage)
    _report(decided, pairs[2][1], jst(2025, 11, 4), "防災訓練で運用しました。", [72])
    _report(decided, shelter_staff, jst(2026, 2, 20), "全5か所で運用を終えました。", [91])
    decided.outcome_summary = ("避難所5か所で混雑状況をリアルタイムに把握でき、把握率は91%と"
                               "目標の80%を上回りました。")
    decided.decision, decided.decision_reason = "deploy", "目標を上回り、運用負担も小さいため。"
    decided.decided_at = jst(2026, 4, 20)
    decided.public = True
    decided.events.append(PilotEvent(actor_id=shelter_staff.id, kind="decision",
                                     detail="deploy", at=decided.decided_at))
    decided.events.append(PilotEvent(actor_id=world.objects["admin"].id, kind="published",
                                     at=jst(2026, 4, 24)))
    world.objects.update(past_contest=contest, pilots=[agreement, running, decided])
