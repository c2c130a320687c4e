"""Your data: download everything held about you, or delete your account."""

from __future__ import annotations

import json

import pytest
from allauth.account.models import EmailAddress
from axes.models import AccessAttempt, AccessLog
from django.db.models import Sum
from django.test import Client
from django.urls import reverse

from levelfield.collectives.tests.factories import (
    CollectiveMembershipFactory,
)
from levelfield.history.models import Change
from levelfield.history.services import change_record
from levelfield.invitations.tests.factories import (
    CollectiveInvitationFactory,
    ProjectInvitationFactory,
)
from levelfield.jobs.testing import prepared
from levelfield.lib.testing.world import World
from levelfield.people.models import Perspective, PerspectiveKind, User
from levelfield.people.tests.factories import PASSWORD, PerspectiveFactory, UserFactory
from levelfield.projects.models import Participation
from levelfield.projects.tests.factories import (
    InvolvementEntryFactory,
    ParticipationFactory,
    ProjectMembershipFactory,
)

pytestmark = pytest.mark.django_db


def _person_with_a_history(world: World) -> dict[str, object]:
    """Robin, who joined Riverside as a coordinator and the world's project, gave time
    beside Mo and made changes. A newcomer rather than one of the world's people: the
    tests look for her name and addresses everywhere, which no one else may share."""
    person = UserFactory(
        email="robin@example.org", display_name="Robin", access_needs="Hearing loop"
    )
    PerspectiveFactory(person=person, kind=PerspectiveKind.CARER, in_own_words="For my dad")
    EmailAddress.objects.create(user=person, email="robin.home@example.org", verified=False)
    collective_membership = CollectiveMembershipFactory(
        collective=world.collective, person=person, is_coordinator=True
    )
    project = world.project
    ProjectMembershipFactory(project=project, person=person)
    teammate = world.member
    entry = InvolvementEntryFactory(project=project, recorded_by=person, title="Topic guide")
    ParticipationFactory(entry=entry, person=person, minutes=180)
    ParticipationFactory(entry=entry, person=teammate, minutes=60)
    CollectiveInvitationFactory(
        collective=collective_membership.collective, invited_by=person, email="ash@example.org"
    )
    ProjectInvitationFactory(project=project, invited_by=person, email="")
    change_record(
        actor=person, action="updated", summary="Robin changed the stage", project=project
    )
    return {"person": person, "project": project, "collective": collective_membership.collective}


def test_a_person_downloads_everything_held_about_them(client, world):
    history = _person_with_a_history(world)
    client.force_login(history["person"])

    response = prepared(client, reverse("home:my_data_download"))

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    assert response["Content-Disposition"].startswith('attachment; filename="levelfield-my-data-')
    data = json.loads(response.content)
    assert data["profile"][0]["email"] == "robin@example.org"
    assert data["profile"][0]["access_needs"] == "Hearing loop"
    assert data["perspectives"] == [{"perspective": "Carer", "in_your_own_words": "For my dad"}]
    assert {a["email"] for a in data["email_addresses"]} == {
        "robin@example.org",
        "robin.home@example.org",
    }
    in_collective, in_project = data["memberships"]
    assert in_collective["kind"] == "Collective"
    assert in_collective["collective"] == history["collective"].name
    assert in_collective["coordinator_since"] is not None
    assert (in_project["kind"], in_project["project"]) == ("Project", history["project"].title)
    assert {i["sent_to"] for i in data["invitations_sent"]} == {
        "ash@example.org",
        "",  # a shareable link
    }
    assert data["involvement"] == [
        {
            "project": history["project"].title,
            "group": "",
            "collective": history["collective"].name,
            "what_happened": "Topic guide",
            "date": "2026-10-01",
            "stage": "Design",
            "minutes": 180,
        }
    ]
    assert data["involvement_entries_recorded"][0]["what_happened"] == "Topic guide"
    assert [c["summary"] for c in data["changes_you_made"]] == ["Robin changed the stage"]


def test_the_download_holds_nothing_about_other_people(client, world):
    history = _person_with_a_history(world)
    # Mo, Robin's teammate, with an address and needs of his own.
    User.objects.filter(pk=world.member.pk).update(
        email="other@example.org", access_needs="Other's needs"
    )
    client.force_login(history["person"])

    text = prepared(client, reverse("home:my_data_download")).content.decode()

    assert "other@example.org" not in text
    assert "Other's needs" not in text


def test_the_my_data_page_explains_what_is_held_and_what_deleting_does(client, world):
    client.force_login(world.member)

    html = client.get(reverse("home:my_data")).content.decode()

    assert reverse("home:my_data_download") in html
    assert reverse("home:delete_account") in html
    assert "a former member" in html


def test_deleting_needs_the_right_password(client, world):
    person = world.member
    client.force_login(person)

    response = client.post(reverse("home:delete_account"), {"password": "not-my-password"})

    html = response.content.decode()
    assert response.status_code == 200
    assert "govuk-error-summary" in html
    assert 'id="id_password-error"' in html
    assert User.objects.filter(pk=person.pk).exists()


def test_the_delete_page_warns_about_projects_nobody_else_could_look_after(client, world):
    person = world.collective_member
    # Cal alone in a second project of Riverside, and with Mo in a third.
    alone = ProjectMembershipFactory(
        person=person, project__collective=world.collective, project__title="Sleep study"
    ).project
    shared = ProjectMembershipFactory(
        person=person, project__collective=world.collective, project__title="Diet study"
    ).project
    ProjectMembershipFactory(project=shared, person=world.member)
    client.force_login(person)

    html = client.get(reverse("home:delete_account")).content.decode()

    assert f"the project {alone.title}" in html
    assert f"the project {shared.title}" not in html


def test_deleting_an_account_removes_the_person_but_keeps_project_totals(client, world):
    history = _person_with_a_history(world)
    person, project = history["person"], history["project"]
    client.post(reverse("account_login"), {"login": "robin@example.org", "password": PASSWORD})
    Client().post(
        reverse("account_login"), {"login": "robin@example.org", "password": "wrong-password"}
    )
    assert AccessLog.objects.filter(username="robin@example.org").exists()
    assert AccessAttempt.objects.filter(username="robin@example.org").exists()
    total_before = Participation.objects.filter(entry__place__project=project).aggregate(
        total=Sum("minutes")
    )["total"]

    response = client.post(reverse("home:delete_account"), {"password": PASSWORD})

    assert response.status_code == 302
    assert response["Location"] == reverse("home")
    assert not User.objects.filter(pk=person.pk).exists()
    assert not EmailAddress.objects.filter(email__icontains="robin").exists()
    assert not Perspective.objects.filter(person_id=person.pk).exists()
    assert not Change.objects.filter(actor_id=person.pk).exists()
    assert not Participation.objects.filter(person_id=person.pk).exists()
    assert not AccessAttempt.objects.filter(username__icontains="robin").exists()
    assert not AccessLog.objects.filter(username__icontains="robin").exists()
    total_after = Participation.objects.filter(entry__place__project=project).aggregate(
        total=Sum("minutes")
    )["total"]
    assert total_after == total_before == 240
    former = Participation.objects.get(entry__place__project=project, person__isnull=True)
    assert former.person_name == "A former member"
    assert former.minutes == 180
    assert Change.objects.filter(
        action="account_deleted", project=project, actor__isnull=True
    ).exists()
    assert Change.objects.filter(
        action="account_deleted", collective=history["collective"], actor__isnull=True
    ).exists()
    assert "_auth_user_id" not in client.session
    assert client.get(reverse("people:profile")).status_code == 302
    home = client.get(reverse("home")).content.decode()
    assert "Your account and your details have been deleted" in home


def test_after_deletion_the_history_keeps_what_changed_but_not_who_it_was(client, world):
    history = _person_with_a_history(world)
    person, project = history["person"], history["project"]
    change_record(
        actor=None,
        action="left",
        summary="Robin left the project",
        project=project,
        before={"member": "Robin", "email": "robin@example.org"},
    )
    client.force_login(person)

    client.post(reverse("home:delete_account"), {"password": PASSWORD})

    texts = [
        f"{change.summary} {change.before} {change.after}"
        for change in Change.objects.filter(project=project)
    ]
    assert texts, "the project's history is kept"
    assert not any("Robin" in text or "robin@" in text for text in texts)
    assert any("A former member changed the stage" in text for text in texts)


def test_a_get_request_never_deletes_an_account(client, world):
    person = world.member
    client.force_login(person)

    client.get(reverse("home:delete_account"), {"password": PASSWORD})

    assert User.objects.filter(pk=person.pk).exists()
