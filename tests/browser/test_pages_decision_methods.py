"""axe-core (WCAG 2.2 A and AA) on every decisions page, with one open decision per
method, one in its talk phase, closed ones with and without an outcome, an anonymous
one and one in the collective, and the response form in its easy-read wording; and the
decisions forms after an empty submission.

(The decisions part of the old all-pages sweep; named so as not to clash with
test_pages_decisions.py, which the decisions work adds.)"""

from __future__ import annotations

import pytest
from django.urls import reverse
from playwright.sync_api import Page

from levelfield.decisions.models import Decision, Method
from tests.browser import worlds
from tests.browser.sweep import send_each_empty, visit_each

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def world() -> dict:
    built = worlds.build(worlds.decisions)
    # Easy-read wording of the open ranked decision's question and each of its options.
    ranked = built["decisions"]["open"][Method.RANKED]
    Decision.objects.filter(pk=ranked.pk).update(
        easy_read_question="Which one do you like best? Put them in order."
    )
    for number, option in enumerate(ranked.options.all(), start=1):
        option.easy_read_label = f"Choice {number}"
        option.save(update_fields=["easy_read_label"])
    return built


def decision_pages(world: dict) -> list[str]:
    """Every decisions page a member can open (the CSV download is not a page)."""
    collective = {"place_pk": world["decisions"]["in_collective"].place_id}
    project = {"place_pk": world["project"].place.pk}
    decisions = world["decisions"]
    open_by_method = decisions["open"]

    def each(name: str, *chosen: Decision) -> list[str]:
        return [reverse(f"decisions:{name}", args=[decision.pk]) for decision in chosen]

    return [
        reverse("decisions:place_log", kwargs=project),
        reverse("decisions:place_log", kwargs=project) + "?status=closed&method=ranked",
        reverse("decisions:place_log", kwargs=collective),
        reverse("decisions:place_create", kwargs=project),
        reverse("decisions:place_create", kwargs=project) + "?method=ranked",
        reverse("decisions:place_create", kwargs=project) + "?method=time_poll",
        reverse("decisions:place_create", kwargs=collective),
        reverse("decisions:place_create", kwargs=collective) + "?method=score",
        *each(
            "detail",
            open_by_method[Method.RANKED],
            open_by_method[Method.PROPOSAL],
            open_by_method[Method.TIME_POLL],
            decisions["talk"],
            decisions["closed_ranked"],
            decisions["closed_proposal"],
            decisions["anonymous"],
            decisions["in_collective"],
        ),
        *each("respond", *open_by_method.values()),
        *(address + "?easy_read=1" for address in each("respond", open_by_method[Method.RANKED])),
        *each("discussion", decisions["talk"], decisions["closed_ranked"]),
        *each("outcome", decisions["closed_proposal"], decisions["closed_ranked"]),
    ]


def test_every_decisions_page_a_member_sees_is_accessible(
    live_server: object, page: Page, sign_in: object, axe_check: object, world: dict
) -> None:
    sign_in(world["member"])
    visit_each(page, live_server, axe_check, decision_pages(world))


def test_every_decisions_form_shows_an_accessible_error_summary_when_sent_empty(
    live_server: object, page: Page, sign_in: object, axe_check: object, world: dict
) -> None:
    pk = world["project"].place.pk
    decisions = world["decisions"]
    paths = [
        reverse("decisions:place_create", args=[pk]) + "?method=ranked",
        reverse("decisions:respond", args=[decisions["open"][Method.RANKED].pk]),
        reverse("decisions:outcome", args=[decisions["closed_proposal"].pk]),
    ]
    send_each_empty(page, live_server, sign_in, axe_check, [(world["member"], p) for p in paths])
