"""Invitations for tests. Each carries its plain token (`invitation.token`), as a
just-created invitation does, so a test can open its link; the database keeps the hash."""

from __future__ import annotations

from typing import Any

import factory

from levelfield.collectives.tests.factories import CollectiveFactory
from levelfield.invitations.models import Invitation, invitation_token_new
from levelfield.people.tests.factories import UserFactory
from levelfield.projects.tests.factories import ProjectFactory


class CollectiveInvitationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Invitation

    class Params:
        collective = factory.SubFactory(CollectiveFactory)

    place = factory.LazyAttribute(lambda invitation: invitation.collective.own_place)
    email = factory.Sequence(lambda n: f"invitee{n}@example.org")
    invited_by = factory.SubFactory(UserFactory)
    token = factory.LazyFunction(invitation_token_new)

    @classmethod
    def _create(cls, model_class: type[Invitation], *args: Any, token: str, **kwargs: Any) -> Any:
        invitation = model_class(*args, **kwargs)
        invitation.set_token(token)
        invitation.save()
        return invitation


class ProjectInvitationFactory(CollectiveInvitationFactory):
    class Params:
        collective = None
        project = factory.SubFactory(ProjectFactory)

    place = factory.LazyAttribute(lambda invitation: invitation.project.place)
    email = factory.Sequence(lambda n: f"project-invitee{n}@example.org")
