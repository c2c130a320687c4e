"""Who may reach the collective's stories and public pages, in one place.

- Public pages (the home, stories, the feed, pictures of published stories, the
  get-involved form): anyone, signed in or not, for a collective that exists.
- The writing desk, drafts and previews: members of the collective.
- Changing a story: its author and co-authors, and the publishers.
- Publishers (publishing, scheduling, withdrawing, moderating comments) and the
  get-involved queue: the collective's coordinators and the editors its public page
  names (`roles.Action.PUBLISH_STORIES`, `ANSWER_INTEREST`).
- The public page's settings: coordinators (`roles.Action.EDIT_PUBLIC_PAGE`).

Each helper returns the object or raises Http404, so someone outside learns nothing.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import datetime

from django.db.models import Exists
from django.http import Http404
from django.shortcuts import get_object_or_404

from levelfield.collectives import roles
from levelfield.collectives.access import collective_for_member  # the one rule
from levelfield.collectives.models import Collective
from levelfield.people.models import User
from levelfield.places.models import PlaceMembership
from levelfield.stories.models import Comment, Interest, PublicPage, Story, StoryImage


def collective_public(slug: str) -> Collective:
    """The collective with its public page (`PublicPage.as_read`) in one query."""
    return get_object_or_404(Collective.objects.select_related("public_page"), slug=slug)


def story_public(collective_slug: str, slug: str, now: datetime) -> Story:
    """A published story whose time has come, read with its collective and its public
    page (`PublicPage.as_read`) in one query; 404 for drafts, scheduled ones and a
    collective that does not exist."""
    return get_object_or_404(
        Story.objects.public(now)
        .filter(collective__slug=collective_slug)
        .select_related("author", "collective__public_page"),
        slug=slug,
    )


def is_member(person: User, collective: Collective) -> bool:
    if not getattr(person, "is_authenticated", False):
        return False
    return PlaceMembership.objects.of_collective(collective).filter(person=person).exists()


def may_publish(person: User, collective: Collective, *, member: bool | None = None) -> bool:
    """Coordinators, and members the public page names as editors. `member` is
    `is_member(person, collective)` when the page already asked it (a coordinator is
    always a member, so a non-member is answered without a query)."""
    if member is False:
        return False
    if roles.may(person, roles.Action.PUBLISH_STORIES, collective):
        return True
    if member is None:
        member = is_member(person, collective)
    return (
        member
        and PublicPage.editors.through.objects.filter(
            publicpage__collective=collective, user=person
        ).exists()
    )


@dataclass(frozen=True)
class StoryRoles:
    """A reader's parts in a collective's stories."""

    member: bool
    publisher: bool
    edits_page: bool  # edits the public page and names its editors


def story_roles(person: User, collective: Collective) -> StoryRoles:
    """Whether `person` is a member, may publish and may edit the public page, in one
    query (the story page and the desk asked them in three or four), the roles matrix
    answered from that membership (`roles.may_as_member`)."""
    if not getattr(person, "is_authenticated", False):
        return StoryRoles(member=False, publisher=False, edits_page=False)
    editor = PublicPage.editors.through.objects.filter(
        publicpage__collective=collective, user=person
    )
    row = (
        PlaceMembership.objects.of_collective(collective)
        .filter(person=person)
        .annotate(editor=Exists(editor))
        .values_list("coordinator_since", "editor")
        .first()
    )
    if row is None:
        return StoryRoles(member=False, publisher=False, edits_page=False)
    coordinator_since, editor = row

    def may(action: roles.Action) -> bool:
        coordinator = coordinator_since is not None
        return roles.may_as_member(person, action, collective, coordinator=coordinator)

    return StoryRoles(
        member=True,
        publisher=editor or may(roles.Action.PUBLISH_STORIES),
        edits_page=may(roles.Action.EDIT_PUBLIC_PAGE),
    )


def may_answer_interest(person: User, collective: Collective) -> bool:
    return roles.may(person, roles.Action.ANSWER_INTEREST, collective) or may_publish(
        person, collective
    )


def may_edit_story(
    person: User,
    story: Story,
    *,
    member: bool | None = None,
    publisher: bool | None = None,
    co_author_ids: Collection[int] | None = None,
) -> bool:
    """Its authors while members, and the publishers. `member`, `publisher` and
    `co_author_ids` are what the page already read (else asked here)."""
    if not getattr(person, "is_authenticated", False):
        return False
    if co_author_ids is None:
        # Its co-authors as read for the page when they were (prefetched), else one query.
        co_author_ids = {p.pk for p in story.co_authors.all()}
    if story.author_id == person.pk or person.pk in co_author_ids:
        return member if member is not None else is_member(person, story.collective)
    if publisher is not None:
        return publisher
    return may_publish(person, story.collective, member=member)


def story_for_member(person: User, collective: Collective, pk: int) -> Story:
    """Any story of the collective, draft or not, for its members."""
    return get_object_or_404(
        Story.objects.for_member(person)
        .filter(collective=collective)
        .select_related("author", "collective", "published_by"),
        pk=pk,
    )


def story_for_editor(person: User, collective: Collective, pk: int) -> Story:
    story = story_for_member(person, collective, pk)
    if not may_edit_story(person, story):
        raise Http404("No such story.")
    return story


def collective_for_publisher(person: User, slug: str) -> Collective:
    collective = collective_for_member(person, slug)
    if not may_publish(person, collective):
        raise Http404("No such page.")
    return collective


def collective_for_answering(person: User, slug: str) -> Collective:
    collective = collective_for_member(person, slug)
    if not may_answer_interest(person, collective):
        raise Http404("No such page.")
    return collective


def collective_for_settings(person: User, slug: str) -> Collective:
    collective = collective_for_member(person, slug)
    if not roles.may(person, roles.Action.EDIT_PUBLIC_PAGE, collective):
        raise Http404("No such page.")
    return collective


def image_for(person: User, collective: Collective, pk: int, now: datetime) -> StoryImage:
    """A picture: anyone's once its story is public, members' before."""
    image = get_object_or_404(
        StoryImage.objects.select_related("story"), pk=pk, story__collective=collective
    )
    if not image.story.is_public(now) and not is_member(person, collective):
        raise Http404("No such picture.")
    return image


def comment_on(story: Story, pk: int) -> Comment:
    """A comment shown on a public story (reports are made on what people can see)."""
    return get_object_or_404(Comment.objects.shown().select_related("author"), story=story, pk=pk)


def comment_for_moderator(collective: Collective, pk: int) -> Comment:
    return get_object_or_404(
        Comment.objects.select_related("author", "story"), story__collective=collective, pk=pk
    )


def interest_in(collective: Collective, pk: int) -> Interest:
    return get_object_or_404(Interest, collective=collective, pk=pk)
