"""What the documents app adds to the whole: see levelfield/lib/manifests.py."""

from __future__ import annotations

from typing import Any

from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext_lazy

from levelfield.collectives import roles
from levelfield.documents import access, personal
from levelfield.documents.models import Document, Version
from levelfield.lib.manifests import (
    AppManifest,
    EasyReadable,
    Erasure,
    NavigationEntry,
    PersonField,
    Term,
    Translatable,
    demo_module,
    scale_module,
)

GLOSSARY = (
    Term(
        gettext_lazy("Holding the pen"),
        gettext_lazy(
            "Being the person who turns the group's comments and suggested changes into the "
            "next version of a document. Anyone may take the pen."
        ),
    ),
    Term(
        gettext_lazy("Amendment"),
        gettext_lazy(
            "A suggested new wording for one paragraph of a document, with the reason for it."
        ),
    ),
    Term(
        gettext_lazy("Adopting a document"),
        gettext_lazy(
            "Agreeing, by a decision of the whole group, that a version of a document is now "
            "what the group stands by."
        ),
    ),
)


def document_to_translate(person: Any, pk: int) -> Document:
    """The document, for its readers (members, and people who joined by its link)."""
    return access.document_for_reader(person, pk).document


def may_translate_document(person: Any, document: Document) -> bool:
    """Members of its place, who take part in writing it."""
    return roles.may(person, roles.Action.TAKE_PART_IN_DOCUMENT, document.place.owner)


def version_to_translate(person: Any, pk: int) -> Version:
    """A version of a document, for the document's readers (404 for anyone else)."""
    return get_object_or_404(
        Version.objects.filter(document__in=Document.objects.for_reader(person)).select_related(
            "document__place"
        ),
        pk=pk,
    )


def may_translate_version(person: Any, version: Version) -> bool:
    return may_translate_document(person, version.document)


# A document's words are its versions' text: each published version is translated on its
# own (a version never changes, so its translation never goes out of date; a new version
# needs its own). The document page shows the translated paragraphs in place of the
# original's when they line up one for one, and the translation whole otherwise.
TRANSLATABLE = (
    Translatable(
        model="documents.Document",
        fields=("title", "purpose"),
        label=gettext_lazy("document"),
        find=document_to_translate,
        may_translate=may_translate_document,
    ),
    Translatable(
        model="documents.Version",
        fields=("text",),
        label=gettext_lazy("the text of a document"),
        find=version_to_translate,
        may_translate=may_translate_version,
    ),
)


EASY_READ = (
    EasyReadable(
        model="documents.Document",
        label=TRANSLATABLE[0].label,  # the same words, translated where it is
        find=document_to_translate,
        may_write=may_translate_document,
        source_fields=("title", "purpose"),
    ),
)


MANIFEST = AppManifest(
    label="documents",
    glossary=GLOSSARY,
    translatable=TRANSLATABLE,
    easy_read=EASY_READ,
    navigation=(
        NavigationEntry(
            label=gettext_lazy("Documents written together"),
            section="make",
            url=lambda place: reverse("documents:place_list", args=[place.pk]),
            kinds=frozenset({"collective", "group", "project"}),
            hint=gettext_lazy(
                "Draft a policy or principles together, paragraph by paragraph, and "
                "adopt it by a decision."
            ),
        ),
    ),
    export=personal.export,
    erase=personal.erase,
    needs=personal.needs,
    recent=personal.recent,
    person_fields=(
        PersonField("documents.Document.created_by", "documents_you_started", Erasure.ANONYMISE),
        PersonField("documents.Author.person", "documents_you_write", Erasure.DELETE),
        PersonField("documents.Reader.person", "documents_you_read", Erasure.DELETE),
        PersonField(
            "documents.Version.published_by", "document_versions_you_published", Erasure.ANONYMISE
        ),
        PersonField("documents.Answer.person", "answers_to_document_questions", Erasure.DELETE),
        PersonField(
            "documents.Comment.author",
            "document_comments",
            Erasure.ANONYMISE,
            "the comment stays in the document's record",
        ),
        PersonField("documents.Comment.hidden_by", "document_comments_you_hid", Erasure.ANONYMISE),
        PersonField(
            "documents.Support.person",
            "document_comments_you_supported",
            Erasure.ANONYMISE,
            "the count stays",
        ),
        PersonField(
            "documents.CommentReport.reported_by",
            "document_comments_you_reported",
            Erasure.ANONYMISE,
        ),
        PersonField(
            "documents.Amendment.proposed_by", "amendments_you_proposed", Erasure.ANONYMISE
        ),
        PersonField(
            "documents.Amendment.answered_by", "amendments_you_answered", Erasure.ANONYMISE
        ),
    ),
    demo=demo_module("levelfield.documents.demo"),
    demo_after=("decisions", "places"),
    scale=scale_module("levelfield.documents.scale"),
    scale_after=("projects",),
)
