"""The scorecard on a laptop, the same on a phone on pitch day, and the deck for judges."""

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from pitch.extensions import db
from pitch.judging import access
from pitch.judging.operations import ScoringRefused, find_scorecard, judge_total, save_scorecard
from pitch.judging.routes import bp, load_for_judge, load_round
from pitch.models import Assignment, Conflict, Pitch, RoundEntry
from pitch.pitches.blind_deck import for_blind_round
from pitch.uploads import send_download, send_stored

_STATUS_BY_CODE = {"invalid": 400, "stale": 409}


def _running_order(round_) -> list[RoundEntry]:
    """The judge's pitches of the round in running order, conflicted startups left out."""
    conflicted = db.select(Conflict.startup_id).where(Conflict.judge_id == current_user.id,
                                                      Conflict.contest_id == round_.contest_id)
    statement = (
        db.select(RoundEntry).join(Pitch, Pitch.id == RoundEntry.pitch_id)
        .join(Assignment, db.and_(Assignment.round_id == RoundEntry.round_id,
                                  Assignment.pitch_id == RoundEntry.pitch_id))
        .where(RoundEntry.round_id == round_.id, Assignment.judge_id == current_user.id,
               Pitch.startup_id.not_in(conflicted))
        .options(db.joinedload(RoundEntry.pitch)).order_by(RoundEntry.position, RoundEntry.id)
    )
    if current_user.startup_id is not None:
        statement = statement.where(Pitch.startup_id != current_user.startup_id)
    return list(db.session.scalars(statement))


def _neighbours(order: list[RoundEntry], pitch_id: int):
    """The entries before and after the pitch in the running order, and its place (from 1)."""
    ids = [entry.pitch_id for entry in order]
    index = ids.index(pitch_id) if pitch_id in ids else -1
    previous = order[index - 1] if index > 0 else None
    following = order[index + 1] if 0 <= index < len(order) - 1 else None
    return previous, following, index + 1


def _scorecard_page(round_id: int, pitch_id: int, template: str, endpoint: str):
    round_, pitch, entry = load_for_judge(round_id, pitch_id)
    if not access.has_declared(current_user, round_.contest_id):
        flash(_("Declare your conflicts of interest before scoring."), "info")
        return redirect(url_for("judging.conflicts", contest_id=round_.contest_id))
    card = find_scorecard(round_, current_user, pitch)
    order = _running_order(round_)
    previous, following, place = _neighbours(order, pitch.id)
    typed, errors, refusal, status = None, {}, None, 200
    if request.method == "POST":
        typed = {c.key: request.form.get(f"score-{c.key}", "") for c in round_.criteria}
        submit = request.form.get("action") == "submit"
        version = request.form.get("version", type=int)
        try:
            card = save_scorecard(round_, current_user, pitch, typed,
                                  request.form.get("comment", ""),
                                  request.form.get("feedback", ""), submit, current_user,
                                  expected_version=version if version is not None else 0)
        except ScoringRefused as refused:
            db.session.rollback()
            errors, refusal = refused.errors, refused.message
            status = _STATUS_BY_CODE.get(refused.code, 403)
            card = find_scorecard(round_, current_user, pitch)
        else:
            db.session.commit()
            flash(_("Submitted.") if submit else _("Draft saved."), "success")
            # After submitting, on to the next pitch in the running order.
            next_id = following.pitch_id if submit and following is not None else pitch.id
            return redirect(url_for(endpoint, round_id=round_.id, pitch_id=next_id))
    saved = {}
    if card is not None:
        keys = {c.id: c.key for c in round_.criteria}
        saved = {keys[line.criterion_id]: line.score for line in card.lines}
    values = typed if typed is not None else saved
    # A refused form shows what was typed; otherwise what is stored.
    texts = request.form if typed is not None else {
        "comment": getattr(card, "comment", ""), "feedback": getattr(card, "feedback", "")}
    return render_template(
        template, round=round_, pitch=pitch, entry=entry, card=card, values=values,
        errors=errors, refusal=refusal, order=order, previous=previous, following=following,
        place=place,
        is_blind=access.blind(round_), total=judge_total(round_.criteria, saved),
        can_score=access.can_score(current_user, round_, pitch),
        comment=texts.get("comment", ""), feedback=texts.get("feedback", ""),
    ), status


@bp.route("/rounds/<int:round_id>/pitches/<int:pitch_id>", methods=["GET", "POST"])
@login_required
def scorecard(round_id: int, pitch_id: int):
    return _scorecard_page(round_id, pitch_id, "judging/scorecard.html", "judging.scorecard")


@bp.route("/rounds/<int:round_id>/day/<int:pitch_id>", methods=["GET", "POST"])
@login_required
def pitch_day(round_id: int, pitch_id: int):
    return _scorecard_page(round_id, pitch_id, "judging/pitch_day.html", "judging.pitch_day")


@bp.get("/rounds/<int:round_id>/day")
@login_required
def pitch_day_start(round_id: int):
    round_ = load_round(round_id)
    if not access.is_panel_member(current_user, round_.contest_id):
        abort(404)
    order = _running_order(round_)
    if not order:
        abort(404)
    return redirect(url_for("judging.pitch_day", round_id=round_.id, pitch_id=order[0].pitch_id))


@bp.get("/rounds/<int:round_id>/pitches/<int:pitch_id>/deck")
@login_required
def deck(round_id: int, pitch_id: int):
    round_, pitch, entry = load_for_judge(round_id, pitch_id)
    if not pitch.deck_stored_name:
        abort(404)
    if not access.blind(round_):
        name = pitch.deck_original_name or f"pitch-{pitch.id}-deck.pdf"
        return send_stored(pitch.deck_stored_name, name, "application/pdf")
    # Nothing in the name or the PDF's properties may point at the startup; both often do.
    copy = for_blind_round(pitch.deck_stored_name)
    if copy is None:
        flash(_("This deck cannot be shown in a blind round: its file could not be read to "
                "remove the properties that may name the startup. Score from the proposal, "
                "and tell the secretariat."), "error")
        return redirect(url_for("judging.scorecard", round_id=round_.id, pitch_id=pitch.id))
    name = f"pitch-{entry.position if entry else pitch.id}-deck.pdf"
    return send_download(copy, name, "application/pdf")
