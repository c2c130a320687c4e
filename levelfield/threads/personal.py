"""The threads app's part of a person's data download, erasure and home (manifest.py)."""

from __future__ import annotations

from typing import Any

from django.db.models import Exists, F, OuterRef, Q, Subquery
from django.urls import reverse

from levelfield.lib.manifests import NEEDS_SHOWN, ErasureContext, Need, export_rows
from levelfield.places.access import places_for_member
from levelfield.places.models import PlaceKind
from levelfield.threads.models import (
    Delivery,
    Mention,
    Post,
    Reaction,
    ReadMark,
    Revision,
    Thread,
)


def export(person: Any) -> dict[str, list[dict]]:
    return {
        "threads_you_started": export_rows(
            Thread.objects.filter(author=person),
            thread="title",
            kind="kind",
            started="created_at",
        ),
        "threads_you_closed": export_rows(
            Thread.objects.filter(closed_by=person), thread="title", closed="closed_at"
        ),
        "thread_posts": export_rows(
            Post.objects.filter(author=person),
            thread="thread__title",
            text="body",
            written="created_at",
            changed="edited_at",
            removed="removed_at",
        ),
        "thread_reactions": export_rows(
            Reaction.objects.filter(person=person),
            thread="post__thread__title",
            reaction="kind",
            given="created_at",
        ),
        "thread_mentions": export_rows(
            Mention.objects.filter(person=person),
            thread="post__thread__title",
            mentioned="created_at",
        ),
        "threads_you_read": export_rows(
            ReadMark.objects.filter(person=person), thread="thread__title", read="read_at"
        ),
        "updates_sent_to_you": export_rows(
            Delivery.objects.filter(person=person), update="thread__title", sent="sent_at"
        ),
    }


def erase(context: ErasureContext) -> None:
    """Reactions, mentions, read marks and deliveries go with the person (their rows
    cascade); threads and posts stay in the place's record with no name, and the text
    of threads where they were keeps no name of theirs."""
    threads = Thread.objects.filter(
        Q(place__project_id__in=context.project_ids)
        | Q(
            place__kind__in=[PlaceKind.COLLECTIVE, PlaceKind.GROUP],
            place__collective_id__in=context.collective_ids,
        )
    )
    context.forget(threads, ["title"])
    context.forget(Post.objects.filter(thread__in=threads), ["body", "html"])
    context.forget(Revision.objects.filter(post__thread__in=threads), ["body"])


def needs(person: Any) -> list[Need]:
    """Threads where someone mentioned the person and they have not read it since, and
    updates sent to them that they have not opened and marked read (until the home has
    a "Recently" section, updates show here)."""
    places = places_for_member(person)
    read_at = ReadMark.objects.filter(thread=OuterRef("post__thread"), person=person).values(
        "read_at"
    )[:1]
    mentions = (
        Mention.objects.filter(person=person, post__thread__place__in=places)
        .annotate(read_at=Subquery(read_at))
        .filter(Q(read_at__isnull=True) | Q(read_at__lt=F("created_at")))
        .filter(post__removed_at__isnull=True)
        .select_related(
            "post__thread__place__collective", "post__thread__place__project", "post__author"
        )
        .order_by("-created_at")[:NEEDS_SHOWN]
    )
    found = [
        Need(
            label=f"{m.post.author.name if m.post.author else 'Someone'} mentioned you in "
            f"“{m.post.thread.title}”",
            url=reverse("threads:detail", args=[m.post.thread.place_id, m.post.thread_id])
            + f"#post-{m.post_id}",
            place=m.post.thread.place.name,
            kind="thread_mention",
        )
        for m in mentions
    ]
    unread = ReadMark.objects.filter(thread=OuterRef("thread"), person=person)
    updates = (
        Delivery.objects.filter(person=person, thread__place__in=places)
        .exclude(Exists(unread))
        .select_related("thread__place__collective", "thread__place__project")
        .order_by("-sent_at")[:NEEDS_SHOWN]
    )
    found += [
        Need(
            label=f"Read the update “{d.thread.title}”",
            url=reverse("threads:detail", args=[d.thread.place_id, d.thread_id]),
            place=d.thread.place.name,
            kind="place_update",
        )
        for d in updates
    ]
    return found
