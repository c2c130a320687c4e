"""A person's home gathers what needs them from every app: the jobs people hold (claims
to approve, stories to publish, comments to moderate, people who want to get involved,
requests to join), questions about their own claims, drafts asking for comments, and
what is coming up and happened lately in their places."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from levelfield.decisions.models import Outcome, Response
from levelfield.decisions.tests.factories import DecisionFactory
from levelfield.documents import services as document_services
from levelfield.events.tests.factories import EventFactory, RegistrationFactory
from levelfield.home.services import person_coming_up, person_needs, person_recent
from levelfield.payments.models import Claim, Status
from levelfield.places.models import JoinRequest
from levelfield.stories.models import CommentReport, Interest
from levelfield.stories.tests.factories import CommentFactory, StoryFactory

pytestmark = pytest.mark.django_db


def _kinds(needs: list) -> dict[str, list]:
    found: dict[str, list] = {}
    for need in needs:
        found.setdefault(need.kind, []).append(need)
    return found


def _claim(world, status: str) -> Claim:
    return Claim.objects.create(
        collective=world.collective,
        claimant=world.member,
        status=status,
        first_activity_on=datetime.date(2026, 11, 2),
        submitted_at=timezone.now(),
    )


def test_the_coordinator_is_told_what_their_job_asks_of_them_and_no_one_else_is(world):
    _claim(world, Status.SUBMITTED)
    _claim(world, Status.SUBMITTED)
    StoryFactory(collective=world.collective, published_at=None, submitted_at=timezone.now())
    held = CommentFactory(story__collective=world.collective, published_at=None)
    reported = CommentFactory(story=held.story)
    CommentReport.objects.create(comment=reported, reported_by=world.outsider, reason="Rude")
    Interest.objects.create(
        collective=world.collective,
        name="Nia",
        email="nia@example.org",
        interests="Stroke",
        consent=True,
    )
    JoinRequest.objects.create(place=world.project.place, person=world.collective_member)

    coordinator = _kinds(person_needs(person=world.coordinator))

    assert coordinator["claims_to_approve"][0].label == "Approve or ask about 2 payment claims"
    assert coordinator["claims_to_approve"][0].url == reverse(
        "payments:approvals", args=[world.collective.slug]
    )
    assert coordinator["stories_to_publish"][0].label == "Publish or send back 1 story"
    assert coordinator["comments_to_moderate"][0].label == (
        "Look at 2 public comments waiting for a moderator"
    )
    assert coordinator["get_involved"][0].label == "Answer 1 person who wants to get involved"
    assert coordinator["join_request"][0].url == reverse(
        "places:members", args=[world.project_place.pk]
    )
    for person in (world.member, world.collective_member, world.outsider):
        kinds = _kinds(person_needs(person=person))
        for job in ("claims_to_approve", "stories_to_publish", "comments_to_moderate"):
            assert job not in kinds, (person, job)


def test_a_claimant_is_asked_to_answer_the_question_about_their_claim(world):
    claim = _claim(world, Status.QUERIED)
    _claim(world, Status.SUBMITTED)  # waiting: nothing for the claimant to do

    mine = _kinds(person_needs(person=world.member))

    assert [need.url for need in mine["claim_queried"]] == [
        reverse("payments:claim", args=[claim.pk])
    ]
    assert "claim_queried" not in _kinds(person_needs(person=world.coordinator))


def test_a_draft_open_for_comments_asks_for_them_until_you_have_commented(world):
    today = timezone.localdate()
    document = document_services.document_start(
        started_by=world.coordinator,
        title="Our payment principles",
        purpose="How we pay people for their time.",
        text="We pay everyone fairly.",
        opens_on=today,
        closes_on=today + datetime.timedelta(days=10),
        place=world.project_place,
    )

    mine = _kinds(person_needs(person=world.member))
    assert mine["document"][0].label == "Comment on the draft: Our payment principles"
    assert mine["document"][0].url == reverse("documents:detail", args=[document.pk])
    # Its writer, and people outside the project, are not asked.
    assert "document" not in _kinds(person_needs(person=world.coordinator))
    assert "document" not in _kinds(person_needs(person=world.collective_member))


def test_coming_up_lists_meetings_not_booked_and_results_of_what_you_answered(world):
    now = timezone.now()
    meeting = EventFactory(
        place=world.project_place,
        title="Analysis workshop",
        starts_at=now + datetime.timedelta(days=3),
    )
    booked = EventFactory(place=world.project_place, starts_at=now + datetime.timedelta(days=4))
    RegistrationFactory(event=booked, person=world.member)
    EventFactory(place=world.project_place, starts_at=now + datetime.timedelta(days=60))
    answered = DecisionFactory(
        place=world.project_place, closes_at=now + datetime.timedelta(days=2)
    )
    Response.objects.create(decision=answered, person=world.member, payload={"stance": "agree"})

    coming = person_coming_up(person=world.member)

    assert [item.label for item in coming] == [
        f"Results due: {answered.title}",
        "Meeting: Analysis workshop",
    ]
    assert coming[1].url == reverse("events:detail", args=[meeting.pk])
    assert person_coming_up(person=world.outsider) == []


def test_recently_shows_what_the_places_decided_and_published(world):
    now = timezone.now()
    decided = DecisionFactory(place=world.project_place, closed_at=now)
    Outcome.objects.create(
        decision=decided,
        statement="We share findings at the library.",
        written_at=now,
        updated_at=now,
    )
    story = StoryFactory(
        collective=world.collective,
        title="Our first year",
        published_at=now - datetime.timedelta(days=1),
    )
    StoryFactory(collective=world.collective, published_at=now - datetime.timedelta(days=90))

    recent = person_recent(person=world.member)

    assert [item.label for item in recent] == [
        f"Decided: {decided.title}",
        "New story: Our first year",
    ]
    assert story.get_absolute_url() in [item.url for item in recent]
    # The collective-only member sees the story but not the project's decision.
    assert [item.label for item in person_recent(person=world.collective_member)] == [
        "New story: Our first year"
    ]
