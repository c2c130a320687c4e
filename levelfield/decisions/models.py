"""Decisions made together: proposals and polls, responses, outcomes and the decision log.

A decision belongs to a place (a collective, a group in it or a project: see
levelfield/places), through one relation. Responses are one per person per decision,
held by a database constraint.

Anonymous decisions keep nothing that links an answer to its author (see ballots.py):
while voting is open a person's answer exists only as a sealed ballot on their `Voter`
row, encrypted under a key derived from the app's secret key. At closing the ballots
are opened, shuffled and written out as `Response` rows with no person, no time and
random ids in one transaction, and the sealed ballots are wiped.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.db import models
from django.db.models import Case, Count, F, OuterRef, Q, Subquery, When
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy

from levelfield.places.querysets import PlaceOwnedQuerySet


class Method(models.TextChoices):
    PROPOSAL = "proposal", gettext_lazy("Proposal")
    CONSENT = "consent", gettext_lazy("Consent")
    SINGLE_CHOICE = "single_choice", gettext_lazy("Single choice")
    MULTIPLE_CHOICE = "multiple_choice", gettext_lazy("Multiple choice")
    RANKED = "ranked", gettext_lazy("Ranked choice")
    DOT_VOTE = "dot_vote", gettext_lazy("Dot vote")
    SCORE = "score", gettext_lazy("Score")
    TIME_POLL = "time_poll", gettext_lazy("Time poll")
    GRADIENTS = "gradients", gettext_lazy("Gradients of agreement")


class ReasonsPolicy(models.TextChoices):
    OPTIONAL = "optional", gettext_lazy("Reasons are optional")
    REQUIRED = "required", gettext_lazy("Everyone gives a reason")
    OBJECTIONS = "objections", gettext_lazy("A reason is needed to disagree, object or block")


class VoiceCheck(models.TextChoices):
    NONE = "none", gettext_lazy("No voice check")
    PUBLIC = (
        "public",
        gettext_lazy("Responses from people with lived experience, carers or young people"),
    )
    EACH_PERSPECTIVE = "each", gettext_lazy("Responses from each perspective in the team")


class Phase(models.TextChoices):
    """Where a decision is in its life, worked out from its times."""

    DISCUSSION = "discussion", gettext_lazy("Talking it through")
    SCHEDULED = "scheduled", gettext_lazy("Opens soon")
    VOTING = "voting", gettext_lazy("Open for responses")
    CLOSED = "closed", gettext_lazy("Closed")


def _default_timezone() -> str:
    return settings.TIME_ZONE


def _count_of(rows: models.QuerySet) -> Coalesce:
    counted = rows.order_by().values("decision").annotate(count=Count("*")).values("count")
    return Coalesce(Subquery(counted, output_field=models.IntegerField()), 0)


class DecisionQuerySet(PlaceOwnedQuerySet):
    def for_member(self, person: object) -> DecisionQuerySet:
        """Decisions in the places `person` is a member of: the only ones they may see or
        act on (the places' own rule, `visible_to`)."""
        return self.visible_to(person)

    def due_to_close(self, now: datetime) -> DecisionQuerySet:
        return self.filter(closed_at__isnull=True, closes_at__lte=now)

    def needing_reminder(self, now: datetime, *, before: object) -> DecisionQuerySet:
        """Open decisions closing within `before` (a timedelta) whose reminder has not gone."""
        return self.filter(
            closed_at__isnull=True,
            reminder_sent_at__isnull=True,
            opens_at__lte=now,
            closes_at__gt=now,
            closes_at__lte=now + before,
        )

    def in_phase(self, phase: str, now: datetime) -> DecisionQuerySet:
        closed = Q(closed_at__isnull=False) | Q(closes_at__lte=now)
        if phase == Phase.CLOSED:
            return self.filter(closed)
        not_closed = self.exclude(closed)
        if phase == Phase.VOTING:
            return not_closed.filter(opens_at__lte=now)
        if phase == Phase.DISCUSSION:
            return not_closed.filter(opens_at__gt=now, has_discussion=True)
        return not_closed.filter(opens_at__gt=now, has_discussion=False)

    def with_response_counts(self) -> DecisionQuerySet:
        """`response_count`: the responses, or for an anonymous decision its voters (whose
        answers stay sealed until closing), as kept on the decision's `Tally`; counted
        per row only for a decision without one (made before tallies, or not rebuilt
        yet: COALESCE runs the subqueries only then)."""
        responses = _count_of(Response.objects.filter(decision=OuterRef("pk")))
        voters = _count_of(Voter.objects.filter(decision=OuterRef("pk")))
        counted = Case(When(anonymous=True, then=voters), default=responses)
        return self.annotate(response_count=Coalesce(F("tally__responses"), counted))


class Decision(models.Model):
    # Members' translations of its words (levelfield/translations), deleted with it.
    translations = GenericRelation("translations.Translation")
    place = models.ForeignKey(
        "places.Place",
        on_delete=models.CASCADE,
        related_name="decisions",
        help_text="The collective, group or project whose members decide.",
    )
    method = models.CharField(max_length=20, choices=Method.choices)
    title = models.CharField(max_length=200)
    background = models.TextField(
        "background",
        help_text="What the decision is about and why it matters, in plain English.",
    )
    # The question in easy-read words, shown on the response form to whoever asks for
    # easy read; answers are the same, so counts are too.
    easy_read_question = models.TextField(
        "the question in easy read",
        blank=True,
        help_text="Short sentences, one idea each, in everyday words.",
    )
    has_discussion = models.BooleanField(
        "talk it through before voting",
        default=False,
        help_text="Until voting opens, anyone can add options and pros and cons.",
    )
    opens_at = models.DateTimeField("voting opens")
    closes_at = models.DateTimeField("voting closes")
    anonymous = models.BooleanField(default=False)
    results_hidden = models.BooleanField("hide results until closing", default=False)
    reasons_policy = models.CharField(
        max_length=20, choices=ReasonsPolicy.choices, default=ReasonsPolicy.OPTIONAL
    )
    max_choices = models.PositiveSmallIntegerField(default=1)
    dot_budget = models.PositiveSmallIntegerField(default=10)
    score_min = models.SmallIntegerField(default=0)
    score_max = models.SmallIntegerField(default=5)
    voice_check = models.CharField(
        max_length=20, choices=VoiceCheck.choices, default=VoiceCheck.NONE
    )
    voice_minimum = models.PositiveSmallIntegerField(default=1)
    timezone_name = models.CharField("time zone", max_length=64, default=_default_timezone)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    closed_early = models.BooleanField(default=False)
    voices_heard = models.BooleanField(
        null=True,
        blank=True,
        help_text="The voice check's result, fixed at closing.",
    )
    reminder_sent_at = models.DateTimeField(null=True, blank=True)
    involvement_entry = models.ForeignKey(
        "projects.InvolvementEntry",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The place's involvement log entry for this decision, made when it closes.",
    )

    objects = DecisionQuerySet.as_manager()

    class Meta:
        ordering = ["-opens_at", "-id"]
        indexes = [
            # A place's log, newest first, read from the index.
            models.Index(fields=["place", "-opens_at", "-id"], name="decisions_place_log"),
            models.Index(fields=["closed_at", "closes_at"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(closes_at__gt=F("opens_at")), name="decisions_closes_after_opening"
            ),
            # Live results would let someone watch the counts change as the list of
            # voters grows, and so learn how a person voted.
            models.CheckConstraint(
                condition=Q(anonymous=False) | Q(results_hidden=True),
                name="decisions_anonymous_results_hidden",
            ),
            models.CheckConstraint(
                condition=Q(max_choices__gte=1) & Q(dot_budget__gte=1) & Q(voice_minimum__gte=1),
                name="decisions_positive_limits",
            ),
            models.CheckConstraint(
                condition=Q(score_max__gt=F("score_min")), name="decisions_score_range"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def home_collective(self) -> models.Model:
        """The collective whose rules (the minimum open period) apply: the place's."""
        return self.place.collective

    @property
    def family(self) -> Any:
        """The method family that knows everything about this decision's method
        (decisions/methods/), for templates: `decision.family.options_are_times`."""
        from levelfield.decisions import methods  # methods imports this module

        return methods.family(self.method)

    @property
    def method_settings(self) -> str:
        """The method's own settings in words (": 10 dots each"), said by its family."""
        return self.family.settings_words(self)

    def phase(self, now: datetime) -> str:
        if self.closed_at or now >= self.closes_at:
            return Phase.CLOSED
        if now >= self.opens_at:
            return Phase.VOTING
        return Phase.DISCUSSION if self.has_discussion else Phase.SCHEDULED

    def phase_label(self, now: datetime) -> str:
        return Phase(self.phase(now)).label

    def results_visible(self, now: datetime) -> bool:
        return not self.results_hidden or self.phase(now) == Phase.CLOSED


class Option(models.Model):
    """One of the things people choose between (for a time poll, a proposed time)."""

    decision = models.ForeignKey(Decision, on_delete=models.CASCADE, related_name="options")
    # Members' translations of its label (levelfield/translations), deleted with it.
    translations = GenericRelation("translations.Translation")
    label = models.CharField(max_length=200)
    easy_read_label = models.CharField(
        "the option in easy read",
        max_length=200,
        blank=True,
        help_text="Short, everyday words, for people who ask for easy read.",
    )
    position = models.PositiveIntegerField(default=0)
    starts_at = models.DateTimeField(null=True, blank=True)
    ends_at = models.DateTimeField(null=True, blank=True)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["decision", "label"], name="decisions_option_unique"),
            models.CheckConstraint(
                condition=Q(starts_at__isnull=True, ends_at__isnull=True)
                | Q(starts_at__isnull=False, ends_at__gt=F("starts_at")),
                name="decisions_option_time_order",
            ),
        ]

    def __str__(self) -> str:
        return self.label


class PointKind(models.TextChoices):
    PRO = "pro", gettext_lazy("For (a pro)")
    CON = "con", gettext_lazy("Against (a con)")
    COMMENT = "comment", gettext_lazy("Comment or question")


class DiscussionPoint(models.Model):
    """A pro, con or comment in the decision talk, about one option or the whole decision."""

    decision = models.ForeignKey(Decision, on_delete=models.CASCADE, related_name="points")
    option = models.ForeignKey(
        Option, null=True, blank=True, on_delete=models.CASCADE, related_name="points"
    )
    kind = models.CharField(max_length=10, choices=PointKind.choices)
    text = models.TextField()
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return self.text[:60]

    @property
    def author_name(self) -> str:
        return self.author.name if self.author else "A former member"


class Response(models.Model):
    """One person's answer. The payload's shape depends on the method (see methods/).

    The id is random, not a counter, so the order responses arrive in is not stored.
    An anonymous decision has no responses until it closes; then they are written out
    together, shuffled, with no person and no time (see ballots.py).
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    decision = models.ForeignKey(Decision, on_delete=models.CASCADE, related_name="responses")
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="decision_responses",
    )
    payload = models.JSONField()
    reason = models.TextField(blank=True)
    updated_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        # Random ids: the order says nothing about who answered when.
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(
                fields=["decision", "person"],
                condition=Q(person__isnull=False),
                name="decisions_one_response_per_person",
            ),
        ]
        indexes = [
            # The latest to respond and the latest reasons, a few at a time, for the
            # decision page: read from the index, not by sorting every response.
            models.Index(fields=["decision", "-updated_at", "id"], name="decisions_latest"),
            models.Index(
                fields=["decision", "-updated_at", "id"],
                condition=~Q(reason=""),
                name="decisions_latest_reasons",
            ),
            models.Index(
                fields=["decision", "-updated_at", "id"],
                condition=~Q(reason="") & Q(payload__stance__in=["block", "veto"]),
                name="decisions_blocking_reasons",
            ),
        ]

    def __str__(self) -> str:
        return f"Response to {self.decision_id}"


class Voter(models.Model):
    """That a person has answered an anonymous decision and, until it closes, their answer
    sealed so only the app (holding the secret key) can open it, for them alone.

    One row per person, held by the database: answering again replaces the sealed ballot.
    At closing the ballot is written out, unlinked, as a `Response` and wiped from here.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    decision = models.ForeignKey(Decision, on_delete=models.CASCADE, related_name="voters")
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    sealed_ballot = models.BinaryField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(fields=["decision", "person"], name="decisions_one_voter")
        ]

    def __str__(self) -> str:
        return f"{self.person} answered {self.decision_id}"


class ResponseChange(models.Model):
    """A change to a named response: what it was and what it became. Never for anonymous
    ones: their changes are recorded in the history only as "an anonymous response was
    changed", with no before or after."""

    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="changes")
    changed_at = models.DateTimeField()
    payload_before = models.JSONField()
    reason_before = models.TextField(blank=True)
    payload_after = models.JSONField()
    reason_after = models.TextField(blank=True)

    class Meta:
        ordering = ["changed_at", "id"]

    def __str__(self) -> str:
        return f"Change to a response on {self.changed_at:%d %B %Y}"


class Outcome(models.Model):
    """What the group decided, written by any member once the decision has closed."""

    decision = models.OneToOneField(Decision, on_delete=models.CASCADE, related_name="outcome")
    statement = models.TextField("what we decided")
    reasons = models.TextField("why we decided it", blank=True)
    next_steps = models.TextField("next steps", blank=True)
    review_on = models.DateField("review date", null=True, blank=True)
    chosen_option = models.ForeignKey(
        Option, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    written_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    written_at = models.DateTimeField()
    updated_at = models.DateTimeField()

    def __str__(self) -> str:
        return self.statement[:60]

    @property
    def written_by_name(self) -> str:
        return self.written_by.name if self.written_by else "A former member"


class Tally(models.Model):
    """A decision's counts, kept up to date in the same transaction as each response is
    given or changed, under the decision's row lock, so pages never re-tally (see
    counting.py). `services.tallies_rebuild` works them out afresh from the responses.

    While an anonymous decision is open only `responses` (its voters) moves: its marks,
    reasons and changes are filled when the sealed ballots are opened at closing.
    """

    decision = models.OneToOneField(
        Decision, primary_key=True, on_delete=models.CASCADE, related_name="tally"
    )
    version = models.PositiveIntegerField(
        default=0,
        help_text="Goes up with every change to the responses; part of cache keys.",
    )
    generation = models.UUIDField(
        default=uuid.uuid4,
        help_text="New at every rebuild, so no cached figure outlives it.",
    )
    responses = models.PositiveIntegerField(
        default=0,
        help_text="Responses given (for an open anonymous decision, its voters).",
    )
    counted = models.PositiveIntegerField(default=0, help_text="Responses counted in `marks`.")
    marks = models.JSONField(default=dict, help_text="Mark -> responses giving it.")
    reasons = models.PositiveIntegerField(default=0, help_text="Responses that give a reason.")
    changes = models.PositiveIntegerField(default=0, help_text="Changes to named responses.")
    anonymous_changes = models.PositiveIntegerField(
        default=0,
        help_text="Sealed answers changed while open (said in the history at closing).",
    )

    class Meta:
        verbose_name_plural = "tallies"

    def __str__(self) -> str:
        return f"Counts for {self.decision_id}"


class Adoption(models.Model):
    """A decision that adopts something: a document, a report's sign-off, principles
    drawn from a conversation. One row links the decision to its subject; when the
    decision closes, the closing service applies the outcome to the subject in the same
    transaction, as `decisions/adoptions.py` (ADOPTIONS, the one table of what each
    kind of subject does on each outcome) says. `applied_at` and `passed` record that it
    was applied, so it is applied once."""

    decision = models.OneToOneField(Decision, on_delete=models.CASCADE, related_name="adoption")
    # A key of decisions.adoptions.ADOPTIONS, and the subject's primary key.
    subject_kind = models.CharField(max_length=40)
    subject_id = models.PositiveBigIntegerField()
    applied_at = models.DateTimeField(null=True, blank=True)
    passed = models.BooleanField(null=True, blank=True)

    class Meta:
        indexes = [models.Index(fields=["subject_kind", "subject_id"])]

    def __str__(self) -> str:
        return f"Adoption of {self.subject_kind} {self.subject_id} by decision {self.decision_id}"
