"""The review journey as the people in it tell it: a researcher from outside asks
for a review, two group members review, the response is agreed and sent, the
researcher reports back, and the group records the impact."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from levelfield.history.models import Change
from levelfield.payments import services as payment_services
from levelfield.payments.tests.factories import PaymentPolicyFactory, RateFactory
from levelfield.places.access import collective_place
from levelfield.projects.models import ActivityKind, Participation, Stage
from levelfield.reviews import services
from levelfield.reviews.models import Impact, Rating, Review, ReviewRequest, Status
from levelfield.reviews.tests.factories import pdf_upload

ANSWERS = {
    "meaningful": Rating.PARTLY,
    "meaningful_comment": "People advise but do not decide anything.",
    "paid": Rating.NO,
    "paid_comment": "Vouchers only.",
    "plain_language": Rating.YES,
    "plain_language_comment": "",
    "missing": "Carers of people with dementia.",
    "their_questions": "Yes, with changes.",
}


def _details(**changes: object) -> services.RequestDetails:
    values = {
        "project_title": "Better home care visits",
        "project_summary": "What makes a home care visit work.",
        "stage": Stage.FUNDING,
        "involvement_plan": "Two carers on the steering group.",
        "questions": "Is our plan meaningful?",
        "deadline": timezone.localdate() + datetime.timedelta(days=21),
        "organisation": "Northside University",
    }
    values.update(changes)
    return services.RequestDetails(**values)


def _submit(world, **changes: object) -> ReviewRequest:  # noqa: ANN001
    return services.request_submit(
        group=world.group, researcher=world.rita, details=_details(**changes)
    )


def _reviewed(world) -> ReviewRequest:  # noqa: ANN001
    review_request = _submit(world)
    for person, minutes in ((world.amara, 90), (world.ben, 60)):
        review = services.review_sign_up(review_request=review_request, person=person)
        services.review_save(
            review=review, person=person, answers=ANSWERS, minutes=minutes, send=True
        )
    return review_request


def test_a_researcher_from_outside_asks_and_the_group_is_told(
    world, mailoutbox, django_capture_on_commit_callbacks
) -> None:  # noqa: ANN001
    with django_capture_on_commit_callbacks(execute=True):
        review_request = services.request_submit(
            group=world.group,
            researcher=world.rita,
            details=_details(),
            uploads=[pdf_upload()],
        )
    assert review_request.status == Status.WAITING
    assert sorted(email.to[0] for email in mailoutbox) == sorted(
        [world.amara.email, world.ben.email]
    )
    assert "Better home care visits" in mailoutbox[0].subject
    document = review_request.documents.get()
    assert document.original_name == "plan.pdf"
    assert document.content_type == "application/pdf"
    assert document.file.name.startswith(f"reviews/request-{review_request.pk}/")
    assert "plan" not in document.file.name.rsplit("/", 1)[-1]
    assert Change.objects.filter(action="review_requested").count() == 1


def test_two_members_review_and_their_time_can_be_claimed(world) -> None:  # noqa: ANN001
    review_request = _submit(world)
    first = services.review_sign_up(review_request=review_request, person=world.amara)
    review_request.refresh_from_db()
    assert review_request.status == Status.REVIEWING
    services.review_save(
        review=first, person=world.amara, answers=ANSWERS, minutes=None, send=False
    )
    assert not Participation.objects.filter(person=world.amara).exists()  # a draft logs nothing
    services.review_save(review=first, person=world.amara, answers=ANSWERS, minutes=90, send=True)
    first.refresh_from_db()
    participation = Participation.objects.get(person=world.amara)
    assert participation.minutes == 90
    entry = participation.entry
    assert entry == first.entry
    assert entry.kind == ActivityKind.REVIEW
    assert entry.stage == Stage.FUNDING
    # The group's own log (a group place), not a project's: the group has no stage of
    # its own, the entry keeps the stage of the plan reviewed.
    assert entry.place == world.group.place
    assert entry.place.kind == "group"
    # Payments can claim it like any other involvement.
    policy = PaymentPolicyFactory(collective=world.collective)
    RateFactory(policy=policy, effective_from=datetime.date(2020, 1, 1))
    claim = payment_services.claim_create(
        collective=world.collective, claimant=world.amara, participations=[participation]
    )
    assert claim.lines.get().minutes == 90


def test_sending_a_review_needs_every_question_and_the_time(world) -> None:  # noqa: ANN001
    review_request = _submit(world)
    review = services.review_sign_up(review_request=review_request, person=world.amara)
    with pytest.raises(ValidationError):
        services.review_save(
            review=review,
            person=world.amara,
            answers={**ANSWERS, "paid": ""},
            minutes=60,
            send=True,
        )
    review.refresh_from_db()
    assert not review.is_submitted
    assert not Participation.objects.exists()


def test_the_lead_drafts_the_others_comment_and_agree_and_it_is_sent(
    world, mailoutbox, django_capture_on_commit_callbacks
) -> None:  # noqa: ANN001
    review_request = _reviewed(world)
    response = services.response_lead(review_request=review_request, person=world.amara)
    with django_capture_on_commit_callbacks(execute=True):
        services.response_draft(response=response, person=world.amara, text="Version one.")
    assert [email.to for email in mailoutbox] == [[world.ben.email]]  # not the lead herself
    services.response_comment(response=response, person=world.ben, text="Add the payment point.")
    with pytest.raises(ValidationError, match="Ben"):
        services.response_send(response=response, person=world.amara)
    services.response_agree(response=response, person=world.ben)
    # A new version must be agreed again.
    services.response_draft(response=response, person=world.amara, text="Version two, paid.")
    with pytest.raises(ValidationError, match="Ben"):
        services.response_send(response=response, person=world.amara)
    with pytest.raises(PermissionDenied):
        services.response_send(response=response, person=world.ben)  # only the lead sends
    services.response_agree(response=response, person=world.ben)
    services.response_draft(
        response=response, person=world.amara, text="Version two, paid.", minutes=45
    )  # the same text: only the time is added
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.response_send(response=response, person=world.amara)
    response.refresh_from_db()
    assert response.version == 2
    drafting = Participation.objects.get(entry=response.entry)
    assert (drafting.person, drafting.minutes) == (world.amara, 45)
    assert response.entry.kind == ActivityKind.WRITING
    review_request.refresh_from_db()
    assert review_request.status == Status.SENT
    assert review_request.report_back_due == review_request.response_sent_at + datetime.timedelta(
        days=30
    )
    assert [email.to for email in mailoutbox] == [[world.rita.email]]
    assert "responded" in mailoutbox[0].subject


def test_only_reviewers_who_sent_their_review_may_lead(world) -> None:  # noqa: ANN001
    review_request = _submit(world)
    services.review_sign_up(review_request=review_request, person=world.amara)
    with pytest.raises(PermissionDenied):
        services.response_lead(review_request=review_request, person=world.amara)
    with pytest.raises(PermissionDenied):
        services.response_lead(review_request=review_request, person=world.dev)


def test_the_researcher_reports_back_and_the_group_records_the_impact(
    world, mailoutbox, django_capture_on_commit_callbacks
) -> None:  # noqa: ANN001
    review_request = _reviewed(world)
    response = services.response_lead(review_request=review_request, person=world.amara)
    services.response_draft(response=response, person=world.amara, text="Pay people.")
    services.response_agree(response=response, person=world.ben)
    services.response_send(response=response, person=world.amara)
    with pytest.raises(PermissionDenied):
        services.report_back(
            review_request=review_request,
            researcher=world.amara,
            what_changed="x",
            what_did_not_change="",
        )
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.report_back(
            review_request=review_request,
            researcher=world.rita,
            what_changed="We now pay £25 an hour.",
            what_did_not_change="The timetable: the funder set it.",
        )
    review_request.refresh_from_db()
    assert review_request.status == Status.REPORTED
    assert sorted(email.to[0] for email in mailoutbox) == sorted(
        [world.amara.email, world.ben.email]
    )
    # What changed is in the involvement log, where reports read it.
    for review in Review.objects.filter(request=review_request):
        assert "We now pay £25 an hour." in review.entry.what_changed
    services.impact_record(
        review_request=review_request, person=world.ben, impact=Impact.SOME, notes="Paid now."
    )
    assert services.group_counts(world.group) == {
        "requests": 1,
        "responded": 1,
        "reported": 1,
        "changed": 1,
    }


def test_a_researcher_withdraws_and_reviewers_hear(
    world, mailoutbox, django_capture_on_commit_callbacks
) -> None:  # noqa: ANN001
    review_request = _submit(world)
    services.review_sign_up(review_request=review_request, person=world.ben)
    with pytest.raises(PermissionDenied):
        services.request_withdraw(review_request=review_request, actor=world.ben)
    with django_capture_on_commit_callbacks(execute=True):
        services.request_withdraw(review_request=review_request, actor=world.rita)
    review_request.refresh_from_db()
    assert review_request.status == Status.WITHDRAWN
    assert [email.to for email in mailoutbox] == [[world.ben.email]]
    with pytest.raises(ValidationError):
        services.review_sign_up(review_request=review_request, person=world.amara)


def test_stepping_back_puts_the_request_back_in_the_queue(world) -> None:  # noqa: ANN001
    review_request = _submit(world)
    review = services.review_sign_up(review_request=review_request, person=world.ben)
    services.review_step_back(review=review, person=world.ben)
    review_request.refresh_from_db()
    assert review_request.status == Status.WAITING
    services.review_sign_up(review_request=review_request, person=world.ben)  # again, later
    with pytest.raises(ValidationError, match="already"):
        services.review_sign_up(review_request=review_request, person=world.ben)


def test_only_group_members_sign_up(world) -> None:  # noqa: ANN001
    review_request = _submit(world)
    for person in (world.dev, world.cora, world.rita, world.olu):
        with pytest.raises(PermissionDenied):
            services.review_sign_up(review_request=review_request, person=person)
    assert not Review.objects.exists()


def test_the_group_page_shows_the_queue_and_each_members_load(client, world) -> None:  # noqa: ANN001
    review_request = _submit(world)
    services.review_sign_up(review_request=review_request, person=world.ben)
    client.force_login(world.amara)
    page = client.get(reverse("reviews:place", args=[world.group.place_id])).content.decode()
    assert "Better home care visits" in page
    assert "Reviews on now" in page
    assert reverse("places:group", args=[world.group.place_id]) in page  # its home
    client.force_login(world.dev)  # in the collective, not the group: no queue
    collective_page = reverse("reviews:place", args=[collective_place(world.collective.pk).pk])
    page = client.get(collective_page).content.decode()
    assert "Better home care visits" not in page
    assert "Join the group" in page
    assert reverse("places:group_join", args=[world.group.place_id]) in page


def test_a_collective_member_outside_the_group_cannot_see_its_reviews(client, world) -> None:  # noqa: ANN001
    review_request = _submit(world)
    client.force_login(world.dev)
    assert client.get(reverse("reviews:place", args=[world.group.place_id])).status_code == 404
    assert client.get(reverse("reviews:request", args=[review_request.pk])).status_code == 404
    # Once Dev joins the group (as any group is joined), the reviews are theirs to see.
    client.post(reverse("places:group_join", args=[world.group.place_id]))
    assert client.get(reverse("reviews:place", args=[world.group.place_id])).status_code == 200
    assert client.get(reverse("reviews:request", args=[review_request.pk])).status_code == 200


def test_a_group_member_cannot_review_their_own_request(world) -> None:  # noqa: ANN001
    own = services.request_submit(
        group=world.group, researcher=world.amara, details=_details(project_title="Mine")
    )
    with pytest.raises(ValidationError, match="your own"):
        services.review_sign_up(review_request=own, person=world.amara)
