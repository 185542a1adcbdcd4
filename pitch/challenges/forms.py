"""Forms of the challenges area: a challenge, an attachment, a question and its answer."""

from urllib.parse import urlsplit

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired
from wtforms import IntegerField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length, NumberRange, Optional, ValidationError

_MARKDOWN = _l("Markdown is supported.")


def split_lines(text: str | None) -> list[str]:
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


def normalise_tags(text: str | None) -> str:
    """Tags are stored as "a,b,c" so a filter can match one whole tag."""
    tags = [tag.strip() for tag in (text or "").replace("、", ",").split(",")]
    return ",".join(dict.fromkeys(tag for tag in tags if tag))


class ChallengeForm(FlaskForm):
    contest_id = SelectField(_l("Contest"), coerce=int, validators=[DataRequired()])
    bureau_id = SelectField(_l("Bureau"), coerce=int, validators=[DataRequired()])
    title = StringField(_l("Title (Japanese)"), validators=[DataRequired(), Length(max=200)])
    title_en = StringField(_l("Title (English)"), validators=[Length(max=200)])
    summary = TextAreaField(_l("Summary"), validators=[DataRequired(), Length(max=2000)],
                            description=_MARKDOWN)
    situation = TextAreaField(_l("Current situation and problems (現状と課題)"),
                              validators=[Length(max=20000)], description=_MARKDOWN)
    wanted = TextAreaField(_l("What we are looking for"), validators=[Length(max=20000)],
                           description=_MARKDOWN)
    outcome = TextAreaField(_l("Expected outcome and indicators"),
                            validators=[Length(max=20000)], description=_MARKDOWN)
    budget_yen = IntegerField(_l("Pilot budget cap (yen)"),
                              validators=[Optional(), NumberRange(min=0, max=10**12)])
    pilot_period = StringField(_l("Pilot period"), validators=[Length(max=200)],
                               description=_l("For example: 2026年10月〜2027年3月 (6 months)"))
    data_links = TextAreaField(_l("Data on offer"), validators=[Length(max=5000)],
                               description=_l("One http(s) link per line, e.g. to open data."))
    tags = StringField(_l("Tags"), validators=[Length(max=300)],
                       description=_l("Separated by commas."))
    contact = TextAreaField(_l("Contact"), validators=[Length(max=2000)], description=_MARKDOWN)

    def validate_data_links(self, field) -> None:
        for line in split_lines(field.data):
            parts = urlsplit(line)
            if parts.scheme not in ("http", "https") or not parts.netloc:
                raise ValidationError(_l("“%(line)s” is not an http(s) link.", line=line))

    def validate_tags(self, field) -> None:
        if len(normalise_tags(field.data)) > 300:
            raise ValidationError(_l("Too many tags."))


class AttachmentForm(FlaskForm):
    file = FileField(_l("File (PDF, PNG or JPEG)"), validators=[FileRequired(_l("Choose a file."))])


class QuestionForm(FlaskForm):
    body = TextAreaField(_l("Your question"), validators=[DataRequired(), Length(max=2000)],
                         description=_l("The answer will be public; your name will not be shown."))


class AnswerForm(FlaskForm):
    answer = TextAreaField(_l("Answer"), validators=[DataRequired(), Length(max=5000)],
                           description=_MARKDOWN)
