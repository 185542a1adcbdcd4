"""Schemas of the secretariat's exports (DESIGN.md, "Files (Contract)")."""

from marshmallow import Schema, fields, validate

from pitch.api.schemas import ResultRowSchema
from pitch.domain.scoring import METHODS


class MethodArgsSchema(Schema):
    method = fields.String(validate=validate.OneOf(METHODS))


class JudgeStatsSchema(Schema):
    judge_id = fields.Integer(required=True)
    count = fields.Integer(required=True)
    mean = fields.Float(required=True, allow_none=True)
    std = fields.Float(required=True, allow_none=True)


class RoundResultsSchema(Schema):
    round_id = fields.Integer(required=True)
    method = fields.String(required=True)
    krippendorff_alpha_interval = fields.Float(required=True, allow_none=True)
    pitches = fields.List(fields.Nested(ResultRowSchema), required=True)
    judges = fields.List(fields.Nested(JudgeStatsSchema), required=True)


class ScoreRowSchema(Schema):
    round_id = fields.Integer(required=True)
    pitch_id = fields.Integer(required=True)
    judge_id = fields.Integer(required=True)
    judge_email = fields.String(required=True)
    criterion = fields.String(required=True)
    weight = fields.Float(required=True)
    min = fields.Integer(required=True)
    max = fields.Integer(required=True)
    score = fields.Integer(required=True)
    status = fields.String(required=True, validate=validate.OneOf(("draft", "submitted")))


class RoundScoresSchema(Schema):
    round_id = fields.Integer(required=True)
    scores = fields.List(fields.Nested(ScoreRowSchema), required=True)
