"""The documents app's part of a person's data download and erasure (see manifest.py)."""

from __future__ import annotations

import datetime
from typing import Any

from django.db.models import Exists, OuterRef, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from levelfield.documents import services
from levelfield.documents.models import (
    Amendment,
    Answer,
    Author,
    Comment,
    CommentReport,
    Document,
    Paragraph,
    Question,
    Reader,
    Support,
    Version,
)
from levelfield.lib.manifests import (
    NEEDS_SHOWN,
    RECENT_DAYS,
    ErasureContext,
    Happening,
    Need,
    export_rows,
)
from levelfield.places.models import Place


def export(person: Any) -> dict[str, list[dict]]:
    return {
        "documents_you_started": export_rows(
            Document.objects.filter(created_by=person), document="title", created="created_at"
        ),
        "documents_you_write": export_rows(
            Author.objects.filter(person=person), document="document__title"
        ),
        "documents_you_read": export_rows(
            Reader.objects.filter(person=person), document="document__title", joined="joined_at"
        ),
        "document_versions_you_published": export_rows(
            Version.objects.filter(published_by=person),
            document="document__title",
            note="note",
            published="published_at",
        ),
        "answers_to_document_questions": export_rows(
            Answer.objects.filter(person=person),
            document="question__document__title",
            question="question__text",
            answer="text",
            answered="answered_at",
        ),
        "document_comments": export_rows(
            Comment.objects.filter(author=person),
            document="document__title",
            text="text",
            written="created_at",
            hidden_because="hidden_reason",
        ),
        "document_comments_you_hid": export_rows(
            Comment.objects.filter(hidden_by=person),
            document="document__title",
            because="hidden_reason",
            hidden="hidden_at",
        ),
        "document_comments_you_supported": export_rows(
            Support.objects.filter(person=person),
            document="comment__document__title",
            comment="comment__text",
        ),
        "document_comments_you_reported": export_rows(
            CommentReport.objects.filter(reported_by=person),
            document="comment__document__title",
            reason="reason",
            reported="reported_at",
        ),
        "amendments_you_proposed": export_rows(
            Amendment.objects.filter(proposed_by=person),
            document="document__title",
            text="text",
            reason="reason",
            status="status",
            proposed="proposed_at",
        ),
        "amendments_you_answered": export_rows(
            Amendment.objects.filter(answered_by=person),
            document="document__title",
            status="status",
            because="answer_reason",
            answered="answered_at",
        ),
    }


def erase(context: ErasureContext) -> None:
    """Being an author or reader and answers to a document's questions go with the
    person; comments, support and amendments stay in the document's record with no
    name, and the text of documents where they were keeps no name of theirs."""
    # Documents in the projects they were in, and in their collectives' own places and
    # groups (a group's documents are its collective's, as its members are).
    documents = Document.objects.filter(
        context.places(project="place__project", collective=None)
        | Q(place__project__isnull=True, place__collective_id__in=context.collective_ids)
    )
    context.forget(documents, ["title", "purpose"])
    context.forget(Version.objects.filter(document__in=documents), ["text", "note"])
    context.forget(Paragraph.objects.filter(version__document__in=documents))
    context.forget(Question.objects.filter(document__in=documents))
    context.forget(Answer.objects.filter(question__document__in=documents))
    context.forget(Comment.objects.filter(document__in=documents))
    context.forget(CommentReport.objects.filter(comment__document__in=documents))
    context.forget(Amendment.objects.filter(document__in=documents))
    # Their name goes from the pages' kept pieces at once (the pen they held, the
    # answers they gave), not when the pieces expire.
    services.pages_changed(
        Document.objects.filter(
            Q(pk__in=documents.values("pk")) | Q(authors__person=context.person)
        )
    )


# Only the columns the home shows of a document and its place's name: compiling every
# column of the joined tables cost more than running the query.
_SHOWN = (
    "title",
    *Place.name_columns("place__"),
)


def needs(person: Any) -> list[Need]:
    """Documents in the person's places open for comments that they have neither
    commented on nor write, closing soonest first: a draft wants every voice before the
    team decides on it."""
    if not getattr(person, "is_authenticated", False):
        return []
    today = timezone.localdate()
    commented = Comment.objects.filter(document=OuterRef("pk"), author=person)
    writes = Author.objects.filter(document=OuterRef("pk"), person=person)
    waiting = (
        Document.objects.visible_to(person)
        .open_for_comments(today)
        .exclude(Exists(commented) | Exists(writes))
        .with_place()
        .only("closes_on", *_SHOWN)
        .order_by("closes_on", "pk")[:NEEDS_SHOWN]
    )
    return [
        Need(
            label=_("Comment on the draft: %(title)s") % {"title": document.title},
            url=reverse("documents:detail", args=[document.pk]),
            place=document.place.name,
            due=document.closes_on,
            kind="document",
        )
        for document in waiting
    ]


def recent(person: Any) -> list[Happening]:
    """Documents the person's places adopted lately."""
    since = timezone.now() - datetime.timedelta(days=RECENT_DAYS)
    adopted = (
        Document.objects.visible_to(person)
        .filter(adopted_at__gte=since)
        .with_place()
        .only("adopted_at", *_SHOWN)
        .order_by("-adopted_at", "-pk")[:NEEDS_SHOWN]
    )
    return [
        Happening(
            label=_("Adopted: %(title)s") % {"title": document.title},
            url=reverse("documents:detail", args=[document.pk]),
            when=document.adopted_at,
            place=document.place.name,
            kind="document_adopted",
        )
        for document in adopted
    ]
