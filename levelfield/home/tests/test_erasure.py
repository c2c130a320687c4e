"""Erasure is complete: after deleting their account, nothing others keep names the
person, under any name or address they ever used, even where they had already left."""

from __future__ import annotations

import json

import pytest
from allauth.account.models import EmailAddress
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from levelfield.collectives.tests.factories import CollectiveFactory, CollectiveMembershipFactory
from levelfield.history.models import Change
from levelfield.history.services import change_record
from levelfield.home.services import person_delete
from levelfield.invitations.models import Invitation
from levelfield.invitations.tests.factories import ProjectInvitationFactory
from levelfield.jobs.testing import prepared
from levelfield.lib.testing.world import World
from levelfield.people.models import FormerDetail
from levelfield.people.services import profile_update
from levelfield.people.tests.factories import PASSWORD, UserFactory
from levelfield.places.models import PlaceMembership
from levelfield.projects import services as project_services
from levelfield.projects.models import (
    ActivityKind,
    InvolvementEntry,
    Stage,
)
from levelfield.projects.tests.factories import (
    ProjectFactory,
    ProjectMembershipFactory,
)

pytestmark = pytest.mark.django_db

FIRST_NAME, NEW_NAME = "Bronwen", "Bryn"
OLD_ADDRESS, NEW_ADDRESS = "bronwen.old@example.org", "bryn@example.net"


def _rename(person: object, name: str) -> None:
    profile_update(
        person=person,
        display_name=name,
        perspectives={},
        perspectives_visibility=person.perspectives_visibility,
        skills="",
        interests="",
        skills_visibility=person.skills_visibility,
        access_needs="",
        communication_preferences=[],
        phone="",
        payment_preference=person.payment_preference,
        health_data_consent=False,
    )


def _change_address(client: Client, person: object) -> None:
    """Through allauth's own pages, as the person would: add an address, make it the
    main one, remove the old one."""
    client.force_login(person)
    client.post(reverse("account_email"), {"action_add": "", "email": NEW_ADDRESS})
    EmailAddress.objects.filter(email=NEW_ADDRESS).update(verified=True)
    client.post(reverse("account_email"), {"action_primary": "", "email": NEW_ADDRESS})
    client.post(reverse("account_email"), {"action_remove": "", "email": OLD_ADDRESS})
    person.refresh_from_db()
    assert person.email == NEW_ADDRESS
    assert not EmailAddress.objects.filter(email=OLD_ADDRESS).exists()


def _every_text_kept() -> str:
    """Everything others keep that could name someone, as one string."""
    changes = [
        f"{c.summary} {json.dumps(c.before)} {json.dumps(c.after)}" for c in Change.objects.all()
    ]
    entries = [
        f"{e.title} {e.description} {e.what_changed}" for e in InvolvementEntry.objects.all()
    ]
    invitations = [f"{i.email} {i.message}" for i in Invitation.objects.all()]
    return "\n".join(changes + entries + invitations)


def test_someone_who_changed_name_and_address_and_left_a_project_is_erased_everywhere(
    client: Client, world: World
) -> None:
    cora, collective, left_project = world.coordinator, world.collective, world.project
    # Bronwen is new to Riverside: the test looks for her names and addresses in every
    # text kept, which none of the world's people may share.
    person = UserFactory(display_name=FIRST_NAME, email=OLD_ADDRESS)
    # Invited at the old address, joined under the first name, then left the project.
    change_record(
        actor=cora,
        action="invited",
        summary=f"Cora invited {OLD_ADDRESS}",
        collective=collective,
        after={"email": OLD_ADDRESS},
    )
    CollectiveMembershipFactory(collective=collective, person=person)
    ProjectInvitationFactory(project=left_project, email=OLD_ADDRESS, invited_by=cora)
    project_services.project_member_add(project=left_project, person=person, added_by=cora)
    project_services.involvement_entry_create(
        place=left_project.place,
        recorded_by=cora,
        title=f"Interview with {FIRST_NAME}",
        happened_on=timezone.localdate(),
        stage=Stage.DESIGN,
        kind=ActivityKind.MEETING,
        participants={person: 60, cora: 60},
    )
    project_services.project_leave(project=left_project, person=person)
    # Later: a new name and a new address, and a project under the new name.
    _rename(person, NEW_NAME)
    _change_address(client, person)
    current = ProjectFactory(collective=collective, title="Diet study")
    ProjectMembershipFactory(project=current, person=cora)
    project_services.project_member_add(project=current, person=person, added_by=cora)
    before = _every_text_kept()
    assert all(word in before for word in (FIRST_NAME, NEW_NAME, OLD_ADDRESS))
    assert set(person.former_details.values_list("kind", "value")) == {
        (FormerDetail.Kind.NAME, FIRST_NAME),
        (FormerDetail.Kind.EMAIL, OLD_ADDRESS),
    }

    person_delete(person=person)

    after = _every_text_kept()
    for word in (FIRST_NAME, NEW_NAME, OLD_ADDRESS, NEW_ADDRESS, "bronwen.old", "bryn@"):
        assert word.lower() not in after.lower(), word
    assert "Cora invited A former member" in after
    assert "Interview with A former member" in after
    assert "Cora" in after, "other people's names stay"
    assert not FormerDetail.objects.exists()
    assert not Invitation.objects.filter(email=OLD_ADDRESS).exists()


def test_a_namesake_elsewhere_keeps_their_name(client: Client, world: World) -> None:
    person = UserFactory(display_name="Sam")  # a name no one in the world has
    ours = CollectiveMembershipFactory(collective=world.collective, person=person).collective
    elsewhere = CollectiveFactory(name="Hilltop Voices", slug="hilltop")  # a second collective
    change_record(actor=None, action="note", summary="Sam joined", collective=elsewhere)
    change_record(actor=None, action="note", summary="Sam wrote this", collective=ours)

    person_delete(person=person)

    assert Change.objects.get(collective=elsewhere).summary == "Sam joined"
    assert (
        Change.objects.get(collective=ours, action="note").summary == "A former member wrote this"
    )


def test_names_and_addresses_used_before_are_in_the_persons_own_download(
    client: Client, world: World
) -> None:
    person = world.member
    _rename(person, NEW_NAME)
    client.force_login(person)

    data = prepared(client, reverse("home:my_data_download")).json()

    assert data["names_and_addresses_you_used_before"][0]["value"] == "Mo"


def test_deleting_through_the_page_also_erases_the_collectives_history(
    client: Client, world: World
) -> None:
    person, collective = world.former, world.collective  # Fern left Riverside
    members = set(PlaceMembership.objects.of_collective(collective).values_list("pk", flat=True))
    client.force_login(person)

    client.post(reverse("home:delete_account"), {"password": PASSWORD})

    assert (
        set(PlaceMembership.objects.of_collective(collective).values_list("pk", flat=True))
        == members
    )
    summaries = list(
        Change.objects.filter(collective=collective).values_list("summary", flat=True)
    )
    assert "A former member left the collective" in summaries
    assert not [summary for summary in summaries if "Fern" in summary]
