"""A member writes an opportunity, a coordinator of the collective checks it (sends it
back with comments, then approves it after a confirmation), and it goes live; every
step is in the history. People who may not act are refused and nothing is written."""

from __future__ import annotations

import datetime

from django.core import mail
from django.test import Client
from django.utils import timezone

from levelfield.history.models import Change
from levelfield.lib.testing.world import World
from levelfield.opportunities.models import Opportunity, State
from levelfield.opportunities.tests.conftest import make

FORM = {
    "title": "Carers to review our leaflet",
    "summary": "Read our leaflet and tell us what is unclear.",
    "who_for": "People who care for someone after a stroke.",
    "perspectives": ["carer"],
    "involvement": "reviewing",
    "time_needed": "2 hours",
    "mode": "online",
    "region": "anywhere",
    "paid": "yes",
    "payment": "£25 an hour",
    "closes_on": "2026-07-01",
}


def test_a_member_writes_it_and_a_coordinator_sends_it_back_then_approves_it(
    client: Client, listed: World, clock: object, django_capture_on_commit_callbacks: object
) -> None:
    world = listed
    client.force_login(world.member)
    response = client.post(f"/opportunities/place/{world.project_place.pk}/new/", FORM)
    opportunity = Opportunity.objects.get()
    assert response["Location"] == f"/opportunities/{opportunity.pk}/manage/"
    assert opportunity.state == State.DRAFT and opportunity.created_by == world.member

    with django_capture_on_commit_callbacks(execute=True):  # type: ignore[operator]
        client.post(f"/opportunities/{opportunity.pk}/submit/")
    opportunity.refresh_from_db()
    assert opportunity.state == State.SUBMITTED
    assert [message.to for message in mail.outbox] == [[world.coordinator.email]]

    checker = Client()
    checker.force_login(world.coordinator)
    assert checker.get(f"/opportunities/{opportunity.pk}/check/").status_code == 200
    with django_capture_on_commit_callbacks(execute=True):  # type: ignore[operator]
        checker.post(
            f"/opportunities/{opportunity.pk}/check/", {"comments": "Say what the leaflet is for."}
        )
    opportunity.refresh_from_db()
    assert opportunity.state == State.DRAFT
    assert opportunity.sent_back_comments == "Say what the leaflet is for."
    assert mail.outbox[-1].to == [world.member.email]
    page = client.get(f"/opportunities/{opportunity.pk}/manage/").content.decode()
    assert "Say what the leaflet is for." in page

    client.post(f"/opportunities/{opportunity.pk}/edit/", {**FORM, "title": "Carers: our leaflet"})
    client.post(f"/opportunities/{opportunity.pk}/submit/")
    confirm = checker.get(f"/opportunities/{opportunity.pk}/publish/")
    assert "Approve it and put it on the public board?" in confirm.content.decode()
    opportunity.refresh_from_db()
    assert opportunity.state == State.SUBMITTED  # asking to confirm writes nothing
    checker.post(f"/opportunities/{opportunity.pk}/publish/")
    opportunity.refresh_from_db()
    assert opportunity.state == State.LIVE and opportunity.title == "Carers: our leaflet"
    actions = list(
        Change.objects.filter(subject_type="opportunity", subject_id=opportunity.pk)
        .order_by("at", "pk")
        .values_list("action", flat=True)
    )
    assert actions == [
        "opportunity_drafted",
        "opportunity_submitted",
        "opportunity_sent_back",
        "opportunity_changed",
        "opportunity_submitted",
        "opportunity_published",
    ]
    assert Client().get(f"/opportunities/{opportunity.pk}/").status_code == 200


def test_bad_input_names_the_field_in_plain_words(client: Client, world: World) -> None:
    client.force_login(world.member)
    response = client.post(
        f"/opportunities/place/{world.project_place.pk}/new/",
        {
            **FORM,
            "title": "",
            "closes_on": "31 31 2026",
            "ends_on": "1/1/2026",
            "starts_on": "2/2/2026",
        },
    )
    page = response.content.decode()
    assert response.status_code == 400
    assert "Enter the role title." in page
    assert "Enter a real date for “Closing date”." in page
    assert "The end date must be the same as or after the start date." in page
    assert not Opportunity.objects.exists()


def test_a_closing_date_in_the_past_is_refused(
    client: Client, world: World, clock: object
) -> None:
    client.force_login(world.member)
    response = client.post(
        f"/opportunities/place/{world.project_place.pk}/new/", {**FORM, "closes_on": "2026-06-01"}
    )
    assert "The closing date must be today or in the future." in response.content.decode()
    assert not Opportunity.objects.exists()


def test_a_member_who_is_not_a_coordinator_cannot_approve_and_nothing_changes(
    client: Client, world: World
) -> None:
    opportunity = make(world, state="submitted")
    client.force_login(world.member)
    assert client.post(f"/opportunities/{opportunity.pk}/publish/").status_code == 403
    assert (
        client.post(f"/opportunities/{opportunity.pk}/check/", {"comments": "x"}).status_code
        == 403
    )
    opportunity.refresh_from_db()
    assert opportunity.state == State.SUBMITTED


def test_people_outside_the_place_get_a_404_for_a_draft(client: Client, world: World) -> None:
    draft = make(world, state="draft")
    for person in (world.outsider, world.group_member, world.former, None):
        browser = Client()
        if person is not None:
            browser.force_login(person)
        for url in (f"/opportunities/{draft.pk}/", f"/opportunities/{draft.pk}/manage/"):
            assert browser.get(url).status_code in (302, 404), (person, url)
        assert browser.post(f"/opportunities/{draft.pk}/submit/").status_code in (302, 404)
    draft.refresh_from_db()
    assert draft.state == State.DRAFT


def test_the_collective_coordinator_checks_a_project_they_are_not_in(world: World) -> None:
    """The checker reaches a project's opportunity from the collective's queue."""
    opportunity = make(world, state="submitted")
    world.project.place.memberships.filter(person=world.coordinator).delete()
    client = Client()
    client.force_login(world.coordinator)
    queue = client.get(f"/opportunities/place/{world.collective_place.pk}/checks/")
    assert opportunity.title in queue.content.decode()
    assert client.get(f"/opportunities/{opportunity.pk}/check/").status_code == 200


def test_past_its_closing_date_it_shows_closed_without_any_write(
    client: Client, listed: World, clock: object
) -> None:
    opportunity = make(listed)
    clock.shift(datetime.timedelta(days=15))  # type: ignore[attr-defined]
    assert client.get(f"/opportunities/{opportunity.pk}/").status_code == 404
    assert opportunity.closes_on < timezone.localdate()
    opportunity.refresh_from_db()
    assert opportunity.state == State.LIVE  # computed, never written on a GET
    assert opportunity.shown_state() == "Closed"


def test_an_organiser_closes_it_early_after_confirming(client: Client, listed: World) -> None:
    opportunity = make(listed)
    client.force_login(listed.member)
    assert (
        "Close it now?" in client.get(f"/opportunities/{opportunity.pk}/close/").content.decode()
    )
    client.post(f"/opportunities/{opportunity.pk}/close/")
    opportunity.refresh_from_db()
    assert opportunity.state == State.CLOSED
    assert Client().get(f"/opportunities/{opportunity.pk}/").status_code == 404
