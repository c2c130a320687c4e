"""The events list and an event's page show each person what they showed before the
pages read fewer columns and kept their fixed parts (issue 25)."""

from __future__ import annotations

from collections.abc import Callable

from django.urls import reverse

from levelfield.events import services
from levelfield.events.models import AgendaStatus, Event, EventKind
from levelfield.events.tests.conftest import event_values
from levelfield.people.models import User


def test_the_list_shows_each_events_place_time_places_left_and_the_persons_own_place(
    client, plan: Callable[..., Event], project, organiser: User, member: User
) -> None:
    coming = plan(title="Co-Pro Cuppa", capacity=3)
    project_meeting = plan(title="Design meeting", place=project.place, capacity=None)
    services.registration_create(event=coming, person=member, notify=False)
    client.force_login(member)
    page = client.get(reverse("events:list")).content.decode()
    assert "Co-Pro Cuppa" in page and "Design meeting" in page
    assert project.title in page  # the project meeting's place, by name
    assert "2 left" in page and "No limit" in page
    assert "You have a place" in page
    assert f"{coming.starts_at.astimezone().year}" in page
    assert project_meeting.get_kind_display() in page


def test_the_filters_start_empty_and_keep_what_the_person_chose(
    client, plan: Callable[..., Event], member: User
) -> None:
    plan(title="Co-Pro Cuppa")
    plan(title="Writing workshop", kind=EventKind.WORKSHOP)
    client.force_login(member)
    empty = client.get(reverse("events:list")).content.decode()
    assert '<option value="" selected>Any kind</option>' in empty
    assert "Writing workshop" in empty and "Co-Pro Cuppa" in empty
    chosen = client.get(reverse("events:list"), {"kind": EventKind.WORKSHOP}).content.decode()
    assert f'<option value="{EventKind.WORKSHOP}" selected>' in chosen
    assert "Writing workshop" in chosen and "Co-Pro Cuppa" not in chosen
    # The unfiltered list again shows the empty form, not the last person's choice.
    again = client.get(reverse("events:list")).content.decode()
    assert '<option value="" selected>Any kind</option>' in again


def test_an_events_page_shows_its_description_again_as_soon_as_it_changes(
    client, plan: Callable[..., Event], organiser: User, member: User
) -> None:
    """The description's HTML is kept by a digest of its text, so an edit shows at once."""
    event = plan(description="Bring **your questions**.")
    client.force_login(member)
    url = reverse("events:detail", args=[event.pk])
    assert "<strong>your questions</strong>" in client.get(url).content.decode()
    services.event_update(
        event=event, actor=organiser, values=event_values(description="Bring *a friend*.")
    )
    page = client.get(url).content.decode()
    assert "<em>a friend</em>" in page and "your questions" not in page


def test_a_person_without_a_place_sees_the_agenda_and_the_other_proposals(
    client, plan: Callable[..., Event], organiser: User, member: User
) -> None:
    """The page reads only the agenda's titles, reasons and states, and knows the person
    has no place without asking twice."""
    event = plan()
    taken = services.agenda_item_propose(event=event, person=organiser, title="Welcome")
    services.agenda_item_propose(event=event, person=organiser, title="Any other business")
    services.agenda_arrange(
        event=event,
        actor=organiser,
        choices=[
            services.AgendaChoice(
                item=taken, status=AgendaStatus.TAKEN, position=1, reason="To start"
            )
        ],
    )
    client.force_login(member)
    page = client.get(reverse("events:detail", args=[event.pk])).content.decode()
    assert '<li>Welcome<br><span class="govuk-body-s">To start</span></li>' in page
    assert "See 1 other proposal" in page
    assert "Take a place" in page
