"""Real headless Chromium (Debian's, never a downloaded one) driving the app over HTTP."""

import os
import threading
from pathlib import Path

import pytest
from werkzeug.serving import make_server

CHROMIUM = os.environ.get("PITCH_CHROMIUM", "/usr/bin/chromium")
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "screenshots"
AXE = Path(__file__).resolve().parents[2] / "static" / "vendor" / "axe-core" / "axe.min.js"
LAUNCH_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--no-first-run",
]
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}


# Other areas re-export these fixtures from their own conftest, so pytest holds several
# session-scoped `browser` fixtures; Playwright runs one instance per thread, so they share it.
_running: dict = {}


@pytest.fixture(scope="session")
def browser():
    if "browser" in _running:
        yield _running["browser"]
        return
    if not os.path.exists(CHROMIUM):
        message = (f"Chromium not found at {CHROMIUM}: install Debian's package "
                   "(apt-get install chromium fonts-noto-cjk) to run the browser journeys.")
        if os.environ.get("PITCH_REQUIRE_BROWSER"):
            pytest.fail(message)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS)
        _running["browser"] = browser
        try:
            yield browser
        finally:
            _running.pop("browser", None)
            browser.close()


@pytest.fixture
def live_server(app):
    """The test app served from a thread on a free loopback port."""
    app.config["SERVER_NAME"] = None
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    thread.join(timeout=5)


@pytest.fixture
def new_page(browser):
    """Open pages in fresh contexts (own cookies), phone- or desktop-sized, in a language."""
    contexts = []

    def open_page(viewport=DESKTOP, locale="ja-JP"):
        context = browser.new_context(viewport=viewport, locale=locale)
        context.set_default_timeout(10_000)
        contexts.append(context)
        return context.new_page()

    yield open_page
    for context in contexts:
        context.close()


def screenshot(page, name: str) -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


def serious_accessibility_violations(page) -> list[str]:
    """axe-core (vendored from npm) run in the page; serious and critical findings only."""
    page.evaluate(AXE.read_text(encoding="utf-8"))
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    return [f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes']][:3]}"
            for v in result["violations"] if v["impact"] in ("serious", "critical")]
