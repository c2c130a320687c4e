"""The map by research stage, the searchable list, the shared starter set and the
project page's suggestions."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from levelfield.collectives.models import Collective
from levelfield.history.models import Change
from levelfield.home.services import person_delete
from levelfield.people.models import User
from levelfield.projects.models import Stage
from levelfield.projects.tests.factories import ProjectFactory, ProjectMembershipFactory
from levelfield.resources import demo, links, services
from levelfield.resources.models import Audience, Resource, Status, Topic
from levelfield.resources.search import resources_search, search_terms, search_words
from levelfield.resources.tests.factories import ResourceFactory


def _client(person: User) -> Client:
    client = Client()
    client.force_login(person)
    return client


def test_the_map_shows_each_stage_with_its_resources(collective: Collective, member: User) -> None:
    ResourceFactory(collective=collective, title="Costing involvement", stages=[Stage.FUNDING])
    ResourceFactory(
        collective=collective, title="Plain summaries", stages=[Stage.DESIGN, Stage.DISSEMINATION]
    )
    ResourceFactory(collective=collective, title="Waiting one", status=Status.SUGGESTED)
    ResourceFactory(title="Someone else's guide")
    page = _client(member).get(reverse("resources:map", args=[collective.slug])).content.decode()
    sections = page.split('<section class="levelfield-resource-map__stage"')[1:]
    assert len(sections) == len(Stage.choices)
    by_stage = dict(zip(Stage.values, sections, strict=True))
    assert "Costing involvement" in by_stage["funding"]
    assert (
        "Plain summaries" in by_stage["design"] and "Plain summaries" in by_stage["dissemination"]
    )
    assert "Nothing here yet." in by_stage["ethics"]
    assert "Waiting one" not in page
    assert "Someone else" not in page
    assert "Suggestions (1 waiting)" in page


def test_filtering_by_audience_and_topic_works_without_javascript(
    collective: Collective, member: User
) -> None:
    ResourceFactory(
        collective=collective,
        title="For contributors",
        audiences=[Audience.PUBLIC],
        topics=[Topic.PAYMENT],
    )
    ResourceFactory(
        collective=collective,
        title="For researchers",
        audiences=[Audience.RESEARCHERS],
        topics=[Topic.PAYMENT],
    )
    ResourceFactory(
        collective=collective,
        title="Remote for contributors",
        audiences=[Audience.PUBLIC],
        topics=[Topic.REMOTE],
    )
    url = reverse("resources:map", args=[collective.slug])
    page = _client(member).get(url, {"audience": "public", "topic": "payment"}).content.decode()
    assert "For contributors" in page
    assert "For researchers" not in page and "Remote for contributors" not in page
    assert "1 resource matches your filters" in page
    wrong = _client(member).get(url, {"audience": "martians"}).content.decode()
    assert "There is a problem" in wrong
    assert "For researchers" in wrong  # a bad filter shows everything, never nothing


@pytest.mark.parametrize("rows", [1, 20])
def test_the_map_and_list_take_the_same_queries_however_many_resources(
    collective: Collective, member: User, rows: int, django_assert_max_num_queries
) -> None:
    for _ in range(rows):
        ResourceFactory(collective=collective, stages=[Stage.DESIGN, Stage.ANALYSIS])
    client = _client(member)
    client.get(reverse("resources:map", args=[collective.slug]))  # warm the session
    with django_assert_max_num_queries(12):  # the first time for these filters
        client.get(reverse("resources:map", args=[collective.slug]), {"audience": "public"})
    with django_assert_max_num_queries(7):  # then kept
        client.get(reverse("resources:map", args=[collective.slug]), {"audience": "public"})
    with django_assert_max_num_queries(8):
        client.get(reverse("resources:list", args=[collective.slug]), {"q": "involvement"})


def test_the_list_searches_and_pages(collective: Collective, member: User) -> None:
    ResourceFactory(collective=collective, title="Paying public contributors", summary="Rates.")
    for number in range(30):
        ResourceFactory(
            collective=collective, title=f"Other {number:02}", summary="Something else."
        )
    client = _client(member)
    url = reverse("resources:list", args=[collective.slug])
    found = client.get(url, {"q": "contributors"}).content.decode()
    assert "Paying public contributors" in found and "Other 01" not in found
    everything = client.get(url).content.decode()
    assert "All 31 resources" in everything
    assert 'aria-label="Page 1" aria-current="page"' in everything
    second = client.get(url, {"q": "something", "page": 2}).content.decode()
    assert "q=something&amp;page=1" in second


# The demo's starter set, searched: the same resources on SQLite and PostgreSQL (CI runs
# this file on both). SQLite matches rough stems anywhere in a word, so on other data it
# can find a little more than PostgreSQL's stemmed search. For a search of several
# words these are the resources with all of them, which come first; others follow.
SAME_ON_BOTH = {
    "payment": {
        "NIHR public contributor payment policy",
        "Payment guidance for members of the public considering involvement in research",
        "Payment guidance for researchers and professionals",
    },
    "payments": {
        "NIHR public contributor payment policy",
        "Payment guidance for members of the public considering involvement in research",
        "Payment guidance for researchers and professionals",
    },
    "co-producing research": {
        "Co-production Collective",
        "NIHR guidance on co-producing a research project",
    },
    "remote": {"AbilityNet", "Good Things Foundation"},
    "easy read": {"Accessible communication formats (GOV.UK)"},
    "young people": {"GenerationR: young people's advisory groups"},
    "consent": {"Informing participants and seeking consent (Health Research Authority)"},
    "plain English": {"Be Part of Research", "Free guides (Plain English Campaign)"},
    "benefits": {
        "Payment guidance for members of the public considering involvement in research",
        "Payment guidance for researchers and professionals",
    },
    "priority setting": {"The James Lind Alliance Guidebook"},
    "under-served groups": {"NIHR INCLUDE guidance: improving inclusion of under-served groups"},
    "the": set(),
    "stroke": set(),
}


@pytest.fixture
def starter_set(db: None) -> None:
    for starter in demo.STARTER_SET:
        demo._shared(starter, now=timezone.now())


@pytest.mark.parametrize("text", list(SAME_ON_BOTH))
def test_search_finds_the_same_resources_on_the_demo_data(starter_set: None, text: str) -> None:
    found = [resource.title for resource in resources_search(Resource.objects.shared(), text)]
    expected = SAME_ON_BOTH[text]
    if len(search_terms(text)) > 1:
        assert set(found[: len(expected)]) == expected, connection.vendor
        assert len(found) > len(expected), connection.vendor  # any word finds more
    else:
        assert set(found) == expected, connection.vendor


def test_a_search_finds_any_word_with_all_words_first(db: None) -> None:
    titles = {
        "both": ResourceFactory(title="Remote co-production handbook", summary="How to."),
        "remote": ResourceFactory(title="Running meetings online", summary="Remote calls."),
        "co-production": ResourceFactory(title="Co-production basics", summary="Values."),
        "neither": ResourceFactory(title="Paying people", summary="Rates and benefits."),
    }

    found = list(resources_search(Resource.objects.all(), "remote co-production"))

    assert found[0] == titles["both"]
    assert set(found[1:]) == {titles["remote"], titles["co-production"]}


def test_remote_co_production_finds_the_starter_sets_remote_and_co_production_help(
    starter_set: None,
) -> None:
    found = {r.title for r in resources_search(Resource.objects.shared(), "remote co-production")}
    assert SAME_ON_BOTH["remote"] <= found
    assert "Ladder of co-production (Think Local Act Personal)" in found


def test_co_production_is_found_whatever_the_backend(starter_set: None) -> None:
    found = {r.title for r in resources_search(Resource.objects.shared(), "co-production")}
    assert "Ladder of co-production (Think Local Act Personal)" in found
    assert len(found) >= 6


def test_the_simple_match_drops_common_words_and_endings() -> None:
    assert search_words("The payments for remote meetings") == ["payment", "remot", "meet"]


@pytest.mark.postgres
@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL only")
def test_postgres_ranks_title_matches_first(starter_set: None) -> None:
    found = list(resources_search(Resource.objects.shared(), "payment"))
    assert "payment" in found[0].title.lower()
    assert found[0].rank >= found[-1].rank
    with connection.cursor() as cursor:
        cursor.execute("SELECT indexdef FROM pg_indexes WHERE indexname = 'resources_search_idx'")
        assert "gin" in cursor.fetchone()[0]


def test_a_coordinator_starts_the_map_from_the_shared_starter_set(
    starter_set: None, collective: Collective, coordinator: User, member: User
) -> None:
    url = reverse("resources:start", args=[collective.slug])
    assert f"{len(demo.STARTER_SET)} resources in the starter set" in (
        _client(member).get(url).content.decode()
    )
    assert _client(member).post(url).status_code == 403
    assert not Resource.objects.filter(collective=collective).exists()
    _client(coordinator).post(url)
    copies = Resource.objects.filter(collective=collective, status=Status.ACCEPTED)
    assert copies.count() == len(demo.STARTER_SET)
    copy = copies.get(title="UK Standards for Public Involvement")
    assert len(copy.values_of("stage")) == len(Stage.choices)
    assert Change.objects.filter(action="resources_copied", collective=collective).count() == 1
    # Again: nothing new, nothing doubled.
    assert services.resource_map_copy_shared(collective=collective, actor=coordinator) == 0
    assert copies.count() == len(demo.STARTER_SET)
    # The copy is the collective's own: other collectives' maps stay empty.
    assert (
        Resource.objects.filter(collective__isnull=False).exclude(collective=collective).count()
        == 0
    )


def test_the_project_page_suggests_resources_for_its_current_stage(
    collective: Collective, member: User
) -> None:
    project = ProjectFactory(collective=collective, stage=Stage.FUNDING, title="Stroke study")
    ProjectMembershipFactory(project=project, person=member)
    ResourceFactory(collective=collective, title="Costing involvement", stages=[Stage.FUNDING])
    ResourceFactory(
        collective=collective, title="Coding interviews as a team", stages=[Stage.ANALYSIS]
    )
    ResourceFactory(title="Elsewhere costing", stages=[Stage.FUNDING])
    page = _client(member).get(reverse("projects:detail", args=[project.pk])).content.decode()
    assert "Resources for the funding application stage" in page
    assert "Costing involvement" in page
    assert "Coding interviews as a team" not in page and "Elsewhere costing" not in page
    assert f"/resources/{collective.slug}/#stage-funding" in page


def test_a_busy_stage_shows_the_first_dozen_and_links_to_the_rest(
    collective: Collective, member: User
) -> None:
    for number in range(15):
        ResourceFactory(collective=collective, title=f"Design guide {number:02}")
    page = _client(member).get(reverse("resources:map", args=[collective.slug])).content.decode()
    assert "Design guide 11" in page and "Design guide 12" not in page
    assert f"/resources/{collective.slug}/list/?stage=design" in page
    assert "See all 15" in page


def test_each_stage_heading_reads_with_a_pause_between_number_and_name(
    collective: Collective, member: User
) -> None:
    """A screen reader says "Stage 1 of 9: Identifying ...", never "Stage 1 of 9Identifying"."""
    import re

    ResourceFactory(collective=collective, title="Costing involvement", stages=[Stage.FUNDING])
    page = _client(member).get(reverse("resources:map", args=[collective.slug])).content.decode()
    headings = [
        re.sub(r"<[^>]+>", "", h) for h in re.findall(r'id="stage-[a-z_]+">(.*?)</h2>', page)
    ]
    assert headings[0].startswith(f"Stage 1 of {len(Stage.choices)}: {Stage.choices[0][1]}")


def test_the_kept_map_shows_every_change_at_once(
    collective: Collective, member: User, coordinator: User
) -> None:
    """The map's HTML is kept per version; each change that shows on it moves the version."""
    ResourceFactory(collective=collective, title="First guide")
    url = reverse("resources:map", args=[collective.slug])
    reader = _client(member)
    assert "First guide" in reader.get(url).content.decode()

    services.resource_suggest(
        collective=collective,
        person=coordinator,
        details=services.ResourceDetails(
            title=f"Meeting {member.name}",
            summary="Notes.",
            format="guide",
            cost="free",
            url="https://www.example.org/notes",
            stages=[Stage.DESIGN],
        ),
    )
    page = reader.get(url).content.decode()
    assert f"Meeting {member.name}" in page and "Link may be broken" not in page

    first = Resource.objects.get(title="First guide")
    services.resource_link_record(
        resource_ids=[first.pk], result=links.LinkCheck(False, "Gone"), now=timezone.now()
    )
    assert "Link may be broken" in reader.get(url).content.decode()

    name = member.name
    person_delete(person=member)
    page = _client(coordinator).get(url).content.decode()
    assert f"Meeting {name}" not in page
