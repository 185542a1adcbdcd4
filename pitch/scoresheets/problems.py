"""The score sheet's problems in the reader's language, one message per problem code."""

from flask_babel import lazy_gettext as _l

from pitch.domain.score_sheet import SheetProblem

# Same codes and parameters as pitch.domain.score_sheet; %(name)s placeholders for gettext.
MESSAGES = {
    "empty_file": _l("The file is empty."),
    "unreadable_file": _l(
        "The file could not be read: save it as CSV (UTF-8 or Shift_JIS) or .xlsx."),
    "xls_not_supported": _l(
        "Old .xls workbooks are not supported: save the file as .xlsx or CSV."),
    "no_data_rows": _l("The sheet has a header but no score rows."),
    "missing_column": _l("The column %(column)s is missing from the header."),
    "duplicate_column": _l("The column %(column)s appears more than once in the header."),
    "missing_value": _l("The %(column)s cell is empty."),
    "unknown_pitch": _l("There is no pitch %(pitch_id)s in this round."),
    "unknown_judge": _l("%(judge_email)s is not on the panel."),
    "judge_not_assigned": _l("%(judge_email)s is not assigned to pitch %(pitch_id)s."),
    "judge_in_conflict": _l(
        "%(judge_email)s has a conflict of interest with pitch %(pitch_id)s."),
    "score_empty": _l("The score for %(criterion)s is empty."),
    "score_not_integer": _l("The score for %(criterion)s must be a whole number, got %(value)s."),
    "score_out_of_range": _l(
        "The score for %(criterion)s must be from %(min)s to %(max)s, got %(value)s."),
    "duplicate_row": _l(
        "Pitch %(pitch_id)s and %(judge_email)s already appear in row %(first_row)s."),
}


def problem_message(problem: SheetProblem) -> str:
    return str(MESSAGES[problem.code]) % dict(problem.params)
