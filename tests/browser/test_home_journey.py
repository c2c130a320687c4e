"""Every demo person's home, in a real browser: it has something for each of them, it
passes axe and reflows at 320 px, and every item on it is one click from the page that
does it (no dead end, no refusal), for members, people with a job, researchers outside
the collective and a newcomer waiting to join."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command
from playwright.sync_api import Browser

from levelfield.people.models import User
from tests.browser.conftest import browser_as
from tests.browser.sweep import assert_reflows

pytestmark = pytest.mark.django_db(transaction=True)

LISTS = "#what-needs-you a, #coming-up a, #recently a"


def test_each_demo_person_reaches_everything_on_their_home_in_one_click(
    live_server: object, browser: Browser, axe_check: object
) -> None:
    call_command("load_demo", stdout=StringIO())
    people = list(User.objects.filter(email__endswith="@demo.levelfield.example").order_by("pk"))
    assert len(people) >= 15

    for person in people:
        with browser_as(browser, live_server, person) as page:
            home = f"{live_server.url}/"
            page.goto(home)
            axe_check(page)
            assert_reflows(page)
            items = page.locator(LISTS)
            count = items.count()
            assert count > 0, f"{person.name}'s home has nothing for them"
            # Each link, followed with the person's own cookies: a page they may open,
            # with its heading (fetched rather than clicked: a click and a way back for
            # every item tripled the time and proved nothing more). A post's permalink
            # is one redirect to the page of the thread holding it, never to signing in.
            for index in range(count):
                link = items.nth(index)
                label, href = link.inner_text(), link.get_attribute("href")
                response = page.request.get(f"{live_server.url}{href}", max_redirects=1)
                assert response.status == 200, (
                    f"{person.name}: “{label}” led to {response.status} at {href}"
                )
                assert "/accounts/" not in response.url, (
                    f"{person.name}: “{label}” asked them to sign in at {href}"
                )
                assert "<h1" in response.text(), f"{person.name}: “{label}” has no heading"
