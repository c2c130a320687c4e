"""A check-in in a real browser, with axe-core on every page visited.

The project's coordinator opens a round through the form; six members answer in their
own browsers (four more answered earlier, so that each perspective group has at least
five people and the results can be split); the round closes when its time comes (as
the background worker closes it); the results page shows the perception gap; the
coordinator records what the team will do; the evidence view shows the same project's
record beside the scores.
"""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import Browser, Page, expect

from levelfield.collectives.tests.factories import CollectiveFactory, CollectiveMembershipFactory
from levelfield.events.models import AgendaItem
from levelfield.events.tests.factories import EventFactory, RegistrationFactory
from levelfield.people.models import PerspectiveKind
from levelfield.people.tests.factories import PerspectiveFactory, UserFactory
from levelfield.projects.models import InvolvementEntry
from levelfield.projects.tests.factories import ProjectFactory, ProjectMembershipFactory
from levelfield.reflection import services
from levelfield.reflection.models import CheckInRound, Question, QuestionSet, QuestionSetVersion
from levelfield.reflection.questions import builtin_sets_install
from levelfield.reflection.tests.factories import answer_all
from tests.browser.conftest import browser_as

pytestmark = pytest.mark.django_db(transaction=True)


def _answer(page: Page, axe_check: object, score: int) -> None:
    """Answer every question with `score` from the round's page, by keyboard-friendly
    labels, and send."""
    page.get_by_role("button", name="Answer the check-in").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your answers")
    axe_check(page)
    for group in page.locator("fieldset").all():
        group.get_by_label(re.compile(f"^{score}:")).check()
    page.get_by_role("button", name="Send my answers").click()
    expect(page.get_by_text("Your answers are sealed until the round closes")).to_be_visible()


def test_a_team_checks_in_sees_the_gap_and_records_what_it_will_do(
    live_server: object, page: Page, browser: Browser, sign_in: object, axe_check: object
) -> None:
    # Another browser test on this worker may have flushed the sets the migration wrote.
    builtin_sets_install(QuestionSet, QuestionSetVersion, Question)
    collective = CollectiveFactory(name="Riverside Collective")
    project = ProjectFactory(collective=collective, title="Getting home well after a stroke")
    public = [UserFactory(display_name=f"Public {n}") for n in range(5)]
    professionals = [UserFactory(display_name=f"Researcher {n}") for n in range(5)]
    for person in public + professionals:
        kind = PerspectiveKind.LIVED_EXPERIENCE if person in public else PerspectiveKind.RESEARCHER
        PerspectiveFactory(person=person, kind=kind)
        CollectiveMembershipFactory(collective=collective, person=person)
        ProjectMembershipFactory(
            project=project, person=person, is_coordinator=person is professionals[0]
        )
    coordinator = professionals[0]
    # Last month's project meeting: everyone came, and public contributors shaped it.
    meeting = EventFactory(
        place=project.place,
        title="Planning the discharge leaflet",
        starts_at=timezone.now() - timedelta(days=30),
        ends_at=timezone.now() - timedelta(days=30) + timedelta(hours=1),
    )
    for person in public + professionals:
        RegistrationFactory(event=meeting, person=person, attended=True)
    AgendaItem.objects.create(event=meeting, title="Plain words", proposed_by=public[0])

    # The coordinator opens a round from the project page.
    sign_in(coordinator)
    page.goto(f"{live_server.url}/projects/{project.pk}/")
    page.get_by_role("link", name="Check-ins: how equally are we working?").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Check-ins")
    axe_check(page)
    page.get_by_role("button", name="Open a check-in round").click()
    axe_check(page)
    page.get_by_label("Name of the round").fill("Autumn check-in")
    page.get_by_label("The five principles of co-producing research").check()
    page.get_by_role("button", name="Open the round").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Autumn check-in")
    expect(page.get_by_text("Open for answers", exact=True)).to_be_visible()
    axe_check(page)
    checkin = CheckInRound.objects.get()
    round_url = f"{live_server.url}/checkins/{checkin.pk}/"

    # Four members answered earlier; six answer now, each in their own browser.
    answer_all(checkin, public[3:], 2)
    answer_all(checkin, professionals[3:], 4)
    _answer(page, axe_check, 4)
    for person, score in [(p, 2) for p in public[:3]] + [(p, 4) for p in professionals[1:3]]:
        with browser_as(browser, live_server, person) as their_page:
            their_page.goto(round_url)
            _answer(their_page, axe_check, score)
    page.goto(round_url)
    expect(page.get_by_text("10 people answered so far")).to_be_visible()
    expect(page.get_by_text("Results by principle")).to_have_count(0)

    # The round closes at its time (the background worker's job, done here directly).
    services.round_close(checkin=checkin, now=checkin.closes_at + timedelta(minutes=1))
    page.goto(round_url)
    expect(page.get_by_role("heading", name="Results", exact=True)).to_be_visible()
    table = page.locator("#results-by-theme")
    row = table.get_by_role("row", name=re.compile("^Sharing power"))
    expect(row).to_contain_text("-2.0")
    expect(row).to_contain_text("Large gap")
    expect(page.locator(".govuk-warning-text")).to_contain_text("Large perception gap")
    axe_check(page)

    # The coordinator records what the team will do; it reaches the involvement log.
    page.get_by_label("Which result is it about? (optional)").select_option("Sharing power")
    page.get_by_label("What will the team do?").fill("We will rotate who chairs meetings.")
    page.get_by_role("button", name="Record what we will do").click()
    expect(page.get_by_text("We will rotate who chairs meetings.")).to_be_visible()
    axe_check(page)
    assert InvolvementEntry.objects.filter(
        place__project=project, what_changed="We will rotate who chairs meetings."
    ).exists()

    # The evidence view shows the same project's record beside the scores.
    page.get_by_role("link", name="Compare with the evidence from the project’s records").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Evidence from the record")
    voice = page.locator("table").first
    expect(voice.get_by_role("row", name=re.compile("^Answers to check-ins"))).to_contain_text(
        "10"
    )
    expect(page.get_by_text("Autumn check-in")).to_be_visible()
    expect(
        voice.get_by_role("row", name=re.compile("^Attendance at meetings and events"))
    ).to_contain_text("10")
    page.get_by_text("The events behind “attendance at meetings and events”").click()
    axe_check(page)
    page.get_by_role("link", name="Planning the discharge leaflet").first.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Planning the discharge leaflet")
    assert timezone.now() < checkin.closes_at  # closed by the worker's call, not by time
