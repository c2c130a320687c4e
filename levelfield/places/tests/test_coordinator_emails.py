"""The person asked to take the coordinator job is told by email, with a link to the
place's members page where they say yes or no; someone who volunteers is not emailed."""

from __future__ import annotations

import re
from collections.abc import Callable
from contextlib import AbstractContextManager

import pytest
from django.test import Client

from levelfield.collectives.roles import memberships_of
from levelfield.lib.testing.world import World
from levelfield.notifications.models import Notification
from levelfield.places import coordinator
from levelfield.places.coordinator import Asked

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("clock")]

Committed = Callable[..., AbstractContextManager]

# (the place, who asks, who is asked, the words for the place in the subject)
KINDS = {
    "collective": (
        "collective_place",
        "coordinator",
        "member",
        "Riverside Co-production Collective",
    ),
    "project": (
        "project_place",
        "coordinator",
        "member",
        "the project “Living well after a stroke”",
    ),
    "group": ("group", "member", "group_member", "the group “Allies Group”"),
}


def _path(url: str) -> str:
    return re.sub(r"^https?://[^/]+", "", url)


@pytest.mark.parametrize("kind", KINDS)
def test_a_member_asked_to_coordinate_gets_an_email_leading_to_yes_or_no(
    client: Client,
    world: World,
    kind: str,
    mailoutbox: list,
    django_capture_on_commit_callbacks: Committed,
) -> None:
    place_name, asker_name, asked_name, where = KINDS[kind]
    place = getattr(world, place_name)
    asker, asked = getattr(world, asker_name), getattr(world, asked_name)
    membership = memberships_of(place.owner).get(person=asked)

    with django_capture_on_commit_callbacks(execute=True):
        outcome = coordinator.coordinator_ask(
            membership=membership, asked_by=asker, reason="chosen at the May meeting"
        )
        assert mailoutbox == []

    assert outcome is Asked.ASKED
    [email] = mailoutbox
    assert email.to == [asked.email]
    assert email.subject == (
        f"Levelfield: {asker.name} asked you to take on the coordinator job in {where}"
    )
    assert "Why: chosen at the May meeting" in email.body
    assert "List-Unsubscribe" in email.extra_headers
    link = f"http://127.0.0.1:8000/places/{place.pk}/members/"
    assert link in email.body
    assert f'href="{link}"' in email.alternatives[0][0]
    client.force_login(asked)
    page = client.get(_path(link)).content.decode()
    assert "Yes, I will coordinate" in page and "No, thank you" in page

    # Asking again while they have not answered sends nothing more.
    with django_capture_on_commit_callbacks(execute=True):
        again = coordinator.coordinator_ask(membership=membership, asked_by=asker)
    assert again is Asked.ALREADY_ASKED
    assert len(mailoutbox) == 1


def test_volunteering_sends_no_email(
    world: World, mailoutbox: list, django_capture_on_commit_callbacks: Committed
) -> None:
    membership = memberships_of(world.group).get(person=world.group_member)

    with django_capture_on_commit_callbacks(execute=True):
        outcome = coordinator.coordinator_ask(membership=membership, asked_by=world.group_member)

    assert outcome is Asked.VOLUNTEERED
    assert mailoutbox == []
    assert not Notification.objects.filter(kind="coordinator").exists()
