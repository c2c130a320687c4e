"""Finding a collective and asking to join it: the directory lists the collectives
that chose to be listed (anyone may look); a signed-in person asks with a short
message; the coordinators are told, see it among what needs them, and accept or
decline; the person is told the answer."""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.urls import reverse

from levelfield.collectives import services
from levelfield.collectives.models import (
    Collective,
)
from levelfield.collectives.personal import needs
from levelfield.collectives.tests.factories import CollectiveFactory
from levelfield.history.models import Change
from levelfield.lib.testing.world import World
from levelfield.places.models import JoinRequest, JoinRequestStatus, PlaceMembership
from levelfield.projects.tests.pages import error_summary_links, text

OnCommit = Callable[..., AbstractContextManager]


@pytest.fixture
def listed(world: World) -> Collective:
    Collective.objects.filter(pk=world.collective.pk).update(
        listed=True, area="Riverside and the towns along the river"
    )
    world.collective.refresh_from_db()
    return world.collective


def test_a_visitor_finds_listed_collectives_from_the_site_home_and_never_an_unlisted_one(
    client: Client, listed: Collective
) -> None:
    CollectiveFactory(name="Hidden Hospital Team", slug="hidden")
    directory = reverse("collectives:directory")
    assert directory in client.get(reverse("home")).content.decode()

    page = text(client.get(directory).content.decode())

    assert "Riverside Co-production Collective" in page
    assert "Riverside and the towns along the river" in page
    assert "Read Riverside Co-production Collective’s public page" in page
    assert "Hidden Hospital Team" not in page
    html = client.get(directory).content.decode()
    assert reverse("stories:home", args=[listed.slug]) in html
    assert reverse("collectives:ask_to_join", args=[listed.slug]) in html


def test_an_unlisted_collective_cannot_be_asked_to_join(client: Client, world: World) -> None:
    client.force_login(world.outsider)
    url = reverse("collectives:ask_to_join", args=[world.collective.slug])

    assert client.get(url).status_code == 404
    assert client.post(url, {"message": "Hello"}).status_code == 404
    assert not JoinRequest.objects.exists()


def test_someone_new_asks_to_join_and_a_coordinator_accepts(
    client: Client,
    world: World,
    listed: Collective,
    mailoutbox: list,
    django_capture_on_commit_callbacks: OnCommit,
) -> None:
    olu = world.outsider
    client.force_login(olu)
    ask = reverse("collectives:ask_to_join", args=[listed.slug])
    ask_page = text(client.get(ask).content.decode())
    assert "Ask to join Riverside Co-production Collective" in ask_page

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(ask, {"message": "I care for my mum and want to help."})

    assert response["Location"] == reverse("collectives:directory")
    assert "You asked to join" in text(client.get(response["Location"]).content.decode())
    join_request = JoinRequest.objects.get()
    assert (join_request.person, join_request.status) == (olu, JoinRequestStatus.PENDING)
    # Only the coordinator is told, with a link to the requests.
    assert [mail.to[0] for mail in mailoutbox] == [world.coordinator.email]
    assert mailoutbox[0].subject == f"Levelfield: Olu asks to join {listed.name}"
    assert "I care for my mum and want to help." in mailoutbox[0].body
    assert reverse("collectives:join_requests", args=[listed.slug]) in mailoutbox[0].body
    mailoutbox.clear()

    # It is among what needs the coordinator, and nobody else.
    [need] = needs(world.coordinator)
    assert (need.label, need.place) == ("Answer 1 request to join", listed.name)
    assert needs(world.member) == []
    client.force_login(world.coordinator)
    assert "Answer 1 request to join" in text(client.get(reverse("home")).content.decode())
    requests_page = text(client.get(need.url).content.decode())
    assert "Olu, asked on" in requests_page
    assert "I care for my mum and want to help." in requests_page

    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("collectives:join_request_accept", args=[listed.slug, join_request.pk])
        )

    assert PlaceMembership.objects.of_collective(listed).filter(person=olu).exists()
    join_request.refresh_from_db()
    assert (join_request.status, join_request.answered_by) == (
        JoinRequestStatus.ACCEPTED,
        world.coordinator,
    )
    assert [mail.to for mail in mailoutbox] == [[olu.email]]
    assert mailoutbox[0].subject == f"Levelfield: You are now a member of {listed.name}"
    latest = Change.objects.filter(collective=listed).order_by("-id")[:2]
    assert [(c.action, c.actor, c.summary) for c in reversed(latest)] == [
        ("join_requested", olu, "Olu asked to join the collective"),
        ("joined", world.coordinator, "Olu joined the collective (Cora accepted their request)"),
    ]
    assert needs(world.coordinator) == []


def test_a_coordinator_declines_with_a_reason_the_person_is_told(
    client: Client,
    world: World,
    listed: Collective,
    mailoutbox: list,
    django_capture_on_commit_callbacks: OnCommit,
) -> None:
    join_request = services.collective_join_request_create(
        collective=listed, person=world.outsider, message="Hello"
    )
    client.force_login(world.coordinator)

    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("collectives:join_request_decline", args=[listed.slug, join_request.pk]),
            {"reason": "We only take people from Riverside."},
        )

    join_request.refresh_from_db()
    assert join_request.status == JoinRequestStatus.DECLINED
    assert not PlaceMembership.objects.in_collectives().filter(person=world.outsider).exists()
    assert [mail.to for mail in mailoutbox] == [[world.outsider.email]]
    assert "We only take people from Riverside." in mailoutbox[0].body
    assert Change.objects.filter(collective=listed, action="join_request_declined").exists()


def test_a_message_is_needed_and_the_error_names_the_field(
    client: Client, world: World, listed: Collective
) -> None:
    client.force_login(world.outsider)

    response = client.post(
        reverse("collectives:ask_to_join", args=[listed.slug]), {"message": "  "}
    )

    assert response.status_code == 400
    assert error_summary_links(response.content.decode()) == {
        "Enter a short message to the coordinators": "#id_message"
    }
    assert not JoinRequest.objects.exists()


def test_asking_again_or_as_a_member_adds_nothing(
    client: Client, world: World, listed: Collective
) -> None:
    services.collective_join_request_create(
        collective=listed, person=world.outsider, message="Hello"
    )
    client.force_login(world.outsider)
    url = reverse("collectives:ask_to_join", args=[listed.slug])

    assert "You asked to join on" in text(client.get(url).content.decode())
    client.post(url, {"message": "Again"})
    with pytest.raises(ValidationError, match="already asked"):
        services.collective_join_request_create(
            collective=listed, person=world.outsider, message="Again"
        )
    with pytest.raises(ValidationError, match="already a member"):
        services.collective_join_request_create(
            collective=listed, person=world.member, message="Hi"
        )
    client.force_login(world.member)
    assert client.get(url)["Location"] == listed.get_absolute_url()
    assert JoinRequest.objects.count() == 1


def test_asking_is_rate_limited_per_account(world: World) -> None:
    # settings.RATE_LIMITS["join_request"]: 5 a day per account.
    collectives = [CollectiveFactory(listed=True) for _ in range(6)]
    for collective in collectives[:5]:
        services.collective_join_request_create(
            collective=collective, person=world.outsider, message="Hello"
        )

    with pytest.raises(ValidationError) as refused:
        services.collective_join_request_create(
            collective=collectives[5], person=world.outsider, message="Hello"
        )

    assert refused.value.message_dict == {
        "message": ["You have asked to join too many collectives today. Try again tomorrow"]
    }
    assert JoinRequest.objects.count() == 5


def test_only_a_coordinator_answers(client: Client, world: World, listed: Collective) -> None:
    join_request = services.collective_join_request_create(
        collective=listed, person=world.outsider, message="Hello"
    )
    client.force_login(world.member)

    assert client.get(reverse("collectives:join_requests", args=[listed.slug])).status_code == 403
    accept = reverse("collectives:join_request_accept", args=[listed.slug, join_request.pk])
    assert client.post(accept).status_code == 403
    with pytest.raises(PermissionDenied):
        services.collective_join_request_accept(join_request=join_request, actor=world.member)
    assert not PlaceMembership.objects.in_collectives().filter(person=world.outsider).exists()


def test_only_a_coordinator_lists_the_collective_with_a_history_row(
    client: Client, world: World
) -> None:
    collective = world.collective
    values = {
        "name": collective.name,
        "description": collective.description,
        "kind": collective.kind,
        "area": "Riverside",
        "minimum_decision_days": str(collective.minimum_decision_days),
        "listed": "on",
    }
    url = reverse("collectives:settings", args=[collective.slug])
    client.force_login(world.member)
    assert "List the collective in the directory" not in client.get(url).content.decode()
    client.post(url, values)
    collective.refresh_from_db()
    assert (collective.area, collective.listed) == ("Riverside", False)
    with pytest.raises(ValidationError):
        services.collective_update(collective=collective, actor=world.member, listed=True)

    client.force_login(world.coordinator)
    assert "List the collective in the directory" in client.get(url).content.decode()
    client.post(url, values)

    collective.refresh_from_db()
    assert collective.listed
    change = Change.objects.filter(action="settings_changed").latest("id")
    assert (change.actor, change.before, change.after) == (
        world.coordinator,
        {"listed": "no"},
        {"listed": "yes"},
    )


@pytest.mark.parametrize("count", [3, 30])
def test_pages_take_the_same_queries_however_many_collectives_and_requests(
    client: Client,
    world: World,
    listed: Collective,
    count: int,
    django_assert_max_num_queries: Callable[..., AbstractContextManager],
) -> None:
    from levelfield.people.tests.factories import UserFactory

    CollectiveFactory.create_batch(count, listed=True)
    JoinRequest.objects.bulk_create(
        JoinRequest(place=listed.own_place, person=UserFactory(), message="Hi")
        for _ in range(count)
    )
    with django_assert_max_num_queries(4):
        assert client.get(reverse("collectives:directory")).status_code == 200
    client.force_login(world.coordinator)
    with django_assert_max_num_queries(14):
        assert client.get(reverse("collectives:directory")).status_code == 200
    with django_assert_max_num_queries(16):
        response = client.get(reverse("collectives:join_requests", args=[listed.slug]))
    assert response.status_code == 200
    with django_assert_max_num_queries(12):
        needs(world.coordinator)


def test_a_listed_collectives_public_page_offers_to_ask_to_join(
    client: Client, world: World
) -> None:
    public = reverse("stories:home", args=[world.collective.slug])
    ask = reverse("collectives:ask_to_join", args=[world.collective.slug])
    assert ask not in client.get(public).content.decode()

    Collective.objects.filter(pk=world.collective.pk).update(listed=True)

    assert ask in client.get(public).content.decode()


def test_the_settings_page_shows_the_listing_choice_as_a_labelled_checkbox(
    client: Client, world: World
) -> None:
    client.force_login(world.coordinator)
    html = client.get(reverse("collectives:settings", args=[world.collective.slug])).content
    html = html.decode()
    assert 'class="govuk-checkboxes__input"' in html
    assert 'for="id_listed"' in html
    assert 'id="id_area"' in html
