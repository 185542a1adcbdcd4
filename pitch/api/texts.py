"""The English texts of the generated description, marked for translation.

openapi.json stays in English, as the docstrings and schema metadata say; the documentation
page shows each text in the user's language. N_ marks them for Babel without translating, and
a test checks that every text of the description is listed here with its Japanese.
"""


def N_(text: str) -> str:  # noqa: N802 (Babel's marker name)
    return text


TEXTS = frozenset({
    N_("Open data of pitch contests, and a judge's scoring client."),
    N_("Contests open to the public, newest first."),
    N_("A contest with its timeline, rounds and rubric."),
    N_("Published (and closed) challenges, filtered as on the challenges page."),
    N_("A published challenge with its attachments and its answered questions."),
    N_("The contest's published results: the open data of the public results page."),
    N_("Pilots the secretariat has made public, newest first."),
    N_("The caller's assignments per round, in running order, conflicts left out."),
    N_("Only this round"),
    N_("The pitch as its judge sees it (no startup identity in a blind round), with the "
       "round's rubric and the judge's scorecard."),
    N_("The judge's scorecard for the pitch (status \"none\" before the first save)."),
    N_("Save the scorecard as a draft or submit it, under the rules of the scoring page: 409 "
       "when the round is not open or the card changed since `version`, 422 with the problem "
       "of each criterion when scores are missing or out of range."),
    N_("The round's results as they stand now (submitted scorecards only), in the results "
       "JSON of DESIGN.md; `method` defaults to the contest's."),
    N_("Every score line of the round, drafts included (the long scores export)."),
    N_("Stable, machine-readable"),
    N_("In the user's language"),
    N_("Per-field problems, when there are some"),
    N_("Answered questions only"),
    N_("Submitted scorecards"),
    N_("Mean score per criterion"),
    N_("SHA-256 of the whole published snapshot (canonical JSON)"),
    N_("Judges"),
    N_("The final ranking with the screening score carried in, if any"),
    N_("Empty until the final round is published; a screening round lists the finalists "
       "only"),
    N_("Place in the running order"),
    N_("null in a blind round"),
    N_("Send it back as `version` to refuse overwriting a newer save"),
    N_("0–100 judge total, once every score is given"),
    N_("Score per criterion key; a draft may leave some out"),
    N_("Left unchanged when absent"),
    N_("true submits; false saves a draft (withdrawing a submission)"),
    N_("The version read; 0 for a new card. Omit to skip the check"),
})
