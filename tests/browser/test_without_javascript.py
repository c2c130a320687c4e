"""The main things members do work with JavaScript switched off: recording involvement,
ranking options in a decision and joining a project from an emailed invitation.

Each browser here is created with JavaScript disabled; the tests check that none ran
(our script marks the page `js-enabled` when it does). axe-core cannot run in such a
browser (it needs script and waits forever), so these pages are checked for
accessibility in test_every_page.py instead."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import Browser, Page, expect

from levelfield.decisions import services
from levelfield.decisions.models import Method, Response
from levelfield.invitations.tests.factories import ProjectInvitationFactory
from levelfield.people.tests.factories import PASSWORD, UserFactory
from levelfield.places.models import PlaceMembership
from levelfield.projects.models import InvolvementEntry
from levelfield.projects.tests.factories import (
    ProjectFactory,
    ProjectMembershipFactory,
)
from tests.browser.conftest import browser_as

pytestmark = pytest.mark.django_db(transaction=True)


def _no_script_ran(page: Page) -> None:
    expect(page.locator("body")).not_to_have_class(re.compile(r"\bjs-enabled\b"))


def test_a_member_records_involvement_without_javascript(
    live_server: object, browser: Browser
) -> None:
    project = ProjectFactory(title="Getting home well after a stroke")
    gordon, amara = UserFactory(display_name="Gordon"), UserFactory(display_name="Amara")
    for person in (gordon, amara):
        ProjectMembershipFactory(project=project, person=person)

    with browser_as(browser, live_server, gordon, javascript=False) as page:
        page.goto(f"{live_server.url}/places/{project.place.pk}/log/new/")
        _no_script_ran(page)
        page.get_by_label(re.compile("What happened", re.I)).fill("Reading group")
        page.get_by_label("Date it happened").fill(timezone.localdate().isoformat())
        page.get_by_label("Workshop", exact=True).check()
        page.get_by_label(re.compile("What changed because of it", re.I)).fill(
            "We rewrote the leaflet in plainer words."
        )
        page.get_by_label("Took part: Gordon").check()
        page.get_by_label("Hours Gordon spent").fill("1.5")
        page.get_by_role("button", name=re.compile("Save|Record", re.I)).click()
        _no_script_ran(page)

        page.goto(f"{live_server.url}/places/{project.place.pk}/log/")
        expect(page.get_by_role("link", name="Reading group", exact=True)).to_be_visible()

    entry = InvolvementEntry.objects.get(place__project=project)
    assert [(p.person, p.minutes) for p in entry.participations.all()] == [(gordon, 90)]


def test_a_member_ranks_the_options_without_javascript(
    live_server: object, browser: Browser
) -> None:
    project = ProjectFactory()
    starter, maggie = UserFactory(display_name="Amara"), UserFactory(display_name="Maggie")
    for person in (starter, maggie):
        ProjectMembershipFactory(project=project, person=person)
    decision = services.decision_create(
        created_by=starter,
        place=project.place,
        method=Method.RANKED,
        title="Where should we meet in spring?",
        background="The library room is closing for repairs.",
        options=["Community centre", "Church hall", "Online"],
        closes_at=timezone.now() + timedelta(days=8),
    )
    centre, hall, online = decision.options.all()

    with browser_as(browser, live_server, maggie, javascript=False) as page:
        page.goto(f"{live_server.url}/decisions/{decision.pk}/")
        page.get_by_role("button", name="Respond").click()
        _no_script_ran(page)

        # Two options ranked 1: refused by the server, with the answers kept.
        page.get_by_label("Community centre").fill("1")
        page.get_by_label("Church hall").fill("1")
        page.get_by_role("button", name="Send my response").click()
        expect(page.locator(".govuk-error-summary")).to_contain_text(
            "“Community centre” and “Church hall” both have rank 1."
        )
        expect(page.get_by_label("Church hall")).to_have_value("1")

        page.get_by_label("Church hall").fill("3")
        page.get_by_label("Online").fill("2")
        page.get_by_role("button", name="Send my response").click()
        expect(page.get_by_text("Your response has been recorded.")).to_be_visible()
        expect(
            page.get_by_text("You answered: 1. Community centre, 2. Online, 3. Church hall")
        ).to_be_visible()
        _no_script_ran(page)

    response = Response.objects.get(decision=decision)
    assert (response.person, response.payload) == (
        maggie,
        {"ranking": [centre.pk, online.pk, hall.pk]},
    )


def test_an_invited_person_signs_in_and_joins_the_project_without_javascript(
    live_server: object, browser: Browser
) -> None:
    project = ProjectFactory(title="Getting home well after a stroke")
    sam = UserFactory(display_name="Sam", email="sam@example.org")
    invitation = ProjectInvitationFactory(project=project, email="sam@example.org")

    with browser_as(browser, live_server, None, javascript=False) as page:
        page.goto(f"{live_server.url}/projects/join/{invitation.token}/")
        _no_script_ran(page)
        page.locator("main").get_by_role("link", name="Sign in").click()
        page.get_by_label("Email address").fill("sam@example.org")
        page.get_by_label("Password", exact=True).fill(PASSWORD)
        page.get_by_role("button", name="Sign in").click()

        expect(page.get_by_role("heading", level=1)).to_have_text(f"Join “{project.title}”")
        page.get_by_role("button", name="Accept and join").click()
        expect(page.get_by_role("heading", level=1)).to_have_text(project.title)
        expect(page.get_by_text(f"You joined the project “{project.title}”.")).to_be_visible()
        _no_script_ran(page)

    assert PlaceMembership.objects.of_project(project).filter(person=sam).exists()
