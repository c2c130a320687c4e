"""Every outputs page under axe-core (WCAG 2.2 AA) and at 320 px without sideways
scrolling, and every outputs form sent empty showing the GOV.UK error summary whose
links lead to their fields."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from playwright.sync_api import Page

from levelfield.lib.testing.world import world_build
from levelfield.outputs import services
from levelfield.outputs.models import Kind
from tests.browser.sweep import send_each_empty, visit_each

pytestmark = pytest.mark.django_db(transaction=True)


def _world() -> dict:
    world = world_build()
    paper = services.output_create(
        actor=world.member,
        place=world.project_place,
        kind=Kind.PAPER,
        title="“Believed first time”: what young people want from a first mental health "
        "appointment, with a deliberately long title to wrap at 320 pixels",
        date=datetime.date(2026, 3, 12),
        venue="Research Involvement and Engagement",
        doi="10.1186/s40900-026-00001-2-averyveryverylongsuffixthatmustwrapsomewhere",
        url="https://example.org/a/very/long/address/that/must/wrap/at/three/hundred/pixels",
        summary="Young peer researchers interviewed 24 young people.",
        show_publicly=True,
    )
    kai = services.contributor_add(
        actor=world.member,
        output=paper,
        name="Kai Turner",
        orcid="0000-0002-1825-0097",
        perspective="young_person",
        credits={"investigation": "lead", "formal_analysis": "", "visualization": "equal"},
    )
    services.contributor_add(
        actor=world.member, output=paper, person=world.member, credits={"software": ""}
    )
    services.contributor_add(actor=world.member, output=paper, name="Josiah Carberry")
    return {"world": world, "paper": paper, "kai": kai}


def test_every_outputs_page_is_accessible_and_reflows(
    live_server: object, page: Page, sign_in: object, axe_check: object
) -> None:
    built = _world()
    world, paper, kai = built["world"], built["paper"], built["kai"]
    sign_in(world.member)
    visit_each(
        page,
        live_server,
        axe_check,
        [
            reverse("outputs:place_list", args=[world.project_place.pk]),
            reverse("outputs:place_list", args=[world.group.pk]),  # nothing yet
            reverse("outputs:place_create", args=[world.project_place.pk]),
            reverse("outputs:detail", args=[paper.pk]),
            reverse("outputs:edit", args=[paper.pk]),
            reverse("outputs:delete", args=[paper.pk]),
            reverse("outputs:history", args=[paper.pk]),
            reverse("outputs:contributor_add", args=[paper.pk]),
            reverse("outputs:contributor_edit", args=[paper.pk, kai.pk]),
            reverse("outputs:contributor_remove", args=[paper.pk, kai.pk]),
            reverse("outputs:orcid"),
            reverse("outputs:time_record", args=[paper.pk]),
        ],
    )


def test_every_outputs_form_shows_an_accessible_error_summary_when_sent_empty(
    live_server: object, page: Page, sign_in: object, axe_check: object
) -> None:
    built = _world()
    world, paper, kai = built["world"], built["paper"], built["kai"]
    member = world.member
    send_each_empty(
        page,
        live_server,
        sign_in,
        axe_check,
        [
            (member, reverse("outputs:place_create", args=[world.project_place.pk])),
            (member, reverse("outputs:edit", args=[paper.pk])),
            (member, reverse("outputs:contributor_add", args=[paper.pk])),
            (member, reverse("outputs:contributor_edit", args=[paper.pk, kai.pk])),
            (member, reverse("outputs:time_record", args=[paper.pk])),
        ],
    )
