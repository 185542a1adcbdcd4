from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import EmailField, SelectField, StringField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Email, Length, Optional, Regexp


class BureauForm(FlaskForm):
    code = StringField(_l("Code"), validators=[
        DataRequired(), Length(max=32),
        Regexp(r"^[a-z0-9-]+$", message=_l("Use lower-case letters, digits and hyphens.")),
    ])
    name_ja = StringField(_l("Name (Japanese)"), validators=[DataRequired(), Length(max=200)])
    name_en = StringField(_l("Name (English)"), validators=[DataRequired(), Length(max=200)])


class InviteForm(FlaskForm):
    email = EmailField(_l("E-mail"), validators=[DataRequired(), Email()])
    role = SelectField(_l("Role"), choices=[
        SelectChoice("bureau", _l("Bureau staff")),
        SelectChoice("admin", _l("Secretariat")),
        SelectChoice("expert", _l("Outside expert (judge)")),
    ])
    bureau_id = SelectField(_l("Bureau"), coerce=int, validators=[Optional()])

    def validate(self, extra_validators=None) -> bool:
        if not super().validate(extra_validators):
            return False
        if self.role.data == "bureau" and not self.bureau_id.data:
            self.bureau_id.errors.append(_l("Choose the bureau of this staff member."))
            return False
        return True
