"""The resource map in a real browser, with axe-core on every page visited.

A coordinator starts the collective's map from the shared starter set; a member (with
JavaScript off, on a phone-sized screen) filters the map, searches it and suggests a
resource; the coordinator declines one suggestion with a reason and accepts another;
the project page then suggests the accepted resource for its current stage.
"""

from __future__ import annotations

import re

import pytest
from django.utils import timezone
from playwright.sync_api import Browser, Page, expect

from levelfield.collectives.tests.factories import CollectiveFactory, CollectiveMembershipFactory
from levelfield.people.tests.factories import UserFactory
from levelfield.projects.models import Stage
from levelfield.projects.tests.factories import ProjectFactory, ProjectMembershipFactory
from levelfield.resources import demo
from levelfield.resources.models import Resource, Status
from tests.browser.conftest import browser_as

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_collective_builds_its_resource_map(
    live_server: object, page: Page, browser: Browser, sign_in: object, axe_check: object
) -> None:
    for starter in demo.STARTER_SET[:6]:
        demo._shared(starter, now=timezone.now())
    collective = CollectiveFactory(name="Riverside Collective", slug="riverside")
    amara = UserFactory(display_name="Amara")
    dev = UserFactory(display_name="Dev")
    CollectiveMembershipFactory(collective=collective, person=amara, is_coordinator=True)
    CollectiveMembershipFactory(collective=collective, person=dev)
    project = ProjectFactory(collective=collective, title="Life after stroke", stage=Stage.FUNDING)
    ProjectMembershipFactory(project=project, person=dev)
    base = f"{live_server.url}/resources/riverside/"

    # The coordinator starts the map from the shared starter set.
    sign_in(amara)
    page.goto(base)
    axe_check(page)
    expect(page.get_by_text("The map is empty.")).to_be_visible()
    page.get_by_role("link", name="start from the shared starter set").click()
    axe_check(page)
    page.get_by_role("button", name="Copy 6 resources onto the map").click()
    expect(page.get_by_text("You copied 6 resources onto the map.")).to_be_visible()
    axe_check(page)

    # A member on a phone, without JavaScript, filters, searches and suggests (axe-core
    # needs JavaScript: these pages are in test_every_page's sweep).
    with browser_as(browser, live_server, dev, javascript=False) as phone:
        phone.set_viewport_size({"width": 375, "height": 800})
        phone.goto(base)
        funding = phone.get_by_role("region", name="Funding application")
        expect(
            funding.get_by_role("link", name="Payment guidance for researchers and professionals")
        ).to_be_visible()
        phone.get_by_label("Who it is for").select_option("public")
        phone.get_by_label("Topic").select_option("payment")
        phone.get_by_role("button", name="Show these resources").click()
        expect(phone.get_by_text("1 resource matches your filters.")).to_be_visible()

        phone.get_by_role("link", name="Search the resources").click()
        phone.get_by_label("Search the resources").fill("payments")
        phone.get_by_role("button", name="Search").click()
        expect(phone.get_by_role("heading", name="3 resources found")).to_be_visible()

        for title, address in [
            ("Costing involvement: a worked example", "https://www.example.org/costing"),
            ("A paid course", "https://www.example.org/paid-course"),
        ]:
            phone.goto(base + "suggest/")
            phone.get_by_label("Title").fill(title)
            phone.get_by_label("Web address").fill(address)
            phone.get_by_label("Plain-English summary").fill("How one team costed involvement.")
            phone.get_by_label("Funding application").check()
            phone.get_by_label("Researchers").check()
            phone.get_by_label("Guide").check()
            phone.get_by_label("Free", exact=True).check()
            phone.get_by_role("button", name="Suggest it").click()
            expect(phone.get_by_text(re.compile("a coordinator will accept it"))).to_be_visible()

    # The coordinator answers both suggestions.
    page.goto(base + "suggestions/")
    axe_check(page)
    page.get_by_role("link", name="Decline “A paid course” and say why").click()
    page.get_by_role("button", name="Decline it").click()
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    axe_check(page)
    page.get_by_label("Why is it not going on the map?").fill("It costs £300; we use free ones.")
    page.get_by_role("button", name="Decline it").click()
    expect(page.get_by_text("It costs £300; we use free ones.")).to_be_visible()
    page.get_by_role(
        "button", name="Accept “Costing involvement: a worked example” onto the map"
    ).click()
    expect(
        page.get_by_text("“Costing involvement: a worked example” is on the map.")
    ).to_be_visible()
    axe_check(page)
    assert Resource.objects.get(title="A paid course").status == Status.DECLINED

    # The project page suggests it for the project's current stage.
    with browser_as(browser, live_server, dev) as member_page:
        member_page.goto(f"{live_server.url}/projects/{project.pk}/")
        section = member_page.get_by_role(
            "heading", name="Resources for the funding application stage"
        )
        expect(section).to_be_visible()
        expect(
            member_page.get_by_role("link", name="Costing involvement: a worked example")
        ).to_be_visible()
        axe_check(member_page)
