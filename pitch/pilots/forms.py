import math

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from wtforms import (
    BooleanField,
    DateField,
    FieldList,
    FloatField,
    Form,
    FormField,
    IntegerField,
    RadioField,
    StringField,
    TextAreaField,
)
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Length, NumberRange, Optional, ValidationError

from pitch.models.pilot import Pilot
from pitch.pilots.texts import DECISION_LABELS

KPI_ROWS = 3
FILE_KINDS = {"pdf", "png", "jpeg"}


def finite(form, field) -> None:
    # float() accepts "nan" and "inf"; neither is a figure anyone can chart or compare.
    if field.data is not None and not math.isfinite(field.data):
        raise ValidationError(_l("Enter a number."))


class KpiRow(Form):
    name = StringField(_l("Indicator"), validators=[Optional(), Length(max=200)])
    unit = StringField(_l("Unit"), validators=[Optional(), Length(max=40)])
    target = FloatField(_l("Target"), validators=[Optional(), finite])
    lower_is_better = BooleanField(_l("Lower is better"))

    def validate(self, extra_validators=None) -> bool:
        # A row is left blank or filled in whole; Optional() would skip inline validators.
        valid = super().validate(extra_validators)
        named = bool((self.name.data or "").strip())
        if named and self.target.data is None and not self.target.errors:
            self.target.errors.append(_l("Give the target of this indicator."))
            valid = False
        if not named and self.target.data is not None:
            self.name.errors.append(_l("Name the indicator of this target."))
            valid = False
        return valid


class PlanForm(FlaskForm):
    title = StringField(_l("Title"), validators=[DataRequired(), Length(max=200)])
    goal = TextAreaField(_l("Goal"), validators=[Optional(), Length(max=5000)])
    starts_on = DateField(_l("Starts on"), validators=[Optional()])
    ends_on = DateField(_l("Ends on"), validators=[Optional()])
    budget_yen = IntegerField(_l("Budget (yen)"), validators=[Optional(), NumberRange(min=0)])

    def validate_ends_on(self, field) -> None:
        if field.data and self.starts_on.data and field.data < self.starts_on.data:
            raise ValidationError(_l("The pilot must end on or after the day it starts."))


class OpenPilotForm(PlanForm):
    kpis = FieldList(FormField(KpiRow), min_entries=KPI_ROWS, max_entries=KPI_ROWS)

    def kpi_rows(self) -> list[tuple[str, str, float, bool]]:
        return [(row.form.name.data.strip(), (row.form.unit.data or "").strip(),
                 row.form.target.data, row.form.lower_is_better.data)
                for row in self.kpis if (row.form.name.data or "").strip()]


class KpiForm(FlaskForm):
    name = StringField(_l("Indicator"), validators=[DataRequired(), Length(max=200)])
    unit = StringField(_l("Unit"), validators=[Optional(), Length(max=40)])
    target = FloatField(_l("Target"), validators=[DataRequired(message=_l("Enter a number.")),
                                                  finite])
    lower_is_better = BooleanField(_l("Lower is better"))


class MilestoneForm(FlaskForm):
    title = StringField(_l("Milestone"), validators=[DataRequired(), Length(max=200)])
    due_on = DateField(_l("Due on"), validators=[DataRequired(message=_l("Enter a date."))])


class DecisionForm(FlaskForm):
    decision = RadioField(_l("Decision"), choices=[
        SelectChoice(value, label) for value, label in DECISION_LABELS.items()
    ], validators=[DataRequired(message=_l("Choose the decision: deploy, extend or stop."))])
    reason = TextAreaField(_l("Reason"), validators=[DataRequired(), Length(max=5000)])


class OutcomeForm(FlaskForm):
    outcome_summary = TextAreaField(_l("Outcome summary"), validators=[Length(max=5000)],
                                    description=_l("Shown in the public showcase if published."))


class UpdateFormBase(FlaskForm):
    body = TextAreaField(_l("Progress"), validators=[Optional(), Length(max=10000)])
    attachment = FileField(_l("Attachment (PDF, PNG or JPEG)"))

    def figures(self) -> dict[int, float]:
        return {int(name.removeprefix("kpi_")): field.data for name, field in self._fields.items()
                if name.startswith("kpi_") and field.data is not None}

    def validate(self, extra_validators=None) -> bool:
        if not super().validate(extra_validators):
            return False
        if not (self.body.data or "").strip() and not self.figures() \
                and not self.attachment.data:
            self.body.errors.append(_l("Write the progress, give a KPI figure or attach a file."))
            return False
        return True


def update_form(pilot: Pilot, **kwargs) -> UpdateFormBase:
    """The update form with one figure field per KPI of the pilot."""

    class UpdateForm(UpdateFormBase):
        pass

    for kpi in pilot.kpis:
        label = f"{kpi.name} ({kpi.unit})" if kpi.unit else kpi.name
        setattr(UpdateForm, f"kpi_{kpi.id}", FloatField(label, validators=[Optional(), finite]))
    return UpdateForm(prefix="update", **kwargs)
