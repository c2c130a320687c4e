"""A standing group holds its meetings in its own place: the Young People's Advisory
Group plans a meeting, only its members see it, and who came is written to the group's
involvement log, where they claim their time like anyone else's."""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from levelfield.collectives.models import Collective
from levelfield.collectives.tests.factories import CollectiveMembershipFactory
from levelfield.events import services
from levelfield.events.models import Audience, Event, EventKind
from levelfield.people.models import User
from levelfield.people.tests.factories import UserFactory
from levelfield.places import services as place_services
from levelfield.places.models import Place
from levelfield.places.navigation import place_navigation
from levelfield.projects.models import InvolvementEntry, Participation, Project

pytestmark = pytest.mark.django_db


@pytest.fixture
def group(collective: Collective, organiser: User) -> Place:
    """The Young People's Advisory Group, started by the organiser; Jade is in it too."""
    group = place_services.group_create(
        collective=collective,
        actor=organiser,
        name="Young People's Advisory Group",
        purpose="Young people advise the collective's projects.",
    )
    jade = UserFactory(display_name="Jade", email="jade@example.org")
    CollectiveMembershipFactory(collective=collective, person=jade)
    place_services.group_join(group=group, person=jade)
    return group


def _jade(group: Place) -> User:
    return group.memberships.get(person__display_name="Jade").person


def _organiser_box(form: str, person: User) -> str | None:
    """The id of the person's box among the organisers to choose, if they are offered."""
    found = re.search(rf'id="([^"]+)" name="organisers" type="checkbox" value="{person.pk}"', form)
    return found.group(1) if found else None


def _form(**changes: str) -> dict[str, str]:
    start = timezone.localtime(timezone.now() + datetime.timedelta(days=7))
    return {
        "title": "Young People's Advisory Group: June meeting",
        "kind": "meeting",
        "date": f"{start:%Y-%m-%d}",
        "start_time": "17:00",
        "end_time": "18:30",
        "timezone_name": "Europe/London",
        "format": "online",
        "audience": "members",
        "capacity": "",
        "reminders": "48, 2",
        **changes,
    }


def test_a_group_member_plans_a_meeting_in_the_group(
    client: Client, group: Place, organiser: User, member: User
) -> None:
    jade = _jade(group)
    client.force_login(jade)
    url = reverse("events:create") + f"?place={group.pk}"

    form = client.get(url).content.decode()
    assert "Young People&#x27;s Advisory Group" in form
    assert "Only the group&#x27;s members" in form
    assert "Organisers (besides you), from the group&#x27;s members" in form
    # The group's other member (Mo) can organise with Jade; a collective member outside
    # the group (Cal) cannot.
    assert f'for="{_organiser_box(form, organiser)}">Mo</label>' in form
    assert _organiser_box(form, member) is None
    assert group.get_absolute_url() in form  # the breadcrumbs lead back to the group

    response = client.post(url, _form(organisers=[group.memberships.first().person_id]))

    event = Event.objects.get()
    assert response.status_code == 302 and response.url == event.get_absolute_url()
    assert event.place == group and event.audience == Audience.MEMBERS
    assert set(event.organisers.values_list("display_name", flat=True)) == {"Jade", "Mo"}
    page = client.get(event.get_absolute_url()).content.decode()
    assert "Only the group's members" in page
    assert group.get_absolute_url() in page
    listed = client.get(reverse("events:place_list", args=[group.pk])).content.decode()
    assert event.title.replace("'", "&#x27;") in listed


def test_someone_in_the_collective_but_not_the_group_gets_404_on_its_meetings(
    client: Client, group: Place, organiser: User, member: User, plan: Callable[..., Event]
) -> None:
    event = plan(place=group, audience=Audience.MEMBERS, title="Group meeting")
    client.force_login(member)  # Cal: in the collective, not in the group

    for name in ("detail", "register", "agenda", "ics", "people", "edit", "attendance"):
        assert client.get(reverse(f"events:{name}", args=[event.pk])).status_code == 404, name
    assert client.post(reverse("events:register", args=[event.pk])).status_code == 404
    assert client.get(reverse("events:place_list", args=[group.pk])).status_code == 404
    assert client.get(reverse("events:create") + f"?place={group.pk}").status_code == 404
    assert "Group meeting" not in client.get(reverse("events:list")).content.decode()
    assert not event.registrations.exists()


def test_a_group_event_open_to_the_collective_is_seen_by_its_members(
    client: Client, group: Place, member: User, plan: Callable[..., Event]
) -> None:
    """The organisers choose: a group may open a meeting to the whole collective."""
    event = plan(place=group, audience=Audience.COLLECTIVE, title="Open evening")
    client.force_login(member)

    assert client.get(reverse("events:detail", args=[event.pk])).status_code == 200
    assert "Open evening" in client.get(reverse("events:list")).content.decode()


def test_attendance_at_a_group_meeting_goes_in_the_groups_log_to_be_claimed(
    client: Client, group: Place, organiser: User, plan: Callable[..., Event]
) -> None:
    jade = _jade(group)
    event = plan(
        place=group, audience=Audience.MEMBERS, kind=EventKind.MEETING, preparation_minutes=30
    )
    came = services.registration_create(event=event, person=jade)
    Event.objects.filter(pk=event.pk).update(
        starts_at=timezone.now() - datetime.timedelta(hours=3),
        ends_at=timezone.now() - datetime.timedelta(hours=1, minutes=30),
    )
    client.force_login(organiser)

    response = client.post(reverse("events:attendance", args=[event.pk]), {"attended": [came.pk]})

    assert response.status_code == 302
    entry = InvolvementEntry.objects.get()
    assert entry.place == group
    assert Participation.objects.get(entry=entry).person == jade
    assert Participation.objects.get(entry=entry).minutes == 90 + 30
    page = client.get(response.url).content.decode()
    assert "Attendance is saved in the group&#x27;s involvement log." in page
    client.force_login(jade)
    log = client.get(reverse("places:log", args=[group.pk])).content.decode()
    assert event.title in log


def test_a_meeting_only_for_members_cannot_be_planned_in_the_collectives_own_place(
    plan: Callable[..., Event],
) -> None:
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError, match="members only"):
        plan(audience=Audience.MEMBERS)
    assert not Event.objects.exists()


def test_a_place_that_is_not_one_is_a_404(client: Client, group: Place, organiser: User) -> None:
    client.force_login(organiser)
    create = reverse("events:create")
    for query in ("?place=99999", "?place=abc", "?place=", "?project=99999", "?collective=nope"):
        assert client.get(create + query).status_code == 404, query
        assert client.post(create + query, _form()).status_code == 404, query
    assert client.get(reverse("events:place_list", args=[99999])).status_code == 404
    assert not Event.objects.exists()


def test_old_links_with_a_project_or_a_collective_still_plan_in_its_place(
    client: Client, project: Project, collective: Collective, organiser: User
) -> None:
    client.force_login(organiser)

    client.post(reverse("events:create") + f"?project={project.pk}", _form(title="Old link 1"))
    client.post(
        reverse("events:create") + f"?collective={collective.slug}",
        _form(title="Old link 2", audience="collective"),
    )

    assert Event.objects.get(title="Old link 1").place == project.place
    assert Event.objects.get(title="Old link 2").place.kind == "collective"


def test_every_kind_of_place_links_to_its_meetings_and_events(
    group: Place, project: Project
) -> None:
    for place in (group, project.place, Place.objects.get(kind="collective")):
        links = [link for section in place_navigation(place) for link in section.links]
        assert any(
            link.label == "Meetings and events"
            and link.url == reverse("events:place_list", args=[place.pk])
            for link in links
        ), place.kind


def test_a_places_list_costs_the_same_with_1_or_10_events(
    client: Client,
    group: Place,
    organiser: User,
    plan: Callable[..., Event],
    django_assert_max_num_queries: Callable,
) -> None:
    plan(place=group, audience=Audience.MEMBERS)
    client.force_login(organiser)
    url = reverse("events:place_list", args=[group.pk])
    with django_assert_max_num_queries(12) as one:
        client.get(url)
    for number in range(9):
        plan(place=group, audience=Audience.MEMBERS, title=f"Meeting {number}")
    with django_assert_max_num_queries(len(one.captured_queries)):
        assert client.get(url).status_code == 200
