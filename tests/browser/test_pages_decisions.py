"""The decision pages that scale to big teams under axe-core (WCAG 2.2 AA): the decision
page's short summary of who responded, and the paged lists of who has responded (with
answers and reasons), who has not yet, and the reasons, including the anonymous list."""

from __future__ import annotations

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect

from levelfield.decisions import services
from levelfield.decisions.models import Method
from levelfield.decisions.tests.factories import later, make_team
from tests.browser.sweep import assert_reflows

pytestmark = pytest.mark.django_db(transaction=True)


def test_the_summary_and_paged_lists_pass_axe(
    live_server: object, page: Page, sign_in: object, axe_check: object
) -> None:
    team = make_team(60)
    named = team.start(Method.PROPOSAL, title="Should we meet online in winter?")
    anonymous = team.start(Method.CONSENT, anonymous=True, title="Shall we change the date?")
    for number, person in enumerate(team.members[:55]):
        services.response_submit(
            decision=named,
            person=person,
            payload={"stance": "block" if number == 3 else "agree"},
            reason=f"Reason number {number}" if number % 5 == 3 else "",
        )
    for person in team.members[:6]:
        services.response_submit(
            decision=anonymous, person=person, payload={"stance": "consent"}, reason="Fine"
        )
    sign_in(team.members[0])
    visits = [
        reverse("decisions:detail", args=[named.pk]),
        reverse("decisions:people", args=[named.pk]),
        reverse("decisions:people", args=[named.pk]) + "?page=2",
        reverse("decisions:people_waiting", args=[named.pk]),
        reverse("decisions:reasons", args=[named.pk]),
        reverse("decisions:detail", args=[anonymous.pk]),
        reverse("decisions:people", args=[anonymous.pk]),
        # Closing early asks first, on the one confirmation page every app uses.
        reverse("decisions:close_early", args=[named.pk]),
    ]
    for path in visits:
        response = page.goto(live_server.url + path)
        assert response.status == 200, path
        axe_check(page)
        assert_reflows(page)

    # From the summary to everyone, and on to the second page.
    page.goto(live_server.url + visits[0])
    page.get_by_role("link", name="Everyone who has responded, with their answers").click()
    expect(page.get_by_role("heading", name="Who has responded")).to_be_visible()
    page.get_by_role("link", name="Next page").click()
    expect(page.get_by_text("51 to 55 shown here")).to_be_visible()

    services.decision_close(decision=anonymous, now=later(anonymous))
    response = page.goto(live_server.url + reverse("decisions:reasons", args=[anonymous.pk]))
    assert response.status == 200
    axe_check(page)
