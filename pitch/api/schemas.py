"""Schemas of the API: the errors, the page envelope, and the public records.

Every column that may be empty is `allow_none`, so the description says `nullable` where a
response can hold null, and the property-based run holds the responses to it.
"""

from marshmallow import RAISE, Schema, fields, validate

MAX_ID = 2**31 - 1
# Flask's int converter with the range of the database's integer ids.
ID = f"int(max={MAX_ID})"
ID_FIELD = {"validate": validate.Range(min=1, max=MAX_ID)}
# Query strings are validated like bodies: an unknown parameter is a 422, not ignored.
QUERY = {"location": "query", "unknown": RAISE}


class ErrorBodySchema(Schema):
    code = fields.String(required=True, metadata={"description": "Stable, machine-readable"})
    message = fields.String(required=True, metadata={"description": "In the user's language"})
    details = fields.Raw(required=True, allow_none=True,
                         metadata={"description": "Per-field problems, when there are some"})


class ErrorSchema(Schema):
    error = fields.Nested(ErrorBodySchema, required=True)


class PageArgsSchema(Schema):
    page = fields.Integer(load_default=1, validate=validate.Range(min=1, max=100_000))
    per_page = fields.Integer(load_default=20, validate=validate.Range(min=1, max=100))


def page_of(item: type[Schema], name: str) -> type[Schema]:
    """The envelope of one page of ``item`` records."""
    return Schema.from_dict({
        "items": fields.List(fields.Nested(item), required=True),
        "page": fields.Integer(required=True),
        "per_page": fields.Integer(required=True),
        "total": fields.Integer(required=True),
    }, name=name)


class BureauSchema(Schema):
    id = fields.Integer(required=True)
    code = fields.String(required=True)
    name_ja = fields.String(required=True)
    name_en = fields.String(required=True)


class CriterionSchema(Schema):
    key = fields.String(required=True)
    label_ja = fields.String(required=True)
    label_en = fields.String(required=True)
    description_ja = fields.String(required=True)
    description_en = fields.String(required=True)
    weight = fields.Float(required=True)
    min_score = fields.Integer(required=True)
    max_score = fields.Integer(required=True)


class RoundSchema(Schema):
    id = fields.Integer(required=True)
    number = fields.Integer(required=True)
    kind = fields.String(required=True)
    name_ja = fields.String(required=True)
    name_en = fields.String(required=True)
    state = fields.String(required=True)


class RoundWithRubricSchema(RoundSchema):
    criteria = fields.List(fields.Nested(CriterionSchema), required=True)


class ContestSchema(Schema):
    id = fields.Integer(required=True)
    title_ja = fields.String(required=True)
    title_en = fields.String(required=True)
    theme = fields.String(required=True)
    state = fields.String(required=True)
    application_opens = fields.DateTime(required=True, allow_none=True)
    question_deadline = fields.DateTime(required=True, allow_none=True)
    application_closes = fields.DateTime(required=True, allow_none=True)
    screening_ends = fields.DateTime(required=True, allow_none=True)
    pitch_day = fields.DateTime(required=True, allow_none=True)
    results_at = fields.DateTime(required=True, allow_none=True)


class ContestDetailSchema(ContestSchema):
    description_ja = fields.String(required=True)
    description_en = fields.String(required=True)
    method = fields.String(required=True)
    blind_screening = fields.Boolean(required=True)
    rounds = fields.List(fields.Nested(RoundWithRubricSchema), required=True)


class AttachmentSchema(Schema):
    id = fields.Integer(required=True)
    original_name = fields.String(required=True)
    content_type = fields.String(required=True)
    size = fields.Integer(required=True)


class QuestionSchema(Schema):
    id = fields.Integer(required=True)
    body = fields.String(required=True)
    answer = fields.String(required=True)
    answered_at = fields.DateTime(required=True, allow_none=True)
    created_at = fields.DateTime(required=True)


class ChallengeSchema(Schema):
    id = fields.Integer(required=True)
    contest_id = fields.Integer(required=True)
    bureau = fields.Nested(BureauSchema, required=True)
    status = fields.String(required=True)
    title = fields.String(required=True)
    title_en = fields.String(required=True)
    summary = fields.String(required=True)
    budget_yen = fields.Integer(required=True, allow_none=True)
    pilot_period = fields.String(required=True)
    tags = fields.List(fields.String(), required=True, attribute="tag_list")
    published_at = fields.DateTime(required=True, allow_none=True)


class ChallengeDetailSchema(ChallengeSchema):
    situation = fields.String(required=True)
    wanted = fields.String(required=True)
    outcome = fields.String(required=True)
    data_links = fields.Function(
        lambda challenge: [line.strip() for line in challenge.data_links.splitlines()
                           if line.strip()],
        required=True, metadata={"type": "array", "items": {"type": "string"}})
    attachments = fields.List(fields.Nested(AttachmentSchema), required=True)
    questions = fields.List(fields.Nested(QuestionSchema), required=True,
                            metadata={"description": "Answered questions only"})


class ChallengeArgsSchema(PageArgsSchema):
    contest = fields.Integer(**ID_FIELD)
    bureau = fields.Integer(**ID_FIELD)
    tag = fields.String(validate=validate.Length(max=100))
    q = fields.String(validate=validate.Length(max=200))
    status = fields.String(validate=validate.OneOf(("published", "closed")))


ContestPageSchema = page_of(ContestSchema, "ContestPage")
ChallengePageSchema = page_of(ChallengeSchema, "ChallengePage")


class RubricItemSchema(Schema):
    key = fields.String(required=True)
    label_ja = fields.String(required=True)
    label_en = fields.String(required=True)
    weight = fields.Float(required=True)
    min = fields.Integer(required=True)
    max = fields.Integer(required=True)


class ResultRowSchema(Schema):
    """One row of the results export (DESIGN.md), shared by the secretariat's and the public's."""

    rank = fields.Integer(required=True, allow_none=True)
    pitch_id = fields.Integer(required=True)
    pitch_title = fields.String(required=True)
    startup_name = fields.String(required=True)
    judges = fields.Integer(required=True, metadata={"description": "Submitted scorecards"})
    mean = fields.Float(required=True, allow_none=True)
    z_mean = fields.Float(required=True, allow_none=True)
    t_score = fields.Float(required=True, allow_none=True)
    trimmed_mean = fields.Float(required=True, allow_none=True)
    median = fields.Float(required=True, allow_none=True)
    score = fields.Float(required=True, allow_none=True)
    flags = fields.List(fields.String(), required=True)


class PublicResultRowSchema(ResultRowSchema):
    criteria = fields.Dict(keys=fields.String(), values=fields.Float(allow_none=True),
                           required=True, metadata={"description": "Mean score per criterion"})


class PublishedRoundSchema(Schema):
    round_id = fields.Integer(required=True)
    round_number = fields.Integer(required=True)
    round_kind = fields.String(required=True)
    version = fields.Integer(required=True)
    published_at = fields.String(required=True, metadata={"format": "date-time"})
    sha256 = fields.String(required=True, metadata={
        "description": "SHA-256 of the whole published snapshot (canonical JSON)"})
    method = fields.String(required=True)
    krippendorff_alpha_interval = fields.Float(required=True, allow_none=True)
    rubric = fields.List(fields.Nested(RubricItemSchema), required=True)
    panel = fields.List(fields.String(), required=True, metadata={"description": "Judges"})
    screening_weight = fields.Float(required=True)
    combined = fields.List(fields.Dict(), required=True, allow_none=True, metadata={
        "description": "The final ranking with the screening score carried in, if any"})
    pitches = fields.List(fields.Nested(PublicResultRowSchema), required=True)


class ContestResultsSchema(Schema):
    license = fields.String(required=True)
    license_url = fields.String(required=True)
    contest_id = fields.Integer(required=True)
    contest_title = fields.String(required=True)
    contest_title_en = fields.String(required=True)
    rounds = fields.List(fields.Nested(PublishedRoundSchema), required=True, metadata={
        "description": "Empty until the final round is published; a screening round lists "
                       "the finalists only"})


class KpiSchema(Schema):
    name = fields.String(required=True)
    unit = fields.String(required=True)
    target = fields.Float(required=True)


class PilotSchema(Schema):
    id = fields.Integer(required=True)
    title = fields.String(required=True)
    goal = fields.String(required=True)
    stage = fields.String(required=True)
    decision = fields.String(required=True, allow_none=True)
    starts_on = fields.Date(required=True, allow_none=True)
    ends_on = fields.Date(required=True, allow_none=True)
    budget_yen = fields.Integer(required=True, allow_none=True)
    outcome_summary = fields.String(required=True)
    bureau = fields.Nested(BureauSchema, required=True)
    startup_name = fields.String(required=True, attribute="startup.name")
    challenge_id = fields.Integer(required=True)
    contest_id = fields.Integer(required=True, attribute="challenge.contest_id")
    kpis = fields.List(fields.Nested(KpiSchema), required=True)


class PilotArgsSchema(PageArgsSchema):
    contest = fields.Integer(**ID_FIELD)
    bureau = fields.Integer(**ID_FIELD)


PilotPageSchema = page_of(PilotSchema, "PilotPage")
