# The browser fixtures, for the judging journeys in a real browser.
from tests.browser.conftest import browser, live_server, new_page  # noqa: F401
