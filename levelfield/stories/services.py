"""Writing, publishing and moderating stories; the public page's settings; answering
people who want to get involved.

Every publication and moderation decision, every change to the public page and every
answer to an expression of interest is written to the history in the same
transaction. Emails go through `notification_send`, queued after commit.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from levelfield.collectives import roles
from levelfield.collectives.models import Collective
from levelfield.history.services import change_record
from levelfield.lib import moderation, words
from levelfield.notifications.services import notification_send
from levelfield.people.models import User
from levelfield.places.models import PlaceMembership
from levelfield.ratelimits import RateLimited, rate_limit
from levelfield.stories import access
from levelfield.stories.images import image_prepare
from levelfield.stories.models import (
    COMMENT_MAX_LENGTH,
    REASON_MAX_LENGTH,
    Comment,
    CommentReport,
    Interest,
    PublicPage,
    Story,
    StoryImage,
    Tag,
)

# Addresses under /stories/ that are not stories (the feed).
RESERVED_SLUGS = frozenset({"feed"})
STORY_FIELDS = ("kind", "title", "summary", "body", "co_written_with")
PAGE_FIELDS = (
    "welcome",
    "about_coproduction",
    "get_involved",
    "contact_email",
    "contact_phone",
    "contact_address",
    "comments_held",
    "reported_comments_held",
)


class StoryError(ValidationError):
    """A request the rules refuse, in words for the person who made it."""


def _record(
    collective: Collective,
    *,
    actor: User | None,
    action: str,
    summary: str,
    subject: object = None,
    subject_type: str = "",
    before: dict | None = None,
    after: dict | None = None,
) -> None:
    change_record(
        actor=actor,
        action=action,
        summary=summary,
        subject=subject,  # type: ignore[arg-type]
        subject_type=subject_type,
        collective=collective,
        before=before,
        after=after,
    )


def _page_for_update(collective: Collective) -> PublicPage:
    """The collective's public page row, made if missing, locked for this transaction."""
    PublicPage.objects.get_or_create(collective=collective)
    return PublicPage.objects.select_for_update().get(collective=collective)


def public_version_bump(*, collective: Collective) -> None:
    """Something a public page shows changed: cached fragments keyed on the version
    are no longer used, in every server process."""
    PublicPage.objects.get_or_create(collective=collective)
    PublicPage.objects.filter(collective=collective).update(version=F("version") + 1)


def _publishers(collective: Collective) -> list[User]:
    coordinators = User.objects.filter(
        pk__in=PlaceMembership.objects.of_collective(collective)
        .coordinators()
        .values("person_id"),
    )
    editors = User.objects.filter(
        pk__in=PublicPage.editors.through.objects.filter(publicpage__collective=collective).values(
            "user_id"
        ),
    ).filter(pk__in=PlaceMembership.objects.of_collective(collective).values("person_id"))
    return list((coordinators | editors).distinct().order_by("pk"))


# The public page


def public_page_save(
    *, collective: Collective, actor: User, values: dict, editors: Iterable[User] = ()
) -> PublicPage:
    """Save what the public page says, its comment setting and its editors (members)."""
    with transaction.atomic():
        roles.require(actor, roles.Action.EDIT_PUBLIC_PAGE, collective)
        page = _page_for_update(collective)
        before = {name: getattr(page, name) for name in PAGE_FIELDS}
        for name in PAGE_FIELDS:
            if name in values:
                setattr(page, name, values[name])
        page.version += 1
        page.save()
        editors = list(editors)
        members = set(
            PlaceMembership.objects.of_collective(collective)
            .filter(person__in=[person.pk for person in editors])
            .values_list("person_id", flat=True)
        )
        chosen = [person for person in editors if person.pk in members]
        editors_before = sorted(page.editors.values_list("pk", flat=True))
        page.editors.set(chosen)
        after = {name: getattr(page, name) for name in PAGE_FIELDS}
        changed = {name: after[name] for name in PAGE_FIELDS if after[name] != before[name]}
        editors_after = sorted(person.pk for person in chosen)
        if editors_after != editors_before:
            changed["editors"] = [person.name for person in chosen]
        _record(
            collective,
            actor=actor,
            action="public_page_changed",
            summary=f"{actor.name} changed the public page of {collective.name}",
            subject=page,
            before={name: before[name] for name in changed if name in before},
            after=changed,
        )
    return page


# Stories


def tags_from_text(collective: Collective, text: str) -> list[Tag]:
    """Tags named in a comma-separated list, made in the collective when new."""
    tags: dict[str, Tag] = {}
    for name in (part.strip() for part in (text or "").split(",")):
        slug = slugify(name)[:70]
        if not slug or slug in tags:
            continue
        tag, _made = Tag.objects.get_or_create(
            collective=collective, slug=slug, defaults={"name": name[:60]}
        )
        tags[slug] = tag
    return list(tags.values())


def _unique_slug(collective: Collective, title: str, exclude: int | None = None) -> str:
    base = ""
    for word in slugify(title).split("-"):  # whole words, at most 60 characters
        if base and len(base) + 1 + len(word) > 60:
            break
        base = f"{base}-{word}" if base else word[:60]
    base = base or "story"
    slug, number = base, 1
    taken = Story.objects.filter(collective=collective)
    if exclude:
        taken = taken.exclude(pk=exclude)
    while slug in RESERVED_SLUGS or taken.filter(slug=slug).exists():
        number += 1
        slug = f"{base}-{number}"
    return slug


def _co_authors_in(collective: Collective, people: Iterable[User], author: User | None) -> list:
    people = list(people)
    members = set(
        PlaceMembership.objects.of_collective(collective)
        .filter(person__in=[p.pk for p in people])
        .values_list("person_id", flat=True)
    )
    return [p for p in people if p.pk in members and (author is None or p.pk != author.pk)]


def story_create(
    *,
    collective: Collective,
    author: User,
    values: dict,
    co_authors: Sequence[User] = (),
    tags: str = "",
    now: datetime | None = None,
) -> Story:
    """A member starts a story: a draft only members see until it is published."""
    now = now or timezone.now()
    with transaction.atomic():
        roles.require(author, roles.Action.WRITE_STORY, collective)
        story = Story(collective=collective, author=author, created_at=now, updated_at=now)
        for name in STORY_FIELDS:
            if name in values:
                setattr(story, name, values[name])
        story.slug = _unique_slug(collective, story.title)
        story.save()
        story.co_authors.set(_co_authors_in(collective, co_authors, author))
        story.tags.set(tags_from_text(collective, tags))
        _record(
            collective,
            actor=author,
            action="story_drafted",
            summary=f"{author.name} started a story: “{story.title}”",
            subject=story,
        )
    return story


def story_update(
    *,
    story: Story,
    actor: User,
    values: dict,
    co_authors: Sequence[User] = (),
    tags: str = "",
    now: datetime | None = None,
) -> Story:
    """Change a story's words, credits and tags. A published story keeps its address."""
    now = now or timezone.now()
    with transaction.atomic():
        story = Story.objects.select_for_update().get(pk=story.pk)
        if not access.may_edit_story(actor, story):
            raise PermissionDenied(_("Only the story's authors and its publishers may change it."))
        before = {name: getattr(story, name) for name in STORY_FIELDS}
        for name in STORY_FIELDS:
            if name in values:
                setattr(story, name, values[name])
        if story.published_at is None:
            story.slug = _unique_slug(story.collective, story.title, exclude=story.pk)
        story.updated_at = now
        story.save()
        story.co_authors.set(_co_authors_in(story.collective, co_authors, story.author))
        story.tags.set(tags_from_text(story.collective, tags))
        changed = [name for name in STORY_FIELDS if getattr(story, name) != before[name]]
        if story.published_at is not None:
            public_version_bump(collective=story.collective)
        _record(
            story.collective,
            actor=actor,
            action="story_changed",
            summary=f"{actor.name} changed the story “{story.title}”",
            subject=story,
            after={"changed": changed},
        )
    return story


def story_submit(*, story: Story, actor: User, now: datetime | None = None) -> Story:
    """The authors ask for the story to be published; the publishers are told."""
    now = now or timezone.now()
    with transaction.atomic():
        story = Story.objects.select_for_update().get(pk=story.pk)
        if not access.may_edit_story(actor, story):
            raise PermissionDenied(_("Only the story's authors may ask for it to be published."))
        if story.published_at is not None:
            raise StoryError(_("This story is already published or scheduled."))
        if story.submitted_at is not None:
            return story
        story.submitted_at = now
        story.save(update_fields=["submitted_at"])
        _record(
            story.collective,
            actor=actor,
            action="story_submitted",
            summary=f"{actor.name} asked for “{story.title}” to be published",
            subject=story,
        )
        url = reverse("stories:publish", args=[story.collective.slug, story.pk])
        for publisher in _publishers(story.collective):
            if publisher.pk != actor.pk:
                notification_send(
                    kind="stories_for_review",
                    person=publisher,
                    context={"story": story, "asked_by": actor, "collective": story.collective},
                    url=url,
                )
    return story


def story_publish(
    *, story: Story, actor: User, at: datetime | None = None, now: datetime | None = None
) -> Story:
    """Publish a story now, or schedule it: it becomes public when `at` comes, without
    anything running then (pages compare `published_at` with the time they are read)."""
    now = now or timezone.now()
    when = at or now
    with transaction.atomic():
        if not access.may_publish(actor, story.collective):
            raise PermissionDenied(_("Only the collective's publishers may publish stories."))
        story = Story.objects.select_for_update().get(pk=story.pk)
        before = {"published_at": story.published_at.isoformat() if story.published_at else None}
        story.published_at, story.published_by, story.submitted_at = when, actor, None
        story.save(update_fields=["published_at", "published_by", "submitted_at"])
        public_version_bump(collective=story.collective)
        scheduled = when > now
        _record(
            story.collective,
            actor=actor,
            action="story_scheduled" if scheduled else "story_published",
            summary=(
                f"{actor.name} scheduled “{story.title}” for {words.when(when)}"
                if scheduled
                else f"{actor.name} published “{story.title}”"
            ),
            subject=story,
            before=before,
            after={"published_at": when.isoformat()},
        )
    return story


def story_withdraw(*, story: Story, actor: User, reason: str) -> Story:
    """Take a story off the public pages (back to a draft), saying why."""
    reason = " ".join((reason or "").split())
    if not reason:
        raise StoryError(_("Say why the story is taken down."), code="reason")
    with transaction.atomic():
        if not access.may_publish(actor, story.collective):
            raise PermissionDenied(_("Only the collective's publishers may withdraw stories."))
        story = Story.objects.select_for_update().get(pk=story.pk)
        if story.published_at is None:
            return story
        before = {"published_at": story.published_at.isoformat()}
        story.published_at = None
        story.save(update_fields=["published_at"])
        public_version_bump(collective=story.collective)
        _record(
            story.collective,
            actor=actor,
            action="story_withdrawn",
            summary=f"{actor.name} took down “{story.title}”",
            subject=story,
            before=before,
            after={"published_at": None, "reason": reason[:REASON_MAX_LENGTH]},
        )
    return story


def image_add(
    *,
    story: Story,
    actor: User,
    upload: UploadedFile,
    alt: str,
    credit: str,
    caption: str = "",
) -> StoryImage:
    """Add a picture: checked by content, resized and stripped of metadata, stored
    through the storage API. Alt text and a credit are required."""
    alt, credit, caption = (" ".join((v or "").split()) for v in (alt, credit, caption))
    if not alt:
        raise StoryError(_("Describe the picture for people who cannot see it."), code="alt")
    if not credit:
        raise StoryError(_("Say who took or made the picture."), code="credit")
    prepared = image_prepare(upload)
    if not access.may_edit_story(actor, story):
        raise PermissionDenied(_("Only the story's authors and its publishers may add pictures."))
    image = StoryImage(
        story=story,
        content_type=prepared.content_type,
        width=prepared.width,
        height=prepared.height,
        alt=alt[:300],
        caption=caption[:300],
        credit=credit[:200],
        added_by=actor,
        position=story.images.count(),
    )
    image.file.save("picture", prepared.content, save=False)
    try:
        with transaction.atomic():
            image.save()
            if story.published_at is not None:
                public_version_bump(collective=story.collective)
            _record(
                story.collective,
                actor=actor,
                action="story_image_added",
                summary=f"{actor.name} added a picture to “{story.title}”",
                subject=story,
                after={"alt": image.alt, "credit": image.credit},
            )
    except Exception:
        image.file.storage.delete(image.file.name)
        raise
    return image


def image_remove(*, image: StoryImage, actor: User) -> None:
    story = image.story
    if not access.may_edit_story(actor, story):
        raise PermissionDenied(
            _("Only the story's authors and its publishers may remove pictures.")
        )
    name, storage = image.file.name, image.file.storage
    with transaction.atomic():
        image.delete()
        if story.published_at is not None:
            public_version_bump(collective=story.collective)
        _record(
            story.collective,
            actor=actor,
            action="story_image_removed",
            summary=f"{actor.name} removed a picture from “{story.title}”",
            subject=story,
            before={"alt": image.alt},
        )
        transaction.on_commit(lambda: storage.delete(name))


# Comments (the pattern of documents' comments: report with a reason, hide with one)


def comment_add(
    *, story: Story, author: User, text: str, address: str = "", now: datetime | None = None
) -> Comment:
    """A signed-in person comments on a public story; held for a moderator or shown at
    once, as the collective's public page says. Limited per account and per network
    address (settings.RATE_LIMITS["story_comment"])."""
    now = now or timezone.now()
    text = (text or "").strip()
    if not getattr(author, "is_authenticated", False):
        raise PermissionDenied(_("Sign in to comment."))
    if not text:
        raise StoryError(_("Enter your comment."), code="text")
    if len(text) > COMMENT_MAX_LENGTH:
        raise StoryError(
            _("Keep your comment to %(limit)s characters or fewer.")
            % {"limit": f"{COMMENT_MAX_LENGTH:,}"},
            code="text",
        )
    if not story.is_public(now):
        raise PermissionDenied(_("Comments are only on published stories."))
    held = PublicPage.for_collective(story.collective).comments_held
    with transaction.atomic():
        try:
            rate_limit("story_comment", account=author, address=address, now=now)
        except RateLimited:
            raise StoryError(
                _(
                    "You have added a lot of comments in the last hour. Please wait a while "
                    "before adding another."
                ),
                code="text",
            ) from None
        comment = Comment.objects.create(
            story=story,
            author=author,
            text=text,
            created_at=now,
            published_at=None if held else now,
        )
        if not held:
            Story.objects.filter(pk=story.pk).update(
                comment_count=F("comment_count") + 1, comments_version=F("comments_version") + 1
            )
    return comment


def _moderation_record(comment: Comment, actor: User, done: str, reason: str) -> None:
    _record(
        comment.story.collective,
        actor=actor,
        action=f"story_comment_{done.replace(' ', '_')}",
        summary=f"{actor.name} {done} a comment on “{comment.story.title}”",
        subject=comment,
        after={"comment": comment.pk, "reason": reason} if reason else {"comment": comment.pk},
    )


def _count_shown(comment: Comment, change: int) -> None:
    """The shown comments changed: keep their count, and move the version the story
    page's cached comments are kept under."""
    Story.objects.filter(pk=comment.story_id).update(
        comment_count=F("comment_count") + change, comments_version=F("comments_version") + 1
    )


# Who moderates stories' comments, and what else moderating one changes.
MODERATION = moderation.Rules(
    may_moderate=lambda actor, comment: access.may_publish(actor, comment.story.collective),
    refused=gettext_lazy("Only the collective's moderators may moderate comments."),
    record=_moderation_record,
    notice_kind="stories_comment_moderated",
    notice_context=lambda comment: {"story": comment.story},
    notice_url=lambda comment: comment.story.get_absolute_url(),
    count_shown=_count_shown,
    select_related=("story__collective",),
    held_when_reported=lambda comment: (
        PublicPage.for_collective(comment.story.collective).reported_comments_held
    ),
)


# Getting involved


_ALREADY_SENT = gettext_lazy(
    "We already have your message. Someone will reply to you soon: you do not "
    "need to send it again."
)
INTEREST_LIMITED = {
    "email": _ALREADY_SENT,
    "account": _ALREADY_SENT,
    "address": gettext_lazy(
        "Too many messages have come from your network in the last hour. "
        "Please try again later, or email us instead."
    ),
    "collective": gettext_lazy(
        "Many people have written to this collective in the last hour. "
        "Please try again later, or email us instead."
    ),
}
_INTEREST_FIELD = {"email": "email", "account": "email", "address": "rate", "collective": "rate"}


def interest_submit(
    *,
    collective: Collective,
    name: str,
    email: str,
    interests: str,
    consent: bool,
    address: str = "",
    account: User | None = None,
    now: datetime | None = None,
) -> Interest:
    """Someone wants to get involved: stored for the coordinators and editors, who are
    told. Refused past the rate limits (per email, account, network address and
    collective: settings.RATE_LIMITS["get_involved"]), which hold across processes."""
    now = now or timezone.now()
    name, email = " ".join((name or "").split()), (email or "").strip().lower()
    interests = (interests or "").strip()
    if not consent:
        raise StoryError(_("Say that we may keep your details to reply to you."), code="consent")
    if account is not None and not account.is_authenticated:
        account = None
    with transaction.atomic():
        try:
            rate_limit(
                "get_involved",
                email=email,
                account=account,
                address=address,
                collective=collective,
                now=now,
            )
        except RateLimited as limited:
            raise StoryError(
                str(INTEREST_LIMITED[limited.per]), code=_INTEREST_FIELD[limited.per]
            ) from None
        interest = Interest.objects.create(
            collective=collective,
            name=name[:120],
            email=email,
            interests=interests,
            consent=True,
            created_at=now,
        )
        url = reverse("stories:interest", args=[collective.slug, interest.pk])
        for person in _publishers(collective):
            notification_send(
                kind="stories_interest",
                person=person,
                context={"interest": interest, "collective": collective},
                url=url,
            )
    return interest


def interest_answer(
    *, interest: Interest, actor: User, answer: str, now: datetime | None = None
) -> Interest:
    """A coordinator or editor answers: the person gets the answer by email and the
    queue records who answered, when and what."""
    now = now or timezone.now()
    answer = (answer or "").strip()
    if not answer:
        raise StoryError(_("Enter your answer."), code="answer")
    collective = interest.collective
    with transaction.atomic():
        if not access.may_answer_interest(actor, collective):
            raise PermissionDenied(_("Only coordinators and editors answer these messages."))
        interest = Interest.objects.select_for_update().get(pk=interest.pk)
        if interest.answered_at is not None:
            raise StoryError(
                _("%(name)s has already answered this message.")
                % {"name": interest.answered_by.name}
                if interest.answered_by
                else _("Someone has already answered this message."),
                code="answer",
            )
        interest.answered_at, interest.answered_by, interest.answer = now, actor, answer
        interest.save(update_fields=["answered_at", "answered_by", "answer"])
        # The history says who answered and when, not the stranger's name or address.
        _record(
            collective,
            actor=actor,
            action="interest_answered",
            summary=f"{actor.name} answered a message from someone who wants to get involved",
            subject=interest,
        )
        notification_send(
            kind="stories_interest_answer",
            email=interest.email,
            context={
                "interest": interest,
                "collective": collective,
                "answer": answer,
                "answered_by": actor,
            },
            url=reverse("stories:home", args=[collective.slug]),
        )
    return interest


def interest_delete(*, interest: Interest, actor: User) -> None:
    """Delete someone's message and details when they ask (their consent said they
    could), or once it is dealt with. The history keeps that it happened, not who."""
    collective = interest.collective
    with transaction.atomic():
        if not access.may_answer_interest(actor, collective):
            raise PermissionDenied(_("Only coordinators and editors delete these messages."))
        _record(
            collective,
            actor=actor,
            action="interest_deleted",
            summary=f"{actor.name} deleted a message from someone who wanted to get involved",
            subject_type="interest",
        )
        Interest.objects.filter(pk=interest.pk).delete()


def story_delete(*, story: Story, actor: User) -> None:
    """Delete a story that was never published (a published one is taken down instead,
    so what the public saw stays in the record)."""
    with transaction.atomic():
        story = Story.objects.select_for_update().get(pk=story.pk)
        if not access.may_edit_story(actor, story):
            raise PermissionDenied(_("Only the story's authors and its publishers may delete it."))
        if story.published_at is not None or story.published_by_id is not None:
            raise StoryError(_("A story that has been published can be taken down, not deleted."))
        files = [(image.file.storage, image.file.name) for image in story.images.all()]
        _record(
            story.collective,
            actor=actor,
            action="story_deleted",
            summary=f"{actor.name} deleted the draft “{story.title}”",
            subject=story,
        )
        story.delete()
        for storage, name in files:
            transaction.on_commit(lambda storage=storage, name=name: storage.delete(name))


def person_stories_export(*, person: User) -> dict[str, list[dict]]:
    """What the stories app holds about a person, for their data download (for
    `stories.personal.export` to include)."""
    written = Story.objects.filter(author=person) | Story.objects.filter(co_authors=person)
    return {
        "stories": [
            {
                "collective": story.collective.name,
                "title": story.title,
                "you_are": "author" if story.author_id == person.pk else "co-author",
                "published": story.published_at.isoformat() if story.published_at else None,
            }
            for story in written.distinct().select_related("collective").order_by("pk")
        ],
        "comments_on_stories": [
            {
                "story": comment.story.title,
                "text": comment.text,
                "written": comment.created_at.isoformat(),
                "hidden_because": comment.hidden_reason or None,
            }
            for comment in Comment.objects.filter(author=person)
            .select_related("story")
            .order_by("pk")
        ],
        "comments_you_reported": [
            {"reason": report.reason, "reported": report.reported_at.isoformat()}
            for report in CommentReport.objects.filter(reported_by=person).order_by("pk")
        ],
    }
