"""The stories app's part of a person's data download and erasure (see manifest.py)."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.db.models import F

from levelfield.lib.manifests import ErasureContext, export_rows
from levelfield.people.services import email_is_one_of, person_addresses
from levelfield.stories.models import (
    Comment,
    Interest,
    PublicPage,
    Story,
    StoryImage,
)
from levelfield.stories.services import person_stories_export


def export(person: Any) -> dict[str, list[dict]]:
    return {
        **person_stories_export(person=person),
        "stories_you_published": export_rows(
            Story.objects.filter(published_by=person), story="title", published="published_at"
        ),
        "story_pictures_you_added": export_rows(
            StoryImage.objects.filter(added_by=person),
            story="story__title",
            caption="caption",
            added="added_at",
        ),
        "story_comments_you_hid": export_rows(
            Comment.objects.filter(hidden_by=person),
            story="story__title",
            because="hidden_reason",
            hidden="hidden_at",
        ),
        "public_pages_you_edit": export_rows(
            PublicPage.objects.filter(editors=person), collective="collective__name"
        ),
        "get_involved_messages_you_answered": export_rows(
            Interest.objects.filter(answered_by=person),
            collective="collective__name",
            answer="answer",
            answered="answered_at",
        ),
        "get_involved_messages_from_your_addresses": export_rows(
            Interest.objects.filter(email_is_one_of(person_addresses(person))),
            collective="collective__name",
            name="name",
            email="email",
            interests="interests",
            sent="created_at",
        ),
    }


def erase(context: ErasureContext) -> None:
    """A story the person wrote goes, with its pictures, public or not: it is their
    story. One they co-wrote stays with its author, with no name of the person's; so do
    comments. Get-involved messages sent from their addresses go."""
    own = Story.objects.filter(author=context.person)
    collectives = set(own.values_list("collective_id", flat=True))
    files = [
        (image.file.storage, image.file.name) for image in StoryImage.objects.filter(story__in=own)
    ]
    own.delete()
    for storage, name in files:
        transaction.on_commit(lambda storage=storage, name=name: storage.delete(name))
    Interest.objects.filter(email_is_one_of(context.addresses)).delete()
    stories = Story.objects.filter(collective_id__in=context.collective_ids)
    collectives |= {story.collective_id for story in stories.only("collective_id")}
    context.forget(stories, ["title", "summary", "body", "co_written_with"])
    context.forget(StoryImage.objects.filter(story__in=stories), ["alt", "caption", "credit"])
    context.forget(Comment.objects.filter(story__in=stories), ["text", "hidden_reason"])
    context.forget(Interest.objects.filter(collective_id__in=context.collective_ids))
    context.forget(PublicPage.objects.filter(collective_id__in=context.collective_ids))
    # What the public pages show changed: cached fragments keyed on the version go.
    PublicPage.objects.filter(collective_id__in=collectives).update(version=F("version") + 1)
