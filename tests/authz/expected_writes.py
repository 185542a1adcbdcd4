"""Expected status of every write route (POST, PUT, PATCH, DELETE) for each visitor, in the
order of world.IDENTITIES: anonymous, startup A, startup B, bureau X, bureau Y, judge,
conflicted judge, admin.

Each write carries a valid CSRF token and the smallest body that gets past authorisation
(nothing else, unless BODIES says otherwise), so the owner's answer is often the form's
400 for an empty body, or a redirect; what matters there is that authorisation let it
through. 401, 403, 404 and the anonymous visitor's redirect to the login page are refusals,
and a refusal must leave the database as it was. The world is the GET matrix's (see
expected.py), plus a contest still open to challenges with a draft of each bureau.
Bureau Y's staff member sits on the demo's judging panel.
"""

REFUSED = {401, 403, 404}
# Writes anyone may send without logging in; every other one sends a visitor to log in.
PUBLIC = {"POST main.set_language", "POST auth.login", "POST auth.register",
          "POST auth.forgot_password", "POST auth.accept_invitation", "POST auth.reset_password"}

# Route values other than world.build's defaults: the owner's writes on a challenge need a
# contest still open to challenges (the demo's is in screening).
VALUES = {
    "POST challenges.edit": {"challenge_id": "draft_challenge_id"},
    "POST challenges.publish": {"challenge_id": "draft_challenge_id"},
    "POST challenges.upload": {"challenge_id": "draft_challenge_id"},
    "POST challenges.delete_attachment": {"challenge_id": "draft_challenge_id",
                                          "attachment_id": "draft_attachment_id"},
    "POST challenges.ask": {"challenge_id": "open_challenge_id"},
    "POST pitches.new": {"challenge_id": "open_challenge_id"},
}
# The API validates the body before the view runs: an empty one would answer 422 to everyone.
BODIES = {"PUT judging_api.JudgeScorecard": {"scores": {}}}

# The scoring writes again, in round 2 opened for the case, with pitch 1 assigned to the judge
# and to the conflicted judge (whose conflict must still refuse them): an empty card saves as
# the judge's draft.
OPEN_ROUND_WRITES = {
    "POST judging.scorecard": (302, 404, 404, 404, 404, 302, 404, 404),
    "POST judging.pitch_day": (302, 404, 404, 404, 404, 302, 404, 404),
    "PUT judging_api.JudgeScorecard": (401, 404, 404, 404, 404, 200, 404, 404),
}

WRITES = {
    'POST account.change_password': (302, 400, 400, 400, 400, 400, 400, 400),  # 400: the empty form
    'POST account.invite_teammate': (302, 302, 302, 403, 403, 403, 403, 403),
    'POST account.settings': (302, 302, 302, 302, 302, 302, 302, 302),
    'POST account.startup': (302, 302, 302, 403, 403, 403, 403, 403),
    'POST admin.bureaus': (302, 403, 403, 403, 403, 403, 403, 200),
    'POST admin.invite': (302, 403, 403, 403, 403, 403, 403, 400),
    'POST admin.set_active': (302, 403, 403, 403, 403, 403, 403, 302),
    'POST api_tokens.create': (302, 400, 400, 400, 400, 400, 400, 400),  # 400: no name
    'POST api_tokens.revoke': (302, 302, 404, 404, 404, 404, 404, 404),
    # 400: the token is not valid, for anyone
    'POST auth.accept_invitation': (400, 400, 400, 400, 400, 400, 400, 400),
    'POST auth.forgot_password': (200, 200, 200, 200, 200, 200, 200, 200),
    'POST auth.login': (200, 302, 302, 302, 302, 302, 302, 302),
    'POST auth.logout': (302, 302, 302, 302, 302, 302, 302, 302),
    'POST auth.register': (200, 302, 302, 302, 302, 302, 302, 302),
    # 400: the token is not valid, for anyone
    'POST auth.reset_password': (400, 400, 400, 400, 400, 400, 400, 400),
    'POST challenges.answer': (302, 403, 403, 302, 403, 403, 403, 302),
    'POST challenges.ask': (302, 400, 400, 403, 403, 403, 403, 403),  # 400: no question
    'POST challenges.close': (302, 403, 403, 302, 403, 403, 403, 302),
    'POST challenges.create': (302, 403, 403, 400, 400, 403, 403, 400),  # 400: the empty form
    'POST challenges.delete_attachment': (302, 403, 403, 302, 404, 403, 403, 302),
    'POST challenges.edit': (302, 403, 403, 400, 404, 403, 403, 400),  # 400: the empty form
    'POST challenges.publish': (302, 403, 403, 302, 404, 403, 403, 302),
    'POST challenges.upload': (302, 403, 403, 302, 404, 403, 403, 302),
    'POST contests.add_round': (302, 403, 403, 403, 403, 403, 403, 400),
    'POST contests.create': (302, 403, 403, 403, 403, 403, 403, 400),
    'POST contests.edit': (302, 403, 403, 403, 403, 403, 403, 400),
    'POST contests.move': (302, 403, 403, 403, 403, 403, 403, 400),
    'POST contests.remove_round': (302, 403, 403, 403, 403, 403, 403, 302),
    'POST contests.rubric': (302, 403, 403, 403, 403, 403, 403, 302),
    'POST judging.accept': (302, 404, 404, 404, 302, 302, 302, 404),
    'POST judging.add_assignment': (302, 403, 403, 403, 403, 403, 403, 400),
    'POST judging.add_conflict': (302, 403, 403, 403, 403, 403, 403, 400),
    'POST judging.conflicts': (302, 404, 404, 404, 400, 400, 400, 404),  # 400: the empty form
    'POST judging.declare': (302, 404, 404, 404, 302, 302, 302, 404),
    'POST judging.decline': (302, 404, 404, 404, 302, 302, 302, 404),
    'POST judging.invite': (302, 403, 403, 403, 403, 403, 403, 400),
    'POST judging.move_round': (302, 403, 403, 403, 403, 403, 403, 302),
    'POST judging.pitch_day': (302, 404, 404, 404, 404, 403, 404, 404),  # 403: round 1 is closed
    'POST judging.reassign_dropout': (302, 403, 403, 403, 403, 403, 403, 400),
    'POST judging.remove_assignment': (302, 403, 403, 403, 403, 403, 403, 302),
    'POST judging.remove_member': (302, 403, 403, 403, 403, 403, 403, 400),
    'POST judging.reopen_round': (302, 403, 403, 403, 403, 403, 403, 400),
    'POST judging.run_assignment': (302, 403, 403, 403, 403, 403, 403, 400),
    'POST judging.scorecard': (302, 404, 404, 404, 404, 403, 404, 404),  # 403: round 1 is closed
    'POST judging.send_reminders': (302, 403, 403, 403, 403, 403, 403, 302),
    'POST judging.withdraw_conflict': (302, 403, 403, 403, 403, 403, 403, 400),
    'POST judging.withdraw_own_conflict': (302, 404, 404, 404, 404, 404, 302, 404),
    'POST main.set_language': (302, 302, 302, 302, 302, 302, 302, 302),
    'POST pilots.add_kpi': (302, 403, 404, 404, 404, 404, 404, 403),
    'POST pilots.add_milestone': (302, 403, 404, 404, 404, 404, 404, 400),
    'POST pilots.complete_milestone': (302, 302, 404, 404, 404, 404, 404, 302),
    'POST pilots.decide': (302, 403, 404, 404, 404, 404, 404, 403),
    'POST pilots.move_stage': (302, 403, 404, 404, 404, 404, 404, 302),
    'POST pilots.open_pilot': (302, 403, 403, 404, 404, 403, 403, 404),  # 404: pitch 1 has no award
    'POST pilots.post_update': (302, 400, 404, 404, 404, 404, 404, 403),
    'POST pilots.set_outcome': (302, 403, 404, 404, 404, 404, 404, 302),
    'POST pilots.set_public': (302, 403, 404, 404, 404, 404, 404, 302),
    'POST pilots.update_plan': (302, 403, 404, 404, 404, 404, 404, 400),
    'POST pitches.edit': (302, 302, 404, 403, 403, 403, 403, 403),  # 302: frozen after the deadline
    'POST pitches.new': (302, 302, 302, 403, 403, 403, 403, 403),
    # 302: frozen after the deadline
    'POST pitches.withdraw': (302, 302, 404, 403, 403, 403, 403, 403),
    'POST results.add_award': (302, 403, 403, 403, 403, 403, 403, 400),
    'POST results.delete_award': (302, 403, 403, 403, 403, 403, 403, 302),
    'POST results.publish': (302, 403, 403, 403, 403, 403, 403, 400),
    'POST results.shortlist_round': (302, 403, 403, 403, 403, 403, 403, 400),
    'POST scoresheets.import_sheet': (302, 403, 403, 403, 403, 403, 403, 400),
    # 409: round 1 is closed
    'PUT judging_api.JudgeScorecard': (401, 404, 404, 404, 404, 409, 404, 404),
}
