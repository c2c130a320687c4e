"""Teammates' profiles: only people who work together see each other, and only what
each chose to share."""

from __future__ import annotations

import pytest
from django.urls import reverse

from levelfield.lib.testing.world import World
from levelfield.people.models import PaymentPreference, PerspectiveKind, User, Visibility
from levelfield.people.tests.factories import PerspectiveFactory, UserFactory
from levelfield.projects.tests.factories import ProjectMembershipFactory

pytestmark = pytest.mark.django_db


def _viewer_sharing(how: str, world: World) -> User:
    """Someone who shares with Gita only `how`: Cal the collective (Riverside, not the
    group), Pat the project (in it, not yet in Riverside), Olu nothing, Fern nothing any
    more (she left Riverside)."""
    if how == "collective":
        return world.collective_member
    if how == "project":
        # The world has no one in a project but not its collective: Pat is added so.
        ProjectMembershipFactory(project=world.project, person=world.group_member)
        return ProjectMembershipFactory(
            project=world.project, person=UserFactory(display_name="Pat")
        ).person
    return {"nothing": world.outsider, "left": world.former}[how]


@pytest.mark.parametrize(
    ("how", "status"),
    [("collective", 200), ("project", 200), ("nothing", 404), ("left", 404)],
)
def test_only_people_who_work_together_see_each_others_profiles(client, world, how, status):
    someone = world.group_member
    client.force_login(_viewer_sharing(how, world))

    response = client.get(reverse("home:person", args=[someone.pk]))

    assert response.status_code == status
    assert ("Gita" in response.content.decode()) is (status == 200)


def test_a_profile_that_does_not_exist_is_a_404(client, world):
    client.force_login(world.member)

    assert client.get(reverse("home:person", args=[999999])).status_code == 404


def test_a_person_sees_their_own_profile_as_teammates_see_it(client, world):
    person = world.member
    User.objects.filter(pk=person.pk).update(access_needs="Large print papers")
    client.force_login(person)

    response = client.get(reverse("home:person", args=[person.pk]))

    assert response.status_code == 200
    assert "This is what people in your collectives and projects see" in response.content.decode()
    assert "Large print papers" not in response.content.decode()


def _share(person: User, **profile: object) -> None:
    for field, value in profile.items():
        setattr(person, field, value)
    person.save(update_fields=list(profile))


def test_a_teammate_sees_only_what_the_person_chose_to_share(client, world):
    someone = world.group_member
    _share(
        someone,
        perspectives_visibility=Visibility.MY_TEAMS,
        skills="Facilitation",
        interests="Young carers",
        skills_visibility=Visibility.MY_TEAMS,
        access_needs="Step-free access please",
        phone="07700 900456",
        payment_preference=PaymentPreference.VOUCHER,
        communication_preferences=["large_print"],
    )
    PerspectiveFactory(person=someone, kind=PerspectiveKind.CARER, in_own_words="For my mum")
    client.force_login(_viewer_sharing("collective", world))

    html = client.get(reverse("home:person", args=[someone.pk])).content.decode()

    assert "Carer: For my mum" in html
    assert "Facilitation" in html
    assert "Young carers" in html
    for private in ("Step-free access please", "07700 900456", "voucher", someone.email):
        assert private not in html


def test_a_teammate_sees_nothing_the_person_kept_to_themselves(client, world):
    someone = world.group_member
    _share(
        someone,
        perspectives_visibility=Visibility.ONLY_ME,
        skills="Facilitation",
        interests="Young carers",
        skills_visibility=Visibility.ONLY_ME,
    )
    PerspectiveFactory(
        person=someone, kind=PerspectiveKind.LIVED_EXPERIENCE, in_own_words="Epilepsy"
    )
    client.force_login(_viewer_sharing("project", world))

    html = client.get(reverse("home:person", args=[someone.pk])).content.decode()

    for private in ("Epilepsy", "Lived experience", "Facilitation", "Young carers"):
        assert private not in html
