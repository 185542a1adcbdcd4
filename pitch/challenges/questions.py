"""Questions and answers on a challenge: startups ask before the deadline, the bureau answers."""

from flask import flash, redirect, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from pitch.challenges import operations
from pitch.challenges.access import can_answer_question, can_ask_question, load_in_challenge
from pitch.challenges.forms import QuestionForm
from pitch.challenges.manage import staff_required
from pitch.challenges.routes import answer_form, bp, load_challenge, render_challenge
from pitch.extensions import db
from pitch.models import Question, User
from pitch.models.types import utcnow
from pitch.security import roles_required

ANSWER_MESSAGES = {
    "answered": _l("The answer is published."),
    "updated": _l("The answer is updated; the asker is told by e-mail."),
    "unchanged": _l("The answer is unchanged; nobody is e-mailed."),
}


@bp.post("/<int:challenge_id>/questions")
@roles_required("startup")
def ask(challenge_id: int):
    challenge = load_challenge(challenge_id)
    form = QuestionForm()
    # Checked on the server at the moment of the request: the deadline is exclusive.
    if not can_ask_question(current_user, challenge, utcnow()):
        flash(_("Questions on this challenge are closed."), "error")
        return render_challenge(challenge, 400, question_form=form)
    if not form.validate_on_submit():
        return render_challenge(challenge, 400, question_form=form)
    operations.ask_question(challenge, current_user, form.body.data)
    db.session.commit()
    flash(_("Your question is sent. The answer will appear here for everyone."), "success")
    return redirect(url_for("challenges.show", challenge_id=challenge.id, _anchor="questions"))


@bp.post("/<int:challenge_id>/questions/<int:question_id>/answer")
@staff_required
def answer(challenge_id: int, question_id: int):
    challenge = load_challenge(challenge_id)
    question = load_in_challenge(Question, question_id, challenge, can_answer_question)
    form = answer_form(question, request.form)
    if not form.validate_on_submit():
        return render_challenge(challenge, 400, refused_answer=form, answering=question.id)
    asker = db.session.get(User, question.asker_id)
    outcome = operations.answer_question(question, current_user, form.answer.data, asker)
    db.session.commit()
    flash(str(ANSWER_MESSAGES[outcome]), "success")
    return redirect(url_for("challenges.show", challenge_id=challenge.id,
                            _anchor=f"question-{question.id}"))
