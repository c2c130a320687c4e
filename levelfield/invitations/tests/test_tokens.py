"""Invitation tokens are stored hashed: the database holds nothing that opens an
invitation, the link works, and links sent before the move to one address still work."""

from __future__ import annotations

import hashlib
import importlib
import re
from collections.abc import Callable
from contextlib import AbstractContextManager
from datetime import timedelta

import pytest
from django.apps import apps as global_apps
from django.db.models import Model
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from levelfield.collectives.models import Collective
from levelfield.invitations.models import Invitation
from levelfield.invitations.tests.factories import (
    CollectiveInvitationFactory,
    ProjectInvitationFactory,
)
from levelfield.notifications.models import Notification
from levelfield.people.models import User
from levelfield.places.models import PlaceMembership
from levelfield.projects.models import Project


def _every_value_in_the_table(model: type[Model] = Invitation) -> str:
    return " ".join(str(value) for row in model.objects.values_list() for value in row)


def test_the_database_keeps_only_a_hash_of_an_emailed_invitations_token(
    client: Client,
    project: Project,
    member: User,
    mailoutbox: list,
    django_capture_on_commit_callbacks: Callable[..., AbstractContextManager],
) -> None:
    client.force_login(member)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("projects:invite", args=[project.pk]),
            {"form": "email", "email-emails": "sam@example.org", "email-days": "14"},
        )

    token = re.search(r"/invitations/([^/\s]+)/", mailoutbox[0].body).group(1)
    invitation = Invitation.objects.get()
    assert token not in _every_value_in_the_table()
    # The stored notification forgot the email's text once it had gone.
    assert token not in _every_value_in_the_table(Notification)
    assert invitation.token_hash == hashlib.sha256(token.encode()).hexdigest()
    # The hash itself opens nothing.
    assert client.get(reverse("invitations:join", args=[invitation.token_hash])).status_code == 404
    assert client.get(reverse("invitations:join", args=[token])).status_code in (200, 403)


def test_the_database_keeps_only_a_hash_of_a_shareable_links_token(
    client: Client, collective: Collective, member: User
) -> None:
    client.force_login(member)
    response = client.post(
        reverse("collectives:invite", args=[collective.slug]), {"form": "link", "link-days": "7"}
    )
    page = client.get(response.url).content.decode()
    token = re.search(r'value="http://testserver/invitations/([^"/]+)/"', page).group(1)
    assert token not in _every_value_in_the_table()
    assert "only time we show it" in page


@pytest.mark.parametrize("old", ["collectives", "projects"])
def test_an_address_emailed_before_the_move_redirects_to_the_join_page_changing_nothing(
    client: Client, collective: Collective, project: Project, old: str
) -> None:
    invitation = (
        CollectiveInvitationFactory(collective=collective)
        if old == "collectives"
        else ProjectInvitationFactory(project=project)
    )
    before = list(Invitation.objects.values())

    response = client.get(f"/{old}/join/{invitation.token}/")

    assert response.status_code == 301
    assert response["Location"] == reverse("invitations:join", args=[invitation.token])
    assert client.get(response["Location"]).status_code == 200
    assert client.post(f"/{old}/join/{invitation.token}/").status_code == 405
    assert list(Invitation.objects.values()) == before


@pytest.mark.django_db(transaction=True)
def test_a_token_from_before_the_move_still_opens_its_invitation(
    collective: Collective, project: Project, member: User, sam: User
) -> None:
    """The data migration: old rows with plain tokens become hashed rows that the same
    link opens."""
    migration = importlib.import_module("levelfield.invitations.migrations.0001_initial")

    class OldRow:
        def __init__(self, pk: int, place: str, place_id: int, token: str, email: str) -> None:
            now = timezone.now()
            self.pk, self.token, self.email = pk, token, email
            setattr(self, f"{place}_id", place_id)
            self.message, self.invited_by_id, self.accepted_by_id = "", member.pk, None
            self.created_at, self.expires_at = now, now + timedelta(days=14)
            self.accepted_at = self.declined_at = self.revoked_at = None
            self.times_used = 0

    class OldModel:
        def __init__(self, name: str, rows: list[OldRow]) -> None:
            self.rows = rows
            self._meta = type("Meta", (), {"model_name": name})
            self.objects = self

        def order_by(self, *_: str) -> OldModel:
            return self

        def iterator(self) -> list[OldRow]:
            return self.rows

    old_models = {
        ("collectives", "CollectiveInvitation"): OldModel(
            "collectiveinvitation",
            [OldRow(1, "collective", collective.pk, "old-collective-token", "sam@example.org")],
        ),
        ("projects", "ProjectInvitation"): OldModel(
            "projectinvitation", [OldRow(1, "project", project.pk, "old-project-token", "")]
        ),
    }

    class Apps:
        def get_model(self, app: str, name: str) -> object:
            return old_models.get((app, name)) or global_apps.get_model(app, name)

    migration.move_old_invitations(Apps(), None)

    client = Client()
    client.force_login(sam)
    for token in ("old-collective-token", "old-project-token"):
        assert token not in _every_value_in_the_table()
        assert client.get(f"/invitations/{token}/").status_code == 200
        client.post(f"/invitations/{token}/accept/")
    assert PlaceMembership.objects.of_collective(collective).filter(person=sam).exists()
    assert PlaceMembership.objects.of_project(project).filter(person=sam).exists()


def test_projects_honour_the_sites_invitation_days(
    client: Client, project: Project, member: User, settings: object
) -> None:
    settings.INVITATION_DAYS = 21
    client.force_login(member)
    page = client.get(reverse("projects:invite", args=[project.pk])).content.decode()
    assert re.search(r'value="21" checked', page)

    client.post(
        reverse("projects:invite", args=[project.pk]),
        {"form": "email", "email-emails": "sam@example.org", "email-days": "21"},
    )
    expires = Invitation.objects.get().expires_at - timezone.now()
    assert timedelta(days=20) < expires <= timedelta(days=21)


def test_someone_opens_an_invitation_from_their_home_page_and_joins(
    client: Client, project: Project, sam: User
) -> None:
    """The home page has no token to link to, so it opens invitations to the person's
    own verified address by number; nobody else can open them that way."""
    invitation = ProjectInvitationFactory(project=project, email="SAM@example.org")
    client.force_login(sam)
    home = client.get(reverse("home")).content.decode()
    url = reverse("invitations:join_yours", args=[invitation.pk])
    assert url in home
    assert client.get(url).status_code == 200

    response = client.post(reverse("invitations:accept_yours", args=[invitation.pk]))

    assert response["Location"] == project.get_absolute_url()
    assert PlaceMembership.objects.of_project(project).filter(person=sam).exists()


def test_nobody_else_can_open_an_invitation_by_its_number(
    client: Client, project: Project, outsider: User
) -> None:
    invitation = ProjectInvitationFactory(project=project, email="sam@example.org")
    client.force_login(outsider)
    for name in ("join_yours", "accept_yours", "decline_yours"):
        url = reverse(f"invitations:{name}", args=[invitation.pk])
        response = client.get(url) if name == "join_yours" else client.post(url)
        assert response.status_code == 404
    assert not PlaceMembership.objects.in_projects().filter(person=outsider).exists()
