"""Public pages of challenges: the searchable list, a challenge with its Q&A, open data."""

import json

from flask import Blueprint, Response, abort, current_app, render_template, request, url_for
from flask_login import current_user

from pitch.cache import public_page
from pitch.challenges import access, opendata
from pitch.challenges.access import (
    can_answer_question,
    can_ask_question,
    can_view_challenge,
    load_in_challenge,
    public_challenges,
    questions_are_open,
    visible_questions,
)
from pitch.challenges.forms import AnswerForm, AttachmentForm, QuestionForm
from pitch.challenges.listing import filtered_challenges
from pitch.extensions import db
from pitch.models import Attachment, Bureau, Challenge, Contest
from pitch.models.types import utcnow
from pitch.uploads import send_stored

bp = Blueprint("challenges", __name__, url_prefix="/challenges")


@bp.context_processor
def _predicates() -> dict:
    """The views' access predicates, so templates show exactly the allowed buttons."""
    return {name: getattr(access, name) for name in (
        "can_manage_challenge", "can_edit_challenge", "can_publish_challenge",
        "can_close_challenge")}


def _int_arg(name: str) -> int | None:
    value = request.args.get(name, "")
    return int(value) if value.isdigit() else None


@bp.get("")
@public_page
def index():
    filters = {"q": request.args.get("q", "").strip(), "contest": _int_arg("contest"),
               "bureau": _int_arg("bureau"), "tag": request.args.get("tag", "").strip(),
               "status": request.args.get("status", "")}
    page = db.paginate(filtered_challenges(filters), per_page=current_app.config["PER_PAGE"],
                       error_out=False)
    contests = db.session.scalars(db.select(Contest).where(Contest.state != "draft")
                                  .order_by(Contest.created_at.desc())).all()
    bureaus = db.session.scalars(db.select(Bureau).order_by(Bureau.code)).all()
    args = {key: value for key, value in filters.items() if value}
    return render_template("challenges/index.html", page=page, filters=filters, args=args,
                           contests=contests, bureaus=bureaus)


def load_challenge(challenge_id: int) -> Challenge:
    """The challenge, or 404 when it is missing or the user may not see it (drafts stay
    unmentioned to outsiders)."""
    challenge = db.get_or_404(Challenge, challenge_id)
    if not can_view_challenge(current_user, challenge):
        abort(404)
    return challenge


def answer_form(question, formdata=None) -> AnswerForm:
    """One form per question, each with its own field names and ids."""
    return AnswerForm(formdata=formdata, prefix=f"answer-{question.id}",
                      data={"answer": question.answer or ""})


def render_challenge(challenge: Challenge, status: int = 200, question_form=None,
                     refused_answer: AnswerForm | None = None, answering: int | None = None):
    """The challenge page; a refused form is passed in to show what was typed."""
    now = utcnow()
    visible = db.session.scalars(visible_questions(current_user, challenge)).all()
    answer_forms = {question.id: answer_form(question) for question in visible
                    if can_answer_question(current_user, question)}
    if refused_answer is not None:
        answer_forms[answering] = refused_answer
    return render_template(
        "challenges/show.html", challenge=challenge, questions=visible,
        question_form=question_form or QuestionForm(), answer_forms=answer_forms,
        attachment_form=AttachmentForm(), can_ask=can_ask_question(current_user, challenge, now),
        questions_open=questions_are_open(challenge, now)), status


@bp.get("/<int:challenge_id>")
@public_page
def show(challenge_id: int):
    return render_challenge(load_challenge(challenge_id))


@bp.get("/<int:challenge_id>/attachments/<int:attachment_id>")
def attachment(challenge_id: int, attachment_id: int):
    item = load_in_challenge(Attachment, attachment_id, load_challenge(challenge_id))
    return send_stored(item.stored_name, item.original_name, item.content_type)


def _open_data_rows() -> list[dict]:
    challenges = db.session.scalars(public_challenges().order_by(Challenge.id)).all()
    return [opendata.row(challenge, url_for("challenges.show", challenge_id=challenge.id,
                                            _external=True))
            for challenge in challenges]


def _license_link() -> str:
    return f'<{opendata.LICENSE["url"]}>; rel="license"'


@bp.get("/open-data.csv")
def open_data_csv():
    response = Response(opendata.to_csv(_open_data_rows()), mimetype="text/csv")
    response.headers["Content-Disposition"] = 'attachment; filename="challenges.csv"'
    response.headers["Link"] = _license_link()
    return response


@bp.get("/open-data.json")
def open_data_json():
    body = json.dumps(opendata.to_json(_open_data_rows(), utcnow()), ensure_ascii=False,
                      indent=2)
    response = Response(body, mimetype="application/json")
    response.headers["Link"] = _license_link()
    return response


# The staff's pages and the Q&A register their views on the same blueprint.
from pitch.challenges import manage, questions  # noqa: E402, F401
