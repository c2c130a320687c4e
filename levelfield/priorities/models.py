"""Setting research priorities together (the James Lind Alliance method) and ideas.

A partnership gathers questions from anyone through a public survey, processes them
into a long list (similar questions grouped under one summary question, out-of-scope or
already-answered ones set aside with a reason), asks people to pick their top 10 in an
interim survey, and ends with a workshop whose small groups rank the shortlist.

Nothing submitted is ever deleted or merged away: a submitted question keeps its own
text for ever and points at the summary question it was grouped under, so ungrouping
only clears that pointer. Demographics and emails are sealed until the survey closes,
then written out apart from the questions, shuffled, with no link back.
"""

from __future__ import annotations

import secrets
import uuid

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from levelfield.places.models import PlaceMembership


def new_survey_token() -> str:
    return secrets.token_urlsafe(12)


class Stage(models.TextChoices):
    SURVEY = "survey", _("Gathering questions")
    PROCESSING = "processing", _("Processing the questions")
    INTERIM = "interim", _("Interim priority survey")
    WORKSHOP = "workshop", _("Final workshop")
    PUBLISHED = "published", _("Top 10 published")


STAGE_ORDER = list(Stage.values)


class RespondentKind(models.TextChoices):
    """Who answers, in the James Lind Alliance's three groups (and anyone else)."""

    PATIENT = "patient", _("Someone with the condition")
    CARER = "carer", _("A carer, family member or friend")
    PROFESSIONAL = "professional", _("A health or care professional")
    OTHER = "other", _("Someone else")


class PartnershipQuerySet(models.QuerySet):
    def for_member(self, person: object) -> PartnershipQuerySet:
        """Partnerships of collectives `person` belongs to (none for a visitor)."""
        if not getattr(person, "is_authenticated", False):
            return self.none()
        return self.filter(
            collective_id__in=PlaceMembership.objects.in_collectives()
            .filter(person=person)
            .values("place__collective_id")
        )


class Partnership(models.Model):
    """One priority-setting partnership run by a collective."""

    collective = models.ForeignKey(
        "collectives.Collective", on_delete=models.CASCADE, related_name="partnerships"
    )
    # Steering-group meetings and workshop time go in this project's involvement log.
    project = models.ForeignKey(
        "projects.Project", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    title = models.CharField(max_length=200)
    scope = models.TextField(help_text=_("Which questions are in scope, and which are not."))
    stage = models.CharField(max_length=20, choices=Stage.choices, default=Stage.SURVEY)
    survey_token = models.CharField(max_length=32, unique=True, default=new_survey_token)
    survey_closes_on = models.DateField("question survey closes", null=True, blank=True)
    interim_closes_on = models.DateField("interim survey closes", null=True, blank=True)
    workshop_on = models.DateField("final workshop", null=True, blank=True)
    shortlist_size = models.PositiveSmallIntegerField(default=25)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    published_at = models.DateTimeField(null=True, blank=True)
    # Moved by every service that groups, ungroups, sets aside or brings back a
    # submitted question, in the same transaction, and just after a survey answer is
    # stored (`services._questions_changed`): the submitted-questions page keeps its
    # counts per version (counting 50,000 questions on every view was most of that
    # page's database time).
    questions_version = models.IntegerField(default=0, editable=False)

    objects = PartnershipQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(shortlist_size__gte=10) & Q(shortlist_size__lte=60),
                name="priorities_shortlist_size_sensible",
            )
        ]

    def __str__(self) -> str:
        return self.title

    def reached(self, stage: str) -> bool:
        return STAGE_ORDER.index(self.stage) >= STAGE_ORDER.index(stage)


class SteeringMember(models.Model):
    partnership = models.ForeignKey(
        Partnership, on_delete=models.CASCADE, related_name="steering_members"
    )
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    added_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["added_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["partnership", "person"], name="priorities_steer_once")
        ]

    def __str__(self) -> str:
        return f"{self.person} steers {self.partnership}"


class Submission(models.Model):
    """One person's answer to the question survey: one or more questions.

    `token` comes from the form the person was given, so sending the same form twice
    (a double click, a refresh) finds the first submission instead of making another.
    """

    partnership = models.ForeignKey(
        Partnership, on_delete=models.CASCADE, related_name="submissions"
    )
    token = models.UUIDField(unique=True)
    perspective = models.CharField(max_length=20, choices=RespondentKind.choices)
    consent = models.BooleanField()
    created_at = models.DateTimeField(auto_now_add=True)
    # Until the survey closes, the demographics and email given with it, sealed under the
    # survey's own key (levelfield.sealing); then written out apart, shuffled, and wiped.
    sealed_extras = models.BinaryField(null=True, blank=True, editable=False)

    class Meta:
        constraints = [
            models.CheckConstraint(condition=Q(consent=True), name="priorities_submission_consent")
        ]
        indexes = [models.Index(fields=["partnership", "perspective"])]

    def __str__(self) -> str:
        return f"Submission {self.pk} to {self.partnership}"


class SummaryStatus(models.TextChoices):
    LONG_LIST = "long_list", _("On the long list")
    ANSWERED = "answered", _("Already answered by evidence")
    OUT_OF_SCOPE = "out_of_scope", _("Out of scope")


class SummaryQuestion(models.Model):
    """A researchable question written for a group of similar submitted ones."""

    partnership = models.ForeignKey(
        Partnership, on_delete=models.CASCADE, related_name="summary_questions"
    )
    text = models.TextField()
    status = models.CharField(
        max_length=20, choices=SummaryStatus.choices, default=SummaryStatus.LONG_LIST
    )
    evidence = models.CharField(
        "evidence reference", max_length=500, blank=True, help_text=_("For example a DOI.")
    )
    shortlisted = models.BooleanField(default=False)
    rank = models.PositiveSmallIntegerField("final rank", null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["pk"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="answered") | ~Q(evidence=""),
                name="priorities_answered_has_evidence",
            ),
            models.UniqueConstraint(
                fields=["partnership", "rank"],
                condition=Q(rank__isnull=False),
                name="priorities_one_question_per_rank",
            ),
        ]

    def __str__(self) -> str:
        return self.text


class SubmittedQuestion(models.Model):
    """A question exactly as someone wrote it. Never edited, never deleted."""

    partnership = models.ForeignKey(
        Partnership, on_delete=models.CASCADE, related_name="submitted_questions"
    )
    submission = models.ForeignKey(Submission, on_delete=models.CASCADE, related_name="questions")
    text = models.TextField()
    summary = models.ForeignKey(
        SummaryQuestion,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="originals",
    )
    out_of_scope = models.BooleanField(default=False)
    out_of_scope_reason = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["pk"]
        indexes = [models.Index(fields=["partnership", "summary"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(out_of_scope=False) | ~Q(out_of_scope_reason=""),
                name="priorities_set_aside_says_why",
            )
        ]

    def __str__(self) -> str:
        return self.text


class Demographics(models.Model):
    """Optional equality data, kept apart: no link to a submission. Written out, shuffled,
    with everyone's when the survey closes, and `given_on` is that day, so neither the
    row's place, its transaction nor its date points at a submission."""

    partnership = models.ForeignKey(
        Partnership, on_delete=models.CASCADE, related_name="demographics"
    )
    age_band = models.CharField(max_length=20, blank=True)
    region = models.CharField(max_length=100, blank=True)
    given_on = models.DateField()

    def __str__(self) -> str:
        return f"Demographics given on {self.given_on}"


class Subscriber(models.Model):
    """Someone who asked to hear when the next stage opens (not linked to answers: written
    out, shuffled, with everyone's when the survey closes)."""

    partnership = models.ForeignKey(
        Partnership, on_delete=models.CASCADE, related_name="subscribers"
    )
    email = models.EmailField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["partnership", "email"], name="priorities_sub_once")
        ]

    def __str__(self) -> str:
        return self.email


class PairAnswer(models.TextChoices):
    WAITING = "waiting", _("Not looked at yet")
    SAME = "same", _("Asking the same thing")
    DIFFERENT = "different", _("Different questions")


class SimilarPair(models.Model):
    """Two submitted questions the text comparison thinks may ask the same thing.

    Suggestions only: grouping happens when a person says "same"."""

    partnership = models.ForeignKey(
        Partnership, on_delete=models.CASCADE, related_name="similar_pairs"
    )
    first = models.ForeignKey(SubmittedQuestion, on_delete=models.CASCADE, related_name="+")
    second = models.ForeignKey(SubmittedQuestion, on_delete=models.CASCADE, related_name="+")
    score = models.FloatField()
    answer = models.CharField(
        max_length=10, choices=PairAnswer.choices, default=PairAnswer.WAITING
    )

    class Meta:
        ordering = ["-score", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["first", "second"], name="priorities_pair_once"),
            models.CheckConstraint(
                condition=Q(first__lt=F("second")), name="priorities_pair_order"
            ),
        ]
        indexes = [models.Index(fields=["partnership", "answer", "-score"])]

    def __str__(self) -> str:
        return f"{self.first_id} ~ {self.second_id} ({self.score})"


class InterimBallot(models.Model):
    """One answer to the interim survey: up to 10 questions from the long list."""

    partnership = models.ForeignKey(
        Partnership, on_delete=models.CASCADE, related_name="interim_ballots"
    )
    token = models.UUIDField(unique=True, default=uuid.uuid4)
    perspective = models.CharField(max_length=20, choices=RespondentKind.choices)
    created_at = models.DateTimeField(auto_now_add=True)
    choices = models.ManyToManyField(SummaryQuestion, through="InterimChoice", related_name="+")

    def __str__(self) -> str:
        return f"Interim answer {self.pk}"


class InterimChoice(models.Model):
    ballot = models.ForeignKey(InterimBallot, on_delete=models.CASCADE, related_name="picks")
    question = models.ForeignKey(SummaryQuestion, on_delete=models.CASCADE, related_name="picks")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["ballot", "question"], name="priorities_pick_once")
        ]

    def __str__(self) -> str:
        return f"{self.ballot_id} picked {self.question_id}"


class WorkshopGroup(models.Model):
    """A small group at the final workshop, in one round."""

    partnership = models.ForeignKey(
        Partnership, on_delete=models.CASCADE, related_name="workshop_groups"
    )
    round = models.PositiveSmallIntegerField(default=1)
    name = models.CharField(max_length=100)

    class Meta:
        ordering = ["round", "name", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["partnership", "round", "name"], name="priorities_group_name_once"
            )
        ]

    def __str__(self) -> str:
        return self.name


class GroupRank(models.Model):
    """Where one small group placed one shortlisted question (1 is most important)."""

    group = models.ForeignKey(WorkshopGroup, on_delete=models.CASCADE, related_name="ranks")
    question = models.ForeignKey(SummaryQuestion, on_delete=models.CASCADE, related_name="+")
    rank = models.PositiveSmallIntegerField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["group", "question"], name="priorities_rank_once"),
            models.UniqueConstraint(fields=["group", "rank"], name="priorities_rank_unique"),
            models.CheckConstraint(condition=Q(rank__gte=1), name="priorities_rank_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.group_id}: {self.rank}. {self.question_id}"


class Idea(models.Model):
    """A research idea from the sandpit, owned jointly by everyone who builds on it."""

    collective = models.ForeignKey(
        "collectives.Collective", on_delete=models.CASCADE, related_name="ideas"
    )
    title = models.CharField(max_length=200)
    description = models.TextField()
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    project = models.OneToOneField(
        "projects.Project", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    owners = models.ManyToManyField(
        settings.AUTH_USER_MODEL, through="IdeaOwner", related_name="+"
    )

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return self.title


class IdeaOwner(models.Model):
    idea = models.ForeignKey(Idea, on_delete=models.CASCADE, related_name="ownerships")
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["idea", "person"], name="priorities_own_idea_once")
        ]

    def __str__(self) -> str:
        return f"{self.person} owns {self.idea}"


class IdeaComment(models.Model):
    idea = models.ForeignKey(Idea, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    text = models.TextField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return self.text[:50]
