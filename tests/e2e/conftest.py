"""Browser tests: Playwright's sync API driving Debian's Chromium against live_server.

Playwright's sync API runs an event loop in this thread, so Django's guard
against ORM calls from async contexts must be lifted for test set-up code.
"""

import os
from pathlib import Path

import pytest
from django.db import connections
from django.test import Client

os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

CHROMIUM = Path(os.environ.get("CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
SCREENSHOTS = Path(__file__).parent / "screenshots"

# Collects Content-Security-Policy violations; Playwright injects it before page scripts run.
WATCH_CSP = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__cspViolations.push(event.violatedDirective + " " + event.blockedURI);
});
"""


@pytest.fixture(scope="session")
def browser(django_db_setup):
    if not CHROMIUM.exists():
        pytest.fail(
            f"Browser tests need Chromium at {CHROMIUM}. Install it with "
            "`sudo apt-get install chromium` (or `make browser`), or set CHROMIUM=/path/to/it.",
            pytrace=False,
        )
    from playwright.sync_api import sync_playwright

    serialized = {
        alias: connections[alias]._test_serialized_contents
        for alias in connections
        if hasattr(connections[alias], "_test_serialized_contents")
    }
    with sync_playwright() as playwright:
        # Starting Playwright switches this thread to another contextvars context, where
        # Django opens new connection objects. Hand them the migration data that
        # serialized_rollback restores after each transactional test's flush.
        for alias, contents in serialized.items():
            connections[alias]._test_serialized_contents = contents
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    """A fresh browser tab that records console errors, page errors and CSP violations."""
    context = browser.new_context(viewport={"width": 1366, "height": 900})
    context.add_init_script(WATCH_CSP)
    tab = context.new_page()
    tab.console_errors = []
    tab.on(
        "console",
        lambda message: message.type == "error" and tab.console_errors.append(message.text),
    )
    tab.on("pageerror", lambda error: tab.console_errors.append(str(error)))
    yield tab
    context.close()


@pytest.fixture
def log_in(live_server, page):
    """Give the browser a logged-in session for ``user`` without going through the form."""

    def log_in_as(user):
        client = Client()
        client.force_login(user)
        page.context.add_cookies(
            [
                {
                    "name": "sessionid",
                    "value": client.cookies["sessionid"].value,
                    "url": live_server.url,
                }
            ]
        )
        return page

    return log_in_as


@pytest.fixture
def screenshot(page):
    def save(name: str) -> Path:
        SCREENSHOTS.mkdir(exist_ok=True)
        path = SCREENSHOTS / f"{name}.png"
        page.screenshot(path=str(path), full_page=True)
        return path

    return save


@pytest.fixture
def assert_clean_console(page):
    """Check that the page logged no errors and the browser blocked nothing under the CSP."""

    def check() -> None:
        violations = page.evaluate("window.__cspViolations || []")
        assert violations == [], violations
        assert page.console_errors == [], page.console_errors

    return check
