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
from levelfield.events.tests.factories import EventFactory, RegistrationFactory
from levelfield.invitations.tests.factories import (
    CollectiveInvitationFactory,
    ProjectInvitationFactory,
)
from levelfield.lib.manifests import NEEDS_SHOWN
from levelfield.people.models import PerspectiveKind
from levelfield.people.tests.factories import PerspectiveFactory
from levelfield.projects.tests.factories import (
    ProjectFactory,
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


def test_a_member_sees_their_collectives_and_projects(client, world):
    person, collective, project = world.member, world.collective, world.project
    # A second project in Riverside that Mo is not in.
    someone_elses = ProjectMembershipFactory(
        project__collective=collective, project__title="Sleep study", person=world.coordinator
    ).project
    client.force_login(person)

    html = client.get(reverse("home")).content.decode()

    assert reverse("collectives:detail", args=[collective.slug]) in html
    assert collective.name in html
    assert reverse("projects:detail", args=[project.pk]) in html
    assert project.title in html
    assert someone_elses.title not in html


def test_a_member_sees_pending_invitations_sent_to_their_verified_addresses(client, world):
    # Cal, in Riverside only, invited to its project and to other collectives.
    person = world.collective_member
    main = person.email
    EmailAddress.objects.create(user=person, email="cal.work@example.org", verified=True)
    EmailAddress.objects.create(user=person, email="cal.old@example.org", verified=False)
    to_main = CollectiveInvitationFactory(email=main.upper())
    to_work = ProjectInvitationFactory(project=world.project, email="cal.work@example.org")
    to_unverified = CollectiveInvitationFactory(email="cal.old@example.org")
    to_someone_else = ProjectInvitationFactory(email="lee@example.org")
    expired = CollectiveInvitationFactory(
        email=main,
        created_at=timezone.now() - timedelta(days=30),
        expires_at=timezone.now() - timedelta(days=1),
    )
    declined = ProjectInvitationFactory(email=main, declined_at=timezone.now())
    already_member = CollectiveInvitationFactory(collective=world.collective, email=main)
    client.force_login(person)

    html = client.get(reverse("home")).content.decode()

    assert reverse("invitations:join_yours", args=[to_main.pk]) in html
    assert reverse("invitations:join_yours", args=[to_work.pk]) in html
    for hidden in (to_unverified, expired, already_member, to_someone_else, declined):
        assert reverse("invitations:join_yours", args=[hidden.pk]) not in html


def test_an_invitation_to_a_place_you_are_in_already_is_not_shown(client, world):
    person = world.collective_member
    CollectiveInvitationFactory(collective=world.collective, email=person.email)
    client.force_login(person)

    html = client.get(reverse("home")).content.decode()

    assert "Invitations for you" not in html


def test_someone_with_an_empty_profile_is_asked_to_complete_it(client, world):
    person = world.outsider
    client.force_login(person)

    assert "Complete your profile" in client.get(reverse("home")).content.decode()

    PerspectiveFactory(person=person, kind=PerspectiveKind.CARER)
    assert "Complete your profile" not in client.get(reverse("home")).content.decode()


@pytest.mark.parametrize("rows", [1, 20])
def test_the_dashboard_query_count_does_not_grow_with_memberships(
    client, world, django_assert_max_num_queries, rows
):
    # Mo, with `rows` more collectives and projects than the world gives him.
    person = world.member
    for _ in range(rows):
        CollectiveMembershipFactory(person=person)
        project = ProjectMembershipFactory(person=person).project
        CollectiveInvitationFactory(email=person.email)
        ProjectInvitationFactory(email=person.email)
        DecisionFactory(place=project.place)
        RegistrationFactory(person=person)
        ReviewFactory(reviewer=person)
    client.force_login(person)

    # Session, person, perspectives, invitations, the person's places (one query); what
    # needs you from each app that declares needs, one query for each kind (join
    # requests to collectives and projects, decisions, events, claims queried, claims to
    # approve, time to claim, reviews, check-ins, documents, whether they publish
    # anywhere (stories to publish, comments to moderate and people who want to get
    # involved only for those who do), tasks, threads,
    # opportunities to check, reports back due, assignments due, evaluations to answer,
    # hand-ins waiting for feedback, transcripts to de-identify); what is coming up
    # (meetings, decisions closing, review responses due, answers to requests to join);
    # and what happened lately (decided, adopted, published, impact recorded).
    # (Invitations: whether any is pending, then which, as some are.)
    with django_assert_max_num_queries(33):
        response = client.get(reverse("home"))

    assert response.status_code == 200
    assert response.content.decode().count("Invitation to join") == 2 * rows
    assert response.content.decode().count("Have your say") == min(rows, NEEDS_SHOWN)


def test_a_member_sees_what_needs_them_soonest_first_and_not_what_is_done(client, world):
    person, project = world.member, world.project
    later = DecisionFactory(place=project.place, title="Which venue?")
    sooner = DecisionFactory(
        place=project.place, title="Which date?", closes_at=timezone.now() + timedelta(days=2)
    )
    answered = DecisionFactory(place=project.place, title="Which colour?")
    Response.objects.create(decision=answered, person=person, payload={"stance": "agree"})
    # A second project in Riverside that Mo is not in.
    other = ProjectFactory(collective=world.collective, title="Sleep study")
    elsewhere = DecisionFactory(place=other.place, title="Someone else's question?")
    place = RegistrationFactory(person=person, event=EventFactory(place=project.place)).event
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


def test_someone_with_nothing_waiting_is_told_so_and_what_to_do_next(client, world):
    client.force_login(world.outsider)

    html = client.get(reverse("home")).content.decode()

    assert "Nothing needs you right now" in html
    assert reverse("collectives:directory") in _section(html, "What needs you")


def test_the_home_keeps_its_lists_a_minute_and_shows_your_own_change_at_once(
    client, world, django_assert_max_num_queries
):
    person = world.member
    DecisionFactory(place=world.project_place, title="Which venue?")
    client.force_login(person)
    assert "Which venue?" in _section(
        client.get(reverse("home")).content.decode(), "What needs you"
    )

    # Someone else's new question shows within a minute: meanwhile the home asks no app
    # again (session, person, perspectives, invitations, places).
    DecisionFactory(place=world.project_place, title="Which date?")
    with django_assert_max_num_queries(5):
        html = client.get(reverse("home")).content.decode()
    assert "Which venue?" in _section(html, "What needs you")

    # Any change of the person's own drops what was kept: their home asks afresh.
    client.post(reverse("notifications:settings"), {})
    needs = _section(client.get(reverse("home")).content.decode(), "What needs you")
    assert "Which venue?" in needs
    assert "Which date?" in needs


def test_the_kept_lists_and_their_rows_are_each_persons_own(client, world):
    # Mo's home keeps his lists, shown rows and all; Cal, in Riverside but not in the
    # project, then sees only his own.
    DecisionFactory(place=world.project_place, title="Which venue?")
    client.force_login(world.member)
    assert "Which venue?" in _section(
        client.get(reverse("home")).content.decode(), "What needs you"
    )

    client.force_login(world.collective_member)
    html = client.get(reverse("home")).content.decode()

    assert "Which venue?" not in html


def test_the_kept_rows_follow_the_language_the_person_reads(client, world):
    DecisionFactory(place=world.project_place, title="Which venue?")
    client.force_login(world.member)
    english = _section(client.get(reverse("home")).content.decode(), "What needs you")

    client.cookies["django_language"] = "cy"
    welsh = client.get(reverse("home")).content.decode()

    assert "Have your say: Which venue?" in english
    assert "Dweud eich dweud: Which venue?" in welsh
