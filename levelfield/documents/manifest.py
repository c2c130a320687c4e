"""What the documents app adds to the whole: see levelfield/lib/manifests.py."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from levelfield.collectives import roles
from levelfield.documents import access, personal
from levelfield.documents.models import Document
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
        "Holding the pen",
        (
            "Being the person who turns the group's comments and suggested changes into the next "
            "version of a document. Anyone may take the pen."
        ),
    ),
    Term(
        "Amendment",
        ("A suggested new wording for one paragraph of a document, with the reason for it."),
    ),
    Term(
        "Adopting a document",
        (
            "Agreeing, by a decision of the whole group, that a version of a document is now what"
            " the group stands by."
        ),
    ),
)


def document_to_translate(person: Any, pk: int) -> Document:
    """The document, for its readers (members, and people who joined by its link)."""
    return access.document_for_reader(person, pk).document


def may_translate_document(person: Any, document: Document) -> bool:
    """Members of its place, who take part in writing it."""
    return roles.may(person, roles.Action.TAKE_PART_IN_DOCUMENT, document.place.owner)


TRANSLATABLE = (
    Translatable(
        model="documents.Document",
        fields=("title", "purpose"),
        label="document",
        find=document_to_translate,
        may_translate=may_translate_document,
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
            label="Documents written together",
            section="make",
            url=lambda place: reverse("documents:place_list", args=[place.pk]),
            kinds=frozenset({"collective", "group", "project"}),
            hint="Draft a policy or principles together, paragraph by paragraph, and "
            "adopt it by a decision.",
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
