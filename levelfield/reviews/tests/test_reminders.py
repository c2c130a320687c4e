"""Reminders, each sent once: a researcher who has not reported back by the group's
set time, and a reviewer whose deadline is near and who has not sent their review."""

from __future__ import annotations

import datetime

from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from levelfield.reviews import services
from levelfield.reviews.models import ReviewRequest, Status
from levelfield.reviews.tests.factories import ReviewFactory, ReviewRequestFactory


def _sent(review_world, days_ago: int) -> ReviewRequest:  # noqa: ANN001
    sent_at = timezone.now() - datetime.timedelta(days=days_ago)
    return ReviewRequestFactory(
        group=review_world.group,
        researcher=review_world.researcher,
        status=Status.SENT,
        response_sent_at=sent_at,
        report_back_due=sent_at + datetime.timedelta(days=review_world.group.report_back_days),
    )


def test_a_researcher_who_has_not_reported_back_is_reminded_once(
    review_world, mailoutbox, django_capture_on_commit_callbacks
) -> None:  # noqa: ANN001
    due = _sent(review_world, days_ago=31)
    _sent(review_world, days_ago=5)  # not yet due
    with django_capture_on_commit_callbacks(execute=True):
        assert services.reviews_remind_report_back() == 1
        assert services.reviews_remind_report_back() == 0  # run again: nothing more
        call_command("send_review_reminders")
    assert len(mailoutbox) == 1
    email = mailoutbox[0]
    assert email.to == [review_world.researcher.email]
    assert due.project_title in email.subject
    assert reverse("reviews:report_back", args=[due.pk]) in email.body
    due.refresh_from_db()
    assert due.reminder_sent_at is not None


def test_no_reminder_once_reported_back_or_withdrawn(
    review_world, mailoutbox, django_capture_on_commit_callbacks
) -> None:  # noqa: ANN001
    reported = _sent(review_world, days_ago=60)
    reported.status = Status.REPORTED
    reported.save()
    ReviewRequestFactory(
        group=review_world.group, researcher=review_world.researcher, status=Status.WITHDRAWN
    )
    with django_capture_on_commit_callbacks(execute=True):
        assert services.reviews_remind_report_back() == 0
    assert mailoutbox == []


def test_opening_the_page_of_an_overdue_request_sends_nothing(
    client, review_world, mailoutbox, django_capture_on_commit_callbacks
) -> None:  # noqa: ANN001
    due = _sent(review_world, days_ago=40)
    client.force_login(review_world.researcher)
    with django_capture_on_commit_callbacks(execute=True):
        assert client.get(reverse("reviews:request", args=[due.pk])).status_code == 200
    assert mailoutbox == []
    due.refresh_from_db()
    assert due.reminder_sent_at is None


def test_a_reviewer_who_has_not_sent_is_reminded_once_when_the_deadline_is_near(
    review_world, mailoutbox, django_capture_on_commit_callbacks
) -> None:  # noqa: ANN001
    today = timezone.localdate()
    near = ReviewRequestFactory(
        group=review_world.group,
        status=Status.REVIEWING,
        deadline=today + datetime.timedelta(days=2),
    )
    far = ReviewRequestFactory(
        group=review_world.group,
        status=Status.REVIEWING,
        deadline=today + datetime.timedelta(days=20),
    )
    ReviewFactory(request=near, reviewer=review_world.member)
    ReviewFactory(request=far, reviewer=review_world.member)
    ReviewFactory(
        request=near, reviewer=review_world.group_member, submitted_at=timezone.now(), minutes=30
    )  # already sent: no reminder
    with django_capture_on_commit_callbacks(execute=True):
        assert services.reviews_remind_deadline() == 1
        call_command("send_review_reminders")
        assert services.reviews_remind_deadline() == 0
    assert [email.to for email in mailoutbox] == [[review_world.member.email]]
    assert near.project_title in mailoutbox[0].subject
