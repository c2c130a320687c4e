"""The threads app's part of a person's data download, erasure and home (manifest.py)."""

from __future__ import annotations

from typing import Any

from django.db.models import Exists, F, OuterRef, Q, Subquery
from django.urls import reverse
from django.utils.translation import gettext as _

from levelfield.lib.manifests import NEEDS_SHOWN, ErasureContext, Need, export_rows
from levelfield.places.access import places_for_member
from levelfield.places.models import Place, PlaceKind
from levelfield.threads import services
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
    # Their name, words and reactions leave the kept pages of these threads at once
    # (the rest of their posts show "A former member" once their row is gone).
    services.posts_changed(threads)


def needs(person: Any) -> list[Need]:
    """Threads where someone mentioned the person and they have not read it since, and
    updates sent to them that they have not opened and marked read (until the home has
    a "Recently" section, updates show here). One query, however many there are."""
    mentions = Mention.objects.filter(
        person=person, post__thread=OuterRef("pk"), post__removed_at__isnull=True
    ).order_by("-created_at")
    threads = (
        Thread.objects.filter(place__in=places_for_member(person))
        .filter(
            Q(pk__in=Mention.objects.filter(person=person).values("post__thread_id"))
            | Q(pk__in=Delivery.objects.filter(person=person).values("thread_id"))
        )
        .annotate(
            read_at=Subquery(
                ReadMark.objects.filter(thread=OuterRef("pk"), person=person).values("read_at")[:1]
            ),
            mentioned_at=Subquery(mentions.values("created_at")[:1]),
            mentioned_by=Subquery(mentions.values("post__author__display_name")[:1]),
            mention_post=Subquery(mentions.values("post_id")[:1]),
            delivered=Exists(Delivery.objects.filter(thread=OuterRef("pk"), person=person)),
        )
        .filter(
            (
                Q(mentioned_at__isnull=False)
                & (Q(read_at__isnull=True) | Q(read_at__lt=F("mentioned_at")))
            )
            | Q(delivered=True, read_at__isnull=True)
        )
        .select_related("place__collective", "place__project")
        # Only the columns a need shows: compiling every column of the joined tables
        # cost more than running the query.
        .only(
            "title",
            *Place.name_columns("place__"),
        )
        .order_by("-last_activity_at", "-pk")[: NEEDS_SHOWN * 2]
    )
    found = []
    for thread in threads:
        url = reverse("threads:detail", args=[thread.place_id, thread.pk])
        unread_mention = thread.mentioned_at is not None and (
            thread.read_at is None or thread.read_at < thread.mentioned_at
        )
        if unread_mention:
            found.append(
                Need(
                    label=(
                        _("%(name)s mentioned you in “%(title)s”")
                        % {"name": thread.mentioned_by, "title": thread.title}
                        if thread.mentioned_by
                        else _("Someone mentioned you in “%(title)s”") % {"title": thread.title}
                    ),
                    url=reverse(
                        "threads:post", args=[thread.place_id, thread.pk, thread.mention_post]
                    ),
                    place=thread.place.name,
                    kind="thread_mention",
                )
            )
        else:
            found.append(
                Need(
                    label=_("Read the update “%(title)s”") % {"title": thread.title},
                    url=url,
                    place=thread.place.name,
                    kind="place_update",
                )
            )
    return found
