"""Browser tests: Debian's Chromium driven by Playwright, axe-core on every page."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from axe_playwright_python.base import AxeResults
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, BrowserContext, ConsoleMessage, Page, Response
from playwright.sync_api import Error as PlaywrightError

# Playwright's sync API runs an event loop in this thread; the live server's
# database work is still synchronous, so Django's async guard must stand aside.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

# Debian's chromium-headless-shell (package chromium-headless-shell: the same Chromium
# engine without the desktop browser's layers, what Playwright itself runs headless) when
# installed: a swept page cost about a quarter less CPU in it than in the full `chromium`
# (README, "Two commands"), which is used when the shell is not there.
CHROMIUM = os.environ.get("CHROMIUM_PATH") or next(
    (
        path
        for path in ("/usr/bin/chromium-headless-shell", "/usr/bin/chromium")
        if os.path.exists(path)
    ),
    "/usr/bin/chromium",
)
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "tests/browser" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict) -> dict:
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--no-first-run",
        ],
    }


_axe = Axe()


# Only violations are needed: asking axe for every passing node too made each check
# about a quarter slower (axe-core's `resultTypes` option; the violations it finds are
# the same).
AXE_OPTIONS = {"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"]}


_AXE_RUN = "options => typeof window.axe === 'undefined' ? null : axe.run(options)"


def _run_axe(page: Page) -> AxeResults:
    """Run axe on the page, sending its 570 KB script once per browser context: the first
    check adds it to every later page of the context (an init script), which is cheaper
    than evaluating it again on each page."""
    if not getattr(page.context, "_axe_preloaded", False):
        page.context.add_init_script(script=_axe.axe_script)
        page.context._axe_preloaded = True
    # One round trip when axe is there (it is on every page after the first).
    results = page.evaluate(_AXE_RUN, AXE_OPTIONS)
    if results is None:
        page.evaluate(_axe.axe_script)
        results = page.evaluate(_AXE_RUN, AXE_OPTIONS)
    return AxeResults(results)


def check_accessibility(page: Page) -> None:
    """Fail the test if axe-core finds any WCAG 2.2 A/AA violation on the page."""
    # Check the page as people see it: with its stylesheets applied (a link's size and
    # spacing come from them), not as soon as its text has arrived.
    page.wait_for_load_state("load")
    try:
        results = _run_axe(page)
    except PlaywrightError as error:
        # A click that navigates can still be loading the next page when axe starts:
        # wait for it and check that page, rather than failing on the one that left.
        if "Execution context was destroyed" not in str(error):
            raise
        page.wait_for_load_state("load")
        results = _run_axe(page)
    assert results.violations_count == 0, (
        f"Accessibility violations on {page.url}:\n{results.generate_report()}"
    )


@pytest.fixture
def axe_check() -> object:
    return check_accessibility


def _watch_for_problems(context: BrowserContext) -> list[str]:
    """Collect script errors, Content-Security-Policy refusals and missing static files."""
    problems: list[str] = []

    def on_console(message: ConsoleMessage) -> None:
        # Error pages (404, 410) are expected in some tests; their status is not a fault.
        if message.type == "error" and not message.text.startswith("Failed to load resource"):
            problems.append(f"console: {message.text}")

    def on_response(response: Response) -> None:
        if "/static/" in response.url and response.status >= 400:
            problems.append(f"{response.status} for {response.url}")

    context.set_default_timeout(10_000)  # fail in seconds when something expected is missing
    context.on("console", on_console)
    context.on("weberror", lambda error: problems.append(f"script error: {error.error}"))
    context.on("response", on_response)
    return problems


def _assert_no_problems(problems: list[str]) -> None:
    assert not problems, "The browser reported problems:\n" + "\n".join(problems)


def _give_session(context: BrowserContext, live_server: object, user: object) -> None:
    """Sign a person in by giving the browser a real session cookie (no typing needed)."""
    from django.conf import settings
    from django.test import Client

    client = Client()
    client.force_login(user, backend="allauth.account.auth_backends.AuthenticationBackend")
    context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": live_server.url,
            }
        ]
    )


@pytest.fixture
def sign_in(live_server: object, context: BrowserContext) -> object:
    return lambda user: _give_session(context, live_server, user)


@pytest.fixture
def context(context: BrowserContext) -> Iterator[BrowserContext]:
    problems = _watch_for_problems(context)
    yield context
    _assert_no_problems(problems)


@contextmanager
def browser_as(
    browser: Browser, live_server: object, person: object | None, *, javascript: bool = True
) -> Iterator[Page]:
    """A separate browser (its own cookies) signed in as `person` (None: a visitor),
    watched for problems like the `context` fixture."""
    context = browser.new_context(java_script_enabled=javascript)
    problems = _watch_for_problems(context)
    if person is not None:
        _give_session(context, live_server, person)
    try:
        yield context.new_page()
    finally:
        context.close()
    _assert_no_problems(problems)
