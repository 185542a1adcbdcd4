import re

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, EmailField, IntegerField, PasswordField, StringField, URLField
from wtforms.validators import (
    URL,
    DataRequired,
    Email,
    EqualTo,
    Length,
    NumberRange,
    Optional,
    Regexp,
    ValidationError,
)

from pitch.domain.corporate_number import is_valid_corporate_number, normalize_corporate_number

PASSWORD_RULES = [DataRequired(), Length(min=10, max=128)]
# WTForms' URL() accepts any scheme (javascript:// too); a website must be a web address.
WEBSITE_RULES = [
    Optional(), URL(), Length(max=500),
    Regexp(r"^https?://", flags=re.IGNORECASE,
           message=_l("Enter a web address starting with http:// or https://.")),
]


class LoginForm(FlaskForm):
    email = EmailField(_l("E-mail"), validators=[DataRequired(), Email()])
    password = PasswordField(_l("Password"), validators=[DataRequired()])
    remember = BooleanField(_l("Keep me logged in"))


class PasswordForm(FlaskForm):
    password = PasswordField(
        _l("Password"), validators=PASSWORD_RULES,
        description=_l("At least 10 characters."),
    )
    confirm = PasswordField(
        _l("Password again"),
        validators=[DataRequired(), EqualTo("password", message=_l("The passwords differ."))],
    )


class AccountFields(PasswordForm):
    name = StringField(_l("Your name"), validators=[DataRequired(), Length(max=120)])
    email = EmailField(_l("E-mail"), validators=[DataRequired(), Email(), Length(max=254)])


class RegisterForm(AccountFields):
    startup_name = StringField(
        _l("Startup or group name"), validators=[DataRequired(), Length(max=200)]
    )
    corporate_number = StringField(
        _l("Corporate number (法人番号, 13 digits)"), validators=[Optional()],
        description=_l("Leave empty for a group without a corporate number."),
    )
    website = URLField(_l("Website"), validators=WEBSITE_RULES)
    founded_year = IntegerField(
        _l("Year founded"), validators=[Optional(), NumberRange(min=1900, max=2100)]
    )
    employees = IntegerField(_l("Employees"), validators=[Optional(), NumberRange(min=0)])
    agree = BooleanField(
        _l("I agree to the handling of personal data"), validators=[DataRequired()]
    )

    def validate_corporate_number(self, field):
        if field.data and not is_valid_corporate_number(field.data):
            raise ValidationError(_l("This is not a valid 13-digit corporate number."))
        if field.data:
            field.data = normalize_corporate_number(field.data)


class JoinForm(AccountFields):
    """Accepting an invitation: the e-mail is fixed by the invitation."""

    email = None


class ForgotPasswordForm(FlaskForm):
    email = EmailField(_l("E-mail"), validators=[DataRequired(), Email()])
