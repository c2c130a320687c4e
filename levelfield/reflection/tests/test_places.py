"""Check-ins belong to a place: a standing group such as an Allies Group runs its own,
asking its own members, with the same anonymity as a project's or a collective's; the old
project and collective addresses still arrive."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from levelfield.history.models import Change
from levelfield.lib.testing.world import World
from levelfield.places.access import collective_place
from levelfield.places.models import Place
from levelfield.places.services import group_join
from levelfield.reflection import results, services
from levelfield.reflection.models import CheckInRound, Question, Respondent
from levelfield.reflection.tests.factories import (
    Team,
    answer_all,
    close,
    make_team,
    version_of,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def team(world: World) -> Team:
    """Four public contributors and four researchers in a second project of the world's
    collective: the group's results need five answers, more than the world's group has."""
    return make_team(
        public=4, professionals=4, collective=world.collective, outsider=world.outsider
    )


@pytest.fixture
def allies(world: World, team: Team) -> Place:
    """The world's Allies Group (Mo and Gita), joined by six of the team's eight: the last
    public contributor and the last professional are in the collective and the team's
    project but not the group, as Cal is in the collective only."""
    for person in team.public[:3] + team.professionals[:3]:
        group_join(group=world.group, person=person)
    return world.group


def _group_round(group: Place, world: World) -> CheckInRound:
    now = timezone.now()
    return services.round_open(
        person=world.member,
        place=group,
        version=version_of(),
        title="Allies check-in",
        opens_at=now,
        closes_at=now + timedelta(days=7),
        now=now,
    )


def test_a_group_member_opens_a_round_in_the_group(
    world: World, allies: Place, client: object
) -> None:
    client.force_login(world.group_member)
    url = reverse("reflection:place_create", args=[allies.pk])
    page = client.get(url).content.decode()
    assert "Allies Group" in page and "the group’s own members" in page
    closes = (timezone.localtime() + timedelta(days=10)).strftime("%Y-%m-%dT%H:%M")
    response = client.post(
        url, {"title": "How are we doing?", "version": version_of().pk, "closes_at": closes}
    )
    assert response.status_code == 302
    checkin = CheckInRound.objects.get()
    assert checkin.place == allies
    assert Change.objects.filter(action="checkin_opened", collective=world.collective).exists()
    listed = client.get(reverse("reflection:place_rounds", args=[allies.pk])).content.decode()
    assert "How are we doing?" in listed
    # The group's round is not the collective's, nor the project's.
    assert not CheckInRound.objects.in_place(collective_place(allies.collective_id)).exists()
    assert not CheckInRound.objects.in_place(world.project_place).exists()


def test_a_group_asks_its_own_members_only(world: World, team: Team, allies: Place) -> None:
    checkin = _group_round(allies, world)
    assert services.member_ids(checkin) == {
        p.pk for p in [world.member, world.group_member, *team.public[:3], *team.professionals[:3]]
    }
    for outside in (team.public[3], world.collective_member, world.coordinator):
        with pytest.raises(services.CheckInError, match="Only members"):
            answer_all(checkin, [outside], 3)
        assert not Respondent.objects.filter(person=outside).exists()


@pytest.mark.parametrize(
    "outside",
    [
        pytest.param(lambda world, team: team.public[3], id="in-the-collective-and-a-project"),
        pytest.param(lambda world, team: world.collective_member, id="in-the-collective-only"),
    ],
)
def test_a_collective_member_outside_the_group_gets_nothing(
    world: World, team: Team, allies: Place, client: object, outside: object
) -> None:
    checkin = _group_round(allies, world)
    client.force_login(outside(world, team))  # in the collective, not the group
    for url in (
        reverse("reflection:place_rounds", args=[allies.pk]),
        reverse("reflection:place_create", args=[allies.pk]),
        reverse("reflection:place_evidence", args=[allies.pk]),
        reverse("reflection:detail", args=[checkin.pk]),
        reverse("reflection:answer", args=[checkin.pk]),
    ):
        assert client.get(url).status_code == 404, url
    questions = Question.objects.filter(version_id=checkin.version_id)
    response = client.post(
        reverse("reflection:answer", args=[checkin.pk]),
        {f"score_{q.pk}": "3" for q in questions},
    )
    assert response.status_code == 404
    assert not Respondent.objects.exists()


def test_evidence_is_a_projects_page(world: World, client: object) -> None:
    client.force_login(world.member)  # in the collective, the project and the group
    assert (
        client.get(reverse("reflection:place_evidence", args=[world.group.pk])).status_code == 404
    )
    url = reverse("reflection:place_evidence", args=[world.collective_place.pk])
    assert client.get(url).status_code == 404
    url = reverse("reflection:place_evidence", args=[world.project_place.pk])
    assert client.get(url).status_code == 200


def test_results_stay_hidden_below_five_answers_in_a_group_too(
    world: World, team: Team, allies: Place, client: object
) -> None:
    checkin = _group_round(allies, world)
    answer_all(checkin, team.public[:3] + team.professionals[:1], 4)
    client.force_login(world.group_member)
    page = client.get(reverse("reflection:detail", args=[checkin.pk])).content.decode()
    assert "4 people answered so far" in page
    checkin = close(checkin)
    assert checkin.respondent_count == 4
    assert results.results_for(checkin) is None
    page = client.get(reverse("reflection:detail", args=[checkin.pk])).content.decode()
    assert "4 people answered" in page
    assert "Results by principle" not in page
    assert "Allies Group" in page  # the breadcrumbs lead back to the group


def test_a_group_with_five_answers_sees_its_results(
    world: World, team: Team, allies: Place
) -> None:
    checkin = _group_round(allies, world)
    answer_all(checkin, team.public[:3] + team.professionals[:2], 4)
    checkin = close(checkin)
    found = results.results_for(checkin)
    assert found is not None and found.themes[0].score.everyone.average == 4.0


def test_old_addresses_move_permanently_to_the_place(world: World, client: object) -> None:
    project, collective = world.project, world.collective
    own = collective_place(collective.pk)
    for old, new in (
        (
            reverse("reflection:project_rounds", args=[project.pk]),
            reverse("reflection:place_rounds", args=[project.place.pk]),
        ),
        (
            reverse("reflection:create_for_project", args=[project.pk]),
            reverse("reflection:place_create", args=[project.place.pk]),
        ),
        (
            reverse("reflection:evidence", args=[project.pk]),
            reverse("reflection:place_evidence", args=[project.place.pk]),
        ),
        (
            reverse("reflection:collective_rounds", args=[collective.slug]),
            reverse("reflection:place_rounds", args=[own.pk]),
        ),
        (
            reverse("reflection:create_for_collective", args=[collective.slug]),
            reverse("reflection:place_create", args=[own.pk]),
        ),
    ):
        response = client.get(old + "?from=email")
        assert response.status_code == 301, old
        assert response["Location"] == new + "?from=email"
    # The place page still decides who gets in.
    client.force_login(world.outsider)
    response = client.get(reverse("reflection:project_rounds", args=[project.pk]), follow=True)
    assert response.status_code == 404
    assert client.get(reverse("reflection:project_rounds", args=[999999])).status_code == 404


def test_erasing_someone_takes_their_name_from_a_groups_round(world: World) -> None:
    from levelfield.home.services import person_delete

    leaving = world.group_member
    checkin = _group_round(world.group, world)
    CheckInRound.objects.filter(pk=checkin.pk).update(title=f"After {leaving.name}'s idea")
    person_delete(person=leaving)
    checkin.refresh_from_db()
    assert leaving.name not in checkin.title


def test_an_open_check_in_waits_on_the_home_page_of_each_group_member_until_answered(
    world: World, allies: Place, client: object
) -> None:
    checkin = _group_round(allies, world)
    asked, outside = world.group_member, world.collective_member

    client.force_login(asked)
    home = client.get(reverse("home")).content.decode()
    assert "Check in: Allies check-in" in home
    assert reverse("reflection:answer", args=[checkin.pk]) in home

    client.force_login(outside)  # in the collective, not in the group
    assert "Allies check-in" not in client.get(reverse("home")).content.decode()

    # Answered through the form, as people do: their own change shows on their home at
    # once (the home keeps its lists for a minute otherwise: home.services).
    client.force_login(asked)
    questions = Question.objects.filter(version_id=checkin.version_id)
    answers = {f"score_{question.pk}": "4" for question in questions}
    assert client.post(reverse("reflection:answer", args=[checkin.pk]), answers).status_code == 302
    assert "Allies check-in" not in client.get(reverse("home")).content.decode()
