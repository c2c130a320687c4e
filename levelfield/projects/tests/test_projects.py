"""Starting a project, seeing it, and changing its details."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django.urls import reverse

from levelfield.collectives.models import Collective
from levelfield.collectives.tests.factories import (
    CollectiveFactory,
    CollectiveMembershipFactory,
)
from levelfield.history.models import Change
from levelfield.people.models import PerspectiveKind, User, Visibility
from levelfield.people.tests.factories import PerspectiveFactory, UserFactory
from levelfield.places.models import PlaceMembership
from levelfield.projects.models import Project, Stage
from levelfield.projects.tests.factories import (
    InvolvementEntryFactory,
    ParticipationFactory,
    ProjectFactory,
    ProjectMembershipFactory,
)
from levelfield.projects.tests.pages import error_summary_links, member_groups, text

NEW_PROJECT = {
    "title": "Talking after stroke",
    "summary": "What helps people find words again.\n\nAnd what gets in the way.",
    "topics": " stroke, aphasia,, Stroke ",
    "stage": Stage.IDENTIFYING,
}


# Starting a project


def test_a_collective_member_starts_a_project_and_is_its_first_member(
    client: Client, collective: Collective, member: User
) -> None:
    CollectiveMembershipFactory(person=member)  # a second collective, so it must be chosen
    client.force_login(member)
    url = f"{reverse('projects:create')}?collective={collective.slug}"

    page = client.get(url).content.decode()
    response = client.post(url, {**NEW_PROJECT, "collective": collective.slug})

    assert f"The project will be part of <strong>{collective.name}</strong>" in page
    project = Project.objects.get(title="Talking after stroke")
    assert response.status_code == 302
    assert response["Location"] == reverse("projects:detail", args=[project.pk])
    assert project.collective == collective
    assert project.created_by == member
    assert project.topics == "stroke, aphasia"
    assert list(project.place.memberships.values_list("person", flat=True)) == [member.pk]
    change = Change.objects.get(project=project)
    assert change.actor == member
    assert change.action == "created"
    assert change.collective == collective
    assert change.after["title"] == "Talking after stroke"
    assert change.after["stage"] == "Identifying and prioritising"


def test_someone_in_one_collective_starts_a_project_there_without_choosing(
    client: Client, collective: Collective, member: User
) -> None:
    client.force_login(member)

    page = client.get(reverse("projects:create")).content.decode()
    client.post(reverse("projects:create"), {**NEW_PROJECT, "collective": collective.slug})

    assert 'type="radio" value="stroke-voices"' not in page
    assert f'type="hidden" name="collective" value="{collective.slug}"' in page
    assert Project.objects.get(title="Talking after stroke").collective == collective


@pytest.mark.parametrize("query", ["", "?collective=no-such-place", "?collective=other-people"])
def test_someone_in_several_collectives_chooses_one_of_their_own(
    client: Client, collective: Collective, member: User, query: str
) -> None:
    CollectiveFactory(name="Other people", slug="other-people")
    second = CollectiveMembershipFactory(person=member).collective
    client.force_login(member)

    page = client.get(reverse("projects:create") + query).content.decode()
    client.post(reverse("projects:create") + query, {**NEW_PROJECT, "collective": second.slug})

    assert "Which collective is the project part of?" in page
    assert f'value="{collective.slug}"' in page
    assert f'value="{second.slug}"' in page
    assert 'value="other-people"' not in page
    assert Project.objects.get(title="Talking after stroke").collective == second


def test_nobody_can_start_a_project_in_a_collective_they_are_not_in(
    client: Client, collective: Collective, member: User, outsider: User
) -> None:
    CollectiveMembershipFactory(person=outsider)
    client.force_login(outsider)
    url = f"{reverse('projects:create')}?collective={collective.slug}"

    response = client.post(url, {**NEW_PROJECT, "collective": collective.slug})

    assert response.status_code == 200
    errors = error_summary_links(response.content.decode())
    assert (
        "Choose one of your collectives. You can only start a project in a collective you "
        "belong to." in errors
    )
    assert errors[next(iter(errors))] == "#id_collective_0"
    assert not Project.objects.filter(title="Talking after stroke").exists()


def test_someone_in_no_collective_is_told_to_join_one_first(
    client: Client, outsider: User
) -> None:
    client.force_login(outsider)
    projects_before = Project.objects.count()  # the world's own

    get = client.get(reverse("projects:create"))
    post = client.post(reverse("projects:create"), NEW_PROJECT)

    assert "You are not in a collective yet" in get.content.decode()
    assert reverse("collectives:list") in get.content.decode()
    assert post.status_code == 200
    assert Project.objects.count() == projects_before


def test_a_project_without_a_title_or_summary_shows_errors_by_each_field(
    client: Client, collective: Collective, member: User
) -> None:
    client.force_login(member)
    projects_before = Project.objects.count()  # the world's own

    response = client.post(
        reverse("projects:create"), {"collective": collective.slug, "stage": "nonsense"}
    )

    html = response.content.decode()
    assert "<title>Error: Start a project – Levelfield</title>" in html
    assert error_summary_links(html) == {
        "Enter a project title": "#id_title",
        "Enter a plain-English summary of the project": "#id_summary",
        "Select a valid choice. nonsense is not one of the available choices.": "#id_stage_0",
    }
    assert Project.objects.count() == projects_before


# The list of your projects


def test_the_list_shows_your_projects_grouped_by_collective(
    client: Client, project: Project, member: User
) -> None:
    other = ProjectMembershipFactory(
        person=member, project__title="Carers and sleep", project__stage=Stage.ANALYSIS
    ).project
    ProjectFactory(title="Somebody else’s project")
    client.force_login(member)

    html = client.get(reverse("projects:list")).content.decode()

    words = text(html)
    # Two members: Mo and Cora.
    assert (
        "Riverside Co-production Collective Project Current stage Members "
        "Living well after a stroke Design 2" in words
    )
    assert f"{other.collective.name} " in words
    assert "Carers and sleep Analysis 1" in words
    assert "Somebody else" not in html


def test_someone_with_no_projects_is_told_how_to_get_one(client: Client, outsider: User) -> None:
    client.force_login(outsider)
    html = client.get(reverse("projects:list")).content.decode()
    assert "You are not in any projects yet" in html
    assert reverse("projects:create") in html


# The project page


def test_the_project_page_shows_members_under_each_perspective_they_share(
    client: Client, project: Project, member: User, coordinator: User
) -> None:
    PerspectiveFactory(person=member, kind=PerspectiveKind.LIVED_EXPERIENCE)
    PerspectiveFactory(person=member, kind=PerspectiveKind.CARER)
    PerspectiveFactory(person=coordinator, kind=PerspectiveKind.RESEARCHER)
    private = UserFactory(display_name="Priya", perspectives_visibility=Visibility.ONLY_ME)
    PerspectiveFactory(person=private, kind=PerspectiveKind.OTHER, in_own_words="Secret")
    ProjectMembershipFactory(project=project, person=private)
    nothing_recorded = UserFactory(display_name="Nia")
    ProjectMembershipFactory(project=project, person=nothing_recorded)
    client.force_login(member)

    html = client.get(reverse("projects:detail", args=[project.pk])).content.decode()

    assert member_groups(html) == {
        "Lived experience of a condition": ["Mo"],
        "Carer": ["Mo"],
        "Researcher": ["Amara"],
        "Perspective not shared": ["Cora", "Priya", "Nia"],
    }
    assert "Secret" not in html
    assert reverse("home:person", args=[coordinator.pk]) in html
    # The coordinator job is shown as a tag beside the name, once per listing.
    assert re.search(r"Amara</a>\s*<strong class=\"govuk-tag govuk-tag--blue\">Coordinator", html)


def test_the_project_page_shows_the_research_cycle_with_the_current_stage_marked(
    client: Client, project: Project, member: User
) -> None:
    client.force_login(member)

    html = client.get(reverse("projects:detail", args=[project.pk])).content.decode()

    stages = re.findall(
        r"<li( aria-current=\"step\")?>(.*?)</li>", html.split("levelfield-stage-list")[1]
    )
    assert [text(label).replace(" current stage", "") for _, label in stages] == Stage.labels
    assert [text(label) for current, label in stages if current] == ["Design current stage"]


def test_the_project_page_shows_its_details_and_the_latest_involvement(
    client: Client, project: Project, member: User
) -> None:
    for day in range(1, 8):
        entry = InvolvementEntryFactory(
            project=project, title=f"Meeting {day}", happened_on=f"2026-03-0{day}"
        )
        ParticipationFactory(entry=entry, person=member, minutes=90)
    client.force_login(member)

    html = client.get(reverse("projects:detail", args=[project.pk])).content.decode()

    words = text(html)
    assert "Project in Riverside Co-production Collective" in words
    assert reverse("collectives:detail", args=[project.collective.slug]) in html
    assert "stroke" in words and "rehabilitation" in words
    assert "7 entries so far, with 10.5 hours given in total." in words
    assert "Meeting 7" in words and "Meeting 3" in words
    assert "Meeting 2" not in words
    assert "7 Mar 2026 Meeting 7 Design 1.5 hours" in words
    for name in ("invite", "edit", "history"):
        assert reverse(f"projects:{name}", args=[project.pk]) in html
    for name in ("log", "log_add"):
        assert reverse(f"places:{name}", args=[project.place.pk]) in html


@pytest.mark.parametrize("size", [1, 20])
def test_the_project_page_needs_the_same_queries_for_1_or_20_members_and_entries(
    client: Client,
    project: Project,
    member: User,
    size: int,
    django_assert_max_num_queries: object,
) -> None:
    people = [member]
    for _ in range(size - 1):
        person = UserFactory()
        PerspectiveFactory(person=person)
        ProjectMembershipFactory(project=project, person=person)
        people.append(person)
    for number in range(size):
        entry = InvolvementEntryFactory(project=project, title=f"Entry {number}")
        ParticipationFactory(entry=entry, person=people[number % len(people)])
    client.force_login(member)

    # 13 the first time: the perspective groups' sizes, the time given and the number of
    # entries are counted in the database (four queries), so a project of 10,000 members
    # lists only its first 50; then they are cached per version of the project (two
    # queries). The navigation reads the place's version, and the first time its counts
    # (open decisions, open tasks, impact drafts waiting to be published): kept after.
    with django_assert_max_num_queries(17):
        response = client.get(reverse("projects:detail", args=[project.pk]))
    with django_assert_max_num_queries(10):
        again = client.get(reverse("projects:detail", args=[project.pk]))

    assert response.status_code == 200
    assert again.content == response.content


def test_the_project_page_counts_a_new_member_and_new_time_at_once(
    client: Client, project: Project, member: User
) -> None:
    """The page's counts are cached per version: a member or an entry added (even
    without the services, as imports do) shows on the next request."""
    client.force_login(member)
    before = client.get(reverse("projects:detail", args=[project.pk])).context
    newcomer = UserFactory()
    PerspectiveFactory(person=newcomer)
    ProjectMembershipFactory(project=project, person=newcomer)

    def members(context: object) -> int:
        return sum(size for _, _, size, _ in context["perspective_groups"])

    joined = client.get(reverse("projects:detail", args=[project.pk])).context
    assert members(joined) == members(before) + 1

    entry = InvolvementEntryFactory(project=project)
    ParticipationFactory(entry=entry, person=newcomer, minutes=90)
    response = client.get(reverse("projects:detail", args=[project.pk]))

    assert response.context["total_minutes"] == before["total_minutes"] + 90
    assert response.context["entry_count"] == before["entry_count"] + 1


# Changing the details


def test_a_member_changes_the_details_and_the_history_keeps_before_and_after(
    client: Client, project: Project, member: User, coordinator: User
) -> None:
    client.force_login(member)
    url = reverse("projects:edit", args=[project.pk])

    form = client.get(url).content.decode()
    response = client.post(
        url,
        {
            "title": "Living well after a stroke",
            "summary": project.summary,
            "topics": "stroke, rehabilitation",
            "stage": Stage.ETHICS,
        },
    )

    assert 'value="Living well after a stroke"' in form
    assert response.status_code == 302
    project.refresh_from_db()
    assert project.stage == Stage.ETHICS
    change = Change.objects.get(project=project, action="updated")
    assert change.actor == member
    assert change.before == {"stage": "Design"}
    assert change.after == {"stage": "Ethics and approvals"}
    assert change.summary == "Mo changed the project’s current stage"


def test_saving_unchanged_details_adds_nothing_to_the_history(
    client: Client, project: Project, member: User
) -> None:
    client.force_login(member)
    changes_before = Change.objects.filter(project=project).count()  # Fern left it

    client.post(
        reverse("projects:edit", args=[project.pk]),
        {
            "title": project.title,
            "summary": project.summary,
            "topics": project.topics,
            "stage": project.stage,
        },
    )

    assert Change.objects.filter(project=project).count() == changes_before


def test_an_edit_with_errors_changes_nothing_and_says_what_to_fix(
    client: Client, project: Project, member: User
) -> None:
    client.force_login(member)

    response = client.post(
        reverse("projects:edit", args=[project.pk]),
        {"title": "", "summary": "Still here", "stage": Stage.DESIGN},
    )

    html = response.content.decode()
    assert error_summary_links(html) == {"Enter a project title": "#id_title"}
    assert '<h1 class="govuk-heading-l">Edit the project’s details</h1>' in html
    assert "Living well after a stroke" in html  # the caption still shows the saved title
    project.refresh_from_db()
    assert project.title == "Living well after a stroke"
    # Cora still the only coordinator: the edit gave nobody the job.
    assert list(
        PlaceMembership.objects.of_project(project)
        .filter(coordinator_since__isnull=False)
        .values_list("person__display_name", flat=True)
    ) == ["Cora"]
