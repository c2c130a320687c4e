"""Standing groups inside a collective: the Allies Group co-creating a new way of making
decisions, a young people's advisory group. Anyone in the collective starts or joins
one; its members keep its involvement log, and the time they give is claimed like any
other; people outside the collective never see it."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from levelfield.collectives import roles
from levelfield.history.models import Change
from levelfield.lib.testing.world import World
from levelfield.places import services
from levelfield.places.models import Place, PlaceKind, PlaceMembership
from levelfield.projects.models import InvolvementEntry

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("clock")]

# The world's Allies Group was started by Mo; Gita joined it; Cal is in Riverside but in
# no group; Olu is outside; Fern has left.


def test_a_member_starts_a_group_from_the_collectives_home(client: Client, world: World) -> None:
    founder = world.collective_member
    client.force_login(founder)
    home = client.get(reverse("collectives:detail", args=["riverside"])).content.decode()
    assert reverse("places:group_create", args=["riverside"]) in home

    response = client.post(
        reverse("places:group_create", args=["riverside"]),
        {"name": "  Young People's   Advisory Group ", "purpose": "Young people steer our work."},
    )

    group = Place.objects.filter(kind=PlaceKind.GROUP).exclude(pk=world.group.pk).get()
    assert response["Location"] == reverse("places:group", args=[group.pk])
    assert (group.name, group.collective) == ("Young People's Advisory Group", world.collective)
    assert list(PlaceMembership.objects.filter(place=group).values_list("person", flat=True)) == [
        founder.pk
    ]
    assert Change.objects.filter(collective=world.collective, action="group_created").count() == 2
    home = client.get(reverse("collectives:detail", args=["riverside"])).content.decode()
    assert "Young People&#x27;s Advisory Group" in home and "1 member, including you" in home


def test_an_empty_form_names_each_field_and_saves_nothing(client: Client, world: World) -> None:
    client.force_login(world.collective_member)

    response = client.post(reverse("places:group_create", args=["riverside"]), {"name": " "})

    page = response.content.decode()
    assert response.status_code == 200
    assert "Enter a name for the group" in page and "Say what the group is for" in page
    assert list(Place.objects.filter(kind=PlaceKind.GROUP)) == [world.group]


def test_a_collective_member_sees_the_group_joins_it_and_records_time(
    client: Client, world: World
) -> None:
    group, cal = world.group, world.collective_member
    client.force_login(cal)
    page = client.get(reverse("places:group", args=[group.pk])).content.decode()
    assert "Co-creating a new way" in page and "Join the group" in page
    assert client.get(reverse("places:log", args=[group.pk])).status_code == 404

    client.post(reverse("places:group_join", args=[group.pk]))
    client.post(reverse("places:group_join", args=[group.pk]))  # twice changes nothing

    assert PlaceMembership.objects.filter(place=group, person=cal).count() == 1
    assert roles.may(cal, roles.Action.RECORD_INVOLVEMENT, group.owner)
    response = client.post(
        reverse("places:log_add", args=[group.pk]),
        {
            "title": "Allies Group meeting",
            "happened_on": "2026-06-05",
            "kind": "meeting",
            f"took_part_{cal.pk}": "on",
            f"hours_{cal.pk}": "2",
        },
    )
    assert response.status_code == 302
    entry = InvolvementEntry.objects.get()
    assert entry.place == group and entry.stage == ""
    assert entry.participations.get().minutes == 120


def test_leaving_asks_first_and_keeps_the_time_given(client: Client, world: World) -> None:
    group, gita = world.group, world.group_member
    client.force_login(gita)

    confirm = client.get(reverse("places:group_leave", args=[group.pk]))
    assert confirm.status_code == 200 and "Leave the group" in confirm.content.decode()
    assert PlaceMembership.objects.filter(place=group, person=gita).exists()

    response = client.post(reverse("places:group_leave", args=[group.pk]))

    assert response["Location"] == reverse("collectives:detail", args=["riverside"])
    assert not PlaceMembership.objects.filter(place=group, person=gita).exists()
    # Fern's leaving Riverside is in the history too: this is Gita's leaving the group.
    assert Change.objects.filter(
        collective=group.collective, action="left", actor=gita, subject_type="placemembership"
    ).exists()


@pytest.mark.parametrize("who", ["outsider", "former"])
def test_people_outside_the_collective_get_not_found(
    client: Client, world: World, who: str
) -> None:
    group = world.group
    client.force_login(getattr(world, who))
    for name in ("places:group", "places:log", "places:group_leave"):
        assert client.get(reverse(name, args=[group.pk])).status_code == 404
    assert client.post(reverse("places:group_join", args=[group.pk])).status_code == 404
    assert client.get(reverse("places:group_create", args=["riverside"])).status_code == 404
    assert set(PlaceMembership.objects.filter(place=group).values_list("person", flat=True)) == {
        world.member.pk,
        world.group_member.pk,
    }


def test_a_wrong_id_or_a_project_place_is_not_a_group(client: Client, world: World) -> None:
    client.force_login(world.collective_member)
    collective_place = world.collective_place
    assert client.get(reverse("places:group", args=[999_999])).status_code == 404
    assert client.get(reverse("places:group", args=[collective_place.pk])).status_code == 404
    assert client.get(reverse("places:group_leave", args=[collective_place.pk])).status_code == 404


@pytest.mark.parametrize("who", ["outsider", "former"])
def test_joining_is_only_for_the_collectives_members(world: World, who: str) -> None:
    with pytest.raises(ValidationError, match="Only members of the collective"):
        services.group_join(group=world.group, person=getattr(world, who))


def test_correcting_a_groups_entry_keeps_the_research_stage_it_was_logged_with(
    client: Client, world: World
) -> None:
    group, founder = world.group, world.member
    # A review of a researcher's plan at its design stage is logged in the research
    # partners group with that stage; the group's form has no stage field to lose it by.
    entry = services.involvement_entry_write(
        place=group,
        actor=founder,
        values=services.EntryValues(
            title="Review of a plan",
            happened_on=datetime.date(2026, 6, 1),
            kind="meeting",
            stage="design",
        ),
        participants={founder.pk: 60},
    )
    client.force_login(founder)
    response = client.post(
        reverse("places:log_edit", args=[group.pk, entry.pk]),
        {
            "title": "Review of a plan (corrected)",
            "happened_on": "2026-06-01",
            "kind": "meeting",
            f"took_part_{founder.pk}": "on",
            f"hours_{founder.pk}": "1.5",
        },
    )
    assert response.status_code == 302
    entry.refresh_from_db()
    assert (entry.title, entry.stage) == ("Review of a plan (corrected)", "design")
    assert entry.participations.get().minutes == 90
