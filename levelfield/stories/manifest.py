"""What the stories app adds to the whole: see levelfield/lib/manifests.py."""

from __future__ import annotations

from levelfield.lib.manifests import AppManifest, demo_module

MANIFEST = AppManifest(
    label="stories",
    person_fields=(
        "stories.PublicPage.editors",
        "stories.Story.author",
        "stories.Story.published_by",
        "stories.Story.co_authors",
        "stories.StoryImage.added_by",
        "stories.Comment.author",
        "stories.Comment.hidden_by",
        "stories.CommentReport.reported_by",
        "stories.Interest.answered_by",
    ),
    demo=demo_module("levelfield.stories.demo"),
    demo_after=("events",),
)
