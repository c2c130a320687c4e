"""Deleting an account removes the notices sent to every address the person used,
including invitations sent before they had an account."""

from __future__ import annotations

import pytest
from allauth.account.models import EmailAddress

from levelfield.home.services import person_delete
from levelfield.invitations.services import invitations_send
from levelfield.lib.testing.world import World
from levelfield.notifications.models import Notification, Suppression
from levelfield.notifications.services import (
    notification_send,
    unsubscribe_apply,
    unsubscribe_read,
    unsubscribe_token,
)
from levelfield.people.tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_deleting_an_account_forgets_the_notices_sent_to_each_of_its_addresses(
    committed, world: World
):
    collective = world.collective
    inviter = world.member
    with committed():
        # Sam is invited at a work and a home address before having an account.
        invitations_send(
            place=collective,
            invited_by=inviter,
            emails=["sam@work.example.org", "Sam@Home.example.org"],
            days=14,
            accept_url_for=lambda invitation: f"http://testserver/invitations/{invitation.token}/",
        )
    assert Notification.objects.filter(person__isnull=True).count() == 2
    unsubscribe_apply(
        request=unsubscribe_read(
            unsubscribe_token(kind="invitation", email="sam@work.example.org")
        )
    )
    sam = UserFactory(email="sam@work.example.org", display_name="Sam")
    EmailAddress.objects.create(user=sam, email="Sam@Home.example.org", verified=True)
    with committed():
        notification_send(
            kind="coordinator", person=sam, context={"subject": "Asked", "message": "Asked."}
        )
    someone_else = UserFactory(email="kit@example.org")
    with committed():
        notification_send(
            kind="coordinator", person=someone_else, context={"subject": "Hi", "message": "."}
        )

    person_delete(person=sam)

    assert list(Notification.objects.values_list("email", flat=True)) == ["kit@example.org"]
    # Their own request not to be emailed is kept (see Suppression).
    assert Suppression.objects.filter(email="sam@work.example.org").exists()
