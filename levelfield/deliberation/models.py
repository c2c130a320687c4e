"""Conversations: a prompt, short statements, and everyone's reactions to them.

A conversation belongs to a place (a collective, a group in it or a project: see
levelfield/places), through one relation. Members of that place take part; if the
conversation is open to anyone with its link, visitors take part too after a light
sign-in (a name, kept in their session). Each participant has one current reaction
per statement (a database constraint; changing it replaces it), and every reaction
ever given is kept in `ReactionLog`. The analysis (analysis.py) runs in the background
and its last result is kept in `Analysis`.
"""

from __future__ import annotations

import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy

from levelfield.places.querysets import PlaceOwnedQuerySet

STATEMENT_MAX_LENGTH = 280


def _new_token() -> str:
    return secrets.token_urlsafe(18)


class WhoMayTakePart(models.TextChoices):
    MEMBERS = "members", gettext_lazy("Members only")
    ANYONE_WITH_LINK = "link", gettext_lazy("Anyone with the link (they give a name to take part)")


class Moderation(models.TextChoices):
    AT_ONCE = "at_once", gettext_lazy("New statements appear at once")
    FIRST = "first", gettext_lazy("New statements appear after a member accepts them")


class Vote(models.IntegerChoices):
    """The values Pol.is uses in its votes.csv."""

    AGREE = 1, gettext_lazy("Agree")
    DISAGREE = -1, gettext_lazy("Disagree")
    PASS = 0, gettext_lazy("Pass or unsure")


class ConversationQuerySet(PlaceOwnedQuerySet):
    def for_member(self, person: object) -> ConversationQuerySet:
        """Conversations in the places `person` is a member of (the places' own rule)."""
        return self.visible_to(person)


class Conversation(models.Model):
    place = models.ForeignKey(
        "places.Place",
        on_delete=models.CASCADE,
        related_name="conversations",
        help_text="The collective, group or project whose members take part.",
    )
    title = models.CharField(max_length=200)
    prompt = models.TextField(
        help_text="The question people respond to, in plain English. For example: "
        "“How should patient data be used in health research?”"
    )
    who_may_take_part = models.CharField(
        "who may take part",
        max_length=10,
        choices=WhoMayTakePart.choices,
        default=WhoMayTakePart.MEMBERS,
    )
    moderation = models.CharField(
        "new statements", max_length=10, choices=Moderation.choices, default=Moderation.AT_ONCE
    )
    link_token = models.CharField(max_length=40, unique=True, default=_new_token)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    # Set by the first reaction after an analysis; the background task clears it.
    analysis_due_at = models.DateTimeField(null=True, blank=True)

    objects = ConversationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("deliberation:detail", args=[self.pk])

    @property
    def is_open(self) -> bool:
        return self.closed_at is None

    @property
    def open_to_link(self) -> bool:
        return self.who_may_take_part == WhoMayTakePart.ANYONE_WITH_LINK


class Participant(models.Model):
    """Someone taking part: a member (with their account) or a visitor with the link
    (a name only, found again through their session)."""

    conversation = models.ForeignKey(
        Conversation, on_delete=models.CASCADE, related_name="participants"
    )
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="conversation_participations",
    )
    name = models.CharField(max_length=80, blank=True)
    # The voter-id (participant) in the Pol.is export this participant was imported from.
    polis_id = models.PositiveIntegerField("Pol.is participant id", null=True, blank=True)
    token = models.CharField(max_length=40, unique=True, default=_new_token)
    joined_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["conversation", "person"],
                condition=Q(person__isnull=False),
                name="deliberation_one_participant_per_person",
            )
        ]

    def __str__(self) -> str:
        return self.name or f"Participant {self.pk}"


class StatementStatus(models.TextChoices):
    SHOWN = "shown", gettext_lazy("Shown")
    WAITING = "waiting", gettext_lazy("Waiting for a member to accept it")
    REJECTED = "rejected", gettext_lazy("Moderated out")


class Statement(models.Model):
    conversation = models.ForeignKey(
        Conversation, on_delete=models.CASCADE, related_name="statements"
    )
    number = models.PositiveIntegerField(help_text="Its number in the conversation (comment-id).")
    # The comment-id in the Pol.is export this statement was imported from: the same as
    # `number` unless the conversation already had statements with those numbers.
    polis_id = models.PositiveIntegerField("Pol.is comment id", null=True, blank=True)
    text = models.CharField(max_length=STATEMENT_MAX_LENGTH)
    # The text in lower case with single spaces: two statements may not share it.
    text_key = models.CharField(max_length=STATEMENT_MAX_LENGTH)
    author = models.ForeignKey(
        Participant, null=True, blank=True, on_delete=models.SET_NULL, related_name="statements"
    )
    is_seed = models.BooleanField(default=False)
    status = models.CharField(
        max_length=10, choices=StatementStatus.choices, default=StatementStatus.SHOWN
    )
    created_at = models.DateTimeField()
    # From the last analysis (see analysis.py): higher is shown sooner.
    priority = models.FloatField(default=9.0)

    class Meta:
        ordering = ["number"]
        constraints = [
            models.UniqueConstraint(
                fields=["conversation", "number"], name="deliberation_statement_number_unique"
            ),
            models.UniqueConstraint(
                fields=["conversation", "text_key"], name="deliberation_statement_text_unique"
            ),
        ]
        indexes = [models.Index(fields=["conversation", "status", "-priority"])]

    def __str__(self) -> str:
        return self.text


class Reaction(models.Model):
    """A participant's current reaction to a statement: one each, the latest wins."""

    participant = models.ForeignKey(
        Participant, on_delete=models.CASCADE, related_name="reactions"
    )
    statement = models.ForeignKey(Statement, on_delete=models.CASCADE, related_name="reactions")
    vote = models.SmallIntegerField(choices=Vote.choices)
    reacted_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["participant", "statement"], name="deliberation_one_reaction"
            ),
            models.CheckConstraint(
                condition=Q(vote__in=[-1, 0, 1]), name="deliberation_vote_values"
            ),
        ]

    def __str__(self) -> str:
        return f"{Vote(self.vote).label} to statement {self.statement_id}"


class ReactionLog(models.Model):
    """Every reaction given, in order, including those later changed."""

    participant = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="+")
    statement = models.ForeignKey(Statement, on_delete=models.CASCADE, related_name="+")
    vote = models.SmallIntegerField(choices=Vote.choices)
    reacted_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(vote__in=[-1, 0, 1]), name="deliberation_logged_vote_values"
            )
        ]

    def __str__(self) -> str:
        return f"{Vote(self.vote).label} to statement {self.statement_id} at {self.reacted_at}"


class Analysis(models.Model):
    """The last analysis of a conversation (analysis.Result as JSON)."""

    conversation = models.OneToOneField(
        Conversation, on_delete=models.CASCADE, related_name="analysis"
    )
    computed_at = models.DateTimeField()
    seconds = models.FloatField(default=0.0)
    result = models.JSONField()

    def __str__(self) -> str:
        return f"Analysis of conversation {self.conversation_id} at {self.computed_at}"


class Draft(models.Model):
    """Principles picked from a conversation's statements, to be decided on."""

    conversation = models.OneToOneField(
        Conversation, on_delete=models.CASCADE, related_name="draft"
    )
    statements = models.ManyToManyField(Statement, related_name="+", blank=True)
    decision = models.ForeignKey(
        "decisions.Decision", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # Set when the decision closes in favour (decisions/adoptions.py); a decision that
    # closes against frees the draft to change and be decided on again.
    adopted_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"Draft principles from conversation {self.conversation_id}"


class ImportState(models.TextChoices):
    WAITING = "waiting", gettext_lazy("Waiting to start")
    RUNNING = "running", gettext_lazy("Importing now")
    DONE = "done", gettext_lazy("Imported")
    FAILED = "failed", gettext_lazy("Not imported")


class PolisImport(models.Model):
    """A Pol.is export too big to import inside the request (polis.BACKGROUND_ROWS):
    the files wait here for the background task, and the outcome stays for the import
    page. The files are emptied once the import has run."""

    conversation = models.ForeignKey(
        Conversation, on_delete=models.CASCADE, related_name="polis_imports"
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    requested_at = models.DateTimeField()
    state = models.CharField(max_length=10, choices=ImportState.choices, default="waiting")
    votes_csv = models.TextField(blank=True)
    comments_csv = models.TextField(blank=True)
    # summary.csv (or another file of the export), when the member gave one.
    other_csv = models.TextField(blank=True, default="")
    vote_lines = models.PositiveIntegerField(default=0)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    summary = models.CharField(max_length=300, blank=True)
    # The problems (when it failed) or the notes (when it was imported), in words.
    messages = models.JSONField(default=list, blank=True)

    class Meta:
        ordering = ["-requested_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(state__in=["waiting", "running", "done", "failed"]),
                name="deliberation_import_state_values",
            )
        ]

    def __str__(self) -> str:
        return f"Pol.is import into conversation {self.conversation_id}: {self.state}"
