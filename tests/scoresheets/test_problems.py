from flask_babel import force_locale

from pitch.domain import score_sheet
from pitch.scoresheets.problems import MESSAGES, problem_message


def test_every_problem_of_the_reader_has_a_translatable_message():
    assert set(MESSAGES) == set(score_sheet._MESSAGES)


def test_messages_say_the_same_as_the_reader_in_english(app):
    examples = {"column": "impact", "pitch_id": "12", "judge_email": "a@example.jp",
                "criterion": "novelty", "value": "9", "min": 1, "max": 5, "first_row": 2}
    with app.test_request_context(), force_locale("en"):
        for code in MESSAGES:
            problem = score_sheet.problem(3, code, **examples)
            assert problem_message(problem) == problem.message
