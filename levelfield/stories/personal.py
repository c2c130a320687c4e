"""The stories app's part of a person's data download and erasure (see manifest.py)."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from typing import Any

from django.db import transaction
from django.db.models import Count, Exists, F, Min, OuterRef, Q, QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext, ngettext

from levelfield.collectives import roles
from levelfield.lib.manifests import (
    NEEDS_SHOWN,
    RECENT_DAYS,
    ErasureContext,
    Happening,
    Need,
    export_rows,
)
from levelfield.lib.words import number
from levelfield.people.services import email_is_one_of, person_addresses
from levelfield.places.models import PlaceMembership
from levelfield.stories.models import (
    Comment,
    CommentReport,
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


def _publishing(person: Any, action: roles.Action, through: str = "") -> Q:
    """The collectives where the person publishes (or answers joiners): coordinators, and
    members the public page names as editors (`access.may_publish`), as one condition on
    `<through>collective_id`."""
    field = f"{through}collective_id__in"
    return Q(**{field: roles.collectives_where(person, action)}) | Q(**{field: _editor_of(person)})


def _editor_of(person: Any) -> QuerySet:
    """The ids of the collectives whose public page names the person as an editor (while
    they are a member)."""
    return PublicPage.objects.filter(
        editors=person,
        collective__in=PlaceMembership.objects.in_collectives()
        .filter(person=person)
        .values("place__collective_id"),
    ).values("collective_id")


def _publishes_anywhere(person: Any) -> bool:
    """Whether the person publishes, or answers joiners, in any collective: one short
    query that spares most people (who do neither) the three below."""
    held = (
        roles.collectives_where(person, roles.Action.PUBLISH_STORIES)
        .order_by()
        .union(
            roles.collectives_where(person, roles.Action.ANSWER_INTEREST).order_by(),
            _editor_of(person).order_by(),
        )
    )
    return bool(held[:1])


def needs(person: Any) -> list[Need]:
    """For the people who publish: stories ready to publish, public comments waiting for
    a moderator (held, or reported), and messages from people who want to get involved.
    One line per collective for each."""
    if not getattr(person, "is_authenticated", False) or not _publishes_anywhere(person):
        return []
    ready = Story.objects.filter(_publishing(person, roles.Action.PUBLISH_STORIES)).filter(
        submitted_at__isnull=False, published_at=None
    )
    reported = CommentReport.objects.filter(comment=OuterRef("pk"), dealt_with_at=None)
    waiting = (
        Comment.objects.filter(_publishing(person, roles.Action.PUBLISH_STORIES, "story__"))
        .filter(hidden_at=None)
        .filter(Q(published_at=None) | Exists(reported))
    )
    messages = Interest.objects.filter(_publishing(person, roles.Action.ANSWER_INTEREST)).filter(
        answered_at=None
    )
    return (
        _per_collective(
            ready,
            "",
            "submitted_at",
            "stories:desk",
            "stories_to_publish",
            lambda n: (
                ngettext(
                    "Publish or send back %(count)s story",
                    "Publish or send back %(count)s stories",
                    n,
                )
                % {"count": number(n)}
            ),
        )
        + _per_collective(
            waiting,
            "story__",
            "created_at",
            "stories:moderation",
            "comments_to_moderate",
            lambda n: (
                ngettext(
                    "Look at %(count)s public comment waiting for a moderator",
                    "Look at %(count)s public comments waiting for a moderator",
                    n,
                )
                % {"count": number(n)}
            ),
        )
        + _per_collective(
            messages,
            "",
            "created_at",
            "stories:interest_list",
            "get_involved",
            lambda n: (
                ngettext(
                    "Answer %(count)s person who wants to get involved",
                    "Answer %(count)s people who want to get involved",
                    n,
                )
                % {"count": number(n)}
            ),
        )
    )


def _per_collective(
    rows: QuerySet,
    through: str,
    since: str,
    url_name: str,
    kind: str,
    label: Callable[[int], str],
) -> list[Need]:
    """One line per collective for `rows` (reached through `<through>collective`), oldest
    waiting first, in one query."""
    slug, name = f"{through}collective__slug", f"{through}collective__name"
    counted = (
        rows.values(slug, name)
        .annotate(count=Count("pk"), first=Min(since))
        .order_by("first")[:NEEDS_SHOWN]
    )
    return [
        Need(
            label=label(row["count"]),
            url=reverse(url_name, args=[row[slug]]),
            place=row[name],
            kind=kind,
        )
        for row in counted
    ]


def recent(person: Any) -> list[Happening]:
    """Stories the person's collectives published lately."""
    now = timezone.now()
    stories = (
        Story.objects.for_member(person)
        .public(now)
        .filter(published_at__gte=now - datetime.timedelta(days=RECENT_DAYS))
        .select_related("collective")
        .only("title", "slug", "published_at", "collective__name", "collective__slug")
        .order_by("-published_at", "-pk")[:NEEDS_SHOWN]
    )
    return [
        Happening(
            label=gettext("New story: %(title)s") % {"title": story.title},
            url=story.get_absolute_url(),
            when=story.published_at,
            place=story.collective.name,
            kind="story",
        )
        for story in stories
    ]
