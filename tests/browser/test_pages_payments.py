"""axe-core (WCAG 2.2 A and AA) on every payments page, for a member who claims,
approves and pays and for the collective's coordinator, with claims in every state;
and the payments forms after an empty submission."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.urls import reverse
from playwright.sync_api import Page

from tests.browser import worlds
from tests.browser.sweep import send_each_empty, visit_each

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def world(settings: object, tmp_path: Path) -> dict:
    settings.MEDIA_ROOT = tmp_path / "media"  # receipts
    # The member's first entry (from the involvement log) stays unclaimed.
    return worlds.build(worlds.involvement, worlds.payments)


def payment_pages(world: dict) -> list[str]:
    """Every payments page the member (a contributor, approver and finance officer)
    can open; the PDFs, CSV, spreadsheet and receipt are downloads, not pages."""
    slug = world["collective"].slug
    claims = world["payments"]
    return [
        reverse("payments:home"),
        reverse("payments:yearly_limit"),
        reverse("payments:collective", args=[slug]),
        reverse("payments:claim_new", args=[slug]),
        *(
            reverse("payments:claim", args=[claims[name].pk])
            for name in ("draft", "queried", "paid", "waiting")
        ),
        reverse("payments:expense_add", args=[claims["draft"].pk]),
        reverse("payments:claim_submit", args=[claims["draft"].pk]),
        reverse("payments:approvals", args=[slug]),
        reverse("payments:finance", args=[slug]),
        reverse("payments:batch", args=[claims["paid_batch"].pk]),
        reverse("payments:batch", args=[claims["open_batch"].pk]),
    ]


def coordinator_payment_pages(world: dict) -> list[str]:
    """The pages only the coordinator of the collective opens."""
    slug = world["collective"].slug
    return [
        reverse(f"payments:{name}", args=[slug])
        for name in ("policy", "rate_add", "category_add", "days_to_pay")
    ]


def test_every_payments_page_is_accessible(
    live_server: object, page: Page, sign_in: object, axe_check: object, world: dict
) -> None:
    sign_in(world["member"])
    visit_each(page, live_server, axe_check, payment_pages(world))
    sign_in(world["teammate"])  # the collective's coordinator
    visit_each(page, live_server, axe_check, coordinator_payment_pages(world))


def test_every_payments_form_shows_an_accessible_error_summary_when_sent_empty(
    live_server: object, page: Page, sign_in: object, axe_check: object, world: dict
) -> None:
    slug = world["collective"].slug
    claims = world["payments"]
    forms = [
        (world["member"], reverse("payments:claim_new", args=[slug])),
        (world["member"], reverse("payments:expense_add", args=[claims["draft"].pk])),
        (world["member"], reverse("payments:batch", args=[claims["open_batch"].pk])),
    ] + [
        (world["teammate"], reverse(f"payments:{name}", args=[slug]))
        for name in ("rate_add", "category_add")
    ]
    send_each_empty(page, live_server, sign_in, axe_check, forms)
