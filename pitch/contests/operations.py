"""Every write of the contests area; the rules themselves live in pitch.domain.contest_rules."""

import math
from datetime import datetime

from pitch.domain import contest_rules
from pitch.domain.contest_rules import ContestSnapshot, Refusal, refusal, validate_rubric
from pitch.domain.default_rubric import DEFAULT_RUBRIC
from pitch.domain.timeline import TIMELINE_KEYS, Timeline, out_of_order, to_local, zone
from pitch.extensions import db
from pitch.models import (
    Assignment,
    Challenge,
    Contest,
    Criterion,
    JudgingEvent,
    Pitch,
    ResultSnapshot,
    Round,
    RoundEntry,
    ScoreAudit,
    Scorecard,
    ScoreLine,
)

DEFAULT_ROUNDS = (
    (1, "screening", "書類審査", "Screening"),
    (2, "final", "ピッチ審査", "Final pitch"),
)
SETTINGS = ("title_ja", "title_en", "theme", "description_ja", "description_en",
            "judges_per_pitch", "shortlist_size", "blind_screening", "method")
TEXT_FIELDS = ("label_ja", "label_en", "description_ja", "description_en", "guide_ja", "guide_en")
CRITERION_FIELDS = (*TEXT_FIELDS, "weight", "min_score", "max_score")


def default_round(number: int, kind: str, name_ja: str, name_en: str) -> Round:
    round_ = Round(number=number, kind=kind, name_ja=name_ja, name_en=name_en)
    for position, rule in enumerate(DEFAULT_RUBRIC):
        round_.criteria.append(Criterion(
            position=position, key=rule.key,
            **{name: getattr(rule, name) for name in CRITERION_FIELDS}))
    return round_


def create_contest(values: dict, tz: str) -> Contest:
    """A draft contest with the two usual rounds, each with the default rubric."""
    contest = Contest(state=contest_rules.ContestState.DRAFT)
    update_contest(contest, values, tz)
    contest.rounds = [default_round(*spec) for spec in DEFAULT_ROUNDS]
    db.session.add(contest)
    return contest


def update_contest(contest: Contest, values: dict, tz: str) -> None:
    """Settings from a form; timeline values are local wall-clock times in ``tz``."""
    for name in SETTINGS:
        setattr(contest, name, values[name])
    for key in TIMELINE_KEYS:
        local = values[key]
        setattr(contest, key, None if local is None else local.replace(tzinfo=zone(tz)))


def local_timeline_values(contest: Contest, tz: str) -> dict:
    """The stored instants as the wall-clock times a datetime-local input shows."""
    return {key: None if getattr(contest, key) is None
            else to_local(getattr(contest, key), tz).replace(tzinfo=None)
            for key in TIMELINE_KEYS}


def timeline_of(contest: Contest) -> Timeline | None:
    if any(getattr(contest, key) is None for key in TIMELINE_KEYS):
        return None
    return Timeline(**{key: getattr(contest, key) for key in TIMELINE_KEYS})


def timeline_problems(values: dict) -> list[Refusal]:
    """Milestones out of order, checked whenever all six are given (drafts may lack some)."""
    if any(values[key] is None for key in TIMELINE_KEYS):
        return []
    fixed = zone("UTC")  # the order of wall-clock times in one zone is the order of instants
    timeline = Timeline(**{key: values[key].replace(tzinfo=fixed) for key in TIMELINE_KEYS})
    return [refusal("timeline_not_increasing", earlier=earlier, later=later)
            for earlier, later in out_of_order(timeline)]


def snapshot(contest: Contest, now: datetime) -> ContestSnapshot:
    challenge_ids = db.select(Challenge.id).where(Challenge.contest_id == contest.id)
    published = db.session.scalar(db.select(db.func.count()).select_from(Challenge).where(
        Challenge.contest_id == contest.id, Challenge.status == "published"))
    submitted = db.session.scalar(db.select(db.func.count()).select_from(Pitch).where(
        Pitch.challenge_id.in_(challenge_ids), Pitch.status == "submitted"))
    # The last final round, as results and shortlisting take it.
    final = next((r for r in reversed(contest.rounds) if r.kind == "final"), None)
    shortlisted = results = 0
    if final is not None:
        shortlisted = db.session.scalar(db.select(db.func.count()).select_from(RoundEntry)
                                        .where(RoundEntry.round_id == final.id))
        results = db.session.scalar(db.select(db.func.count()).select_from(ResultSnapshot)
                                    .where(ResultSnapshot.round_id == final.id))
    return ContestSnapshot(
        state=contest_rules.ContestState(contest.state), now=now,
        dates={key: getattr(contest, key) for key in TIMELINE_KEYS},
        published_challenges=published, submitted_pitches=submitted,
        shortlisted_pitches=shortlisted, final_results_published=bool(results),
        has_final_round=final is not None)


def move_contest(contest: Contest, target: str, now: datetime) -> list[Refusal]:
    """Move the contest to ``target`` unless the rules refuse; the refusals otherwise."""
    refusals = contest_rules.check_move(snapshot(contest, now), target)
    if not refusals:
        contest.state = target
    return refusals


def rubric_locked(round_: Round) -> bool:
    submitted = db.session.scalar(db.select(db.func.count()).select_from(Scorecard).where(
        Scorecard.round_id == round_.id, Scorecard.status == "submitted"))
    return not contest_rules.can_change_rubric(bool(submitted))


def rubric_rows(rows: list[dict]) -> list[contest_rules.Criterion]:
    """Form rows as the domain's criteria; a blank weight is no number at all."""
    return [contest_rules.Criterion(
        key=(row["key"] or "").strip(),
        weight=math.nan if row["weight"] is None else row["weight"],
        min_score=row["min_score"], max_score=row["max_score"],
        **{name: (row[name] or "").strip() for name in TEXT_FIELDS})
        for row in rows]


def save_rubric(round_: Round, names: dict,
                criteria: list[contest_rules.Criterion]) -> list[Refusal]:
    """Replace the round's rubric; nothing changes when any rule refuses it."""
    if rubric_locked(round_):
        raise ValueError("the rubric of a round with submitted scores cannot change")
    refusals = validate_rubric(criteria)
    if refusals:
        return refusals
    round_.name_ja, round_.name_en = names["name_ja"], names["name_en"]
    existing = {criterion.key: criterion for criterion in round_.criteria}
    kept = {rule.key for rule in criteria}
    removed = [criterion for key, criterion in existing.items() if key not in kept]
    if removed:
        # Only draft scorecards can hold lines here (a submitted one locks the rubric).
        db.session.execute(db.delete(ScoreLine).where(
            ScoreLine.criterion_id.in_([criterion.id for criterion in removed])))
        for criterion in removed:
            round_.criteria.remove(criterion)
    for position, rule in enumerate(criteria):
        criterion = existing.get(rule.key)
        if criterion is None:
            criterion = Criterion(key=rule.key)
            round_.criteria.append(criterion)
        criterion.position = position
        for name in CRITERION_FIELDS:
            setattr(criterion, name, getattr(rule, name))
    return []


def add_round(contest: Contest, values: dict) -> list[Refusal]:
    """Append a round with the default rubric, unless the contest's rounds are fixed."""
    refusals = contest_rules.check_round_addition(contest.state)
    if refusals:
        return refusals
    number = contest_rules.next_round_number([r.number for r in contest.rounds])
    contest.rounds.append(default_round(number, values["kind"], values["name_ja"].strip(),
                                        values["name_en"].strip()))
    return []


def _count(model, round_id: int) -> int:
    return db.session.scalar(db.select(db.func.count()).select_from(model)
                             .where(model.round_id == round_id))


def round_facts(contest: Contest, round_: Round) -> contest_rules.RoundFacts:
    """Everything that hangs off a round: entries, assignments, scores (and their audit
    trail, which outlives a discarded draft), published results and the judging record."""
    return contest_rules.RoundFacts(
        contest_state=contest.state, number=round_.number,
        round_numbers=[r.number for r in contest.rounds],
        entries=_count(RoundEntry, round_.id), assignments=_count(Assignment, round_.id),
        scorecards=_count(Scorecard, round_.id) + _count(ScoreAudit, round_.id),
        results=_count(ResultSnapshot, round_.id), history=_count(JudgingEvent, round_.id))


def remove_round(contest: Contest, round_: Round) -> list[Refusal]:
    """Remove the round and its rubric, unless the rules refuse."""
    refusals = contest_rules.check_round_removal(round_facts(contest, round_))
    if not refusals:
        contest.rounds.remove(round_)
    return refusals
