"""Reflective check-ins: question sets (versioned), rounds, anonymous answers, actions.

Anonymity holds in the database, the way the decisions app keeps anonymous votes
(`levelfield.decisions.ballots`): while a round is open a person's answers exist only
as a sealed ballot on their own `Respondent` row. At closing the ballots are opened,
shuffled and written out as `Submission`, `Answer` and `Comment` rows with no person,
no time and random ids, in one transaction, and the sealed ballots are wiped. Comments
are written apart from the scores, shuffled separately, so a comment's wording cannot
be matched to a set of scores either.

A submission keeps its author's perspective group (public contributor, professional,
other) only when every group among the round's respondents has at least
`settings.MINIMUM_ANONYMOUS_GROUP` people; otherwise no submission of the round keeps one.
"""

from __future__ import annotations

import uuid
from datetime import datetime

from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy

from levelfield.places.querysets import PlaceOwnedQuerySet


class QuestionSetQuerySet(models.QuerySet):
    def usable_in(self, collective_id: int) -> QuestionSetQuerySet:
        """Levelfield's own sets and the collective's own."""
        return self.filter(Q(collective__isnull=True) | Q(collective_id=collective_id))


class QuestionSet(models.Model):
    """A list of reflective questions. Levelfield's own sets have no collective; a team's
    own set belongs to its collective and is usually based on one of Levelfield's."""

    collective = models.ForeignKey(
        "collectives.Collective",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="question_sets",
    )
    key = models.SlugField(max_length=40)
    title = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    based_on = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = QuestionSetQuerySet.as_manager()

    class Meta:
        ordering = ["collective_id", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["key"],
                condition=Q(collective__isnull=True),
                name="reflection_builtin_set_key_unique",
            ),
            models.UniqueConstraint(
                fields=["collective", "key"], name="reflection_team_set_key_unique"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def lineage_id(self) -> int:
        """The Levelfield set a team's set grew from (or itself): rounds of one lineage
        form a trend."""
        return self.based_on_id or self.pk


class QuestionSetVersion(models.Model):
    """The questions of a set at one moment. Never changed once made: adding a question
    makes a new version, and a round keeps the version it was opened with."""

    question_set = models.ForeignKey(
        QuestionSet, on_delete=models.CASCADE, related_name="versions"
    )
    number = models.PositiveIntegerField()
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        ordering = ["question_set_id", "-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["question_set", "number"], name="reflection_one_version_number"
            ),
            models.CheckConstraint(
                condition=Q(number__gte=1), name="reflection_version_number_positive"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.question_set} (version {self.number})"


class Question(models.Model):
    # Members' translations of its theme and words (levelfield/translations).
    translations = GenericRelation("translations.Translation")
    version = models.ForeignKey(
        QuestionSetVersion, on_delete=models.CASCADE, related_name="questions"
    )
    position = models.PositiveIntegerField()
    theme = models.CharField(
        "principle or theme",
        max_length=120,
        help_text="What the question is about, such as “Sharing power”. Results are grouped "
        "by it.",
    )
    text = models.CharField("question", max_length=300)
    # The question in easy-read words, shown on the check-in form to whoever asks for
    # easy read; the answers are the same, so results are too.
    easy_read_text = models.CharField(
        "the question in easy read",
        max_length=300,
        blank=True,
        help_text="Short sentences, one idea each, in everyday words.",
    )

    class Meta:
        ordering = ["version_id", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["version", "position"], name="reflection_question_position_unique"
            )
        ]

    def __str__(self) -> str:
        return self.text


class Phase(models.TextChoices):
    SCHEDULED = "scheduled", gettext_lazy("Opens soon")
    OPEN = "open", gettext_lazy("Open for answers")
    CLOSING = "closing", gettext_lazy("Closed, results being prepared")
    CLOSED = "closed", gettext_lazy("Closed")


class CheckInRoundQuerySet(PlaceOwnedQuerySet):
    """Rounds are asked about by place (`in_place`, `in_collective`, `visible_to`,
    `with_place`: levelfield.places.querysets) and by when they need the worker."""

    def due_to_close(self, now: datetime) -> CheckInRoundQuerySet:
        return self.filter(closed_at__isnull=True, closes_at__lte=now)

    def needing_reminder(self, now: datetime, *, before: object) -> CheckInRoundQuerySet:
        return self.filter(
            closed_at__isnull=True,
            reminder_sent_at__isnull=True,
            opens_at__lte=now,
            closes_at__gt=now,
            closes_at__lte=now + before,
        )


class CheckInRound(models.Model):
    """A time when the members of a place (a collective, a group or a project) answer a
    question set, then see its results."""

    place = models.ForeignKey(
        "places.Place", on_delete=models.CASCADE, related_name="checkin_rounds"
    )
    version = models.ForeignKey(QuestionSetVersion, on_delete=models.PROTECT, related_name="+")
    title = models.CharField(max_length=200)
    opens_at = models.DateTimeField("opens")
    closes_at = models.DateTimeField("closes")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    closed_at = models.DateTimeField(
        null=True, blank=True, help_text="When the answers were written out, unlinked."
    )
    respondent_count = models.PositiveIntegerField(null=True, blank=True)
    split_by_perspective = models.BooleanField(default=False)
    reminder_sent_at = models.DateTimeField(null=True, blank=True)

    objects = CheckInRoundQuerySet.as_manager()

    class Meta:
        ordering = ["-closes_at", "-id"]
        indexes = [
            models.Index(fields=["place", "-closes_at"], name="reflection_round_place_idx"),
            models.Index(fields=["closed_at", "closes_at"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(closes_at__gt=F("opens_at")),
                name="reflection_round_closes_after_opening",
            ),
            models.CheckConstraint(
                condition=Q(closed_at__isnull=True, respondent_count__isnull=True)
                | Q(closed_at__isnull=False, respondent_count__isnull=False),
                name="reflection_round_count_fixed_at_closing",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def phase(self, now: datetime) -> str:
        if self.closed_at is not None:
            return Phase.CLOSED
        if now >= self.closes_at:
            return Phase.CLOSING
        if now >= self.opens_at:
            return Phase.OPEN
        return Phase.SCHEDULED

    def phase_label(self, now: datetime) -> str:
        return Phase(self.phase(now)).label

    @property
    def has_results(self) -> bool:
        """Results show only after closing and from enough people."""
        return (
            self.closed_at is not None
            and (self.respondent_count or 0) >= settings.MINIMUM_ANONYMOUS_GROUP
        )


class Respondent(models.Model):
    """That a person answered a round and, until it closes, their answers sealed so that
    only the app (holding the secret key) can open them, for them alone."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    round = models.ForeignKey(CheckInRound, on_delete=models.CASCADE, related_name="respondents")
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    sealed_answers = models.BinaryField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(fields=["round", "person"], name="reflection_one_respondent")
        ]

    def __str__(self) -> str:
        return f"{self.person} answered {self.round_id}"


class PerspectiveGroup(models.TextChoices):
    MERGED = "", gettext_lazy("Everyone")
    PUBLIC = "public", gettext_lazy("Public contributors")
    PROFESSIONAL = "professional", gettext_lazy("Researchers and practitioners")
    OTHER = "other", gettext_lazy("Other or not shared")


class Submission(models.Model):
    """One person's answers to a round, with no person, no time and a random id."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    round = models.ForeignKey(CheckInRound, on_delete=models.CASCADE, related_name="submissions")
    group = models.CharField(max_length=20, choices=PerspectiveGroup.choices, blank=True)

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return f"Answers to {self.round_id}"


class Answer(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    submission = models.ForeignKey(Submission, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(Question, on_delete=models.PROTECT, related_name="+")
    score = models.PositiveSmallIntegerField()

    class Meta:
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(
                fields=["submission", "question"], name="reflection_one_answer_per_question"
            ),
            models.CheckConstraint(
                condition=Q(score__gte=1) & Q(score__lte=5), name="reflection_score_one_to_five"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.score} to {self.question_id}"


class Comment(models.Model):
    """A comment on one question, kept apart from the scores and from its author."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    round = models.ForeignKey(CheckInRound, on_delete=models.CASCADE, related_name="comments")
    question = models.ForeignKey(Question, on_delete=models.PROTECT, related_name="+")
    text = models.TextField()

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return self.text[:60]


class Action(models.Model):
    """What the team will do about a result: shown again at the next round and, in a
    project, written to its involvement log."""

    round = models.ForeignKey(CheckInRound, on_delete=models.CASCADE, related_name="actions")
    theme = models.CharField(max_length=120, blank=True)
    text = models.TextField("what we will do")
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField()
    involvement_entry = models.ForeignKey(
        "projects.InvolvementEntry",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        ordering = ["recorded_at", "id"]

    def __str__(self) -> str:
        return self.text[:60]
