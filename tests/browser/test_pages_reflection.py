"""axe-core (WCAG 2.2 A and AA) on every check-ins page, with two closed collective
rounds with results, an action and an open project round; the evidence page filled
from every app's records; and the check-ins forms after an empty submission."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.urls import reverse
from playwright.sync_api import Page

from levelfield.places.access import collective_place
from levelfield.reflection.tests.factories import version_of as checkin_version
from tests.browser import worlds
from tests.browser.sweep import send_each_empty, visit_each

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def world() -> dict:
    return worlds.build(worlds.checkins)


def checkin_pages(world: dict) -> list[str]:
    slug = world["collective"].slug
    pk = world["project"].place.pk
    own = collective_place(world["collective"].pk).pk
    checkins = world["checkins"]
    return [
        reverse("reflection:place_rounds", args=[pk]),
        reverse("reflection:place_rounds", args=[own]),
        reverse("reflection:place_create", args=[pk]),
        reverse("reflection:place_create", args=[own]),
        reverse("reflection:question_sets", args=[slug]),
        reverse("reflection:question_add", args=[slug, checkin_version().question_set_id]),
        reverse("reflection:detail", args=[checkins["closed"].pk]),
        reverse("reflection:detail", args=[checkins["open"].pk]),
        reverse("reflection:answer", args=[checkins["open"].pk]),
        reverse("reflection:answer", args=[checkins["open"].pk]) + "?easy_read=1",
    ]


def test_every_checkins_page_a_member_sees_is_accessible(
    live_server: object, page: Page, sign_in: object, axe_check: object, world: dict
) -> None:
    sign_in(world["member"])
    visit_each(page, live_server, axe_check, checkin_pages(world))


def test_the_evidence_page_filled_from_every_app_is_accessible(
    live_server: object,
    page: Page,
    sign_in: object,
    axe_check: object,
    settings: object,
    tmp_path: Path,
) -> None:
    """Evidence from the record reads involvement (with payments' entries), decisions,
    events and check-ins."""
    settings.MEDIA_ROOT = tmp_path / "media"  # receipts
    world = worlds.build(
        worlds.involvement, worlds.events, worlds.decisions, worlds.checkins, worlds.payments
    )
    sign_in(world["member"])
    evidence = reverse("reflection:place_evidence", args=[world["project"].place.pk])
    visit_each(page, live_server, axe_check, [evidence])


def test_every_checkins_form_shows_an_accessible_error_summary_when_sent_empty(
    live_server: object, page: Page, sign_in: object, axe_check: object, world: dict
) -> None:
    slug = world["collective"].slug
    pk = world["project"].place.pk
    checkins = world["checkins"]
    paths = [
        reverse("reflection:place_create", args=[pk]),
        reverse("reflection:answer", args=[checkins["open"].pk]),
        reverse("reflection:detail", args=[checkins["closed"].pk]),
        reverse("reflection:question_add", args=[slug, checkin_version().question_set_id]),
    ]
    send_each_empty(page, live_server, sign_in, axe_check, [(world["member"], p) for p in paths])
