from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import SelectField, SelectMultipleField, StringField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Length, Optional
from wtforms.widgets import CheckboxInput, ListWidget

from pitch.domain.scoring import METHODS

METHOD_LABELS = {
    "mean": _l("Mean"),
    "z_mean": _l("Mean of z-scores (judge-adjusted)"),
    "trimmed_mean": _l("Trimmed mean (20%)"),
    "median": _l("Median"),
}

# Column headings of the ranks under each method: short enough for a phone.
METHOD_SHORT = {
    "mean": _l("mean"),
    "z_mean": _l("z-score"),
    "trimmed_mean": _l("trimmed"),
    "median": _l("median"),
}


def method_choices() -> list[SelectChoice]:
    return [SelectChoice(m, METHOD_LABELS[m]) for m in METHODS]


class PublishForm(FlaskForm):
    method = SelectField(_l("Aggregation method"), validators=[DataRequired()])
    reason = TextAreaField(
        _l("Reason for the correction"), validators=[Optional(), Length(max=2000)],
        description=_l("Required when results of this round were already published."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.method.choices = method_choices()


class AwardForm(FlaskForm):
    pitch_id = SelectField(_l("Pitch"), coerce=int, validators=[DataRequired()])
    name_ja = StringField(_l("Award name (Japanese)"), validators=[DataRequired(), Length(max=100)])
    name_en = StringField(_l("Award name (English)"), validators=[DataRequired(), Length(max=100)])


class ShortlistForm(FlaskForm):
    pitch_ids = SelectMultipleField(_l("Pitches for the final"), coerce=int,
                                    widget=ListWidget(prefix_label=False),
                                    option_widget=CheckboxInput())
    reason = TextAreaField(
        _l("Reason for the adjustment"), validators=[Optional(), Length(max=2000)],
        description=_l("Required when the shortlist differs from the top of the ranking."),
    )
