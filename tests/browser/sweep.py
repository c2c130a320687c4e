"""The two checks every page sweep makes (tests/browser/test_pages_*.py): each page
has one heading and passes axe; each form sent empty shows the GOV.UK error summary
whose links lead to fields on the page, and passes axe in that state."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from playwright.sync_api import Page, expect


def visit_each(
    page: Page, live_server: object, axe_check: Callable[[Page], None], paths: Iterable[str]
) -> None:
    for path in paths:
        page.goto(live_server.url + path)
        expect(page.locator("h1")).to_have_count(1)
        axe_check(page)


def send_each_empty(
    page: Page,
    live_server: object,
    sign_in: Callable[[object], None],
    axe_check: Callable[[Page], None],
    forms: Iterable[tuple[object, str]],
) -> None:
    """`forms` is (person, path) pairs; the browser signs in again when the person changes."""
    signed_in = None
    for person, path in forms:
        if person != signed_in:
            sign_in(person)
            signed_in = person
        page.goto(live_server.url + path)
        form = page.locator("form#main-form")
        for field in form.locator("input[type=text], input[type=email], textarea").all():
            field.fill("")
        form.locator("button[type=submit], button:not([type])").first.click()
        summary = page.locator(".govuk-error-summary")
        expect(summary).to_be_visible()
        # Each link in the summary leads to a field on the page.
        for link in summary.locator("a").all():
            target = link.get_attribute("href")
            assert target.startswith("#")
            assert page.locator(target).count() == 1, f"{path}: {target} is not on the page"
        axe_check(page)
