"""Every partners page under axe-core and at 320 px, and every partners form sent empty
showing the GOV.UK error summary with links that lead to their fields."""

from __future__ import annotations

import pytest
from django.urls import reverse
from playwright.sync_api import Page

from levelfield.collectives.tests.factories import CollectiveFactory, CollectiveMembershipFactory
from levelfield.partners import demo
from levelfield.partners.models import Contact, Organisation, Work
from levelfield.people.tests.factories import UserFactory
from levelfield.places.access import collective_place
from tests.browser.sweep import send_each_empty, visit_each

pytestmark = pytest.mark.django_db(transaction=True)


def _world() -> dict:
    """The demo's six partner organisations in a collective, with Amara a member."""
    collective = CollectiveFactory(name="Riverside Collective", slug="riverside")
    amara = UserFactory(display_name="Amara")
    CollectiveMembershipFactory(collective=collective, person=amara, is_coordinator=True)
    demo.demo_load(collective=collective, people={"amara": amara})
    place = collective_place(collective.pk)
    organisation = Organisation.objects.get(name__startswith="Riverside School of Hygiene")
    return {
        "amara": amara,
        "place": place,
        "organisation": organisation,
        "contact": Contact.objects.filter(organisation=organisation).first(),
        "work": Work.objects.filter(organisation=organisation).first(),
    }


def test_every_partners_page_passes_axe_and_reflows(
    live_server: object, page: Page, sign_in: object, axe_check: object
) -> None:
    world = _world()
    place, organisation = world["place"].pk, world["organisation"].pk
    sign_in(world["amara"])
    visit_each(
        page,
        live_server,
        axe_check,
        [
            reverse("partners:place_list", args=[place]),
            reverse("partners:place_list", args=[place]) + "?shown=all&relationship=funder",
            reverse("partners:place_create", args=[place]),
            reverse("partners:organisation", args=[place, organisation]),
            reverse("partners:organisation_edit", args=[place, organisation]),
            reverse("partners:organisation_delete", args=[place, organisation]),
            reverse("partners:contact_add", args=[place, organisation]),
            reverse("partners:contact_edit", args=[place, organisation, world["contact"].pk]),
            reverse("partners:contact_remove", args=[place, organisation, world["contact"].pk]),
            reverse("partners:work_add", args=[place, organisation]),
            reverse("partners:work_edit", args=[place, organisation, world["work"].pk]),
            reverse("partners:work_remove", args=[place, organisation, world["work"].pk]),
        ],
    )


def test_every_partners_form_sent_empty_shows_the_error_summary(
    live_server: object, page: Page, sign_in: object, axe_check: object
) -> None:
    world = _world()
    place, organisation = world["place"].pk, world["organisation"].pk
    amara = world["amara"]
    send_each_empty(
        page,
        live_server,
        sign_in,
        axe_check,
        [
            (amara, reverse("partners:place_create", args=[place])),
            (amara, reverse("partners:contact_add", args=[place, organisation])),
            (amara, reverse("partners:work_add", args=[place, organisation])),
        ],
    )
