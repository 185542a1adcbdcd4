import re

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import IntegerField, SelectField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, ValidationError

from pitch.judging.panel_operations import CONFLICT_KINDS

_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")


def split_emails(text: str) -> list[str]:
    return [part for part in re.split(r"[\s,;、]+", text or "") if part]


class InviteJudgesForm(FlaskForm):
    emails = TextAreaField(_l("E-mail addresses"), validators=[DataRequired()],
                           description=_l("One or more, separated by lines or commas. People "
                                          "without an account get an invitation to create one."))

    def validate_emails(self, field) -> None:
        wrong = [email for email in split_emails(field.data) if not _EMAIL.fullmatch(email)]
        if wrong:
            raise ValidationError(_l("Not an e-mail address: %(emails)s",
                                     emails=", ".join(wrong)))


def kind_choices() -> list[SelectChoice]:
    return [SelectChoice("", "—")] + [SelectChoice(key, label)
                                      for key, label in CONFLICT_KINDS.items()]


class ConflictForm(FlaskForm):
    startup_id = SelectField(_l("Startup"), coerce=int, validators=[InputRequired()])
    kind = SelectField(_l("Kind of conflict"), validators=[DataRequired()])
    # A post without the field is an empty note, not None (which the operation could not strip).
    note = TextAreaField(_l("Note"), default="", validators=[Length(max=2000)],
                         description=_l("For example the role, the period or the relationship."))

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.kind.choices = kind_choices()


class AdminConflictForm(ConflictForm):
    judge_id = SelectField(_l("Judge"), coerce=int, validators=[InputRequired()])


class RunAssignmentForm(FlaskForm):
    seed = IntegerField(_l("Seed"), default=1, validators=[InputRequired(),
                                                          NumberRange(min=0, max=2**31 - 1)],
                        description=_l("The same seed gives the same assignment."))


class AddAssignmentForm(FlaskForm):
    judge_id = SelectField(_l("Judge"), coerce=int, validators=[InputRequired()])
    pitch_id = SelectField(_l("Pitch"), coerce=int, validators=[InputRequired()])


class DropoutForm(FlaskForm):
    judge_id = SelectField(_l("Judge who drops out"), coerce=int, validators=[InputRequired()])
    seed = IntegerField(_l("Seed"), default=1, validators=[InputRequired(),
                                                          NumberRange(min=0, max=2**31 - 1)])


class ReasonForm(FlaskForm):
    """The reason the secretariat gives for a change after the fact, kept with the change."""

    reason = TextAreaField(_l("Reason"), validators=[
        DataRequired(message=_l("Give the reason.")), Length(max=2000)])
