"""A member of a collective asks to join one of its projects; a project member accepts
or declines. The asker sees only what anyone in the collective may see, the project's
members are emailed when someone asks, and the asker when it is answered."""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError
from django.test import Client
from django.urls import reverse

from levelfield.collectives.tests.factories import CollectiveMembershipFactory
from levelfield.history.models import Change
from levelfield.lib.testing.world import World
from levelfield.notifications.models import Notification
from levelfield.people.models import User
from levelfield.people.tests.factories import UserFactory
from levelfield.places.models import JoinRequest, JoinRequestStatus, PlaceMembership
from levelfield.projects import services
from levelfield.projects.models import (
    Project,
)
from levelfield.projects.tests.factories import (
    InvolvementEntryFactory,
    ProjectJoinRequestFactory,
)
from levelfield.projects.tests.pages import error_summary_links, text

OnCommit = Callable[..., AbstractContextManager]


@pytest.fixture
def asker(project: Project) -> User:
    """In the project's collective, not in the project."""
    person = UserFactory(display_name="Sol", email="sol@example.org")
    CollectiveMembershipFactory(collective=project.collective, person=person)
    return person


def _collective_page(client: Client, project: Project) -> str:
    return client.get(
        reverse("collectives:detail", args=[project.collective.slug])
    ).content.decode()


def test_a_member_asks_to_join_a_project_and_a_project_member_accepts(
    client: Client,
    world: World,
    project: Project,
    member: User,
    coordinator: User,
    asker: User,
    mailoutbox: list,
    django_capture_on_commit_callbacks: OnCommit,
) -> None:
    client.force_login(asker)
    collective_page = _collective_page(client, project)
    ask_url = reverse("projects:join_request", args=[project.pk])
    # No dead link to a page Sol cannot open: an "Ask to join" link instead.
    assert f'href="{reverse("projects:detail", args=[project.pk])}"' not in collective_page
    assert ask_url in collective_page
    assert "Ask to join Living well after a stroke" in text(collective_page)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(ask_url, {"message": "I had a stroke in 2019 and can help."})

    assert response["Location"] == reverse("collectives:detail", args=[project.collective.slug])
    assert "You asked to join" in text(_collective_page(client, project))
    join_request = JoinRequest.objects.get()
    assert (join_request.person, join_request.status) == (asker, JoinRequestStatus.PENDING)
    assert sorted(mail.to[0] for mail in mailoutbox) == sorted(
        [coordinator.email, member.email, world.coordinator.email]
    )
    assert mailoutbox[0].subject == "Levelfield: Sol asks to join “Living well after a stroke”"
    assert "I had a stroke in 2019 and can help." in mailoutbox[0].body
    assert f"/places/{project.place.pk}/members/" in mailoutbox[0].body
    mailoutbox.clear()

    client.force_login(member)
    members_page = client.get(
        reverse("projects:members", args=[project.pk]), follow=True
    ).content.decode()
    assert "Sol, asked on" in text(members_page)
    assert "I had a stroke in 2019 and can help." in members_page
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("projects:join_request_accept", args=[project.pk, join_request.pk]))

    assert PlaceMembership.objects.of_project(project).filter(person=asker).exists()
    join_request.refresh_from_db()
    assert (join_request.status, join_request.answered_by) == (JoinRequestStatus.ACCEPTED, member)
    assert [mail.to for mail in mailoutbox] == [["sol@example.org"]]
    assert (
        mailoutbox[0].subject
        == "Levelfield: Your request to join “Living well after a stroke” is accepted"
    )
    assert "Mo accepted your request" in mailoutbox[0].body
    # Left out: the world's own change, from before (Fern leaving the project).
    history = Change.objects.filter(project=project).exclude(actor=world.former).order_by("id")
    assert [(c.action, c.actor, c.summary) for c in history] == [
        ("join_requested", asker, "Sol asked to join the project"),
        ("join_request_accepted", member, "Mo accepted Sol’s request to join the project"),
    ]
    client.force_login(asker)
    assert client.get(reverse("projects:detail", args=[project.pk])).status_code == 200


def test_a_project_member_declines_with_a_reason_and_the_asker_is_told(
    client: Client,
    project: Project,
    member: User,
    asker: User,
    mailoutbox: list,
    django_capture_on_commit_callbacks: OnCommit,
) -> None:
    join_request = ProjectJoinRequestFactory(project=project, person=asker)
    client.force_login(member)

    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("projects:join_request_decline", args=[project.pk, join_request.pk]),
            {"reason": "We are full until the spring."},
        )

    join_request.refresh_from_db()
    assert join_request.status == JoinRequestStatus.DECLINED
    assert join_request.decline_reason == "We are full until the spring."
    assert not PlaceMembership.objects.in_projects().filter(person=asker).exists()
    assert [mail.to for mail in mailoutbox] == [["sol@example.org"]]
    assert "declined your request" in mailoutbox[0].body
    assert "We are full until the spring." in mailoutbox[0].body
    change = Change.objects.get(action="join_request_declined")
    assert (change.actor, change.after) == (member, {"reason": "We are full until the spring."})
    # Once answered, Sol may ask again later.
    client.force_login(asker)
    assert "Ask to join" in text(_collective_page(client, project))


def test_the_ask_page_shows_only_what_the_collective_may_see(
    client: Client, project: Project, member: User, coordinator: User, asker: User
) -> None:
    InvolvementEntryFactory(project=project, title="Secret interview notes")
    client.force_login(asker)

    html = client.get(reverse("projects:join_request", args=[project.pk])).content.decode()

    words = text(html)
    assert "Ask to join “Living well after a stroke”" in words
    assert project.summary in words
    assert "Design" in words and "3 people" in words  # Cora, Mo and Amara
    assert "Mo" not in words and "Amara" not in words
    assert "Secret interview notes" not in words
    assert "stroke, rehabilitation" not in words  # topics are for members


def test_asking_twice_keeps_one_waiting_request(
    client: Client,
    project: Project,
    asker: User,
    mailoutbox: list,
    django_capture_on_commit_callbacks: OnCommit,
) -> None:
    client.force_login(asker)
    url = reverse("projects:join_request", args=[project.pk])
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {"message": "First"})
        page = client.post(url, {"message": "Second"})
    assert page.status_code == 200
    assert "You asked to join on" in text(page.content.decode())
    assert JoinRequest.objects.get().message == "First"
    assert len(mailoutbox) == 2  # Mo and Cora, once each
    with pytest.raises(ValidationError):
        services.project_join_request_create(project=project, person=asker, message="Third")
    with pytest.raises(IntegrityError):
        JoinRequest.objects.create(place=project.place, person=asker)


def test_a_message_that_is_too_long_is_explained_and_kept(
    client: Client, project: Project, asker: User
) -> None:
    client.force_login(asker)
    response = client.post(
        reverse("projects:join_request", args=[project.pk]), {"message": "x" * 2001}
    )
    assert error_summary_links(response.content.decode()) == {
        "Keep your message under 2,000 characters": "#id_message"
    }
    assert "x" * 2001 in response.content.decode()
    assert not JoinRequest.objects.exists()


def test_a_request_is_answered_once(
    client: Client, project: Project, member: User, coordinator: User, asker: User
) -> None:
    join_request = ProjectJoinRequestFactory(project=project, person=asker)
    client.force_login(member)
    accept = reverse("projects:join_request_accept", args=[project.pk, join_request.pk])
    decline = reverse("projects:join_request_decline", args=[project.pk, join_request.pk])
    client.post(accept)
    client.force_login(coordinator)
    response = client.post(decline, {"reason": "Too late"})
    client.post(accept)

    assert "already been answered" in text(client.get(response["Location"]).content.decode())
    assert PlaceMembership.objects.of_project(project).filter(person=asker).count() == 1
    assert JoinRequest.objects.get().status == JoinRequestStatus.ACCEPTED
    assert Change.objects.filter(action__startswith="join_request_").count() == 1


def test_someone_who_left_the_collective_cannot_be_accepted(
    client: Client, project: Project, member: User, asker: User
) -> None:
    join_request = ProjectJoinRequestFactory(project=project, person=asker)
    PlaceMembership.objects.in_collectives().filter(person=asker).delete()
    client.force_login(member)

    response = client.post(
        reverse("projects:join_request_accept", args=[project.pk, join_request.pk])
    )

    assert "Sol has left Riverside Co-production Collective" in text(
        client.get(response["Location"]).content.decode()
    )
    assert not PlaceMembership.objects.in_projects().filter(person=asker).exists()
    assert JoinRequest.objects.get().status == JoinRequestStatus.PENDING


def test_only_project_members_answer_even_through_the_service(
    project: Project, asker: User, outsider: User, mailoutbox: list
) -> None:
    join_request = ProjectJoinRequestFactory(project=project, person=asker)
    other_asker = UserFactory()
    CollectiveMembershipFactory(collective=project.collective, person=other_asker)
    for actor in (outsider, other_asker, asker):
        with pytest.raises(PermissionDenied):
            services.project_join_request_accept(join_request=join_request, actor=actor)
        with pytest.raises(PermissionDenied):
            services.project_join_request_decline(join_request=join_request, actor=actor)
    assert JoinRequest.objects.get().status == JoinRequestStatus.PENDING
    assert not PlaceMembership.objects.in_projects().filter(person=asker).exists()
    assert mailoutbox == []


def test_a_project_member_cannot_ask_and_an_outsider_cannot_ask_through_the_service(
    project: Project, member: User, outsider: User
) -> None:
    for person in (member, outsider):
        with pytest.raises(ValidationError):
            services.project_join_request_create(project=project, person=person)
    assert not JoinRequest.objects.exists()


def test_a_project_in_another_collective_is_not_found(
    client: Client, project: Project, outsider: User
) -> None:
    client.force_login(outsider)
    assert client.get(reverse("projects:join_request", args=[project.pk])).status_code == 404
    assert client.get(reverse("projects:join_request", args=[999999])).status_code == 404


def test_join_request_emails_are_queued_with_the_change_and_sent_after_it_commits(
    world: World,
    project: Project,
    member: User,
    asker: User,
    mailoutbox: list,
    django_capture_on_commit_callbacks: OnCommit,
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        join_request = services.project_join_request_create(
            project=project, person=asker, message="I can help."
        )
        notified = Notification.objects.filter(kind="join_request").values_list(
            "person", flat=True
        )
        assert sorted(notified) == sorted([member.pk, world.coordinator.pk])
        assert mailoutbox == []
    assert sorted(mail.to[0] for mail in mailoutbox) == sorted(
        [member.email, world.coordinator.email]
    )
    for asked in mailoutbox:
        assert "List-Unsubscribe" in asked.extra_headers
    mailoutbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        services.project_join_request_decline(
            join_request=join_request, actor=member, reason="We are full."
        )

    [email] = mailoutbox
    assert (
        email.subject
        == "Levelfield: Your request to join “Living well after a stroke” was declined"
    )
    collective_url = f"http://127.0.0.1:8000/collectives/{project.collective.slug}/"
    assert collective_url in email.body
    assert "We are full." in email.alternatives[0][0]
    notice = Notification.objects.get(person=asker)
    assert notice.link == f"/collectives/{project.collective.slug}/"
