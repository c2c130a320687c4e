"""The checks every page sweep makes (tests/browser/test_pages_*.py): each page has one
heading, passes axe and does not scroll sideways at 320 CSS pixels (WCAG 2.2 reflow: a
wide table may scroll inside its own box, the page may not); each form sent empty shows
the GOV.UK error summary whose links lead to fields on the page, and passes axe in that
state."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from playwright.sync_api import Page, expect

# Each page is checked in English, in Welsh (longer words: nothing may overflow) and in a
# right-to-left language (the test settings' Urdu, for the layout only).
LANGUAGES = (("en-gb", "ltr"), ("cy", "ltr"), ("ur", "rtl"))


def visit_each(
    page: Page, live_server: object, axe_check: Callable[[Page], None], paths: Iterable[str]
) -> None:
    paths = list(paths)
    try:
        for code, direction in LANGUAGES:
            speak(page, live_server, code)
            for path in paths:
                page.goto(live_server.url + path)
                assert_heading_and_language(page, code, direction)
                axe_check(page)
                assert_reflows(page)
    finally:
        speak(page, live_server, "en-gb")


# The page has loaded when `goto` returns, so its heading and language are read at once, in
# one round trip to the browser (three `expect`s cost three, about 45 ms a page).
_HEADING_AND_LANGUAGE = """() => [
  document.querySelectorAll("h1").length,
  document.documentElement.getAttribute("lang"),
  document.documentElement.getAttribute("dir"),
]"""


def assert_heading_and_language(page: Page, code: str, direction: str) -> None:
    """Fail unless the page has exactly one main heading and says its language and
    direction (`code`, `direction`) on its `html` element."""
    headings, lang, dir_ = page.evaluate(_HEADING_AND_LANGUAGE)
    assert headings == 1, f"{page.url} has {headings} h1 headings, not 1"
    assert (lang, dir_) == (code, direction), (
        f"{page.url} says lang={lang!r} dir={dir_!r}, not lang={code!r} dir={direction!r}"
    )


def speak(page: Page, live_server: object, code: str) -> None:
    """Ask for pages in `code` from now on, as the language link does (its cookie)."""
    from django.conf import settings

    page.context.add_cookies(
        [{"name": settings.LANGUAGE_COOKIE_NAME, "value": code, "url": live_server.url}]
    )


# What is wider than the window at 320 pixels, for the failure message: the innermost
# elements that stick out (not every ancestor of them, nor what scrolls inside its own box).
_TOO_WIDE = """() => {
  const width = document.documentElement.clientWidth;
  if (document.documentElement.scrollWidth <= width) return [];
  const out = [];
  const scrollsInside = element => {
    for (let up = element.parentElement; up && up !== document.body; up = up.parentElement) {
      if (["auto", "scroll", "hidden"].includes(getComputedStyle(up).overflowX)) return true;
    }
    return false;
  };
  for (const element of document.body.querySelectorAll("*")) {
    if (scrollsInside(element)) continue;
    const box = element.getBoundingClientRect();
    if (box.right > width + 1 && box.width > 0 && ![...element.children].some(
        child => child.getBoundingClientRect().right > width + 1)) {
      const name = element.tagName.toLowerCase() + "." + String(element.className);
      out.push(name + ": " + (element.textContent || "").trim().slice(0, 60));
    }
  }
  return out.length ? out.slice(0, 8) : ["(no single element: see the page at 320 px)"];
}"""


def assert_reflows(page: Page) -> None:
    """Fail if the page scrolls sideways in a window 320 CSS pixels wide."""
    size = page.viewport_size
    page.set_viewport_size({"width": 320, "height": 640})
    try:
        too_wide = page.evaluate(_TOO_WIDE)
    finally:
        page.set_viewport_size(size)
    assert not too_wide, f"{page.url} scrolls sideways at 320 px because of: {too_wide}"


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
