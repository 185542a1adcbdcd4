from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileAllowed, FileField, FileRequired
from wtforms import SelectField
from wtforms.fields.choices import SelectChoice

FORMATS = [SelectChoice("csv", "CSV"), SelectChoice("xlsx", "Excel (.xlsx)")]


class ImportForm(FlaskForm):
    sheet = FileField(_l("Filled score sheet (CSV or .xlsx)"), validators=[
        FileRequired(_l("Choose a file.")),
        FileAllowed(["csv", "xlsx", "txt"], _l("Upload a .csv or .xlsx file.")),
    ], description=_l("CSV in UTF-8 or Shift_JIS (as Excel saves it), or an Excel workbook."))


class DownloadForm(FlaskForm):
    """The secretariat's choice of sheet: the whole round or one judge's, as CSV or Excel."""

    class Meta:
        csrf = False  # a GET form that only reads

    judge = SelectField(_l("Judge"), coerce=int)
    format = SelectField(_l("Format"), choices=FORMATS)
