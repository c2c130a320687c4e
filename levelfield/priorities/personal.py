"""The priorities app's part of a person's data download and erasure (see manifest.py)."""

from __future__ import annotations

from typing import Any

from levelfield.lib.manifests import ErasureContext, export_rows
from levelfield.people.services import email_is_one_of, person_addresses
from levelfield.priorities.models import (
    Idea,
    IdeaComment,
    IdeaOwner,
    Partnership,
    SteeringMember,
    Subscriber,
    SummaryQuestion,
)


def export(person: Any) -> dict[str, list[dict]]:
    return {
        "priority_setting_partnerships_you_started": export_rows(
            Partnership.objects.filter(created_by=person), partnership="title"
        ),
        "priority_setting_steering_groups": export_rows(
            SteeringMember.objects.filter(person=person),
            partnership="partnership__title",
            added="added_at",
        ),
        "summary_questions_you_wrote": export_rows(
            SummaryQuestion.objects.filter(created_by=person),
            partnership="partnership__title",
            question="text",
            evidence="evidence",
        ),
        "priority_survey_updates_to_your_addresses": export_rows(
            Subscriber.objects.filter(email_is_one_of(person_addresses(person))),
            partnership="partnership__title",
            email="email",
        ),
        "ideas_you_started": export_rows(
            Idea.objects.filter(created_by=person), idea="title", description="description"
        ),
        "ideas_you_own": export_rows(IdeaOwner.objects.filter(person=person), idea="idea__title"),
        "comments_on_ideas": export_rows(
            IdeaComment.objects.filter(author=person),
            idea="idea__title",
            text="text",
            written="created_at",
        ),
    }


def erase(context: ErasureContext) -> None:
    """Steering places and idea ownership go with the person, and survey updates to their
    addresses stop (the subscriber rows go). Survey answers were never linked to anyone;
    ideas, questions and comments stay with no name of theirs."""
    Subscriber.objects.filter(email_is_one_of(context.addresses)).delete()
    partnerships = Partnership.objects.filter(context.places())
    context.forget(partnerships, ["title", "scope"])
    context.forget(SummaryQuestion.objects.filter(partnership__in=partnerships))
    ideas = Idea.objects.filter(collective_id__in=context.collective_ids)
    context.forget(ideas, ["title", "description"])
    context.forget(IdeaComment.objects.filter(idea__in=ideas), ["text"])
