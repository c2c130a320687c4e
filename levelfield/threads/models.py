"""Threads: talking things through between meetings, in any place.

A thread belongs to one place (a collective, a group or a project) and has an opening
post and replies. An **update** is a thread too (`kind=update`): its opening post is
sent to everyone in the place by email, in full, and the replies go to its thread.

Counts the list shows are kept on the thread when they change (`post_count`,
`reply_count`, `last_activity_at`), so the list never counts per row. Read and unread:
each person's `ReadMark` keeps how many posts the thread had when they last read it;
unread is `post_count` minus that number.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from levelfield.places.querysets import PlaceOwnedQuerySet

TITLE_MAX_LENGTH = 200
BODY_MAX_LENGTH = 20_000


class ThreadKind(models.TextChoices):
    DISCUSSION = "discussion", _("Discussion")
    UPDATE = "update", _("Update")


class ThreadQuerySet(PlaceOwnedQuerySet):
    def in_list_order(self) -> ThreadQuerySet:
        """Pinned first, then the most recently active."""
        return self.order_by("-pinned", "-last_activity_at", "-pk")


class Thread(models.Model):
    place = models.ForeignKey("places.Place", on_delete=models.CASCADE, related_name="threads")
    kind = models.CharField(
        max_length=20, choices=ThreadKind.choices, default=ThreadKind.DISCUSSION
    )
    title = models.CharField(max_length=TITLE_MAX_LENGTH)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="threads_started",
    )
    created_at = models.DateTimeField(default=timezone.now)
    # Kept up to date by every reply, so the list sorts and shows counts in one query.
    last_activity_at = models.DateTimeField(default=timezone.now, db_index=True)
    post_count = models.PositiveIntegerField(default=0)
    reply_count = models.PositiveIntegerField(default=0)
    # Moved in the same transaction by whatever changes what the thread's page shows of
    # its posts (a reply, an edit, a removal, a reaction, an erasure): the page's posts
    # are kept per this version (threads/display.py).
    posts_version = models.PositiveIntegerField(default=0)
    pinned = models.BooleanField(default=False)
    closed_at = models.DateTimeField(null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="threads_closed",
    )
    # What the thread became, in one step ("Make this a decision / a document").
    decision = models.ForeignKey(
        "decisions.Decision",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="from_threads",
    )
    document = models.ForeignKey(
        "documents.Document",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="from_threads",
    )
    # Updates: when sending began and how many people it was sent to so far.
    sent_at = models.DateTimeField(null=True, blank=True)
    sent_count = models.PositiveIntegerField(default=0)

    objects = ThreadQuerySet.as_manager()

    class Meta:
        indexes = [models.Index(fields=["place", "-pinned", "-last_activity_at"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(closed_by__isnull=True) | models.Q(closed_at__isnull=False),
                name="threads_thread_closed_by_only_when_closed",
            ),
            models.CheckConstraint(
                condition=models.Q(kind="update") | models.Q(sent_at__isnull=True),
                name="threads_thread_only_updates_are_sent",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("threads:detail", args=[self.place_id, self.pk])

    @property
    def is_closed(self) -> bool:
        return self.closed_at is not None

    @property
    def is_update(self) -> bool:
        return self.kind == ThreadKind.UPDATE


class Post(models.Model):
    """The opening post (`parent` None, `is_opening`) or a reply. A reply's `parent` is
    always a top-level reply: one level of nesting (services.post_reply attaches a
    reply to a reply to its top-level reply)."""

    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="posts")
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.CASCADE, related_name="children"
    )
    is_opening = models.BooleanField(default=False)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="thread_posts",
    )
    body = models.TextField(max_length=BODY_MAX_LENGTH)
    html = models.TextField(blank=True)  # `body` through lib/markdown.py, kept
    created_at = models.DateTimeField(default=timezone.now)
    edited_at = models.DateTimeField(null=True, blank=True)
    removed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [models.Index(fields=["thread", "parent", "created_at"])]
        constraints = [
            models.UniqueConstraint(
                fields=["thread"],
                condition=models.Q(is_opening=True),
                name="threads_post_one_opening",
            ),
            models.CheckConstraint(
                condition=models.Q(is_opening=False) | models.Q(parent__isnull=True),
                name="threads_post_opening_has_no_parent",
            ),
        ]

    def __str__(self) -> str:
        return f"Post {self.pk} in {self.thread_id}"

    @property
    def is_removed(self) -> bool:
        return self.removed_at is not None


class Revision(models.Model):
    """An earlier version of a post, kept when it is edited."""

    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="revisions")
    body = models.TextField()
    written_at = models.DateTimeField()  # when this version was written
    replaced_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-replaced_at", "-pk"]

    def __str__(self) -> str:
        return f"Earlier version of post {self.post_id}"


class ReactionKind(models.TextChoices):
    """A small fixed set with plain names, styled alike: none is "good" or "bad"."""

    AGREE = "agree", _("Agree")
    THANKS = "thanks", _("Thanks")
    QUESTION = "question", _("Question")
    NOT_SURE = "not_sure", _("Not sure")


class Reaction(models.Model):
    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="reactions")
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="thread_reactions"
    )
    kind = models.CharField(max_length=20, choices=ReactionKind.choices)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["post", "person", "kind"], name="threads_reaction_once_per_kind"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} on post {self.post_id}"


class Mention(models.Model):
    """Someone in the place named with @ in a post (and told)."""

    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="mentions")
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="thread_mentions"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["post", "person"], name="threads_mention_once"),
        ]

    def __str__(self) -> str:
        return f"Mention in post {self.post_id}"


class ReadMark(models.Model):
    """How far a person has read a thread: the thread's post count when they last read
    it (see services.thread_mark_read for when it is written)."""

    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="read_marks")
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="thread_read_marks"
    )
    read_at = models.DateTimeField(default=timezone.now)
    read_count = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["thread", "person"], name="threads_read_once"),
        ]

    def __str__(self) -> str:
        return f"Read mark on thread {self.thread_id}"


class Delivery(models.Model):
    """An update sent to one person: the unique pair is what stops a second email when
    the sending job runs twice or two workers run it at once."""

    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="deliveries")
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="update_deliveries"
    )
    sent_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["thread", "person"], name="threads_delivered_once"),
        ]

    def __str__(self) -> str:
        return f"Update {self.thread_id} sent"
