"""The reviews app's part of a person's data download and erasure (see manifest.py)."""

from __future__ import annotations

from typing import Any

from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext as _

from levelfield.lib.manifests import NEEDS_SHOWN, ErasureContext, Happening, Need, export_rows
from levelfield.reviews import services
from levelfield.reviews.models import (
    OPEN,
    Agreement,
    ReportBack,
    Response,
    ResponseComment,
    Review,
    ReviewRequest,
    Status,
)


def export(person: Any) -> dict[str, list[dict]]:
    return {
        "review_requests_you_sent": export_rows(
            ReviewRequest.objects.filter(researcher=person),
            organisation="organisation",
            project="project_title",
            summary="project_summary",
            involvement_plan="involvement_plan",
            questions="questions",
            submitted="submitted_at",
        ),
        "reviews_you_wrote": export_rows(
            Review.objects.filter(reviewer=person),
            request="request__project_title",
            meaningful="meaningful",
            meaningful_comment="meaningful_comment",
            paid="paid",
            paid_comment="paid_comment",
            plain_language="plain_language",
            plain_language_comment="plain_language_comment",
            missing="missing",
            answers_to_questions="their_questions",
            minutes="minutes",
            submitted="submitted_at",
        ),
        "review_responses_you_led": export_rows(
            Response.objects.filter(lead=person),
            request="request__project_title",
            text="text",
            sent="sent_at",
        ),
        "comments_on_review_responses": export_rows(
            ResponseComment.objects.filter(author=person),
            request="response__request__project_title",
            text="text",
            written="created_at",
        ),
        "review_responses_you_agreed": export_rows(
            Agreement.objects.filter(person=person),
            request="response__request__project_title",
            agreed="agreed_at",
        ),
        "review_impact_you_recorded": export_rows(
            ReportBack.objects.filter(impact_recorded_by=person),
            request="request__project_title",
            impact="impact",
            notes="impact_notes",
            recorded="impact_recorded_at",
        ),
    }


def erase(context: ErasureContext) -> None:
    """Agreements go with the person (group memberships are the places app's);
    requests, reviews, responses and comments stay for the group's record and the
    researcher's answer, with no name."""
    requests = ReviewRequest.objects.filter(
        Q(group__collective_id__in=context.collective_ids) | Q(researcher=context.person)
    )
    context.forget(requests)
    context.forget(Review.objects.filter(request__in=requests))
    context.forget(Response.objects.filter(request__in=requests), ["text"])
    context.forget(ResponseComment.objects.filter(response__request__in=requests), ["text"])
    context.forget(ReportBack.objects.filter(request__in=requests))
    # Their titles may have named the person: the groups' kept pages are worked out afresh.
    services.group_requests_moved(*requests.values_list("group_id", flat=True).distinct())


def needs(person: Any) -> list[Need]:
    """Reviews the person signed up to write and has not sent, on requests still open;
    and for researchers, telling the group what they did with its advice."""
    return _reviews_to_write(person) + _reports_back_due(person)


def _reports_back_due(person: Any) -> list[Need]:
    """A researcher whose response came tells the group what changed: the group's
    members see the difference they made, which keeps them coming back."""
    answered = (
        ReviewRequest.objects.filter(researcher=person, status=Status.SENT)
        .select_related("group__place")
        .only("project_title", "report_back_due", "group__place__group_name")
        .order_by("report_back_due", "pk")[:NEEDS_SHOWN]
    )
    return [
        Need(
            label=_("Tell the group what you did with its advice: %(title)s")
            % {"title": request.project_title},
            url=reverse("reviews:report_back", args=[request.pk]),
            place=request.group.name,
            due=request.report_back_due,
            kind="report_back",
        )
        for request in answered
    ]


def coming_up(person: Any) -> list[Happening]:
    """The researcher's requests still with the group: when the response is due."""
    waiting = (
        ReviewRequest.objects.filter(researcher=person, status__in=OPEN)
        .select_related("group__place")
        .only("project_title", "deadline", "group__place__group_name")
        .order_by("deadline", "pk")[:NEEDS_SHOWN]
    )
    return [
        Happening(
            label=_("Response due: %(title)s") % {"title": request.project_title},
            url=reverse("reviews:request", args=[request.pk]),
            when=request.deadline,
            place=request.group.name,
            kind="review_request",
        )
        for request in waiting
    ]


def _reviews_to_write(person: Any) -> list[Need]:
    """Reviews the person signed up to write and has not sent, on requests still open."""
    assigned = (
        Review.objects.filter(reviewer=person, submitted_at=None, request__status__in=OPEN)
        .select_related("request__group__place")
        .only("request__project_title", "request__deadline", "request__group__place__group_name")
        .order_by("request__deadline", "pk")[:NEEDS_SHOWN]
    )
    return [
        Need(
            label=_("Write your review: %(title)s") % {"title": review.request.project_title},
            url=reverse("reviews:review", args=[review.request_id]),
            place=review.request.group.name,
            due=review.request.deadline,
            kind="review",
        )
        for review in assigned
    ]
