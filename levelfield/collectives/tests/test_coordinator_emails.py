"""The person asked to take the coordinator job is told by email, with a link to where
they say yes or no; someone who volunteers is not emailed about it."""

from __future__ import annotations

import re
from collections.abc import Callable
from contextlib import AbstractContextManager

from django.test import Client

from levelfield.collectives import coordinator_job
from levelfield.collectives.coordinator_job import Asked
from levelfield.collectives.models import Collective, CollectiveMembership
from levelfield.notifications.models import Notification
from levelfield.people.models import User
from levelfield.projects.models import ProjectMembership
from levelfield.projects.tests.factories import ProjectFactory, ProjectMembershipFactory

Committed = Callable[..., AbstractContextManager]


def _path(url: str) -> str:
    return re.sub(r"^https?://[^/]+", "", url)


def test_a_member_asked_to_coordinate_gets_an_email_leading_to_yes_or_no(
    client: Client,
    collective: Collective,
    coordinator: User,
    member: User,
    mailoutbox: list,
    django_capture_on_commit_callbacks: Committed,
) -> None:
    membership = CollectiveMembership.objects.get(collective=collective, person=member)

    with django_capture_on_commit_callbacks(execute=True):
        outcome = coordinator_job.coordinator_ask(
            membership=membership, asked_by=coordinator, reason="chosen at the May meeting"
        )
        assert mailoutbox == []

    assert outcome is Asked.ASKED
    [email] = mailoutbox
    assert email.to == [member.email]
    assert email.subject == (
        "Levelfield: Cora asked you to take on the coordinator job in Leeds Carers Collective"
    )
    assert "Why: chosen at the May meeting" in email.body
    assert "List-Unsubscribe" in email.extra_headers
    link = re.search(r"http://127\.0\.0\.1:8000/collectives/leeds-carers/", email.body).group(0)
    assert f'href="{link}"' in email.alternatives[0][0]
    client.force_login(member)
    page = client.get(_path(link)).content.decode()
    assert "Yes, I will coordinate" in page and "No, thank you" in page

    # Asking again while they have not answered sends nothing more.
    with django_capture_on_commit_callbacks(execute=True):
        again = coordinator_job.coordinator_ask(membership=membership, asked_by=coordinator)
    assert again is Asked.ALREADY_ASKED
    assert len(mailoutbox) == 1


def test_volunteering_sends_no_email(
    collective: Collective,
    member: User,
    mailoutbox: list,
    django_capture_on_commit_callbacks: Committed,
) -> None:
    membership = CollectiveMembership.objects.get(collective=collective, person=member)

    with django_capture_on_commit_callbacks(execute=True):
        outcome = coordinator_job.coordinator_ask(membership=membership, asked_by=member)

    assert outcome is Asked.VOLUNTEERED
    assert mailoutbox == []
    assert not Notification.objects.exists()


def test_a_project_member_asked_to_coordinate_is_sent_to_the_members_page(
    client: Client,
    collective: Collective,
    coordinator: User,
    member: User,
    mailoutbox: list,
    django_capture_on_commit_callbacks: Committed,
) -> None:
    project = ProjectFactory(collective=collective, title="Life after stroke")
    ProjectMembershipFactory(project=project, person=coordinator)
    ProjectMembershipFactory(project=project, person=member)
    membership = ProjectMembership.objects.get(project=project, person=member)

    with django_capture_on_commit_callbacks(execute=True):
        coordinator_job.coordinator_ask(membership=membership, asked_by=coordinator)

    [email] = mailoutbox
    assert email.subject == (
        "Levelfield: Cora asked you to take on the coordinator job in the project "
        "“Life after stroke”"
    )
    link = f"http://127.0.0.1:8000/projects/{project.pk}/members/"
    assert link in email.body
    assert "Why:" not in email.body
    client.force_login(member)
    assert "Yes, I will coordinate" in client.get(_path(link)).content.decode()
