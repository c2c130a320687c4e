"""axe-core (WCAG 2.2 A and AA) and the 320 px reflow check on every easy-read page, in
English, Welsh and right to left: the easy-read payment policy a member reads (big words,
a picture beside each point), the payments page linking to it, and the coordinator's
pages to write and delete it; and the writing form sent with nothing in it."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.urls import reverse
from playwright.sync_api import Page

from levelfield.easyread import services as easy_read_services
from levelfield.payments.models import PaymentPolicy
from tests.browser import worlds
from tests.browser.sweep import send_each_empty, visit_each

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def world(settings: object, tmp_path: Path) -> dict:
    settings.MEDIA_ROOT = tmp_path / "media"  # type: ignore[attr-defined]
    built = worlds.build(worlds.involvement, worlds.payments)
    policy = PaymentPolicy.objects.get(collective=built["collective"])
    point = easy_read_services.PointInput
    easy_read_services.easy_read_save(
        obj=policy,
        title="How we pay you",
        points=[
            point(text="We pay you for your time.", picture="money", alt="Money"),
            point(text="We pay for your bus or train.", picture="travel", alt="A train"),
            point(text="Ask us if you are not sure.", picture="question", alt="A question"),
        ],
        actor=built["teammate"],  # the collective's coordinator sets the policy
    )
    return {**built, "policy": policy}


def _address(name: str, policy: PaymentPolicy) -> str:
    return reverse(f"easyread:{name}", args=["payments-paymentpolicy", policy.pk])


def test_every_easy_read_page_is_accessible(
    live_server: object, page: Page, sign_in: object, axe_check: object, world: dict
) -> None:
    policy = world["policy"]
    sign_in(world["member"])
    visit_each(
        page,
        live_server,
        axe_check,
        [
            reverse("payments:collective", args=[world["collective"].slug]),
            _address("page", policy),
        ],
    )
    sign_in(world["teammate"])
    visit_each(
        page, live_server, axe_check, [_address("edit", policy), _address("delete", policy)]
    )


def test_the_easy_read_form_sent_empty_shows_an_accessible_error_summary(
    live_server: object, page: Page, sign_in: object, axe_check: object, world: dict
) -> None:
    send_each_empty(
        page,
        live_server,
        sign_in,
        axe_check,
        [(world["teammate"], _address("edit", world["policy"]))],
    )
