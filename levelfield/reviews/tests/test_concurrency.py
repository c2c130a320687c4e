"""Two reviewers acting at the same moment on PostgreSQL: one leads, one response
is sent, each reminder goes once."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from levelfield.collectives.tests.threads import CONCURRENCY_MARKS, at_once
from levelfield.notifications.models import Notification
from levelfield.reviews import services
from levelfield.reviews.models import Response, ReviewRequest, Status
from levelfield.reviews.tests.factories import ReviewRequestFactory

pytestmark = CONCURRENCY_MARKS


def test_two_reviewers_offering_to_lead_at_once_give_one_lead(review_world) -> None:  # noqa: ANN001
    review_request = ReviewRequestFactory(
        group=review_world.group, researcher=review_world.researcher
    )
    for person in (review_world.member, review_world.group_member):
        review = services.review_sign_up(review_request=review_request, person=person)
        services.review_save(
            review=review,
            person=person,
            answers={"meaningful": "yes", "paid": "yes", "plain_language": "yes"},
            minutes=30,
            send=True,
        )
    people = [review_world.member, review_world.group_member]
    results = at_once(
        2, lambda n: services.response_lead(review_request=review_request, person=people[n])
    )
    assert sum(isinstance(result, Response) for result in results) == 1
    assert sum(isinstance(result, ValidationError) for result in results) == 1
    assert ReviewRequest.objects.get(pk=review_request.pk).status == Status.DRAFTING


def test_two_workers_reminding_at_once_remind_once(review_world) -> None:  # noqa: ANN001
    sent_at = timezone.now() - datetime.timedelta(days=45)
    ReviewRequestFactory(
        group=review_world.group,
        researcher=review_world.researcher,
        status=Status.SENT,
        response_sent_at=sent_at,
        report_back_due=sent_at + datetime.timedelta(days=30),
    )
    results = at_once(3, lambda n: services.reviews_remind_report_back())
    assert sorted(results) == [0, 0, 1]
    assert Notification.objects.filter(kind="review_reminder").count() == 1


def test_signing_up_twice_at_once_makes_one_review(review_world) -> None:  # noqa: ANN001
    review_request = ReviewRequestFactory(
        group=review_world.group, researcher=review_world.researcher
    )
    results = at_once(
        2,
        lambda n: services.review_sign_up(
            review_request=review_request, person=review_world.group_member
        ),
    )
    assert sum(isinstance(r, ValidationError | PermissionDenied) for r in results) == 1
    assert review_request.reviews.count() == 1


@pytest.fixture
def review_world(review_world):  # noqa: ANN001, ANN201 - the same review_world, committed for real connections
    return review_world
