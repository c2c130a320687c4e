"""Starting a collective and seeing the ones you belong to."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from levelfield.collectives.models import Collective, CollectiveKind
from levelfield.collectives.services import collective_create
from levelfield.collectives.tests.factories import (
    CollectiveFactory,
    CollectiveMembershipFactory,
)
from levelfield.history.models import Change
from levelfield.people.models import User
from levelfield.places.models import PlaceMembership
from levelfield.projects.tests.factories import ProjectFactory


def _create(client: Client, **data: str) -> object:
    fields = {"name": "Bradford Young Carers", "kind": CollectiveKind.CHARITY, "description": ""}
    return client.post(reverse("collectives:create"), {**fields, **data})


def test_someone_creates_a_collective_and_becomes_its_first_coordinator(
    client: Client, outsider: User
) -> None:
    client.force_login(outsider)
    page = client.get(reverse("collectives:create"))
    assert "Create a collective" in page.content.decode()

    response = _create(client, description="Young carers shaping research about them.")

    collective = Collective.objects.get(name="Bradford Young Carers")
    assert response.status_code == 302
    assert response.url == reverse("collectives:detail", args=["bradford-young-carers"])
    assert collective.slug == "bradford-young-carers"
    assert collective.kind == CollectiveKind.CHARITY
    assert collective.created_by == outsider
    membership = PlaceMembership.objects.of_collective(collective).get()
    assert membership.person == outsider
    assert membership.is_coordinator
    actions = set(Change.objects.filter(collective=collective).values_list("action", flat=True))
    assert actions == {"created", "joined"}
    home = client.get(response.url).content.decode()
    assert "You started Bradford Young Carers" in home
    assert "Young carers shaping research about them." in home


def test_a_name_that_is_taken_gets_a_number_added_to_its_address(
    client: Client, outsider: User
) -> None:
    CollectiveFactory(name="Bradford Young Carers", slug="bradford-young-carers")
    client.force_login(outsider)
    _create(client)
    _create(client)
    slugs = set(
        Collective.objects.filter(name="Bradford Young Carers").values_list("slug", flat=True)
    )
    assert slugs == {"bradford-young-carers", "bradford-young-carers-2", "bradford-young-carers-3"}


@pytest.mark.parametrize(
    ("name", "slug"),
    [
        ("New", "new-2"),
        ("Join", "join-2"),
        ("Ωμέγα ☂", "collective"),
        ("  Spaced   out ", "spaced-out"),
    ],
)
def test_addresses_never_clash_with_the_apps_own_pages(
    outsider: User, name: str, slug: str
) -> None:
    collective = collective_create(
        name=name, kind=CollectiveKind.OTHER, description="", created_by=outsider
    )
    assert collective.slug == slug


def test_a_collective_without_a_name_is_refused_with_a_clear_message(
    client: Client, outsider: User
) -> None:
    client.force_login(outsider)
    before = Collective.objects.count()
    response = _create(client, name="   ", kind="")
    html = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in html
    assert "Enter the collective&#x27;s name" in html
    assert "Choose what kind of group it is" in html
    assert Collective.objects.count() == before


def test_a_name_with_line_breaks_becomes_one_line(client: Client, outsider: User) -> None:
    client.force_login(outsider)
    _create(client, name="Carers\r\nSubject: hello")
    assert Collective.objects.get(created_by=outsider).name == "Carers Subject: hello"


def test_the_list_shows_only_the_collectives_you_belong_to_with_their_sizes(
    client: Client, collective: Collective, member: User, outsider: User
) -> None:
    ProjectFactory(collective=collective)  # a second one, beside the world's project
    elsewhere = CollectiveFactory(name="Somewhere else")
    CollectiveMembershipFactory(collective=elsewhere, person=outsider)
    client.force_login(member)

    response = client.get(reverse("collectives:list"))

    html = response.content.decode()
    assert list(response.context["collectives"]) == [collective]
    row = response.context["collectives"][0]
    # Cora, Mo, Gita and Cal (Fern left); the world's project and the one made here.
    assert (row.member_count, row.project_count) == (4, 2)
    assert "Riverside Co-production Collective" in html
    assert "Somewhere else" not in html
    assert reverse("collectives:create") in html


def test_someone_in_no_collective_is_told_how_to_get_started(
    client: Client, outsider: User
) -> None:
    client.force_login(outsider)
    html = client.get(reverse("collectives:list")).content.decode()
    assert "You are not in a collective yet" in html
    assert "Create a collective" in html
