"""The shortlisting page: the screening ranking with the best N ticked for the next round."""

from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _
from wtforms.fields.choices import SelectChoice

from pitch.extensions import db
from pitch.models import Round
from pitch.results.forms import ShortlistForm
from pitch.results.operations import ResultsRefused
from pitch.results.routes import bp
from pitch.results.shortlist import ShortlistPlan, next_round, plan, shortlist
from pitch.security import admin_required


def _choices(shortlist_plan: ShortlistPlan) -> list[SelectChoice]:
    data = shortlist_plan.screening
    pitches = data.result.pitches
    choices = []
    for pitch_id in shortlist_plan.candidates:
        score = pitches.at[pitch_id, "score"]
        shown = "—" if score != score else f"{score:.2f}"  # NaN for an unscored pitch
        label = _("#%(rank)d %(title)s — %(startup)s (score %(score)s)",
                  rank=pitches.at[pitch_id, "rank"], title=data.pitches.at[pitch_id, "title"],
                  startup=data.pitches.at[pitch_id, "startup_name"], score=shown)
        choices.append(SelectChoice(pitch_id, label))
    return choices


@bp.route("/round/<int:round_id>/shortlist", methods=["GET", "POST"])
@admin_required
def shortlist_round(round_id: int):
    round_ = db.get_or_404(Round, round_id)
    try:
        shortlist_plan = plan(round_)
    except ResultsRefused as refusal:
        return render_template("results/shortlist.html", round=round_, refusal=str(refusal),
                               form=None, plan=None, target=next_round(round_)), 409
    target = shortlist_plan.target
    form = ShortlistForm()
    form.pitch_ids.choices = _choices(shortlist_plan)
    if not form.is_submitted():
        form.pitch_ids.data = shortlist_plan.preselected
    elif form.validate():
        try:
            entries = shortlist(shortlist_plan, form.pitch_ids.data or [], form.reason.data or "")
        except ResultsRefused as refusal:
            form.reason.errors.append(str(refusal))
        else:
            db.session.commit()
            if target.kind == "final":
                flash(_("%(count)d pitches are in the final round; every startup has been "
                        "told.", count=len(entries)), "success")
            else:
                flash(_("%(count)d pitches are in the next round; every startup has been "
                        "told.", count=len(entries)), "success")
            return redirect(url_for("results.round_results", round_id=target.id))
    status = 400 if form.is_submitted() else 200
    return render_template("results/shortlist.html", round=round_, refusal=None, form=form,
                           plan=shortlist_plan, target=target), status
