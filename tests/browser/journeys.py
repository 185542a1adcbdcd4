"""Helpers for the browser journeys: the UI's own words, the language switch, logging in, and
the captures of a key page (screenshots on a desktop and a phone, the accessibility check).

The journeys run in Japanese and in English; they find buttons and labels by the words a
person reads, taken from the app's own catalog so that one journey serves both languages.
"""

import re
from functools import cache

from babel.support import NullTranslations, Translations
from playwright.sync_api import expect

from pitch import paths
from tests.browser.conftest import DESKTOP, PHONE, screenshot, serious_accessibility_violations
from tests.factories import PASSWORD

LANGUAGES = ("ja", "en")
# The site's language switch shows each language in its own words.
SWITCH = {"ja": "日本語", "en": "English"}
_ENGLISH_RUN = re.compile(r"[A-Za-z']{2,}(?:[ ,]+[A-Za-z']{2,}){2,}")


@cache
def _catalog(lang: str) -> NullTranslations:
    if lang == "en":  # the messages are written in English
        return NullTranslations()
    return Translations.load(str(paths.translations_dir()), [lang])


def words(lang: str):
    """``t("Log in")`` is the text the page shows in ``lang`` (ログイン in Japanese).

    A message without its Japanese fails the journey rather than passing for Japanese.
    """
    catalog = _catalog(lang)

    def t(message: str, **params) -> str:
        text = catalog.gettext(message)
        assert lang == "en" or text != message, f"no {lang} translation for {message!r}"
        return text % params if params else text

    return t


def choose_language(page, lang: str) -> None:
    """Click the site's own language switch on a first visit, which is in Japanese (the
    default); the expectations wait for the new page, since the click returns before it."""
    html = page.locator("html")
    expect(html).to_have_attribute("lang", "ja")
    if lang != "ja":
        page.get_by_role("button", name=SWITCH[lang], exact=True).click()
        expect(html).to_have_attribute("lang", lang)


def log_in(page, lang: str, email: str, password: str = PASSWORD) -> None:
    """From whatever page the person is on, through the menu's login link."""
    t = words(lang)
    page.get_by_role("link", name=t("Log in"), exact=True).click()
    page.get_by_label(t("E-mail")).fill(email)
    page.get_by_label(t("Password"), exact=True).fill(password)
    page.get_by_role("button", name=t("Log in"), exact=True).click()
    expect(page.get_by_role("button", name=t("Log out"), exact=True)).to_be_visible()


def log_in_from_home(page, server: str, lang: str, email: str) -> None:
    """The first page a person sees: the home page, switched to their language, then log in."""
    page.goto(server + "/")
    choose_language(page, lang)
    log_in(page, lang, email)


def flash_shows(page, text: str) -> None:
    """The flashed message (or any text) is on the page; waits for it to appear."""
    page.get_by_text(text, exact=False).first.wait_for(state="visible")


def row_headed(page, name: str, within: str = "main"):
    """The table row whose header cell reads ``name``."""
    header = page.get_by_role("rowheader", name=name, exact=True)
    return page.locator(within).get_by_role("row").filter(has=header).first


class Person:
    """Someone's browser tab, acting through the words the page shows in their language."""

    def __init__(self, page, lang: str):
        self.page, self.lang, self.t = page, lang, words(lang)

    def menu(self, name: str) -> None:
        self.page.get_by_role("navigation").get_by_role(
            "link", name=self.t(name), exact=True).click()

    def click(self, name: str, role: str = "button", **params) -> None:
        self.page.get_by_role(role, name=self.t(name, **params), exact=True).click()

    def sees(self, message: str, **params) -> None:
        flash_shows(self.page, self.t(message, **params))


def capture(page, name: str, lang: str) -> None:
    """Screenshots of the page on a desktop and on a phone, each checked with axe-core.

    On the phone nothing may stick out sideways: wide tables scroll inside their own box.
    A Japanese page may not carry three English words in a row (an untranslated string).
    """
    if lang == "ja":
        english = _ENGLISH_RUN.findall(page.locator("body").inner_text())
        assert english == [], f"{name}: untranslated {english}"
    size = page.viewport_size or DESKTOP
    for viewport, label in ((DESKTOP, "desktop"), (PHONE, "phone")):
        page.set_viewport_size(viewport)
        screenshot(page, f"{name}-{label}")
        problems = serious_accessibility_violations(page)
        assert problems == [], f"{name} ({label}): {problems}"
        if viewport is PHONE:
            width = page.evaluate("document.documentElement.scrollWidth")
            assert width <= PHONE["width"], f"{name}: {width}px wide on a phone"
    page.set_viewport_size(size)
