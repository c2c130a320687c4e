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
from levelfield.lib import words
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


def _submit(review_world, **changes: object) -> ReviewRequest:  # noqa: ANN001
    return services.request_submit(
        group=review_world.group, researcher=review_world.researcher, details=_details(**changes)
    )


def _reviewed(review_world) -> ReviewRequest:  # noqa: ANN001
    review_request = _submit(review_world)
    for person, minutes in ((review_world.member, 90), (review_world.group_member, 60)):
        review = services.review_sign_up(review_request=review_request, person=person)
        services.review_save(
            review=review, person=person, answers=ANSWERS, minutes=minutes, send=True
        )
    return review_request


def test_a_researcher_from_outside_asks_and_the_group_is_told(
    review_world, mailoutbox, django_capture_on_commit_callbacks
) -> None:  # noqa: ANN001
    with django_capture_on_commit_callbacks(execute=True):
        review_request = services.request_submit(
            group=review_world.group,
            researcher=review_world.researcher,
            details=_details(),
            uploads=[pdf_upload()],
        )
    assert review_request.status == Status.WAITING
    assert sorted(email.to[0] for email in mailoutbox) == sorted(
        [review_world.member.email, review_world.group_member.email]
    )
    assert "Better home care visits" in mailoutbox[0].subject
    document = review_request.documents.get()
    assert document.original_name == "plan.pdf"
    assert document.content_type == "application/pdf"
    assert document.file.name.startswith(f"reviews/request-{review_request.pk}/")
    assert "plan" not in document.file.name.rsplit("/", 1)[-1]
    assert Change.objects.filter(action="review_requested").count() == 1


def test_two_members_review_and_their_time_can_be_claimed(review_world) -> None:  # noqa: ANN001
    review_request = _submit(review_world)
    first = services.review_sign_up(review_request=review_request, person=review_world.member)
    review_request.refresh_from_db()
    assert review_request.status == Status.REVIEWING
    services.review_save(
        review=first, person=review_world.member, answers=ANSWERS, minutes=None, send=False
    )
    # A draft logs nothing.
    assert not Participation.objects.filter(person=review_world.member).exists()
    services.review_save(
        review=first, person=review_world.member, answers=ANSWERS, minutes=90, send=True
    )
    first.refresh_from_db()
    participation = Participation.objects.get(person=review_world.member)
    assert participation.minutes == 90
    entry = participation.entry
    assert entry == first.entry
    assert entry.kind == ActivityKind.REVIEW
    assert entry.stage == Stage.FUNDING
    # The group's own log (a group place), not a project's: the group has no stage of
    # its own, the entry keeps the stage of the plan reviewed.
    assert entry.place == review_world.group.place
    assert entry.place.kind == "group"
    # Payments can claim it like any other involvement.
    policy = PaymentPolicyFactory(collective=review_world.collective)
    RateFactory(policy=policy, effective_from=datetime.date(2020, 1, 1))
    claim = payment_services.claim_create(
        collective=review_world.collective,
        claimant=review_world.member,
        participations=[participation],
    )
    assert claim.lines.get().minutes == 90


def test_sending_a_review_needs_every_question_and_the_time(review_world) -> None:  # noqa: ANN001
    review_request = _submit(review_world)
    review = services.review_sign_up(review_request=review_request, person=review_world.member)
    with pytest.raises(ValidationError):
        services.review_save(
            review=review,
            person=review_world.member,
            answers={**ANSWERS, "paid": ""},
            minutes=60,
            send=True,
        )
    review.refresh_from_db()
    assert not review.is_submitted
    assert not Participation.objects.exists()


def test_the_lead_drafts_the_others_comment_and_agree_and_it_is_sent(
    review_world, mailoutbox, django_capture_on_commit_callbacks
) -> None:  # noqa: ANN001
    review_request = _reviewed(review_world)
    response = services.response_lead(review_request=review_request, person=review_world.member)
    with django_capture_on_commit_callbacks(execute=True):
        services.response_draft(response=response, person=review_world.member, text="Version one.")
    assert [email.to for email in mailoutbox] == [
        [review_world.group_member.email]
    ]  # not the lead herself
    services.response_comment(
        response=response, person=review_world.group_member, text="Add the payment point."
    )
    with pytest.raises(ValidationError, match="Gita"):
        services.response_send(response=response, person=review_world.member)
    services.response_agree(response=response, person=review_world.group_member)
    # A new version must be agreed again.
    services.response_draft(
        response=response, person=review_world.member, text="Version two, paid."
    )
    with pytest.raises(ValidationError, match="Gita"):
        services.response_send(response=response, person=review_world.member)
    with pytest.raises(PermissionDenied):
        # Only the lead sends.
        services.response_send(response=response, person=review_world.group_member)
    services.response_agree(response=response, person=review_world.group_member)
    services.response_draft(
        response=response, person=review_world.member, text="Version two, paid.", minutes=45
    )  # the same text: only the time is added
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.response_send(response=response, person=review_world.member)
    response.refresh_from_db()
    assert response.version == 2
    drafting = Participation.objects.get(entry=response.entry)
    assert (drafting.person, drafting.minutes) == (review_world.member, 45)
    assert response.entry.kind == ActivityKind.WRITING
    review_request.refresh_from_db()
    assert review_request.status == Status.SENT
    assert review_request.report_back_due == review_request.response_sent_at + datetime.timedelta(
        days=30
    )
    assert [email.to for email in mailoutbox] == [[review_world.researcher.email]]
    assert "responded" in mailoutbox[0].subject


def test_only_reviewers_who_sent_their_review_may_lead(review_world) -> None:  # noqa: ANN001
    review_request = _submit(review_world)
    services.review_sign_up(review_request=review_request, person=review_world.member)
    with pytest.raises(PermissionDenied):
        services.response_lead(review_request=review_request, person=review_world.member)
    with pytest.raises(PermissionDenied):
        services.response_lead(
            review_request=review_request, person=review_world.collective_member
        )


def test_the_researcher_reports_back_and_the_group_records_the_impact(
    review_world, mailoutbox, django_capture_on_commit_callbacks
) -> None:  # noqa: ANN001
    review_request = _reviewed(review_world)
    response = services.response_lead(review_request=review_request, person=review_world.member)
    services.response_draft(response=response, person=review_world.member, text="Pay people.")
    services.response_agree(response=response, person=review_world.group_member)
    services.response_send(response=response, person=review_world.member)
    with pytest.raises(PermissionDenied):
        services.report_back(
            review_request=review_request,
            researcher=review_world.member,
            what_changed="x",
            what_did_not_change="",
        )
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.report_back(
            review_request=review_request,
            researcher=review_world.researcher,
            what_changed="We now pay £25 an hour.",
            what_did_not_change="The timetable: the funder set it.",
        )
    review_request.refresh_from_db()
    assert review_request.status == Status.REPORTED
    assert sorted(email.to[0] for email in mailoutbox) == sorted(
        [review_world.member.email, review_world.group_member.email]
    )
    # What changed is in the involvement log, where reports read it.
    for review in Review.objects.filter(request=review_request):
        assert "We now pay £25 an hour." in review.entry.what_changed
    services.impact_record(
        review_request=review_request,
        person=review_world.group_member,
        impact=Impact.SOME,
        notes="Paid now.",
    )
    assert services.group_counts(review_world.group) == {
        "requests": 1,
        "responded": 1,
        "reported": 1,
        "changed": 1,
    }


def test_a_researcher_withdraws_and_reviewers_hear(
    review_world, mailoutbox, django_capture_on_commit_callbacks
) -> None:  # noqa: ANN001
    review_request = _submit(review_world)
    services.review_sign_up(review_request=review_request, person=review_world.group_member)
    with pytest.raises(PermissionDenied):
        services.request_withdraw(review_request=review_request, actor=review_world.group_member)
    with django_capture_on_commit_callbacks(execute=True):
        services.request_withdraw(review_request=review_request, actor=review_world.researcher)
    review_request.refresh_from_db()
    assert review_request.status == Status.WITHDRAWN
    assert [email.to for email in mailoutbox] == [[review_world.group_member.email]]
    with pytest.raises(ValidationError):
        services.review_sign_up(review_request=review_request, person=review_world.member)


def test_stepping_back_puts_the_request_back_in_the_queue(review_world) -> None:  # noqa: ANN001
    review_request = _submit(review_world)
    review = services.review_sign_up(
        review_request=review_request, person=review_world.group_member
    )
    services.review_step_back(review=review, person=review_world.group_member)
    review_request.refresh_from_db()
    assert review_request.status == Status.WAITING
    # Again, later.
    services.review_sign_up(review_request=review_request, person=review_world.group_member)
    with pytest.raises(ValidationError, match="already"):
        services.review_sign_up(review_request=review_request, person=review_world.group_member)


def test_only_group_members_sign_up(review_world) -> None:  # noqa: ANN001
    review_request = _submit(review_world)
    for person in (
        review_world.collective_member,
        review_world.coordinator,
        review_world.researcher,
        review_world.outsider,
    ):
        with pytest.raises(PermissionDenied):
            services.review_sign_up(review_request=review_request, person=person)
    assert not Review.objects.exists()


def test_the_group_page_shows_the_queue_and_each_members_load(client, review_world) -> None:  # noqa: ANN001
    review_request = _submit(review_world)
    services.review_sign_up(review_request=review_request, person=review_world.group_member)
    client.force_login(review_world.member)
    page = client.get(
        reverse("reviews:place", args=[review_world.group.place_id])
    ).content.decode()
    assert "Better home care visits" in page
    assert "Reviews on now" in page
    assert reverse("places:group", args=[review_world.group.place_id]) in page  # its home
    # In the collective, not the group: no queue.
    client.force_login(review_world.collective_member)
    collective_page = reverse(
        "reviews:place", args=[collective_place(review_world.collective.pk).pk]
    )
    page = client.get(collective_page).content.decode()
    assert "Better home care visits" not in page
    assert "Join the group" in page
    assert reverse("places:group_join", args=[review_world.group.place_id]) in page


def test_the_queue_and_the_responses_sent_say_each_requests_details(client, review_world) -> None:  # noqa: ANN001
    """The rows drawn in Python say what the template loop said: who asked, from where,
    the stage, the deadline, whether you review it, how many do, and what was sent."""
    mine = _submit(review_world, project_title="Care <b>at</b> home")
    services.review_sign_up(review_request=mine, person=review_world.member)
    services.review_sign_up(review_request=mine, person=review_world.group_member)
    _submit(review_world, project_title="Night buses", organisation="", stage=Stage.DESIGN)
    sent = _reviewed(review_world)
    response = services.response_lead(review_request=sent, person=review_world.member)
    services.response_draft(response=response, person=review_world.member, text="Pay people.")
    services.response_agree(response=response, person=review_world.group_member)
    services.response_send(response=response, person=review_world.member)
    sent.refresh_from_db()
    client.force_login(review_world.member)
    page = client.get(reverse("reviews:place", args=[review_world.group.place_id]))
    html = page.content.decode()
    assert "Care &lt;b&gt;at&lt;/b&gt; home" in html
    assert html.count("From Rita, Northside University. Funding application.") == 1
    assert "From Rita. Design." in html
    assert html.count("You are reviewing it.") == 1
    assert '<td class="govuk-table__cell govuk-table__cell--numeric">2</td>' in html
    assert words.day(mine.deadline) in html
    assert reverse("reviews:request", args=[mine.pk]) in html
    assert "Being reviewed" in html
    assert "Waiting for reviewers" in html
    assert f", sent {words.day(sent.response_sent_at)}. " in html
    assert "Response sent" in html
    # Gita reviews it too, but the sentence is each reader's own.
    client.force_login(review_world.group_member)
    html = client.get(reverse("reviews:place", args=[review_world.group.place_id]))
    assert html.content.decode().count("You are reviewing it.") == 1
    # A researcher who has deleted their account is "a former member".
    review_world.researcher.delete()
    html = client.get(reverse("reviews:place", args=[review_world.group.place_id]))
    assert "From a former member. Design." in html.content.decode()


def test_a_collective_member_outside_the_group_cannot_see_its_reviews(
    client, review_world
) -> None:  # noqa: ANN001
    review_request = _submit(review_world)
    client.force_login(review_world.collective_member)
    assert (
        client.get(reverse("reviews:place", args=[review_world.group.place_id])).status_code == 404
    )
    assert client.get(reverse("reviews:request", args=[review_request.pk])).status_code == 404
    # Once Cal joins the group (as any group is joined), the reviews are theirs to see.
    client.post(reverse("places:group_join", args=[review_world.group.place_id]))
    assert (
        client.get(reverse("reviews:place", args=[review_world.group.place_id])).status_code == 200
    )
    assert client.get(reverse("reviews:request", args=[review_request.pk])).status_code == 200


def test_a_group_member_cannot_review_their_own_request(review_world) -> None:  # noqa: ANN001
    own = services.request_submit(
        group=review_world.group,
        researcher=review_world.member,
        details=_details(project_title="Mine"),
    )
    with pytest.raises(ValidationError, match="your own"):
        services.review_sign_up(review_request=own, person=review_world.member)


def test_the_members_table_lists_everyone_by_name_with_their_load(client, review_world) -> None:  # noqa: ANN001
    """The members' accounts are read apart from their memberships: still every member,
    in order of name, a member without a display name by the start of their email."""
    review_request = _submit(review_world)
    services.review_sign_up(review_request=review_request, person=review_world.group_member)
    review_world.member.display_name = "Zola"
    review_world.member.save()
    client.force_login(review_world.member)
    url = reverse("reviews:place", args=[review_world.group.place_id])
    table = client.get(url).content.decode().split("Who is in the group", 1)[1]
    gita = review_world.group_member.name
    assert table.index(f">{gita}</td>") < table.index(">Zola</td>")
    assert f'>{gita}</td><td class="govuk-table__cell govuk-table__cell--numeric">1</td>' in table
    assert '>Zola</td><td class="govuk-table__cell govuk-table__cell--numeric">0</td>' in table
    review_world.member.display_name = ""
    review_world.member.save()
    table = client.get(url).content.decode().split("Who is in the group", 1)[1]
    assert f">{review_world.member.email.split('@')[0]}</td>" in table
