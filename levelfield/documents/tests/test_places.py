"""Documents belong to a place: a standing group such as the Allies Group writes them as a
project or a collective does, its members are who take part, and the addresses from
before places still arrive."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from levelfield.documents import services
from levelfield.documents.models import Comment, Document
from levelfield.documents.tests.factories import (
    client_for,
    document_make,
    member_of,
    paragraph_of,
)
from levelfield.history.models import Change
from levelfield.lib.testing.world import World
from levelfield.places.access import collective_place
from levelfield.projects.tests.factories import ProjectFactory, ProjectMembershipFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def allies(world: World):
    """The world's Allies Group: Mo started it and Gita joined; others in the collective
    are not in it."""
    return world.group


def _draft(title: str = "Our way of making decisions") -> dict[str, str]:
    today = timezone.localdate()
    return {
        "title": title,
        "purpose": "How we could decide together.",
        "text": "# Deciding\n\nEvery proposal is open for two weeks.",
        "questions": "",
        "opens_on": today.isoformat(),
        "closes_on": (today + datetime.timedelta(days=14)).isoformat(),
        "who_may_take_part": "members",
    }


def test_a_group_member_starts_a_document_in_the_group_and_members_take_part(allies, mo, gita):
    client = client_for(mo)
    response = client.post(reverse("documents:place_create", args=[allies.pk]), _draft())
    document = Document.objects.get()
    assert response.status_code == 302
    assert response["Location"] == document.get_absolute_url()
    assert document.place == allies
    listed = client.get(reverse("documents:place_list", args=[allies.pk])).content.decode()
    assert "Our way of making decisions" in listed and "Allies Group" in listed
    page = client.get(document.get_absolute_url()).content.decode()
    assert reverse("places:group", args=[allies.pk]) in page  # the trail goes by the group
    assert reverse("documents:place_list", args=[allies.pk]) in page
    # Gita is in the group: she comments like any member.
    paragraph = paragraph_of(document, 2)
    url = reverse("documents:comment", args=[document.pk, paragraph.pk])
    assert client_for(gita).post(url, {"comment-text": "Two weeks is good."}).status_code == 302
    assert Comment.objects.get().author == gita
    started = Change.objects.get(action="document_started", subject_id=document.pk)
    assert started.collective_id == allies.collective_id


def test_a_collective_member_outside_the_group_gets_a_404(collective, allies, mo):
    document = document_make(place=allies, author=mo)
    outside = client_for(member_of(collective, display_name="Leah"))
    assert outside.get(reverse("documents:place_list", args=[allies.pk])).status_code == 404
    create = reverse("documents:place_create", args=[allies.pk])
    assert outside.get(create).status_code == 404
    assert outside.post(create, _draft("Sneaked in")).status_code == 404
    assert outside.get(document.get_absolute_url()).status_code == 404
    paragraph = paragraph_of(document, 2)
    comment = reverse("documents:comment", args=[document.pk, paragraph.pk])
    assert outside.post(comment, {"comment-text": "Let me in"}).status_code == 404
    assert Document.objects.count() == 1 and not Comment.objects.exists()


def test_a_groups_document_is_adopted_by_a_decision(allies, mo):
    document = document_make(place=allies, author=mo)
    decision = services.adoption_open(
        document=document,
        actor=mo,
        closes_at=timezone.now() + datetime.timedelta(days=10),
    )
    document.refresh_from_db()
    assert document.adoption_decision == decision
    assert document.status_label() == "Being decided"


def test_the_old_addresses_send_people_to_the_places_address(collective, mo):
    own = collective_place(collective.pk)
    project = ProjectFactory(collective=collective)
    ProjectMembershipFactory(project=project, person=mo)
    client = client_for(mo)
    for old, new in [
        (
            reverse("documents:collective_list", args=[collective.slug]),
            reverse("documents:place_list", args=[own.pk]),
        ),
        (
            reverse("documents:create_for_collective", args=[collective.slug]),
            reverse("documents:place_create", args=[own.pk]),
        ),
        (
            reverse("documents:project_list", args=[project.pk]),
            reverse("documents:place_list", args=[project.place.pk]),
        ),
        (
            reverse("documents:create_for_project", args=[project.pk]),
            reverse("documents:place_create", args=[project.place.pk]),
        ),
    ]:
        response = client.get(old + "?from=email")
        assert response.status_code == 301
        assert response["Location"] == new + "?from=email"
        assert client.get(new).status_code == 200


def test_wrong_place_project_and_collective_ids_are_404s(collective, mo):
    client = client_for(mo)
    for url in (
        reverse("documents:place_list", args=[99999]),
        reverse("documents:place_create", args=[99999]),
        reverse("documents:project_list", args=[99999]),
        reverse("documents:create_for_project", args=[99999]),
        reverse("documents:collective_list", args=["nowhere"]),
        reverse("documents:create_for_collective", args=["nowhere"]),
    ):
        assert client.get(url).status_code == 404, url
    assert client.post(reverse("documents:place_create", args=[99999]), _draft()).status_code == (
        404
    )
    assert not Document.objects.exists()


def test_a_document_in_a_project_is_listed_there_and_not_in_the_collective(collective, mo):
    project = ProjectFactory(collective=collective)
    ProjectMembershipFactory(project=project, person=mo)
    in_project = document_make(place=project.place, author=mo, title="Study leaflet")
    document_make(collective=collective, author=mo, title="Payment policy")
    client = client_for(mo)
    listed = client.get(reverse("documents:place_list", args=[project.place.pk])).content.decode()
    assert "Study leaflet" in listed and "Payment policy" not in listed
    page = client.get(in_project.get_absolute_url()).content.decode()
    assert reverse("projects:detail", args=[project.pk]) in page
