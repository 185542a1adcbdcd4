"""Forms of the secretariat: a contest's settings and timeline, and a round's rubric."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    DateTimeLocalField,
    FieldList,
    FloatField,
    Form,
    FormField,
    IntegerField,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional

from pitch.contests.messages import KIND_LABELS, METHOD_LABELS, TIMELINE_LABELS
from pitch.domain.timeline import TIMELINE_KEYS


def _moment(key: str) -> DateTimeLocalField:
    return DateTimeLocalField(TIMELINE_LABELS[key], format="%Y-%m-%dT%H:%M",
                              validators=[Optional()])


class ContestForm(FlaskForm):
    title_ja = StringField(_l("Title (Japanese)"), validators=[DataRequired(), Length(max=200)])
    title_en = StringField(_l("Title (English)"), validators=[Length(max=200)])
    theme = StringField(_l("Theme"), validators=[Length(max=200)])
    description_ja = TextAreaField(_l("Description (Japanese)"),
                                   description=_l("Markdown is supported."))
    description_en = TextAreaField(_l("Description (English)"),
                                   description=_l("Markdown is supported."))
    application_opens = _moment("application_opens")
    question_deadline = _moment("question_deadline")
    application_closes = _moment("application_closes")
    screening_ends = _moment("screening_ends")
    pitch_day = _moment("pitch_day")
    results_at = _moment("results_at")
    judges_per_pitch = IntegerField(_l("Judges per pitch"),
                                    validators=[InputRequired(), NumberRange(1, 30)])
    shortlist_size = IntegerField(_l("Shortlist size"),
                                  validators=[InputRequired(), NumberRange(1, 200)])
    blind_screening = BooleanField(_l("Hide the startups' names from judges during screening"))
    method = SelectField(_l("Aggregation method"), choices=[
        SelectChoice(value, label) for value, label in METHOD_LABELS.items()
    ])

    timeline_fields = TIMELINE_KEYS


class CriterionForm(Form):
    key = StringField(_l("Key"), validators=[Length(max=40)],
                      description=_l("a-z, 0-9 and _; the column name in score sheets."))
    label_ja = StringField(_l("Label (Japanese)"), validators=[Length(max=100)])
    label_en = StringField(_l("Label (English)"), validators=[Length(max=100)])
    weight = FloatField(_l("Weight"), default=1.0, validators=[Optional()])
    min_score = IntegerField(_l("Lowest score"), default=1, validators=[Optional()])
    max_score = IntegerField(_l("Highest score"), default=5, validators=[Optional()])
    description_ja = TextAreaField(_l("What it assesses (Japanese)"))
    description_en = TextAreaField(_l("What it assesses (English)"))
    guide_ja = TextAreaField(_l("Meaning of each score (Japanese)"),
                             description=_l("One line per score, e.g. “1: …”."))
    guide_en = TextAreaField(_l("Meaning of each score (English)"),
                             description=_l("One line per score, e.g. “1: …”."))

    def is_blank(self) -> bool:
        """A row left empty is no criterion: how a row is removed, and the spare row."""
        return not any((field.data or "").strip()
                       for field in (self.key, self.label_ja, self.label_en))


class RubricForm(FlaskForm):
    name_ja = StringField(_l("Round name (Japanese)"), validators=[DataRequired(), Length(max=100)])
    name_en = StringField(_l("Round name (English)"), validators=[DataRequired(), Length(max=100)])
    criteria = FieldList(FormField(CriterionForm), min_entries=1)


class RoundForm(FlaskForm):
    """A new round; it starts with the default rubric, edited on its rubric page."""

    name_ja = StringField(_l("Round name (Japanese)"), validators=[DataRequired(), Length(max=100)])
    name_en = StringField(_l("Round name (English)"), validators=[DataRequired(), Length(max=100)])
    kind = SelectField(_l("Kind"), choices=[
        SelectChoice(value, label) for value, label in KIND_LABELS.items()
    ])
