"""Demo stage: the judge panel, conflicts of interest, round 1's entries, balanced assignments
and, unless --no-scores, a submitted scorecard for every assignment.

It must scale (`pitch demo --pitches 10000 --judges 100 --judges-per-pitch 10`: 100,000
scorecards and 600,000 score lines in about a minute on SQLite), so every per-pitch row is
written with one Core executemany insert of plain dicts, never one ORM object at a time.
"""

from datetime import timedelta

from pitch.domain.assignment import assign
from pitch.extensions import db
from pitch.judging.operations import SUBMITTED
from pitch.judging.panel_operations import CONFLICT_KINDS
from pitch.models import (
    Assignment,
    Challenge,
    Conflict,
    Criterion,
    PanelMember,
    Pitch,
    Role,
    RoundEntry,
    ScoreAudit,
    Scorecard,
    ScoreLine,
    User,
)
from pitch.models.types import utcnow
from pitch.scoresheets.operations import bulk_insert

SURNAMES = ["佐藤", "鈴木", "高橋", "田中", "伊藤", "渡辺", "山本", "中村", "小林", "加藤",
            "吉田", "山田", "佐々木", "山口", "松本", "井上", "木村", "林", "清水", "山崎"]
GIVEN_NAMES = ["陽子", "健一", "美咲", "翔太", "由美", "大輔", "直子", "拓也", "恵", "誠",
               "彩", "浩二", "真理", "亮", "智子", "隆", "千尋", "悟", "裕子", "剛"]
CONFLICT_NOTES = {
    "investment": "当該企業に個人で出資しています。",
    "employment_or_advisory": "当該企業の技術顧問を務めています。",
    "family_or_personal": "代表者が親族です。",
    "business": "所属先が当該企業と業務委託契約を結んでいます。",
    "other": "過去に共同研究を行いました。",
}
COMMENTS = ["実証の規模感が妥当です。", "費用の内訳をもう少し詳しく確認したい。",
            "課題との適合度が高い提案です。", "チームの実績が十分です。"]
FEEDBACK = {
    "high": "課題への理解が深く、実証の道筋も明確です。",
    "middle": "着眼点は良いので、実施体制と費用の根拠を補強してください。",
    "low": "課題との結び付きと新規性をより具体的に示してください。",
}


def build(world) -> None:
    options, rng = world.options, world.rng
    contest = world.objects["contest"]
    round_ = contest.rounds[0]
    pitch_ids = sorted(world.objects["pitches"])
    startup_of = _startups_of(contest.id, set(pitch_ids))
    judges = _panel(world, contest)
    conflicts = _conflicts(world, contest, judges, sorted(set(startup_of.values())))
    pitches_of: dict[int, list[int]] = {}
    for pitch in pitch_ids:
        pitches_of.setdefault(startup_of[pitch], []).append(pitch)
    conflicted_pairs = {(c["judge_id"], pitch) for c in conflicts
                        for pitch in pitches_of[c["startup_id"]]}
    now = utcnow()
    bulk_insert(RoundEntry, [
        {"round_id": round_.id, "pitch_id": pitch, "position": position, "note": ""}
        for position, pitch in enumerate(pitch_ids, start=1)])
    pairs = assign(pitch_ids, [judge.id for judge in judges], options.judges_per_pitch,
                   conflicts=conflicted_pairs, seed=options.seed)
    bulk_insert(Assignment, [
        {"round_id": round_.id, "judge_id": judge, "pitch_id": pitch, "created_at": now}
        for judge, pitch in pairs])
    contest.state = "screening"
    contest.judges_per_pitch = options.judges_per_pitch
    if options.scores:
        _score(rng, round_, pairs, now)
        round_.state = "closed"
    else:
        round_.state = "open"
    world.objects.update(judges=judges, assignments=pairs)
    world.logins.append(("judge", judges[-1].email))


def _startups_of(contest_id: int, pitch_ids: set[int]) -> dict[int, int]:
    rows = db.session.execute(db.select(Pitch.id, Pitch.startup_id).join(Challenge)
                              .where(Challenge.contest_id == contest_id))
    return {pitch: startup for pitch, startup in rows if pitch in pitch_ids}


def _panel(world, contest) -> list[User]:
    """Outside experts (judge01@example.jp...) and one or two bureau staff, all accepted and
    declared; the bureau staff come first so that the last judge, the demo login, is an expert."""
    total = world.options.judges
    staff_count = 2 if total >= 10 else 1 if total >= 3 else 0
    staff = list(world.objects["bureau_staff"].values())[:staff_count]
    width = max(2, len(str(total)))
    experts = [User(email=f"judge{n:0{width}d}@example.jp",
                    name=f"{world.rng.choice(SURNAMES)} {world.rng.choice(GIVEN_NAMES)}",
                    role=Role.EXPERT, password_hash=world.password_hash)
               for n in range(1, total - staff_count + 1)]
    db.session.add_all(experts)
    db.session.flush()
    judges = staff + experts
    now = utcnow()
    bulk_insert(PanelMember, [
        {"contest_id": contest.id, "user_id": judge.id, "status": "accepted",
         "invited_at": now - timedelta(days=30), "accepted_at": now - timedelta(days=28),
         "conflicts_declared_at": now - timedelta(days=27)}
        for judge in judges])
    return judges


def _conflicts(world, contest, judges: list[User], startup_ids: list[int]) -> list[dict]:
    """A few conflicts, each with its own startup, so a pitch loses at most one judge and K
    judges stay possible; none when the panel has no judge to spare."""
    if len(judges) <= world.options.judges_per_pitch or not startup_ids:
        return []
    rng = world.rng
    conflicted = rng.sample(judges, max(1, len(judges) // 5))
    pool = rng.sample(startup_ids, len(startup_ids))
    admin = world.objects["admin"]
    kinds = sorted(CONFLICT_KINDS)
    rows = []
    for n, judge in enumerate(conflicted):
        kind = kinds[n % len(kinds)]
        taken, pool = pool[:rng.choice((1, 2))], pool[2:]
        for startup in taken:
            # Most are declared by the judge; the secretariat recorded some it knew of.
            declared_by = judge if rng.random() < 0.8 else admin
            rows.append({"contest_id": contest.id, "judge_id": judge.id, "startup_id": startup,
                         "kind": kind, "note": CONFLICT_NOTES[kind],
                         "declared_by_id": declared_by.id})
    if rows:
        bulk_insert(Conflict, rows)
    return rows


def _score(rng, round_, pairs: list[tuple[int, int]], now) -> None:
    """Scores that look real: each pitch has a latent quality, each judge a leniency, plus noise,
    clipped to the criterion's range."""
    criteria = db.session.execute(
        db.select(Criterion.id, Criterion.key, Criterion.min_score, Criterion.max_score)
        .where(Criterion.round_id == round_.id).order_by(Criterion.position)).all()
    quality = {pitch: rng.gauss(0, 1) for pitch in sorted({p for _, p in pairs})}
    leniency = {judge: rng.gauss(0, 0.4) for judge in sorted({j for j, _ in pairs})}
    cards = []
    for judge, pitch in pairs:
        latent = 0.6 * quality[pitch] + leniency[judge]
        scores = {}
        for _, key, low, high in criteria:
            middle, half = (low + high) / 2, (high - low) / 2
            value = round(middle + half * (0.5 * latent + rng.gauss(0, 0.35)))
            scores[key] = min(high, max(low, value))
        level = "high" if latent > 0.5 else "low" if latent < -0.5 else "middle"
        comment = rng.choice(COMMENTS) if rng.random() < 0.1 else ""
        at = now - timedelta(days=2, minutes=rng.randrange(10 * 24 * 60))
        cards.append((judge, pitch, scores, comment, FEEDBACK[level], at))
    bulk_insert(Scorecard, [
        {"round_id": round_.id, "judge_id": judge, "pitch_id": pitch, "status": SUBMITTED,
         "comment": comment, "feedback": feedback, "submitted_at": at, "updated_at": at,
         "version": 1}
        for judge, pitch, _, comment, feedback, at in cards])
    card_ids = {(judge, pitch): card_id for judge, pitch, card_id in db.session.execute(
        db.select(Scorecard.judge_id, Scorecard.pitch_id, Scorecard.id)
        .where(Scorecard.round_id == round_.id))}
    criterion_ids = {key: criterion_id for criterion_id, key, _, _ in criteria}
    bulk_insert(ScoreLine, [
        {"scorecard_id": card_ids[judge, pitch], "criterion_id": criterion_ids[key],
         "score": score}
        for judge, pitch, scores, *_ in cards for key, score in scores.items()])
    # The audit trail starts complete: each card's submission by its judge, from the web.
    bulk_insert(ScoreAudit, [
        {"round_id": round_.id, "judge_id": judge, "pitch_id": pitch, "actor_id": judge,
         "at": at, "source": "web", "action": SUBMITTED, "old": None,
         "new": {"status": SUBMITTED, "scores": dict(sorted(scores.items())),
                 "comment": comment, "feedback": feedback}}
        for judge, pitch, scores, comment, feedback, at in cards])
