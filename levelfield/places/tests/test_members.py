"""Everyone in a place and the coordinator job, the same in a collective, a group and a
project: a member is asked and says yes or no, or volunteers; everyone sees who holds
it and since when; the holder steps down after being asked to confirm; every change is
in the place's history. Who may do what is in roles.py."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from levelfield.collectives.roles import memberships_of
from levelfield.collectives.tests.factories import CollectiveFactory, CollectiveMembershipFactory
from levelfield.history.models import Change
from levelfield.lib.testing.world import World
from levelfield.lib.words import day
from levelfield.people.models import Perspective, Visibility
from levelfield.people.tests.factories import PerspectiveFactory, UserFactory
from levelfield.places import coordinator, demo, services
from levelfield.places.coordinator import Asked
from levelfield.places.models import Place
from levelfield.projects.tests.factories import (
    ProjectFactory,
    ProjectJoinRequestFactory,
    ProjectMembershipFactory,
)
from levelfield.projects.tests.pages import text

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("clock")]

# For each kind of place: the world's place, a member who asks and the member asked
# (neither holds the job in the group; Cora holds it in the collective and the project).
KINDS = {
    "collective": ("collective_place", "coordinator", "member"),
    "project": ("project_place", "coordinator", "member"),
    "group": ("group", "member", "group_member"),
}


class Story:
    """One kind of place from the world, with a client and the people in the story."""

    def __init__(self, world: World, kind: str, client: Client) -> None:
        place_name, asker, asked = KINDS[kind]
        self.world, self.client = world, client
        self.place: Place = getattr(world, place_name)
        self.asker, self.asked = getattr(world, asker), getattr(world, asked)

    def membership(self, person: object) -> object:
        return memberships_of(self.place.owner).get(person=person)

    def ask(self, person: object) -> object:
        url = reverse("places:coordinator_ask", args=[self.place.pk, self.membership(person).pk])
        return self.client.post(url, follow=True)

    def own(self, what: str) -> object:
        url = reverse(f"places:coordinator_{what}", args=[self.place.pk])
        return self.client.post(url, follow=True)

    def page(self) -> str:
        return text(
            self.client.get(reverse("places:members", args=[self.place.pk])).content.decode()
        )

    def changes(self) -> list[tuple[str, str]]:
        rows = Change.objects.filter(
            **self.place.history_scope(), action__startswith="coordinator_"
        ).order_by("id")
        return [(c.action, c.summary) for c in rows]


@pytest.fixture(params=list(KINDS))
def story(request: pytest.FixtureRequest, world: World, client: Client) -> Story:
    return Story(world, request.param, client)


def test_a_member_asks_another_who_accepts_and_everyone_sees_since_when(story: Story) -> None:
    asker, asked = story.asker, story.asked
    story.client.force_login(asker)
    response = story.ask(asked)
    assert response.redirect_chain[-1][0] == reverse("places:members", args=[story.place.pk])
    assert f"You asked {asked.name} to take on the coordinator job" in text(
        response.content.decode()
    )
    held = story.membership(asked)
    assert held.coordinator_asked and held.coordinator_asked_by == asker
    assert f"Asked by {asker.name} on" in story.page()

    story.client.force_login(asked)
    assert f"{asker.name} asked you to take on the coordinator job" in story.page()
    response = story.own("accept")

    held = story.membership(asked)
    assert held.is_coordinator and not held.coordinator_asked
    page = text(response.content.decode())
    assert "You now have the coordinator job. Thank you." in page
    assert f"since {day(held.coordinator_since)}" in page
    assert story.changes() == [
        ("coordinator_asked", f"{asker.name} asked {asked.name} to take on the coordinator job"),
        (
            "coordinator_accepted",
            f"{asked.name} accepted the coordinator job (asked by {asker.name})",
        ),
    ]
    last = Change.objects.filter(**story.place.history_scope()).latest("id")
    assert (last.actor, last.before, last.after) == (
        asked,
        {"member": asked.name, "coordinator": "asked"},
        {"member": asked.name, "coordinator": "yes"},
    )


def test_the_asked_member_declines_and_nothing_else_changes(story: Story) -> None:
    story.client.force_login(story.asker)
    story.ask(story.asked)
    story.client.force_login(story.asked)

    response = story.own("decline")

    declined = story.membership(story.asked)
    assert not declined.is_coordinator and not declined.coordinator_asked
    assert "You said no to the coordinator job" in text(response.content.decode())
    assert story.changes()[-1] == (
        "coordinator_declined",
        f"{story.asked.name} declined the coordinator job (asked by {story.asker.name})",
    )


def test_a_member_volunteers_and_holds_the_job_at_once(story: Story) -> None:
    story.client.force_login(story.asked)
    response = story.ask(story.asked)
    assert story.membership(story.asked).is_coordinator
    assert "Thank you for volunteering" in text(response.content.decode())
    assert story.changes() == [
        ("coordinator_volunteered", f"{story.asked.name} took on the coordinator job")
    ]


def test_the_coordinator_is_asked_to_confirm_before_stepping_down(story: Story) -> None:
    holder = story.asked
    coordinator.coordinator_ask(membership=story.membership(holder), asked_by=holder)
    story.client.force_login(holder)
    assert "Step down as coordinator" in story.page()
    url = reverse("places:coordinator_step_down", args=[story.place.pk])

    confirm = text(story.client.get(url).content.decode())
    assert f"Step down from the coordinator job in {story.place.name}?" in confirm
    assert story.membership(holder).is_coordinator  # GET never writes

    response = story.client.post(url, follow=True)

    assert not story.membership(holder).is_coordinator
    assert "You stepped down from the coordinator job." in text(response.content.decode())
    assert story.changes()[-1] == (
        "coordinator_stepped_down",
        f"{holder.name} stepped down from the coordinator job",
    )
    # Stepping down again changes nothing, and the page says why.
    assert "You do not have the coordinator job" in text(story.client.get(url).content.decode())
    response = story.client.post(url, follow=True)
    assert "You do not have the coordinator job, so nothing changed." in text(
        response.content.decode()
    )
    assert [a for a, _ in story.changes()].count("coordinator_stepped_down") == 1


def test_nobody_can_take_the_job_from_someone_else(story: Story) -> None:
    """A job, not a rank: nobody removes a coordinator; they step down themselves."""
    holder, other = story.asker, story.asked
    coordinator.coordinator_ask(membership=story.membership(holder), asked_by=holder)
    before = story.changes()
    story.client.force_login(other)
    assert "Step down" not in story.page()
    response = story.ask(holder)
    assert f"{holder.name} already has the coordinator job" in text(response.content.decode())
    story.own("step_down")  # the other member's own job, which they do not hold
    assert story.membership(holder).is_coordinator
    assert story.changes() == before
    with pytest.raises(PermissionDenied):
        coordinator.coordinator_step_down(membership=story.membership(holder), person=other)


def test_asking_twice_makes_one_request_and_only_the_asked_person_answers(story: Story) -> None:
    story.client.force_login(story.asker)
    story.ask(story.asked)
    response = story.ask(story.asked)
    assert f"{story.asked.name} has already been asked" in text(response.content.decode())
    assert [a for a, _ in story.changes()].count("coordinator_asked") == 1

    # The asker was not asked, so their "yes" changes nothing; they cannot answer for another.
    response = story.own("accept")
    assert "Nobody is asking you to take on the coordinator job now" in text(
        response.content.decode()
    )
    with pytest.raises(PermissionDenied):
        coordinator.coordinator_accept(
            membership=story.membership(story.asked), person=story.asker
        )
    assert not story.membership(story.asked).is_coordinator


def test_a_decision_can_choose_someone_and_the_reason_is_kept(story: Story) -> None:
    outcome = coordinator.coordinator_ask(
        membership=story.membership(story.asked),
        asked_by=story.asker,
        reason="chosen by the decision “Who organises 2027”",
    )
    assert outcome is Asked.ASKED
    assert story.changes() == [
        (
            "coordinator_asked",
            f"{story.asker.name} asked {story.asked.name} to take on the coordinator job "
            "(chosen by the decision “Who organises 2027”)",
        )
    ]
    story.client.force_login(story.asked)
    assert "Why: chosen by the decision" in story.page()


def test_someone_outside_cannot_ask_even_by_calling_the_service(story: Story) -> None:
    with pytest.raises(PermissionDenied):
        coordinator.coordinator_ask(
            membership=story.membership(story.asked), asked_by=story.world.outsider
        )
    assert not story.membership(story.asked).coordinator_asked
    assert story.changes() == []


def _outsiders(world: World, place: Place) -> list:
    """People who may not see inside `place`, however close they are to it."""
    if place == world.group:
        return [world.coordinator, world.collective_member, world.outsider]
    if place == world.project_place:
        return [world.group_member, world.collective_member, world.former, world.outsider]
    return [world.former, world.outsider]


def _addresses(story: Story) -> list[tuple[str, str]]:
    membership = story.membership(story.asked)
    place_pk = story.place.pk
    return [
        ("get", reverse("places:members", args=[place_pk])),
        ("get", reverse("places:coordinator_step_down", args=[place_pk])),
        ("post", reverse("places:coordinator_step_down", args=[place_pk])),
        ("post", reverse("places:coordinator_ask", args=[place_pk, membership.pk])),
        ("post", reverse("places:coordinator_accept", args=[place_pk])),
        ("post", reverse("places:coordinator_decline", args=[place_pk])),
    ]


def test_people_outside_the_place_get_page_not_found_and_change_nothing(story: Story) -> None:
    for person in _outsiders(story.world, story.place):
        story.client.force_login(person)
        for method, url in _addresses(story):
            response = getattr(story.client, method)(url)
            assert response.status_code == 404, (person.name, url)
            assert story.place.name not in response.content.decode()
    assert not story.membership(story.asked).coordinator_asked
    assert story.changes() == []


def test_wrong_ids_are_page_not_found(story: Story) -> None:
    story.client.force_login(story.asker)
    # A membership of another place of the same kind, in another collective: a second
    # collective, Hilltop, with a project and a group of its own (isolation needs one).
    hilltop = CollectiveFactory(name="Hilltop Voices", slug="hilltop")
    elsewhere = ProjectFactory(collective=hilltop, title="Elsewhere")
    theirs = ProjectMembershipFactory(project=elsewhere, person=UserFactory(display_name="Hana"))
    CollectiveMembershipFactory(collective=elsewhere.collective, person=theirs.person)
    other_group = services.group_create(
        collective=elsewhere.collective, actor=theirs.person, name="Other group", purpose="."
    )
    foreign = {
        "collective": memberships_of(elsewhere.collective).get(),
        "project": theirs,
        "group": memberships_of(other_group).get(),
    }[story.place.kind]
    for membership_pk in (foreign.pk, 999999):
        url = reverse("places:coordinator_ask", args=[story.place.pk, membership_pk])
        assert story.client.post(url).status_code == 404
    for name in ("members", "coordinator_step_down"):
        assert story.client.get(reverse(f"places:{name}", args=[999999])).status_code == 404
    assert (
        story.client.get(reverse("places:members", args=[story.place.pk]) + "?page=9").status_code
        == 404
    )
    foreign.refresh_from_db()
    assert not foreign.coordinator_asked
    assert story.changes() == []


def test_the_members_page_lists_everyone_with_perspectives_and_the_job(
    world: World, client: Client
) -> None:
    world.coordinator.perspectives_visibility = Visibility.MY_TEAMS
    world.coordinator.save(update_fields=["perspectives_visibility"])
    perspective = PerspectiveFactory(person=world.coordinator)
    client.force_login(world.member)

    words = text(
        client.get(reverse("places:members", args=[world.project_place.pk])).content.decode()
    )

    since = day(memberships_of(world.project).get(person=world.coordinator).coordinator_since)
    assert "2 members" in words
    assert "Mo (you)" in words
    assert f"Cora {perspective} Coordinator since {since}" in words
    assert "Mo (you) None shared" in words
    assert "Ask to coordinate: Cora" not in words
    assert "Volunteer to coordinate" in words
    assert "Step down" not in words  # only the holder sees it


def test_a_project_members_page_shows_who_asked_to_join(world: World, client: Client) -> None:
    ProjectJoinRequestFactory(
        project=world.project, person=world.collective_member, message="I care for my dad."
    )
    client.force_login(world.member)
    words = text(
        client.get(reverse("places:members", args=[world.project_place.pk])).content.decode()
    )
    assert "Asking to join" in words and "I care for my dad." in words


def test_a_big_place_is_one_page_at_a_time_in_few_queries(
    world: World, client: Client, django_assert_max_num_queries: object
) -> None:
    for number in range(60):
        ally = UserFactory(display_name=f"Ally {number}")
        CollectiveMembershipFactory(collective=world.collective, person=ally)
        services.group_join(group=world.group, person=ally)
    client.force_login(world.group_member)
    url = reverse("places:members", args=[world.group.pk])

    with django_assert_max_num_queries(15):
        first = text(client.get(url).content.decode())
    second = text(client.get(url + "?page=2").content.decode())

    assert "62 members" in first
    assert "Ally 47" in first and "Ally 48" not in first
    assert "Ally 48" in second


def test_a_big_places_pages_are_counted_by_the_place_and_kept_until_someone_joins_or_leaves(
    world: World, client: Client
) -> None:
    """A page of a 10,000-member project is neither counted nor read again on every
    view: the count is kept on the place and each page's table per members version, which
    joining and leaving move, so they show at once."""
    allies = []
    for number in range(60):
        ally = UserFactory(display_name=f"Ally {number}")
        CollectiveMembershipFactory(collective=world.collective, person=ally)
        services.group_join(group=world.group, person=ally)
        allies.append(ally)
    client.force_login(world.group_member)
    url = reverse("places:members", args=[world.group.pk])
    client.get(url)

    with CaptureQueriesContext(connection) as again:
        words = text(client.get(url).content.decode())
    assert "62 members" in words and "Ally 47" in words
    read = " ".join(query["sql"] for query in again.captured_queries)
    assert "COUNT(" not in read.upper()
    assert Perspective._meta.db_table not in read  # the rows' perspectives: kept

    newcomer = UserFactory(display_name="Newcomer Nia")
    CollectiveMembershipFactory(collective=world.collective, person=newcomer)
    services.group_join(group=world.group, person=newcomer)
    services.group_leave(group=world.group, person=allies[0])
    first = text(client.get(url).content.decode())
    second = text(client.get(url + "?page=2").content.decode())
    assert "62 members" in first and "Ally 0 " not in first and "Ally 48" in first
    assert "Newcomer Nia" in second


def test_a_groups_page_and_navigation_lead_to_its_members(world: World, client: Client) -> None:
    client.force_login(world.group_member)
    html = client.get(reverse("places:group", args=[world.group.pk])).content.decode()
    assert html.count(f'href="{reverse("places:members", args=[world.group.pk])}"') >= 2


@pytest.mark.parametrize(
    ("old", "place"),
    [
        (lambda w: reverse("collectives:members", args=[w.collective.slug]), "collective_place"),
        (lambda w: reverse("projects:members", args=[w.project.pk]), "project_place"),
    ],
)
def test_the_old_members_addresses_send_you_on(
    world: World, client: Client, old: object, place: str
) -> None:
    client.force_login(world.member)
    response = client.get(old(world) + "?page=1")
    assert response.status_code == 301
    target = reverse("places:members", args=[getattr(world, place).pk])
    assert response["Location"] == target + "?page=1"
    assert client.post(old(world)).status_code == 405


def test_the_demo_groups_show_the_coordinator_job_and_can_be_loaded_again(world: World) -> None:
    # The demo's cast (keyed by name) joins Riverside; the demo finds the world's Allies
    # Group and adds its people to it, and starts the Young People's Advisory Group.
    collective = world.collective
    keys = ["amara", "gordon", "maggie", "leah", "dev", "jade", "sam", "priya"]
    people = {key: UserFactory(display_name=key.title()) for key in keys}
    for person in people.values():
        CollectiveMembershipFactory(collective=collective, person=person)

    demo.demo_load(collective=collective, people=people)
    demo.demo_load(collective=collective, people=people)

    allies = collective.places.get(group_name="Allies Group")
    assert allies == world.group
    young = collective.places.get(group_name="Young People's Advisory Group")
    assert [m.person.name for m in memberships_of(allies) if m.is_coordinator] == ["Maggie"]
    asked = memberships_of(young).get(person=people["jade"])
    assert (asked.coordinator_asked_by, asked.coordinator_asked_because) == (
        people["sam"],
        "to organise the summer meetings",
    )
