"""Every reviews page under axe-core (WCAG 2.2 AA) for the people who see it, and
every reviews form sent empty shows the GOV.UK error summary, each link leading to
its field."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect

from levelfield.collectives.tests.factories import CollectiveFactory, CollectiveMembershipFactory
from levelfield.people.tests.factories import UserFactory
from levelfield.reviews import demo, services
from levelfield.reviews.models import ReviewRequest, Status

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def world(settings: object, tmp_path: Path) -> dict:
    """The demo's group: a request in each state, from researchers outside."""
    settings.MEDIA_ROOT = tmp_path
    collective = CollectiveFactory(name="Riverside Collective", slug="riverside")
    keys = ["amara", *demo.GROUP_MEMBERS, "dev"]
    people = {key: UserFactory(display_name=key.title()) for key in keys}
    for key, person in people.items():
        CollectiveMembershipFactory(
            collective=collective, person=person, is_coordinator=key == "amara"
        )
    demo.demo_load(collective=collective, people=people)
    requests = {r.status: r for r in ReviewRequest.objects.select_related("researcher")}
    return {"people": people, "requests": requests, "empty": CollectiveFactory(slug="empty")}


def test_every_reviews_page_passes_axe(
    live_server: object, page: Page, sign_in: object, axe_check: object, world: dict
) -> None:
    people, requests = world["people"], world["requests"]
    drafting = requests[Status.DRAFTING]
    reviewing = requests[Status.REVIEWING]
    visits = [
        (people["amara"], reverse("reviews:group", args=["riverside"])),
        (people["amara"], reverse("reviews:set_up", args=["riverside"])),
        (people["dev"], reverse("reviews:group", args=["riverside"])),  # not in the group
        (people["jade"], reverse("reviews:group", args=["riverside"])),
        (people["jade"], reverse("reviews:place", args=[drafting.group.place_id])),
        (people["jade"], reverse("reviews:leave", args=[drafting.group.place_id])),
        (people["gordon"], reverse("reviews:review", args=[reviewing.pk])),
        (people["jade"], reverse("reviews:response", args=[drafting.pk])),
    ]
    for item in requests.values():
        visits.append((people["ruth"], reverse("reviews:request", args=[item.pk])))
        visits.append((item.researcher, reverse("reviews:request", args=[item.pk])))
    visits += [
        (requests[Status.SENT].researcher, reverse("reviews:mine")),
        (requests[Status.SENT].researcher, reverse("reviews:ask", args=["riverside"])),
        (
            requests[Status.SENT].researcher,
            reverse("reviews:report_back", args=[requests[Status.SENT].pk]),
        ),
    ]
    signed_in = None
    for person, path in visits:
        if person != signed_in:
            page.context.clear_cookies()
            sign_in(person)
            signed_in = person
        response = page.goto(live_server.url + path)
        assert response.status == 200, path
        axe_check(page)


def test_the_page_before_a_group_is_set_up_passes_axe(
    live_server: object, page: Page, sign_in: object, axe_check: object, world: dict
) -> None:
    coordinator = UserFactory(display_name="Nell")
    CollectiveMembershipFactory(collective=world["empty"], person=coordinator, is_coordinator=True)
    sign_in(coordinator)
    page.goto(live_server.url + reverse("reviews:group", args=["empty"]))
    expect(page.get_by_role("link", name="Set up the group and its request form")).to_be_visible()
    axe_check(page)


def test_every_reviews_form_shows_an_accessible_error_summary_when_sent_empty(
    live_server: object, page: Page, sign_in: object, axe_check: object, world: dict
) -> None:
    people, requests = world["people"], world["requests"]
    sent = requests[Status.SENT]
    drafting = requests[Status.DRAFTING]
    waiting = requests[Status.WAITING]
    services.review_sign_up(review_request=waiting, person=people["ade"])  # nothing answered
    forms = [
        (people["amara"], reverse("reviews:set_up", args=["riverside"])),
        (people["ade"], reverse("reviews:review", args=[waiting.pk])),
        (people["jade"], reverse("reviews:response", args=[drafting.pk])),
        (people["ruth"], reverse("reviews:request", args=[drafting.pk])),  # a comment
        (sent.researcher, reverse("reviews:ask", args=["riverside"])),
        (sent.researcher, reverse("reviews:report_back", args=[sent.pk])),
    ]
    signed_in = None
    for person, path in forms:
        if person != signed_in:
            page.context.clear_cookies()
            sign_in(person)
            signed_in = person
        page.goto(live_server.url + path)
        form = page.locator("form#main-form")
        for field in form.locator("input[type=text], input[type=email], textarea").all():
            field.fill("")
        form.locator("button[type=submit], button:not([type])").first.click()
        summary = page.locator(".govuk-error-summary")
        expect(summary).to_be_visible()
        for link in summary.locator("a").all():
            target = link.get_attribute("href")
            assert target.startswith("#")
            assert page.locator(target).count() == 1, f"{path}: {target} is not on the page"
        axe_check(page)
