"""A monthly Cuppa in a real browser, with axe-core on every page visited.

A project's coordinator plans a monthly Cuppa series with 2 places, open to anyone with
the link. A member takes a place, a guest without an account takes the other from the
public page, and a second member joins the waiting list. The first member cancels and
the waiting member is promoted (and emailed). After the Cuppa the coordinator marks who
came, and it appears in the project's involvement log with the hours.
"""

from __future__ import annotations

import datetime
import re

import pytest
from django.core import mail
from django.utils import timezone
from playwright.sync_api import Browser, Page, expect

from levelfield.collectives.tests.factories import CollectiveFactory, CollectiveMembershipFactory
from levelfield.events.models import Event, Registration, RegistrationStatus
from levelfield.people.tests.factories import UserFactory
from levelfield.projects.models import Participation
from levelfield.projects.tests.factories import ProjectFactory, ProjectMembershipFactory
from tests.browser.conftest import browser_as

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_monthly_cuppa_from_planning_to_the_involvement_log(
    live_server: object, page: Page, browser: Browser, sign_in: object, axe_check: object
) -> None:
    collective = CollectiveFactory(name="Riverside Collective")
    project = ProjectFactory(collective=collective, title="Getting home well after a stroke")
    priya, gordon, maggie = (
        UserFactory(display_name=name, email=f"{name.lower()}@example.org")
        for name in ("Priya", "Gordon", "Maggie")
    )
    for person in (priya, gordon, maggie):
        CollectiveMembershipFactory(collective=collective, person=person)
    ProjectMembershipFactory(project=project, person=priya, is_coordinator=True)
    for person in (gordon, maggie):
        ProjectMembershipFactory(project=project, person=person)

    # Priya, the coordinator, plans the series from the project page.
    sign_in(priya)
    page.goto(f"{live_server.url}/projects/{project.pk}/")
    page.get_by_role("link", name="Meetings and events").click()
    axe_check(page)
    page.get_by_role("button", name="Plan a meeting or event").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Plan an event")
    axe_check(page)
    first = _a_monday_after(timezone.localdate() + datetime.timedelta(days=7))
    page.get_by_label("Title", exact=True).fill("Co-Pro Cuppa")
    page.get_by_label("What it is about").fill("An open conversation, *everyone welcome*.")
    page.get_by_label(re.compile("^Cuppa")).check()
    page.get_by_label("Date", exact=True).fill(f"{first:%Y-%m-%d}")
    page.get_by_label("Starts at").fill("10:00")
    page.get_by_label("Ends at").fill("11:30")
    page.get_by_label(re.compile("^Every month on the same weekday")).check()
    page.get_by_label("Online", exact=True).check()
    page.get_by_label("Online joining link").fill("https://meet.example.org/cuppa-room")
    page.get_by_label(re.compile("^Anyone with the link")).check()
    page.get_by_label("Places", exact=True).fill("2")
    page.get_by_role("button", name="Plan the event").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Co-Pro Cuppa")
    expect(page.get_by_text(re.compile(r"is planned: \d+ dates so far"))).to_be_visible()
    expect(page.locator("dd", has_text="10:00 to 11:30 (Europe/London")).to_be_visible()
    axe_check(page)
    event = Event.objects.order_by("starts_at").first()
    assert Event.objects.filter(series=event.series).count() >= 6
    public_url = f"{live_server.url}/events/e/{event.public_code}/"
    event_url = f"{live_server.url}/events/{event.pk}/"

    # Gordon takes a place in one step and sees the joining link.
    with browser_as(browser, live_server, gordon) as gordon_page:
        gordon_page.goto(event_url)
        expect(gordon_page.get_by_text("cuppa-room")).to_have_count(0)
        gordon_page.get_by_role("button", name="Take a place").click()
        axe_check(gordon_page)
        gordon_page.get_by_role("button", name="Take a place").click()
        expect(gordon_page.get_by_text("You have a place. We have emailed")).to_be_visible()
        expect(gordon_page.get_by_role("link", name=re.compile("cuppa-room"))).to_be_visible()

    # Pat, a guest with no account, takes the last place on the public page.
    with browser_as(browser, live_server, None) as guest_page:
        guest_page.goto(public_url)
        axe_check(guest_page)
        guest_page.get_by_label("Your name").fill("Pat")
        guest_page.get_by_label("Your email address").fill("pat@example.org")
        guest_page.get_by_label(re.compile("^I agree")).check()
        guest_page.get_by_role("button", name="Take a place").click()
        expect(guest_page.get_by_text("You have a place.")).to_be_visible()
        expect(guest_page.get_by_text("cuppa-room")).to_have_count(0)
    guest_email = [m for m in mail.outbox if m.to == ["pat@example.org"]]
    assert len(guest_email) == 1 and "cuppa-room" in guest_email[0].body

    # Maggie finds it full and joins the waiting list.
    with browser_as(browser, live_server, maggie) as maggie_page:
        maggie_page.goto(event_url)
        maggie_page.get_by_role("button", name="Join the waiting list").click()
        maggie_page.get_by_role("button", name="Join the waiting list").click()
        expect(maggie_page.get_by_text("You are number 1 on the waiting list")).to_be_visible()
        axe_check(maggie_page)

    # Gordon cancels; Maggie is promoted and told.
    mail.outbox.clear()
    with browser_as(browser, live_server, gordon) as gordon_page:
        gordon_page.goto(event_url)
        gordon_page.get_by_role("link", name="Cancel my place").click()
        axe_check(gordon_page)  # cancelling asks first, on its own page
        gordon_page.get_by_role("button", name="Yes, cancel my place").click()
        expect(gordon_page.get_by_text("Your place is cancelled.")).to_be_visible()
    maggie_place = Registration.objects.get(event=event, person=maggie)
    assert maggie_place.status == RegistrationStatus.REGISTERED
    assert [m.to for m in mail.outbox] == [["maggie@example.org"]]
    assert "A place came free" in mail.outbox[0].subject

    # The Cuppa happens; Priya marks who came.
    Event.objects.filter(pk=event.pk).update(
        starts_at=timezone.now() - datetime.timedelta(hours=2),
        ends_at=timezone.now() - datetime.timedelta(minutes=30),
    )
    page.goto(event_url)
    page.get_by_role("link", name="Mark who came").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Mark who came to “Co-Pro Cuppa”")
    axe_check(page)
    page.get_by_label("Maggie").check()
    page.get_by_label("Pat (a guest)").check()
    page.get_by_role("button", name="Save attendance").click()
    expect(
        page.get_by_text("Attendance is saved in the project's involvement log.")
    ).to_be_visible()
    axe_check(page)

    page.goto(f"{live_server.url}/places/{project.place.pk}/log/")
    expect(page.get_by_role("link", name="Co-Pro Cuppa", exact=True)).to_be_visible()
    axe_check(page)
    participation = Participation.objects.get()
    assert (participation.person, participation.minutes) == (maggie, 90)


def _a_monday_after(day: datetime.date) -> datetime.date:
    return day + datetime.timedelta(days=(7 - day.weekday()) % 7)


def test_a_guest_takes_and_cancels_a_place_without_javascript_by_keyboard(
    live_server: object, browser: Browser
) -> None:
    from levelfield.events import services
    from levelfield.events.models import Audience
    from levelfield.events.tests.conftest import event_values

    collective = CollectiveFactory()
    organiser = UserFactory()
    CollectiveMembershipFactory(collective=collective, person=organiser)
    event = services.event_create(
        place=collective.places.get(kind="collective"),
        actor=organiser,
        values=event_values(audience=Audience.ANYONE),
    )
    with browser_as(browser, live_server, None, javascript=False) as guest_page:
        guest_page.goto(f"{live_server.url}/events/e/{event.public_code}/")
        guest_page.get_by_label("Your name").fill("Pat")
        guest_page.get_by_label("Your email address").fill("pat@example.org")
        guest_page.get_by_label(re.compile("^I agree")).focus()
        guest_page.keyboard.press("Space")
        guest_page.get_by_role("button", name="Take a place").focus()
        guest_page.keyboard.press("Enter")
        expect(guest_page.get_by_text("You have a place.")).to_be_visible()
        [email] = [m for m in mail.outbox if m.to == ["pat@example.org"]]
        link = re.search(r"http\S+/events/guest/\S+/", email.body).group(0)
        guest_page.goto(link.replace("http://127.0.0.1:8000", live_server.url))
        # (axe needs JavaScript: the sweep in test_every_page checks this page.)
        guest_page.get_by_role("link", name="Cancel my place").click()  # asks first
        guest_page.get_by_role("button", name="Yes, cancel my place").click()
        expect(guest_page.get_by_text("You cancelled your place.")).to_be_visible()
    assert Registration.objects.get(event=event).status == RegistrationStatus.CANCELLED
