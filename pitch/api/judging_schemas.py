"""Schemas of a judge's side of the API: assignments, the pitch as a judge sees it, scorecards."""

from marshmallow import Schema, fields, validate

from pitch.api.schemas import ID_FIELD, RoundSchema, RoundWithRubricSchema


class AssignedPitchSchema(Schema):
    pitch_id = fields.Integer(required=True)
    position = fields.Integer(required=True, allow_none=True,
                              metadata={"description": "Place in the running order"})
    status = fields.String(required=True, validate=validate.OneOf(
        ("assigned", "draft", "submitted")))


class AssignedRoundSchema(Schema):
    round = fields.Nested(RoundSchema, required=True)
    contest_id = fields.Integer(required=True)
    blind = fields.Boolean(required=True)
    pitches = fields.List(fields.Nested(AssignedPitchSchema), required=True)


class AssignmentsSchema(Schema):
    rounds = fields.List(fields.Nested(AssignedRoundSchema), required=True)


class AssignmentArgsSchema(Schema):
    round = fields.Integer(**ID_FIELD, metadata={"description": "Only this round"})


class StartupSchema(Schema):
    id = fields.Integer(required=True)
    name = fields.String(required=True)


class JudgePitchSchema(Schema):
    id = fields.Integer(required=True)
    title = fields.String(required=True)
    summary = fields.String(required=True)
    problem = fields.String(required=True)
    solution = fields.String(required=True)
    novelty = fields.String(required=True)
    plan = fields.String(required=True)
    cost_yen = fields.Integer(required=True, allow_none=True)
    has_deck = fields.Boolean(required=True)
    position = fields.Integer(required=True, allow_none=True)
    startup = fields.Nested(StartupSchema, required=True, allow_none=True,
                            metadata={"description": "null in a blind round"})
    team = fields.String(required=True, allow_none=True,
                         metadata={"description": "null in a blind round"})
    video_url = fields.String(required=True, allow_none=True,
                              metadata={"description": "null in a blind round"})


class ScorecardSchema(Schema):
    status = fields.String(required=True, validate=validate.OneOf(("none", "draft", "submitted")))
    version = fields.Integer(required=True, metadata={
        "description": "Send it back as `version` to refuse overwriting a newer save"})
    scores = fields.Dict(keys=fields.String(), values=fields.Integer(), required=True)
    comment = fields.String(required=True)
    feedback = fields.String(required=True)
    submitted_at = fields.DateTime(required=True, allow_none=True)
    total = fields.Float(required=True, allow_none=True,
                         metadata={"description": "0–100 judge total, once every score is given"})


class JudgeViewSchema(Schema):
    round = fields.Nested(RoundWithRubricSchema, required=True)
    blind = fields.Boolean(required=True)
    can_score = fields.Boolean(required=True)
    pitch = fields.Nested(JudgePitchSchema, required=True)
    scorecard = fields.Nested(ScorecardSchema, required=True)


class ScorecardInputSchema(Schema):
    scores = fields.Dict(
        keys=fields.String(),
        values=fields.Integer(strict=True, allow_none=True), required=True,
        metadata={"description": "Score per criterion key; a draft may leave some out"})
    comment = fields.String(validate=validate.Length(max=10_000), metadata={
        "description": "Left unchanged when absent"})
    feedback = fields.String(validate=validate.Length(max=10_000), metadata={
        "description": "Left unchanged when absent"})
    submit = fields.Boolean(load_default=False, metadata={
        "description": "true submits; false saves a draft (withdrawing a submission)"})
    version = fields.Integer(validate=validate.Range(min=0, max=2**31 - 1), metadata={
        "description": "The version read; 0 for a new card. Omit to skip the check"})
