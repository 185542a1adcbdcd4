"""The round page's figures (agreement, ranking, combined ranking, judges) as cached HTML.

They are the costly part of the page: fifty rows of ranks, criteria and SVG spreads, and every
judge. The HTML holds no form and nothing of the viewer but what the key names (which rows
they may see, whether they see the judges, their language), and the key carries the data
versions of every round of the contest (a final may carry the screening's scores in), so any
committed change to the scores or the names renders it afresh.
"""

import re

from flask import render_template
from flask_babel import get_locale
from markupsafe import Markup

from pitch.cache import app_cache
from pitch.domain.scoring import METHODS
from pitch.extensions import db
from pitch.freshness import has_pending_changes
from pitch.models import Contest, Round
from pitch.results.forms import METHOD_LABELS, METHOD_SHORT
from pitch.results.loader import RoundData, combined_ranking, round_judges
from pitch.results.ranking import alpha_reading, combined_rows, judge_rows, ranking_page

# Built once: on a round page served from the cache this query is most of the work.
_SHOWN_ROUND = db.aliased(Round)
_ROUNDS_OF_CONTEST = (
    db.select(Contest.content_version, *Round.__table__.c)
    .join(Contest, Contest.id == Round.contest_id)
    .join(_SHOWN_ROUND, _SHOWN_ROUND.contest_id == Round.contest_id)
    .where(_SHOWN_ROUND.id == db.bindparam("round_id")).order_by(Round.id))


def contest_rounds_state(round_id: int) -> tuple:
    """Every round of the round's contest, whole (state, kind, names, and the data version
    that moves with scores, entries, shown names, published versions and awards), with the
    contest's content version (title, method, weights): the versions the figures and the
    round page are cached by. Kinds and names count because they decide the combined ranking
    and its headings, and editing a round itself moves no data version."""
    rows = db.session.connection().execute(_ROUNDS_OF_CONTEST, {"round_id": round_id})
    return tuple(map(tuple, rows))


def round_figures(data: RoundData, page: int, per_page: int, bureau_id: int | None,
                  manage: bool) -> Markup:
    """The figures of ``data`` for one page of the ranking; ``bureau_id`` limits the rows
    (None: all), ``manage`` adds the judges' table."""
    round_ = data.round
    view = (page, per_page, bureau_id, manage)
    if has_pending_changes(db.session):
        return _render(data, *view)
    key = ("round", round_.id, data.result.method, view, str(get_locale()),
           contest_rounds_state(round_.id))
    cache = app_cache("pages")
    html = cache.get(key)
    if html is None:
        html = _render(data, *view)
        cache.put(key, html)
    return html


# Indentation is a tenth of a ranking page and shows nowhere: the figures hold no <pre> or
# <textarea>, where it would.
_INDENTATION = re.compile(r"\n\s+")


def _render(data: RoundData, page: int, per_page: int, bureau_id: int | None,
            manage: bool) -> Markup:
    round_ = data.round
    alpha = data.result.krippendorff_alpha
    return Markup(_INDENTATION.sub("\n", render_template(
        "results/_figures.html", round=round_, method=data.result.method, methods=METHODS,
        method_labels=METHOD_LABELS, method_short=METHOD_SHORT,
        paged=ranking_page(data, bureau_id, page, per_page), criteria=round_.criteria,
        combined=combined_rows(data, combined_ranking(data)),
        screening_weight=round_.contest.screening_weight, alpha=alpha,
        alpha_reading=alpha_reading(alpha),
        judges=judge_rows(data, round_judges(round_.id)) if manage else [], manage=manage)))
