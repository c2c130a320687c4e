"""axe-core (WCAG 2.2 A and AA) on every resource-map page a member (not the
coordinator) opens, with a resource at two stages, a broken link and a suggestion
waiting; and the suggestion form after an empty submission."""

from __future__ import annotations

import pytest
from django.urls import reverse
from playwright.sync_api import Page

from tests.browser import worlds
from tests.browser.sweep import send_each_empty, visit_each

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def world() -> dict:
    return worlds.build(worlds.resources)


def resource_pages(world: dict) -> list[str]:
    slug = world["collective"].slug
    return [
        reverse("resources:map", args=[slug]),
        reverse("resources:map", args=[slug]) + "?audience=public&topic=payment",
        reverse("resources:map", args=[slug]) + "?audience=nobody",
        reverse("resources:list", args=[slug]),
        reverse("resources:list", args=[slug]) + "?q=involvement&stage=design",
        reverse("resources:list", args=[slug]) + "?q=nothing+like+this",
        reverse("resources:detail", args=[slug, world["resource"].pk]),
        reverse("resources:suggest", args=[slug]),
        reverse("resources:suggestions", args=[slug]),
        reverse("resources:start", args=[slug]),
    ]


def test_every_resources_page_and_form_is_accessible(
    live_server: object, page: Page, sign_in: object, axe_check: object, world: dict
) -> None:
    sign_in(world["member"])
    visit_each(page, live_server, axe_check, resource_pages(world))
    suggest = reverse("resources:suggest", args=[world["collective"].slug])
    send_each_empty(page, live_server, sign_in, axe_check, [(world["member"], suggest)])
