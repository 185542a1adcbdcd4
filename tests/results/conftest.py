# The browser fixtures live with the browser suite; the results pages' browser check uses them.
from tests.browser.conftest import browser, live_server, new_page  # noqa: F401
