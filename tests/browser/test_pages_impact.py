"""Every impact page under axe-core (WCAG 2.2 AA) and the 320 px reflow check, each
impact form sent empty showing the GOV.UK error summary, and a journey: a public
contributor records what changed, links it to the paper and the involvement it came
from, and the coordinator publishes it."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect

from levelfield.impact import services
from levelfield.impact.models import Impact, Status
from levelfield.outputs import services as output_services
from levelfield.projects.tests.factories import InvolvementEntryFactory
from tests.browser.sweep import send_each_empty, visit_each

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def impacts(world) -> dict:  # noqa: ANN001
    place = world.project_place
    paper = output_services.output_create(
        actor=world.member,
        place=place,
        kind="paper",
        title="Being believed first time",
        date=datetime.date(2026, 3, 12),
    )
    entry = InvolvementEntryFactory(
        project=world.project,
        title="Reading the discharge letter with the patient panel",
        what_changed="The panel said the letter was frightening; we rewrote it together.",
    )
    published = services.impact_create(
        actor=world.member,
        place=place,
        title="Discharge letters rewritten with patients",
        what_changed="The stroke ward now sends the letter the patient panel rewrote.",
        for_whom="patients",
        for_whom_detail="people leaving hospital after a stroke",
        kind="practice",
        happened_on=datetime.date(2026, 5, 20),
        evidence="9 of 12 patients asked said the new letter was clearer.",
        evidence_url="https://example.org/letter",
        show_publicly=True,
    )
    services.impact_link(actor=world.member, impact=published, outputs=[paper], entries=[entry])
    services.impact_publish(actor=world.coordinator, impact=published)
    draft = services.impact_create(
        actor=world.member,
        place=place,
        title="Panel members more confident",
        what_changed="Two panel members now chair the ward's patient forum.",
        for_whom="contributors",
        kind="skills",
        happened_on=datetime.date(2026, 9, 1),
    )
    return {"published": published, "draft": draft, "paper": paper, "entry": entry}


def test_every_impact_page_passes_axe_and_reflows(
    live_server: object, page: Page, sign_in: object, axe_check: object, world, impacts: dict
) -> None:  # noqa: ANN001
    place = world.project_place.pk
    published, draft = impacts["published"], impacts["draft"]
    sign_in(world.coordinator)
    visit_each(
        page,
        live_server,
        axe_check,
        [
            reverse("impact:place_list", args=[place]),
            reverse("impact:place_list", args=[place]) + "?for_whom=patients&status=published",
            reverse("impact:place_list", args=[place]) + "?kind=policy",
            reverse("impact:place_list", args=[world.group.pk]),
            reverse("impact:place_create", args=[place]),
            published.get_absolute_url(),
            draft.get_absolute_url(),
            reverse("impact:edit", args=[published.pk]),
            reverse("impact:links", args=[published.pk]),
            reverse("impact:publish", args=[draft.pk]),
            reverse("impact:unpublish", args=[published.pk]),
            reverse("impact:delete", args=[draft.pk]),
            reverse("impact:history", args=[published.pk]),
            impacts["paper"].get_absolute_url(),
            reverse("stories:home", args=[world.collective.slug]),
        ],
    )


def test_every_impact_form_sent_empty_shows_the_error_summary(
    live_server: object, page: Page, sign_in: object, axe_check: object, world, impacts: dict
) -> None:  # noqa: ANN001
    send_each_empty(
        page,
        live_server,
        sign_in,
        axe_check,
        [
            (world.member, reverse("impact:place_create", args=[world.project_place.pk])),
            (world.member, reverse("impact:edit", args=[impacts["draft"].pk])),
        ],
    )


def test_a_member_records_an_impact_links_it_and_the_coordinator_publishes_it(
    live_server: object, page: Page, sign_in: object, world, impacts: dict
) -> None:  # noqa: ANN001
    sign_in(world.member)
    page.goto(live_server.url + reverse("impact:place_list", args=[world.project_place.pk]))
    page.get_by_role("button", name="Record an impact").click()
    page.get_by_label("Title").fill("Clinic waiting room changed")
    page.get_by_label("What changed?").fill("The clinic added a quiet room, as we asked.")
    page.get_by_label("Practitioners and services").check()
    page.get_by_label("Practice or services").check()
    page.get_by_label("When did it change?").fill("1 6 2026")
    page.get_by_label("No", exact=True).check()
    page.get_by_role("button", name="Record the impact").click()
    expect(page.get_by_text("Impact recorded as a draft")).to_be_visible()
    page.get_by_label("Being believed first time").check()
    page.get_by_label("Reading the discharge letter with the patient panel").check()
    page.get_by_role("button", name="Save the links").click()
    expect(page.locator("h1")).to_contain_text("Clinic waiting room changed")
    expect(page.get_by_text("we rewrote it together")).to_be_visible()

    sign_in(world.coordinator)
    impact = Impact.objects.get(title="Clinic waiting room changed")
    page.goto(live_server.url + impact.get_absolute_url())
    page.get_by_role("button", name="Publish").click()
    page.get_by_role("button", name="Yes, publish it").click()
    expect(page.get_by_text("The impact is published.")).to_be_visible()
    impact.refresh_from_db()
    assert impact.status == Status.PUBLISHED
