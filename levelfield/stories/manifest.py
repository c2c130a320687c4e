"""What the stories app adds to the whole: see levelfield/lib/manifests.py."""

from __future__ import annotations

from typing import Any

from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext_lazy

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
from levelfield.stories import access, personal
from levelfield.stories.models import PublicPage, Story

GLOSSARY = (
    Term(
        gettext_lazy("Public page"),
        gettext_lazy(
            "The pages of a collective that anyone can read without an account: its stories, "
            "public events and reports."
        ),
    ),
    Term(
        gettext_lazy("Moderation"),
        gettext_lazy(
            "Checking comments on public pages: publishing them, or hiding one that breaks the "
            "ground rules, with a reason its author is told."
        ),
    ),
)


def story_to_translate(person: Any, pk: int) -> Story:
    """A story for translating: anyone's once public, its collective's members' before."""
    story = get_object_or_404(Story.objects.select_related("collective", "author"), pk=pk)
    if not story.is_public() and not access.is_member(person, story.collective):
        raise Http404("No such story.")
    return story


def public_page_to_translate(person: Any, pk: int) -> PublicPage:
    """A collective's saved public page (public: anyone reads it)."""
    return get_object_or_404(PublicPage.objects.select_related("collective"), pk=pk)


TRANSLATABLE = (
    Translatable(
        model="stories.Story",
        fields=("title", "summary", "body"),
        label=gettext_lazy("story"),
        find=story_to_translate,
        may_translate=lambda person, story: access.is_member(person, story.collective),
    ),
    Translatable(
        model="stories.PublicPage",
        fields=("welcome", "about_coproduction", "get_involved"),
        label=gettext_lazy("public page"),
        find=public_page_to_translate,
        may_translate=lambda person, page: access.is_member(person, page.collective),
    ),
)


EASY_READ = (
    EasyReadable(
        model="stories.Story",
        label=TRANSLATABLE[0].label,  # the same words, translated where it is
        find=story_to_translate,
        may_write=lambda person, story: access.is_member(person, story.collective),
        source_fields=("title", "summary", "body"),
    ),
)


MANIFEST = AppManifest(
    label="stories",
    glossary=GLOSSARY,
    translatable=TRANSLATABLE,
    easy_read=EASY_READ,
    export=personal.export,
    erase=personal.erase,
    needs=personal.needs,
    recent=personal.recent,
    person_fields=(
        PersonField("stories.PublicPage.editors", "public_pages_you_edit", Erasure.DELETE),
        PersonField(
            "stories.Story.author",
            "stories",
            Erasure.DELETE,
            (
                "a story they wrote is deleted with its pictures, published or not; one they "
                "co-wrote stays with its author, with no name of theirs"
            ),
        ),
        PersonField("stories.Story.published_by", "stories_you_published", Erasure.ANONYMISE),
        PersonField("stories.Story.co_authors", "stories", Erasure.DELETE),
        PersonField("stories.StoryImage.added_by", "story_pictures_you_added", Erasure.ANONYMISE),
        PersonField("stories.Comment.author", "comments_on_stories", Erasure.ANONYMISE),
        PersonField("stories.Comment.hidden_by", "story_comments_you_hid", Erasure.ANONYMISE),
        PersonField(
            "stories.CommentReport.reported_by", "comments_you_reported", Erasure.ANONYMISE
        ),
        PersonField(
            "stories.Interest.answered_by", "get_involved_messages_you_answered", Erasure.ANONYMISE
        ),
    ),
    demo=demo_module("levelfield.stories.demo"),
    scale=scale_module("levelfield.stories.scale"),
    scale_after=("collectives", "events"),
    demo_after=("events",),
    navigation=(
        NavigationEntry(
            gettext_lazy("Stories and the public page"),
            "public",
            lambda place: reverse("stories:desk", args=[place.collective.slug]),
            kinds=frozenset({"collective"}),
            hint=gettext_lazy("What we tell the world, and people who want to get involved."),
            order=10,
        ),
    ),
)
