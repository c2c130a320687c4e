"""From the public board to the project, in a real browser, with axe-core on the pages
visited: a visitor finds an opportunity on the board and expresses interest, sharing
access needs and answering the equality monitoring questions; the organiser runs the
fair draw and finishes the selection; the visitor accepts the invitation and lands in
the project; the organiser sees the invitation accepted and the reach figures."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Browser, Page, expect

from levelfield.invitations.models import Invitation
from levelfield.lib.testing.world import world_build
from levelfield.opportunities import services
from levelfield.opportunities.models import Interest, Topic
from levelfield.opportunities.tests.conftest import make
from levelfield.people.tests.factories import UserFactory
from levelfield.places.models import PlaceMembership
from tests.browser.conftest import browser_as

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_visitor_finds_an_opportunity_is_chosen_and_joins_the_project(
    live_server: object, page: Page, browser: Browser, sign_in: object, axe_check: object
) -> None:
    Topic.objects.get_or_create(slug="stroke", defaults={"name": "Stroke", "position": 0})
    world = world_build()
    world.collective.listed = True
    world.collective.save(update_fields=["listed"])
    opportunity = make(world, title="Stroke survivors to shape our study")
    # Five people answered before, each agreeing to the equality monitoring questions.
    for number in range(5):
        services.interest_express(
            opportunity=opportunity,
            name=f"Person {number}",
            email=f"p{number}@example.org",
            why="I would like to help.",
            perspectives=["researcher"],
            reach={"age_band": "45_54", "carer": "no"},
        )
    kemi = UserFactory(display_name="Kemi", email="kemi@example.org")

    # Kemi, not in any collective, finds it on the board.
    sign_in(kemi)
    page.goto(f"{live_server.url}/opportunities/")
    axe_check(page)
    page.get_by_role("link", name=opportunity.title).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(opportunity.title)
    page.get_by_role("button", name=re.compile("^Express interest")).click()
    axe_check(page)
    page.get_by_label("Why are you interested?").fill("I had a stroke two years ago.")
    page.get_by_label("Lived experience", exact=False).first.check()
    page.get_by_label("Anything that would help you take part").fill("Large print, please.")
    page.get_by_label(re.compile("^I agree that the organisers may keep")).check()
    page.get_by_label("I agree to answer these equality monitoring questions").check()
    page.get_by_role("group", name=re.compile("How old are you")).get_by_label("45 to 54").check()
    page.get_by_role("group", name=re.compile("are you a carer")).get_by_label("Yes").check()
    page.get_by_role("button", name="Send").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Thank you")
    interest = Interest.objects.get(email="kemi@example.org")
    assert interest.access_needs == "Large print, please."

    # Mo, who wrote it, runs the draw: Kemi brings the wanted lived experience.
    with browser_as(browser, live_server, world.member) as organiser:
        organiser.goto(f"{live_server.url}/opportunities/{opportunity.pk}/interests/")
        expect(organiser.get_by_text("Large print, please.")).to_be_visible()
        organiser.get_by_role("link", name="Choose fairly with the selection aid").click()
        axe_check(organiser)
        organiser.get_by_label("How many places are there?").fill("1")
        organiser.get_by_label(re.compile("the seed")).fill("7")
        organiser.get_by_role("button", name="Run the draw").click()
        expect(organiser.get_by_text("Kemi (kemi@example.org)")).to_be_visible()
        organiser.get_by_role("link", name="Finish the selection and tell everyone").click()
        axe_check(organiser)
        organiser.get_by_role("button", name="Yes, finish and tell everyone").click()
        expect(organiser.get_by_role("heading", level=1)).to_have_text("The selection is finished")
        expect(organiser.get_by_text("Invited", exact=True)).to_be_visible()
        axe_check(organiser)

        # Kemi accepts her invitation and lands in the project.
        invitation = Invitation.objects.get(email="kemi@example.org")
        page.goto(f"{live_server.url}/invitations/yours/{invitation.pk}/")
        axe_check(page)
        page.get_by_role("button", name="Accept and join").click()
        expect(page.get_by_role("heading", level=1)).to_contain_text(world.project.title)
        assert PlaceMembership.objects.of_project(world.project).filter(person=kemi).exists()

        # She answers the questions again for the "took part" totals.
        token = services.interest_token(interest, salt=services.TOOK_PART_SALT)
        page.goto(f"{live_server.url}/opportunities/took-part/{token}/")
        axe_check(page)
        page.get_by_label("I agree to answer these equality monitoring questions").check()
        page.get_by_role("button", name="Send my answers").click()
        expect(page.get_by_text("Thank you, Kemi. Your answers are added")).to_be_visible()

        # Mo sees the invitation accepted and the reach figures.
        organiser.reload()
        expect(organiser.get_by_text("Accepted: now a member")).to_be_visible()
        organiser.get_by_role("link", name=re.compile("^Reach")).first.click()
        expect(organiser.get_by_role("heading", level=1)).to_have_text(
            "Reach: who expressed interest and who took part"
        )
        answered = organiser.get_by_role("row", name=re.compile("People who answered"))
        expect(answered).to_contain_text("6")
        expect(answered).to_contain_text("fewer than 5")
        axe_check(organiser)
