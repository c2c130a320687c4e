"""The collective's public face: its public page settings, stories, comments on them
and expressions of interest from people who want to get involved.

A story is public when `published_at <= now`, computed when a page is read (no task
flips a flag, and GET never writes): a scheduled story simply becomes visible when its
time comes. `PublicPage.version` goes up with every change a public page shows, so
cached fragments are keyed on it and stay right with any number of server processes.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import TYPE_CHECKING

from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.db import models
from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy

from levelfield.lib.moderation import Moderated, ModeratedQuerySet, Report
from levelfield.places.models import PlaceMembership

if TYPE_CHECKING:
    from levelfield.people.models import User

COMMENT_MAX_LENGTH = 2000
REASON_MAX_LENGTH = 500


class PublicPage(models.Model):
    """What the collective's public home says, and its settings for stories.

    Made the first time someone saves the settings; until then the pages use an unsaved
    default (`PublicPage.for_collective`), so opening a page never writes."""

    # Members' translations of its words (levelfield/translations), deleted with it.
    translations = GenericRelation("translations.Translation")

    collective = models.OneToOneField(
        "collectives.Collective", on_delete=models.CASCADE, related_name="public_page"
    )
    welcome = models.TextField(
        "welcome",
        blank=True,
        help_text="A few sentences at the top of the public page. You can use Markdown.",
    )
    about_coproduction = models.TextField(
        "about co-production",
        blank=True,
        help_text="What co-production means here, in plain English. You can use Markdown.",
    )
    get_involved = models.TextField(
        "how to get involved",
        blank=True,
        help_text="What people can do, how much time it takes, whether it is paid. "
        "You can use Markdown.",
    )
    contact_email = models.EmailField("contact email address", blank=True)
    contact_phone = models.CharField("contact phone number", max_length=40, blank=True)
    contact_address = models.TextField("postal address", blank=True)
    comments_held = models.BooleanField(
        "hold comments until a moderator publishes them",
        default=True,
        help_text="If not, comments appear straight away and moderators deal with reports.",
    )
    reported_comments_held = models.BooleanField(
        "take a reported comment down until a moderator looks at it",
        default=True,
        db_default=True,
        help_text="Its author is told. A moderator then publishes it again or hides it.",
    )
    # Members the collective names to publish stories and moderate, besides its
    # coordinators (who always may).
    editors = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="+",
        verbose_name=gettext_lazy("editors"),
    )
    version = models.PositiveIntegerField(default=1)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"Public page of {self.collective_id}"

    @classmethod
    def for_collective(cls, collective: models.Model) -> PublicPage:
        """The saved settings, or unsaved defaults (never written on read)."""
        page = cls.objects.filter(collective=collective).first()
        if page is None:
            return cls(collective=collective, version=0)
        page.collective = collective  # already read: no second query for it
        return page

    @classmethod
    def as_read(cls, collective: models.Model) -> PublicPage:
        """The page as read with its collective (the public pages' access helpers join
        it: one query fewer a page), else `for_collective`. For showing; services read
        afresh with `for_collective`."""
        joined = cls._meta.get_field("collective").remote_field
        if not joined.is_cached(collective):
            return cls.for_collective(collective)
        page = joined.get_cached_value(collective)
        if page is None:
            return cls(collective=collective, version=0)
        page.collective = collective
        return page


class Tag(models.Model):
    collective = models.ForeignKey(
        "collectives.Collective", on_delete=models.CASCADE, related_name="story_tags"
    )
    name = models.CharField(max_length=60)
    slug = models.SlugField(max_length=70)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["collective", "slug"], name="stories_one_tag_slug")
        ]

    def __str__(self) -> str:
        return self.name


class StoryKind(models.TextChoices):
    STORY = "story", gettext_lazy("A story")
    UPDATE = "update", gettext_lazy("A monthly update")
    NEWS = "news", gettext_lazy("News")


# A story's state (`Story.state`) in the reader's language.
STATE_WORDS = {
    "Draft": gettext_lazy("Draft"),
    "Waiting to be published": gettext_lazy("Waiting to be published"),
    "Scheduled": gettext_lazy("Scheduled"),
    "Published": gettext_lazy("Published"),
}


class StoryQuerySet(models.QuerySet):
    def public(self, now: datetime | None = None) -> StoryQuerySet:
        """Stories anyone may read: published, and their time has come."""
        return self.filter(published_at__lte=now or timezone.now())

    def for_member(self, person: User) -> StoryQuerySet:
        """Every story, draft or not, of the collectives `person` belongs to."""
        if not getattr(person, "is_authenticated", False):
            return self.none()
        return self.filter(
            collective_id__in=PlaceMembership.objects.in_collectives()
            .filter(person=person)
            .values("place__collective_id")
        )

    def related_to(
        self, story: Story, now: datetime, limit: int = 3, *, tag_ids: list[int] | None = None
    ) -> StoryQuerySet:
        """Public stories of the same collective sharing the most tags with `story`
        (whose tags' ids may be given when already read)."""
        if tag_ids is None:
            tag_ids = [tag.pk for tag in story.tags.all()]
        if not tag_ids:
            return self.none()
        return (
            self.public(now)
            .filter(collective_id=story.collective_id, tags__in=tag_ids)
            .exclude(pk=story.pk)
            .annotate(shared=Count("tags"))
            .order_by("-shared", "-published_at", "-pk")[:limit]
        )


def _story_image_path(image: StoryImage, filename: str) -> str:
    return f"stories/{image.story.collective_id}/{uuid.uuid4().hex}.{image.extension}"


class Story(models.Model):
    # Members' translations of its words (levelfield/translations), deleted with it.
    translations = GenericRelation("translations.Translation")
    collective = models.ForeignKey(
        "collectives.Collective", on_delete=models.CASCADE, related_name="stories"
    )
    kind = models.CharField(max_length=20, choices=StoryKind.choices, default=StoryKind.STORY)
    title = models.CharField(max_length=200)
    slug = models.SlugField(max_length=220)
    summary = models.CharField(
        max_length=300,
        help_text="One or two sentences, shown in lists and when the story is shared.",
    )
    body = models.TextField("the story", help_text="You can use Markdown.")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="stories_written",
    )
    co_authors = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="stories_co_written"
    )
    # People without an account here (a public contributor who told their story).
    co_written_with = models.CharField(
        "also co-written with",
        max_length=200,
        blank=True,
        help_text="Names of people without an account here, as they want to be credited.",
    )
    tags = models.ManyToManyField(Tag, blank=True, related_name="stories")
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)
    submitted_at = models.DateTimeField(null=True, blank=True)
    published_at = models.DateTimeField(null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    comment_count = models.PositiveIntegerField(default=0)
    # Moves whenever the shown comments change (one added, published, hidden or
    # restored), in the same transaction: the story page's comments are cached per it.
    comments_version = models.PositiveIntegerField(default=0)

    objects = StoryQuerySet.as_manager()

    class Meta:
        ordering = ["-published_at", "-pk"]
        verbose_name_plural = "stories"
        indexes = [
            models.Index(fields=["collective", "published_at"]),
            # The editorial desk, most recently changed first: a page of 25 read from the
            # index instead of sorting a collective's 20,000 stories (47 ms a view).
            models.Index(fields=["collective", "-updated_at", "-id"], name="stories_desk_order"),
        ]
        constraints = [
            models.UniqueConstraint(fields=["collective", "slug"], name="stories_one_slug"),
            # Asking for publication only makes sense before it is published.
            models.CheckConstraint(
                condition=Q(published_at__isnull=True) | Q(submitted_at__isnull=True),
                name="stories_published_not_waiting",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("stories:story", args=[self.collective.slug, self.slug])

    def is_public(self, now: datetime | None = None) -> bool:
        return self.published_at is not None and self.published_at <= (now or timezone.now())

    def is_scheduled(self, now: datetime | None = None) -> bool:
        return self.published_at is not None and self.published_at > (now or timezone.now())

    def state(self, now: datetime | None = None) -> str:
        """In words: "Draft", "Waiting to be published", "Scheduled" or "Published"."""
        if self.is_public(now):
            return "Published"
        if self.is_scheduled(now):
            return "Scheduled"
        return "Waiting to be published" if self.submitted_at else "Draft"

    def state_label(self, now: datetime | None = None) -> str:
        """The state in the reader's language (`state` stays English, for comparing)."""
        return str(STATE_WORDS[self.state(now)])


class StoryImage(models.Model):
    """A picture in a story, stored already resized and stripped of metadata
    (`images.image_prepare`). The first one leads the story and its social preview."""

    story = models.ForeignKey(Story, on_delete=models.CASCADE, related_name="images")
    file = models.FileField(upload_to=_story_image_path, max_length=200)
    content_type = models.CharField(max_length=40)
    width = models.PositiveIntegerField()
    height = models.PositiveIntegerField()
    alt = models.CharField(
        "alt text",
        max_length=300,
        help_text="What the picture shows, for people who cannot see it.",
    )
    caption = models.CharField(max_length=300, blank=True)
    credit = models.CharField(
        "photo credit", max_length=200, help_text="Who took or made the picture."
    )
    position = models.PositiveSmallIntegerField(default=0)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    added_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["position", "pk"]
        constraints = [
            models.CheckConstraint(condition=~Q(alt=""), name="stories_image_has_alt"),
            models.CheckConstraint(condition=~Q(credit=""), name="stories_image_has_credit"),
        ]

    def __str__(self) -> str:
        return self.alt

    def get_absolute_url(self) -> str:
        return reverse("stories:image", args=[self.story.collective.slug, self.pk])

    @property
    def extension(self) -> str:
        return "png" if self.content_type == "image/png" else "jpg"


class Comment(Moderated):
    """A comment on a story by a signed-in person, held until a moderator publishes it
    or published at once (the collective's setting); moderated the one way every
    comment is (levelfield.lib.moderation)."""

    story = models.ForeignKey(Story, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="story_comments",
    )
    text = models.TextField(max_length=COMMENT_MAX_LENGTH)
    created_at = models.DateTimeField(default=timezone.now)

    objects = ModeratedQuerySet.as_manager()

    class Meta(Moderated.Meta):
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["story", "created_at"])]

    def __str__(self) -> str:
        return self.text[:60]


class CommentReport(Report):
    """Someone signed in reports a comment as abuse, with a reason; moderators then hide
    it or keep it (documents' `CommentReport`, for stories)."""

    comment = models.ForeignKey(Comment, on_delete=models.CASCADE, related_name="reports")

    class Meta(Report.Meta):
        ordering = ["reported_at", "pk"]


class Interest(models.Model):
    """Someone without an account says they would like to get involved. Only the
    collective's coordinators and editors see it; each is answered and recorded. The
    sender's network address is never stored (rate limits: levelfield.ratelimits)."""

    collective = models.ForeignKey(
        "collectives.Collective", on_delete=models.CASCADE, related_name="interests"
    )
    name = models.CharField(max_length=120)
    email = models.EmailField()
    interests = models.TextField("what interests you", max_length=2000)
    consent = models.BooleanField(default=False)
    created_at = models.DateTimeField(default=timezone.now)
    answered_at = models.DateTimeField(null=True, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    answer = models.TextField(blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["email", "created_at"]),
            models.Index(fields=["collective", "answered_at"]),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(consent=True), name="stories_interest_consented"),
            models.CheckConstraint(
                condition=Q(answered_at__isnull=True) | ~Q(answer=""),
                name="stories_answer_has_text",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.created_at:%d %b %Y})"
