"""The pitch form: lenient for drafts, complete for submission."""

import re
import unicodedata
from urllib.parse import urlsplit

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from wtforms import BooleanField, StringField, TextAreaField, URLField
from wtforms.validators import Length, Optional, ValidationError

TEXT_MAX = 10000
MAX_YEN = 10**12  # a trillion yen: far beyond any pilot, well inside a 64-bit integer

DECLARATIONS = ("not_listed", "no_other_funding", "not_antisocial", "privacy_consent")

# The form's sections, in order, with the fields a submission needs in each.
SECTIONS = (
    ("overview", _l("Overview"), ("title", "summary")),
    ("proposal", _l("Proposal"), ("problem", "solution", "novelty")),
    ("plan", _l("Plan and cost"), ("plan", "cost_yen")),
    ("team", _l("Team and deck"), ("team", "deck")),
    ("declarations", _l("Declarations"), DECLARATIONS),
)
REQUIRED = tuple(name for _key, _label, names in SECTIONS for name in names)


class YenField(StringField):
    """Whole yen, typed as people write it: 3,000,000 / ３００００００ / ¥3,000,000円."""

    def process_formdata(self, valuelist):
        self.data = None
        if not valuelist or not valuelist[0].strip():
            return
        text = re.sub(r"[\s,、¥￥円]", "", unicodedata.normalize("NFKC", valuelist[0]))
        if not text.isascii() or not text.isdigit() or int(text) > MAX_YEN:
            raise ValueError(_l("Enter the cost in yen as a whole number, e.g. 3,000,000."))
        self.data = int(text)

    def _value(self):
        if self.raw_data:
            return self.raw_data[0]
        return "" if self.data is None else f"{self.data:,}"


def https_only(form, field) -> None:
    if field.data:
        parts = urlsplit(field.data.strip())
        if parts.scheme != "https" or not parts.netloc:
            raise ValidationError(_l("The video link must be a full address starting with https://."))


class PitchForm(FlaskForm):
    title = StringField(_l("Title of the proposal"), validators=[Length(max=200)])
    summary = TextAreaField(_l("Summary"), validators=[Length(max=2000)],
                            description=_l("A few sentences the bureau reads first."))
    problem = TextAreaField(_l("Your understanding of the problem"),
                            validators=[Length(max=TEXT_MAX)])
    solution = TextAreaField(_l("Proposed solution"), validators=[Length(max=TEXT_MAX)])
    novelty = TextAreaField(_l("What is new"), validators=[Length(max=TEXT_MAX)])
    plan = TextAreaField(_l("Implementation plan and schedule"), validators=[Length(max=TEXT_MAX)])
    cost_yen = YenField(_l("Cost estimate (yen)"),
                        description=_l("A whole number of yen, tax included, e.g. 3,000,000."),
                        render_kw={"inputmode": "numeric", "autocomplete": "off"})
    team = TextAreaField(_l("Team"), validators=[Length(max=TEXT_MAX)],
                         description=_l("Who does the work, and their experience."))
    deck = FileField(_l("Deck (PDF)"), render_kw={"accept": "application/pdf,.pdf"})
    remove_deck = BooleanField(_l("Remove the current deck"))
    video_url = URLField(_l("Video link (optional)"),
                         validators=[Optional(), Length(max=500), https_only],
                         description=_l("An https:// link to a video of up to a few minutes."))
    not_listed = BooleanField(_l("We are not listed on a stock exchange."))
    no_other_funding = BooleanField(
        _l("This work receives no other public funding (subsidies or contracts from the "
           "national or a local government)."))
    not_antisocial = BooleanField(
        _l("We declare that we, our officers and our major shareholders are not an "
           "anti-social force (反社会的勢力) and have no relationship with one."))
    privacy_consent = BooleanField(
        _l("We consent to the handling of the personal data in this pitch for the contest's "
           "screening, contact and results."))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Marks what a submission needs, for static/js/pitch_form.js's live progress.
        for name in REQUIRED:
            self[name].render_kw = {**(self[name].render_kw or {}), "data-required": "1"}

    def values(self, names) -> dict:
        """The typed values of ``names``, as the model stores them."""
        values = {}
        for name in names:
            data = self[name].data
            if isinstance(self[name], BooleanField):
                data = bool(data)
            elif not isinstance(self[name], YenField):
                data = (data or "").strip()
            values[name] = data
        return values

    def check_complete(self, has_deck: bool) -> bool:
        """On submission, every required field must be filled; marks those that are not."""
        complete = True
        for name in REQUIRED:
            field = getattr(self, name)
            if name == "deck":
                filled = has_deck
                message = _l("Attach the PDF deck to submit.")
            elif name in DECLARATIONS:
                filled = bool(field.data)
                message = _l("Tick this declaration to submit.")
            else:
                filled = field.data not in (None, "") and str(field.data).strip() != ""
                message = _l("Fill this in to submit.")
            if not filled:
                field.errors = [*field.errors, message]
                complete = False
        return complete


def section_progress(pitch) -> list[tuple[str, str, bool]]:
    """Each section with whether the saved pitch has everything it needs for submission."""
    def filled(name: str) -> bool:
        if pitch is None:
            return False
        value = getattr(pitch, "deck_stored_name" if name == "deck" else name)
        return value not in (None, "", False)

    return [(key, label, all(filled(name) for name in names)) for key, label, names in SECTIONS]


def field_labels() -> dict[str, str]:
    """Each recorded field's label, for the history of changes."""
    form = PitchForm(formdata=None, meta={"csrf": False})
    labels = {field.name: field.label.text for field in form}
    return labels | {"status": str(_l("Status"))}
