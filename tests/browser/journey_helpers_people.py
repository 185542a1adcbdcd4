"""Shared steps of the bureau, startup and judge journeys: words, forms, page checks.

The journeys run in Japanese and in English. Rather than keep a second copy of the
Japanese, `say` asks the app's own catalogs for each English text, and fails when the
Japanese is missing, so a half-translated page cannot pass for Japanese.
"""

from tests.browser.conftest import PHONE
from tests.browser.journeys import capture, words


def say(language: str, text: str, **values) -> str:
    """What the app shows for the English ``text`` in ``language`` (missing Japanese fails)."""
    return words(language)(text, **values)


CRITERIA = {"novelty": ("新規性", "Novelty"), "feasibility": ("実現可能性", "Feasibility"),
            "impact": ("社会的インパクト", "Social impact")}


def name_criteria(contest) -> None:
    """The factories' rubric keys as labels people would read, for the screenshots."""
    for round_ in contest.rounds:
        for criterion in round_.criteria:
            criterion.label_ja, criterion.label_en = CRITERIA[criterion.key]


def fill(page, language: str, label: str, text: str) -> None:
    """Type into the field whose label is the English ``label`` in ``language``."""
    page.get_by_label(say(language, label), exact=True).fill(text)


def log_out(page, language: str) -> None:
    page.get_by_role("button", name=say(language, "Log out")).click()
    page.get_by_role("link", name=say(language, "Log in"), exact=True).wait_for()


def check_page(page, name: str, language: str) -> None:
    """A key page, checked and captured as every journey's are (``journeys.capture``)."""
    capture(page, f"journey-{name}-{language}", language)


def phone_page(browser, locale: str = "ja-JP"):
    """A page on a phone: small screen, touch, mobile user agent behaviour."""
    context = browser.new_context(viewport=PHONE, locale=locale, is_mobile=True, has_touch=True,
                                  device_scale_factor=2)
    context.set_default_timeout(10_000)
    return context, context.new_page()


def tiny_pdf(text: str = "pitch deck") -> bytes:
    """A one-page PDF with a correct cross-reference table, as a real deck would have."""
    stream = f"BT /F1 24 Tf 72 720 Td ({text}) Tj ET".encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1, xref)
    return bytes(out)
