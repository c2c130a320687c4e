"""What the documents app adds to the whole: see levelfield/lib/manifests.py."""

from __future__ import annotations

from levelfield.lib.manifests import AppManifest, demo_module, scale_module

MANIFEST = AppManifest(
    label="documents",
    person_fields=(
        "documents.Document.created_by",
        "documents.Author.person",
        "documents.Reader.person",
        "documents.Version.published_by",
        "documents.Answer.person",
        "documents.Comment.author",
        "documents.Comment.hidden_by",
        "documents.Support.person",
        "documents.CommentReport.reported_by",
        "documents.Amendment.proposed_by",
        "documents.Amendment.answered_by",
    ),
    demo=demo_module("levelfield.documents.demo"),
    demo_after=("decisions",),
    scale=scale_module("levelfield.documents.scale"),
    scale_after=("projects",),
)
