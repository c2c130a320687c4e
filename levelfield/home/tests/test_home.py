"""The home page: a plain explanation for visitors, a dashboard for members."""

from __future__ import annotations

from datetime import timedelta

import pytest
from allauth.account.models import EmailAddress
from django.urls import reverse
from django.utils import timezone

from levelfield.collectives.tests.factories import (
    CollectiveMembershipFactory,
)
from levelfield.decisions.models import Response
from levelfield.decisions.tests.factories import DecisionFactory
from levelfield.events.tests.factories import RegistrationFactory
from levelfield.invitations.tests.factories import (
    CollectiveInvitationFactory,
    ProjectInvitationFactory,
)
from levelfield.lib.manifests import NEEDS_SHOWN
from levelfield.people.models import PerspectiveKind
from levelfield.people.tests.factories import PerspectiveFactory, UserFactory
from levelfield.projects.tests.factories import (
    ProjectMembershipFactory,
)
from levelfield.reviews.tests.factories import ReviewFactory

pytestmark = pytest.mark.django_db


def test_a_visitor_sees_what_levelfield_is_and_how_to_join(client):
    response = client.get(reverse("home"))

    html = response.content.decode()
    assert response.status_code == 200
    assert "Create an account" in html
    assert reverse("account_signup") in html
    assert reverse("account_login") in html
    assert "as equals" in html


def test_a_member_sees_their_collectives_and_projects(client):
    person = UserFactory()
    collective = CollectiveMembershipFactory(person=person).collective
    project = ProjectMembershipFactory(person=person).project
    someone_elses = ProjectMembershipFactory().project
    client.force_login(person)

    html = client.get(reverse("home")).content.decode()

    assert reverse("collectives:detail", args=[collective.slug]) in html
    assert collective.name in html
    assert reverse("projects:detail", args=[project.pk]) in html
    assert project.title in html
    assert someone_elses.title not in html


def test_a_member_sees_pending_invitations_sent_to_their_verified_addresses(client):
    person = UserFactory(email="kim@example.org")
    EmailAddress.objects.create(user=person, email="kim.work@example.org", verified=True)
    EmailAddress.objects.create(user=person, email="kim.old@example.org", verified=False)
    to_main = CollectiveInvitationFactory(email="KIM@example.org")
    to_work = ProjectInvitationFactory(email="kim.work@example.org")
    to_unverified = CollectiveInvitationFactory(email="kim.old@example.org")
    to_someone_else = ProjectInvitationFactory(email="lee@example.org")
    expired = CollectiveInvitationFactory(
        email="kim@example.org",
        created_at=timezone.now() - timedelta(days=30),
        expires_at=timezone.now() - timedelta(days=1),
    )
    declined = ProjectInvitationFactory(email="kim@example.org", declined_at=timezone.now())
    already_member = CollectiveInvitationFactory(email="kim@example.org")
    CollectiveMembershipFactory(person=person, collective=already_member.collective)
    client.force_login(person)

    html = client.get(reverse("home")).content.decode()

    assert reverse("invitations:join_yours", args=[to_main.pk]) in html
    assert reverse("invitations:join_yours", args=[to_work.pk]) in html
    for hidden in (to_unverified, expired, already_member, to_someone_else, declined):
        assert reverse("invitations:join_yours", args=[hidden.pk]) not in html


def test_someone_with_an_empty_profile_is_asked_to_complete_it(client):
    person = UserFactory()
    client.force_login(person)

    assert "Complete your profile" in client.get(reverse("home")).content.decode()

    PerspectiveFactory(person=person, kind=PerspectiveKind.CARER)
    assert "Complete your profile" not in client.get(reverse("home")).content.decode()


@pytest.mark.parametrize("rows", [1, 20])
def test_the_dashboard_query_count_does_not_grow_with_memberships(
    client, django_assert_max_num_queries, rows
):
    person = UserFactory(email="kim@example.org")
    for _ in range(rows):
        CollectiveMembershipFactory(person=person)
        project = ProjectMembershipFactory(person=person).project
        CollectiveInvitationFactory(email="kim@example.org")
        ProjectInvitationFactory(email="kim@example.org")
        DecisionFactory(place=project.place)
        RegistrationFactory(person=person)
        ReviewFactory(reviewer=person)
    client.force_login(person)

    # Session, person, perspectives, invitations, the person's places (one query); what
    # needs you from each app that declares needs, one query for each kind (join
    # requests to collectives and projects, decisions, events, claims queried, claims to
    # approve, time to claim, reviews, check-ins, documents, stories to publish,
    # comments to moderate, people who want to get involved, tasks, threads,
    # opportunities to check, reports back due, assignments due, evaluations to answer,
    # hand-ins waiting for feedback, transcripts to de-identify); what is coming up
    # (meetings, decisions closing, review responses due, answers to requests to join);
    # and what happened lately (decided, adopted, published, impact recorded).
    with django_assert_max_num_queries(34):
        response = client.get(reverse("home"))

    assert response.status_code == 200
    assert response.content.decode().count("Invitation to join") == 2 * rows
    assert response.content.decode().count("Have your say") == min(rows, NEEDS_SHOWN)


def test_a_member_sees_what_needs_them_soonest_first_and_not_what_is_done(client):
    person = UserFactory()
    project = ProjectMembershipFactory(person=person).project
    later = DecisionFactory(place=project.place, title="Which venue?")
    sooner = DecisionFactory(
        place=project.place, title="Which date?", closes_at=timezone.now() + timedelta(days=2)
    )
    answered = DecisionFactory(place=project.place, title="Which colour?")
    Response.objects.create(decision=answered, person=person, payload={"stance": "agree"})
    elsewhere = DecisionFactory(title="Someone else's question?")
    place = RegistrationFactory(person=person).event
    review = ReviewFactory(reviewer=person)
    client.force_login(person)

    html = client.get(reverse("home")).content.decode()
    needs = _section(html, "What needs you")

    assert needs.index(sooner.title) < needs.index(later.title)
    assert reverse("decisions:detail", args=[later.pk]) in needs
    assert f"You have a place: {place.title}" in needs
    assert reverse("reviews:review", args=[review.request_id]) in needs
    for hidden in (answered, elsewhere):
        assert hidden.title not in needs
    # What they answered is coming up: when its result will be known.
    assert f"Results due: {answered.title}" in _section(html, "Coming up")
    assert elsewhere.title not in html


def _section(html: str, heading: str) -> str:
    """The part of the home page under `heading`, up to the next heading."""
    start = html.index(f">{heading}</h2>")
    end = html.find("<h2", start)
    return html[start : end if end != -1 else None]


def test_someone_with_nothing_waiting_is_told_so_and_what_to_do_next(client):
    client.force_login(UserFactory())

    html = client.get(reverse("home")).content.decode()

    assert "Nothing needs you right now" in html
    assert reverse("collectives:directory") in _section(html, "What needs you")
