"""The project's history: every change, who made it, when, and what it was before."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from levelfield.history.models import Change
from levelfield.history.services import change_record
from levelfield.people.models import User
from levelfield.people.tests.factories import UserFactory
from levelfield.projects import services
from levelfield.projects.models import ActivityKind, Project, Stage
from levelfield.projects.tests.pages import text


def test_the_history_lists_changes_to_the_project_members_and_log_newest_first(
    client: Client, project: Project, member: User, coordinator: User
) -> None:
    services.project_update(
        project=project,
        actor=member,
        title="Life after a stroke",
        summary=project.summary,
        topics=project.topics,
        stage=Stage.ETHICS,
    )
    entry = services.involvement_entry_create(
        place=project.place,
        recorded_by=coordinator,
        title="Ethics form reading",
        happened_on=timezone.localdate(),
        stage=Stage.ETHICS,
        kind=ActivityKind.REVIEW,
        participants={member: 60},
    )
    services.involvement_entry_update(
        entry=entry,
        actor=member,
        title="Ethics form reading",
        happened_on=entry.happened_on,
        stage=Stage.ETHICS,
        kind=ActivityKind.REVIEW,
        participants={member: 90},
    )
    services.project_leave(project=project, person=coordinator)
    client.force_login(member)

    words = text(client.get(reverse("projects:history", args=[project.pk])).content.decode())

    order = [
        "Amara left the project",
        "Mo corrected “Ethics form reading” in the involvement log",
        "Amara recorded “Ethics form reading” in the involvement log",
        "Mo changed the project’s title and current stage",
    ]
    positions = [words.index(summary) for summary in order]
    assert positions == sorted(positions)
    assert (
        "by Mo Values before and after the change What Before After "
        "Who took part Mo: 1 hour Mo: 1.5 hours" in words
    )
    assert (
        "What Before After Stage Design Ethics and approvals "
        "Title Living well after a stroke Life after a stroke" in words
    )


def test_a_change_by_someone_who_has_since_deleted_their_account_is_kept(
    client: Client, project: Project, member: User
) -> None:
    gone = UserFactory(display_name="Gwen")
    change_record(actor=gone, action="updated", summary="Gwen changed the title", project=project)
    gone.delete()
    client.force_login(member)

    words = text(client.get(reverse("projects:history", args=[project.pk])).content.decode())

    assert "Gwen changed the title" in words
    assert "by A former member" in words


def test_changes_to_other_projects_are_not_shown(
    client: Client, project: Project, member: User
) -> None:
    other = services.project_create(
        collective=project.collective, created_by=member, title="Another", summary="Other."
    )
    client.force_login(member)

    response = client.get(reverse("projects:history", args=[project.pk]))
    words = text(response.content.decode())

    assert other.title not in words
    # Only the world project's own change (Fern leaving it) is listed.
    assert "Fern left the project" in words
    assert len(response.context["page"].object_list) == 1


# A page past the end is not found, as on every paged list (levelfield.lib.paging).
@pytest.mark.parametrize(
    ("page_number", "shown"), [("1", 25), ("2", 5), ("abc", 25), ("99", None)]
)
def test_the_history_is_paginated_and_a_bad_page_number_is_not_an_error(
    client: Client, project: Project, member: User, page_number: str, shown: int
) -> None:
    # The world's project already has one change (Fern left it), so 31 in all.
    assert Change.objects.filter(project=project).count() == 1
    for number in range(30):
        change_record(actor=member, action="updated", summary=f"Change {number}", project=project)
    client.force_login(member)

    response = client.get(reverse("projects:history", args=[project.pk]), {"page": page_number})

    if shown is None:
        assert response.status_code == 404
        return
    assert response.status_code == 200
    assert len(response.context["page"].object_list) == (shown + 1 if shown == 5 else shown)


@pytest.mark.parametrize("size", [1, 20])
def test_the_history_needs_the_same_queries_for_1_or_20_changes(
    client: Client,
    project: Project,
    member: User,
    size: int,
    django_assert_max_num_queries: object,
) -> None:
    actors = [UserFactory(display_name=f"Actor{number}") for number in range(size)]
    for number, actor in enumerate(actors):
        change_record(
            actor=actor,
            action="updated",
            summary=f"Change number {number}",
            project=project,
            before={"title": f"Before {number}"},
            after={"title": f"After {number}"},
        )
    client.force_login(member)

    with django_assert_max_num_queries(7):
        response = client.get(reverse("projects:history", args=[project.pk]))

    # The queries were enough to show every change with who made it and its values.
    assert response.status_code == 200
    words = text(response.content.decode())
    for number in range(size):
        assert re.search(rf"Change number {number} [^.]*? by Actor{number} ", words)
        assert f"Title Before {number} After {number}" in words
