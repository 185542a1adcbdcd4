from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    EmailField,
    IntegerField,
    PasswordField,
    SelectField,
    StringField,
    TextAreaField,
    URLField,
)
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Email, Length, NumberRange, Optional

from pitch.auth.forms import PASSWORD_RULES, WEBSITE_RULES, RegisterForm


class ProfileForm(FlaskForm):
    name = StringField(_l("Your name"), validators=[DataRequired(), Length(max=120)])
    locale = SelectField(_l("Language"),
                         choices=[SelectChoice("ja", "日本語"), SelectChoice("en", "English")])


class ChangePasswordForm(FlaskForm):
    current = PasswordField(_l("Current password"), validators=[DataRequired()])
    password = PasswordField(_l("New password"), validators=PASSWORD_RULES,
                             description=_l("At least 10 characters."))


class StartupForm(FlaskForm):
    name = StringField(_l("Startup or group name"), validators=[DataRequired(), Length(max=200)])
    corporate_number = RegisterForm.corporate_number
    validate_corporate_number = RegisterForm.validate_corporate_number
    website = URLField(_l("Website"), validators=WEBSITE_RULES)
    founded_year = IntegerField(
        _l("Year founded"), validators=[Optional(), NumberRange(min=1900, max=2100)]
    )
    employees = IntegerField(_l("Employees"), validators=[Optional(), NumberRange(min=0)])
    description = TextAreaField(_l("About the startup"), validators=[Length(max=5000)])


class InviteTeammateForm(FlaskForm):
    email = EmailField(_l("Teammate's e-mail"), validators=[DataRequired(), Email()])
