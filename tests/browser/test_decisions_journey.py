"""Deciding together in a real browser, with axe-core on every page visited.

A project member starts a ranked-choice decision through the form (meeting the
collective's minimum open period), three members rank the options in their own
browsers, the decision closes when its time comes (as the background worker closes
it), a member writes the outcome and the project's decision log shows it. A second,
shorter journey: a dot vote with too many dots is refused with a clear error and fixed.
"""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import Browser, Locator, Page, expect

from levelfield.collectives.tests.factories import CollectiveFactory
from levelfield.decisions import services
from levelfield.decisions.models import Decision, Method, Response
from levelfield.people.tests.factories import UserFactory
from levelfield.projects.models import InvolvementEntry
from levelfield.projects.tests.factories import ProjectFactory, ProjectMembershipFactory
from tests.browser.conftest import browser_as

pytestmark = pytest.mark.django_db(transaction=True)

MINIBUS, TAXIS, LIFTS, ONLINE = "Hire a minibus", "Pay for taxis", "Share lifts", "Meet online"


def _local_input(moment: object) -> str:
    """A moment as a datetime-local input wants it, in the site's time zone."""
    return timezone.localtime(moment).strftime("%Y-%m-%dT%H:%M")


def _rank(page: Page, axe_check: object, decision: Decision, ranks: dict[str, int]) -> None:
    """Open the decision, respond by typing a rank against each option, and send."""
    page.get_by_role("button", name="Respond").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your response")
    axe_check(page)
    for label, rank in ranks.items():
        page.get_by_label(label, exact=True).fill(str(rank))
    page.get_by_role("button", name="Send my response").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(decision.title)
    expect(page.get_by_text("Your response has been recorded.")).to_be_visible()
    answer = ", ".join(f"{place}. {label}" for place, label in enumerate(ranks, 1))
    expect(page.get_by_text(f"You answered: {answer}")).to_be_visible()


def _cells(table: Locator, option: str) -> list[str]:
    """The figures in one option's row of a results table."""
    row = table.get_by_role("row", name=re.compile(f"^{re.escape(option)}"))
    return [" ".join(text.split()) for text in row.locator("td").all_text_contents()]


def test_a_project_ranks_options_and_records_what_it_decided(
    live_server: object, page: Page, browser: Browser, sign_in: object, axe_check: object
) -> None:
    collective = CollectiveFactory(name="Riverside Collective", minimum_decision_days=3)
    project = ProjectFactory(collective=collective, title="Getting home well after a stroke")
    amara, gordon, maggie, sam = (
        UserFactory(display_name=name) for name in ("Amara", "Gordon", "Maggie", "Sam")
    )
    for person in (amara, gordon, maggie, sam):
        ProjectMembershipFactory(project=project, person=person)

    # Amara starts a ranked-choice decision from the project page.
    sign_in(amara)
    page.goto(f"{live_server.url}/projects/{project.pk}/")
    page.get_by_role("button", name="Start a decision").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Start a decision")
    axe_check(page)
    page.get_by_label(re.compile("^Ranked choice")).check()
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Start a decision: ranked choice")
    axe_check(page)
    page.get_by_label("Title", exact=True).fill("How should we travel to the workshops?")
    page.get_by_label("Background", exact=True).fill(
        "The workshops are at the hospital. Some of us cannot drive or use buses."
    )
    page.get_by_label("Options", exact=True).fill("\n".join([MINIBUS, TAXIS, LIFTS, ONLINE]))

    # Closing tomorrow is too soon: this collective keeps decisions open for 3 days.
    page.get_by_label("Voting closes", exact=True).fill(
        _local_input(timezone.now() + timedelta(days=1))
    )
    page.get_by_role("button", name="Start the decision").click()
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_contain_text("stay open for at least 3 days")
    expect(page.locator("#id_closes_at-error")).to_contain_text("at least 3 days")
    expect(page.get_by_label("Options", exact=True)).to_have_value(
        "\n".join([MINIBUS, TAXIS, LIFTS, ONLINE])
    )
    axe_check(page)
    page.get_by_label("Voting closes", exact=True).fill(
        _local_input(timezone.now() + timedelta(days=4))
    )
    page.get_by_role("button", name="Start the decision").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "How should we travel to the workshops?"
    )
    expect(page.get_by_text("Open for responses", exact=True)).to_be_visible()
    axe_check(page)
    decision = Decision.objects.get()
    assert (decision.method, decision.place.project_id) == (Method.RANKED, project.pk)
    assert list(decision.options.values_list("label", flat=True)) == [
        MINIBUS,
        TAXIS,
        LIFTS,
        ONLINE,
    ]
    detail_url = f"{live_server.url}/decisions/{decision.pk}/"

    # Three members rank the options, each in their own browser.
    _rank(page, axe_check, decision, {MINIBUS: 1, TAXIS: 2, LIFTS: 3})
    with browser_as(browser, live_server, gordon) as gordon_page:
        gordon_page.goto(detail_url)
        _rank(gordon_page, axe_check, decision, {TAXIS: 1, MINIBUS: 2, ONLINE: 3})
    with browser_as(browser, live_server, maggie) as maggie_page:
        maggie_page.goto(detail_url)
        _rank(maggie_page, axe_check, decision, {LIFTS: 1, MINIBUS: 2, TAXIS: 3})
        expect(maggie_page.get_by_text("3 of 4 members have responded.")).to_be_visible()
    assert Response.objects.filter(decision=decision).count() == 3

    # Sam never answers, so it cannot close early; it closes when its time comes,
    # as the background worker closes every decision that is due.
    page.goto(detail_url)
    expect(page.get_by_role("button", name="Close the decision now")).to_have_count(0)
    assert services.decisions_close_due(now=decision.closes_at + timedelta(minutes=1)) == 1

    # The results: instant-runoff rounds, and the Borda and Condorcet winners.
    page.goto(detail_url)
    expect(page.get_by_text("Closed", exact=True)).to_be_visible()
    axe_check(page)
    for winner in ("Instant-runoff winner", "Borda winner", "Condorcet winner"):
        row = page.locator(".govuk-summary-list__row", has_text=winner)
        expect(row.locator("dd")).to_have_text(MINIBUS)
    rounds = page.get_by_role("table", name=re.compile("Instant-runoff rounds"))
    expect(rounds.get_by_role("columnheader")).to_have_text(
        ["Option", "Round 1", "Round 2", "Round 3"]
    )
    assert _cells(rounds, MINIBUS) == ["1", "1", "2"]
    assert _cells(rounds, TAXIS) == ["1", "1", "1"]
    assert _cells(rounds, LIFTS) == ["1", "1", "Out–"]
    assert _cells(rounds, ONLINE) == ["0", "Out–", "Out–"]
    expect(page.get_by_text(f"Round 1: {ONLINE} eliminated")).to_be_visible()
    expect(page.get_by_text(f"Round 2: {LIFTS} eliminated")).to_be_visible()
    borda = page.get_by_role("table", name=re.compile("Borda scores"))
    scores = {option: _cells(borda, option) for option in (MINIBUS, TAXIS, LIFTS, ONLINE)}
    assert scores == {MINIBUS: ["7"], TAXIS: ["6"], LIFTS: ["4"], ONLINE: ["1"]}

    # Amara writes what they decided.
    page.get_by_role("button", name="Write the outcome").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Write the outcome")
    axe_check(page)
    page.get_by_label("What we decided").fill("We will hire a minibus for every workshop.")
    page.get_by_label("Why we decided it").fill(
        "It was the first or second choice of everyone who answered."
    )
    page.get_by_label("Next steps").fill("Maggie will ask two minibus firms for prices by May.")
    page.get_by_label(re.compile("^Review date")).fill("2027-03-01")
    page.get_by_role("button", name="Save the outcome").click()
    expect(page.get_by_text("The outcome has been saved.")).to_be_visible()
    outcome = page.locator(".govuk-summary-list", has_text="What we decided")
    expect(outcome).to_contain_text("We will hire a minibus for every workshop.")
    expect(outcome).to_contain_text("Maggie will ask two minibus firms for prices by May.")
    expect(outcome).to_contain_text("1 March 2027")
    axe_check(page)

    # The project's decision log shows the decision and what was decided.
    page.get_by_role("link", name="Decisions", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Decisions")
    row = page.locator("tr", has=page.get_by_role("link", name=decision.title))
    expect(row).to_contain_text("Closed")
    expect(row).to_contain_text("We will hire a minibus for every workshop.")
    expect(row.locator("td.govuk-table__cell--numeric")).to_have_text("3")
    axe_check(page)
    # A project decision's outcome also goes into the project's involvement log.
    decision.refresh_from_db()
    entry = InvolvementEntry.objects.get(pk=decision.involvement_entry_id)
    assert (entry.place.project, entry.what_changed) == (
        project,
        "We will hire a minibus for every workshop.",
    )


def test_a_member_gives_more_dots_than_they_have_and_puts_it_right(
    live_server: object, page: Page, sign_in: object, axe_check: object
) -> None:
    project = ProjectFactory(title="Getting home well after a stroke")
    starter, gordon = UserFactory(display_name="Amara"), UserFactory(display_name="Gordon")
    for person in (starter, gordon):
        ProjectMembershipFactory(project=project, person=person)
    decision = services.decision_create(
        created_by=starter,
        place=project.place,
        method=Method.DOT_VOTE,
        title="What should the next workshop cover?",
        background="We have time for two topics at most.",
        options=["Going back to work", "Help at home", "Driving again"],
        dot_budget=10,
        closes_at=timezone.now() + timedelta(days=8),
    )

    sign_in(gordon)
    page.goto(f"{live_server.url}/decisions/{decision.pk}/respond/")
    axe_check(page)
    page.get_by_label("Going back to work").fill("6")
    page.get_by_label("Help at home").fill("6")
    page.get_by_role("button", name="Send my response").click()

    message = "You have 10 dots to share, but you gave 12. Take away 2."
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_be_visible()
    expect(summary.get_by_role("link", name=message)).to_be_visible()
    # The message is also by the dots, inside the group it is about.
    dots = page.get_by_role("group", name="Share your 10 dots")
    expect(dots.locator(".govuk-error-message")).to_have_text(f"Error: {message}")
    expect(page.get_by_label("Going back to work")).to_have_value("6")
    axe_check(page)
    assert not Response.objects.filter(decision=decision).exists()

    page.get_by_label("Help at home").fill("4")
    page.get_by_role("button", name="Send my response").click()
    expect(page.get_by_text("Your response has been recorded.")).to_be_visible()
    expect(
        page.get_by_text("You answered: Going back to work: 6 dots, Help at home: 4 dots")
    ).to_be_visible()
    axe_check(page)
    assert Response.objects.get(decision=decision).payload == {
        "dots": {
            str(option.pk): number
            for option, number in zip(decision.options.all()[:2], (6, 4), strict=True)
        }
    }
