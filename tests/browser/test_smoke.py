from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect


@pytest.mark.django_db(transaction=True)
def test_a_visitor_sees_the_home_page_with_no_accessibility_problems(
    live_server: object, page: Page, axe_check: object
) -> None:
    page.goto(live_server.url)
    expect(page.get_by_role("link", name="Levelfield")).to_be_visible()
    axe_check(page)
