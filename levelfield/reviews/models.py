"""Reviews: a collective's partners group reviewing researchers' involvement plans.

A researcher (any account holder, usually from outside the collective) sends a
request through the group's form. Group members sign up to review it, each answering
the same structured questions; one reviewer leads, drafting the group's combined
response, which the others read, comment on and agree before it is sent. The
researcher then reports back what they changed and what they did not, and why
("you said, we did"), and the group records the impact.

The group is a group place (`places.Place`, kind "group") of its collective: its name
and purpose are the place's, its reviewers are the place's members (`PlaceMembership`,
joined and left like any group) and reviewers' time goes into the place's involvement
log, so it can be claimed like any other involvement (levelfield/payments) and counts
in the collective's annual report.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from levelfield.places.models import PlaceMembership
from levelfield.projects.models import Stage

if TYPE_CHECKING:
    from levelfield.people.models import User

DEFAULT_REPORT_BACK_DAYS = 90


class ReviewGroup(models.Model):
    """A collective's research partners group's request form and settings (one per
    collective); the group itself, its name, purpose and members, is `place`."""

    collective = models.OneToOneField(
        "collectives.Collective", on_delete=models.CASCADE, related_name="review_group"
    )
    place = models.OneToOneField(
        "places.Place",
        on_delete=models.PROTECT,
        related_name="review_group",
        help_text=_("The group (a place of kind group in the collective): its members review."),
    )
    form_guidance = models.TextField(
        "guidance for researchers",
        help_text=_(
            "Shown at the top of the request form: what to send, how long reviews "
            "take, and that we will ask what changed."
        ),
    )
    accepting_requests = models.BooleanField(default=True)
    report_back_days = models.PositiveSmallIntegerField(
        "days before we remind researchers to report back",
        default=DEFAULT_REPORT_BACK_DAYS,
        validators=[MinValueValidator(7), MaxValueValidator(365)],
    )
    created_at = models.DateTimeField(default=timezone.now)
    # Moved by every service that changes what the group's reviews page counts and lists
    # (a request sent or moving on, a reviewer signing up or stepping back, an impact,
    # an erasure), in the same transaction: the page's figures and lists are kept per
    # version (`display.group_figures`) instead of aggregated over thousands of requests
    # on every visit.
    requests_version = models.IntegerField(default=0, editable=False)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(report_back_days__gte=7) & Q(report_back_days__lte=365),
                name="reviews_report_back_days_in_range",
            )
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("reviews:place", args=[self.place_id])

    @property
    def name(self) -> str:
        return self.place.group_name

    @property
    def about(self) -> str:
        return self.place.purpose

    def has_member(self, person: User) -> bool:
        return PlaceMembership.objects.filter(place_id=self.place_id, person_id=person.pk).exists()


class Status(models.TextChoices):
    WAITING = "waiting", _("Waiting for reviewers")
    REVIEWING = "reviewing", _("Being reviewed")
    DRAFTING = "drafting", _("Response being agreed")
    SENT = "sent", _("Response sent")
    REPORTED = "reported", _("Researcher reported back")
    WITHDRAWN = "withdrawn", _("Withdrawn")


OPEN = (Status.WAITING, Status.REVIEWING, Status.DRAFTING)


def _places_of(person: User) -> models.QuerySet:
    """The groups `person` is in (a subquery)."""
    return PlaceMembership.objects.filter(person=person).values("place_id")


class ReviewRequestQuerySet(models.QuerySet):
    def of_researcher(self, person: User) -> ReviewRequestQuerySet:
        if not getattr(person, "is_authenticated", False):
            return self.none()
        return self.filter(researcher=person)

    def for_group_member(self, person: User) -> ReviewRequestQuerySet:
        if not getattr(person, "is_authenticated", False):
            return self.none()
        return self.filter(group__place_id__in=_places_of(person))

    def visible_to(self, person: User) -> ReviewRequestQuerySet:
        """The researcher's own requests and those sent to a group `person` is in."""
        if not getattr(person, "is_authenticated", False):
            return self.none()
        return self.filter(Q(researcher=person) | Q(group__place_id__in=_places_of(person)))

    def needing_report_back_reminder(self, now: object) -> ReviewRequestQuerySet:
        return self.filter(
            status=Status.SENT,
            reminder_sent_at__isnull=True,
            researcher__isnull=False,
            report_back_due__lte=now,
        )


class ReviewRequest(models.Model):
    group = models.ForeignKey(ReviewGroup, on_delete=models.PROTECT, related_name="requests")
    researcher = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="review_requests",
    )
    organisation = models.CharField("your organisation", max_length=200, blank=True)
    project_title = models.CharField("project title", max_length=200)
    project_summary = models.TextField("what the project is about")
    stage = models.CharField("research stage", max_length=30, choices=Stage.choices)
    involvement_plan = models.TextField("your plan for involving people")
    questions = models.TextField("what you would like the group to answer")
    deadline = models.DateField("when you need the response by")
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.WAITING)
    submitted_at = models.DateTimeField(default=timezone.now)
    response_sent_at = models.DateTimeField(null=True, blank=True)
    report_back_due = models.DateTimeField(null=True, blank=True)
    reminder_sent_at = models.DateTimeField(null=True, blank=True)
    withdrawn_at = models.DateTimeField(null=True, blank=True)

    objects = ReviewRequestQuerySet.as_manager()

    class Meta:
        ordering = ["deadline", "id"]
        indexes = [models.Index(fields=["group", "status", "deadline"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=["waiting", "reviewing", "drafting", "withdrawn"])
                | Q(response_sent_at__isnull=False, report_back_due__isnull=False),
                name="reviews_sent_has_a_date",
            ),
        ]

    def __str__(self) -> str:
        return self.project_title

    def get_absolute_url(self) -> str:
        return reverse("reviews:request", args=[self.pk])

    @property
    def is_open(self) -> bool:
        return self.status in OPEN

    def is_researcher(self, person: User) -> bool:
        return self.researcher_id is not None and self.researcher_id == person.pk


def document_path(document: Document, filename: str) -> str:
    """Private storage: never under a public URL; the name holds nothing personal."""
    return f"reviews/request-{document.request_id}/{document.stored_name}"


class Document(models.Model):
    request = models.ForeignKey(ReviewRequest, on_delete=models.CASCADE, related_name="documents")
    file = models.FileField(upload_to=document_path, max_length=200)
    stored_name = models.CharField(max_length=60, editable=False)
    original_name = models.CharField(max_length=200)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    uploaded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["uploaded_at", "id"]

    def __str__(self) -> str:
        return self.original_name


class Rating(models.TextChoices):
    YES = "yes", _("Yes")
    PARTLY = "partly", _("Partly")
    NO = "no", _("No")
    UNSURE = "unsure", _("Not sure")


class Review(models.Model):
    """One group member's review of a request: signed up, then answered and sent."""

    request = models.ForeignKey(ReviewRequest, on_delete=models.CASCADE, related_name="reviews")
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="reviews"
    )
    signed_up_at = models.DateTimeField(default=timezone.now)
    meaningful = models.CharField(
        "Is the involvement meaningful?", max_length=10, choices=Rating.choices, blank=True
    )
    meaningful_comment = models.TextField(blank=True)
    paid = models.CharField(
        "Are people paid fairly for their time?", max_length=10, choices=Rating.choices, blank=True
    )
    paid_comment = models.TextField(blank=True)
    plain_language = models.CharField(
        "Is the language plain?", max_length=10, choices=Rating.choices, blank=True
    )
    plain_language_comment = models.TextField(blank=True)
    missing = models.TextField("What is missing?", blank=True)
    their_questions = models.TextField("Answers to the researcher’s questions", blank=True)
    minutes = models.PositiveIntegerField(null=True, blank=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    # The one reminder a reviewer gets when the deadline is near and they have not sent.
    reminded_at = models.DateTimeField(null=True, blank=True)
    # The involvement-log entry holding the reviewer's time (so it can be claimed).
    entry = models.OneToOneField(
        "projects.InvolvementEntry",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="review",
    )

    class Meta:
        ordering = ["signed_up_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["request", "reviewer"],
                condition=Q(reviewer__isnull=False),
                name="reviews_one_review_per_person",
            ),
            models.CheckConstraint(
                condition=Q(submitted_at__isnull=True)
                | (Q(minutes__gt=0) & Q(minutes__lte=24 * 60)),
                name="reviews_submitted_review_has_time",
            ),
        ]

    def __str__(self) -> str:
        return f"Review of {self.request}"

    @property
    def is_submitted(self) -> bool:
        return self.submitted_at is not None


class Response(models.Model):
    """The group's combined response, drafted by one lead; agreed before it is sent."""

    request = models.OneToOneField(
        ReviewRequest, on_delete=models.CASCADE, related_name="response"
    )
    lead = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    text = models.TextField("the group’s response", blank=True)
    version = models.PositiveIntegerField(default=0)
    updated_at = models.DateTimeField(default=timezone.now)
    sent_at = models.DateTimeField(null=True, blank=True)
    # The lead's drafting time, logged (and so claimable) when the response is sent.
    drafting_minutes = models.PositiveIntegerField(default=0)
    entry = models.OneToOneField(
        "projects.InvolvementEntry",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="review_response",
    )

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(drafting_minutes__lte=24 * 60), name="reviews_drafting_in_a_day"
            )
        ]

    def __str__(self) -> str:
        return f"Response to {self.request}"


class ResponseComment(models.Model):
    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    version = models.PositiveIntegerField()
    text = models.TextField("your comment")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"Comment on {self.response}"


class Agreement(models.Model):
    """A reviewer agrees a version of the draft; a new version needs agreeing again."""

    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="agreements")
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    version = models.PositiveIntegerField()
    agreed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["response", "person"], name="reviews_one_agreement")
        ]

    def __str__(self) -> str:
        return f"Agreement to version {self.version}"


class Impact(models.TextChoices):
    MAJOR = "major", _("Big changes to the plan")
    SOME = "some", _("Some changes")
    NONE = "none", _("No changes")


class ReportBack(models.Model):
    """ "You said, we did": what the researcher changed and did not, and why."""

    request = models.OneToOneField(
        ReviewRequest, on_delete=models.CASCADE, related_name="report_back"
    )
    what_changed = models.TextField("what you changed because of our response")
    what_did_not_change = models.TextField("what you did not change, and why", blank=True)
    reported_at = models.DateTimeField(default=timezone.now)
    impact = models.CharField(
        "the impact of our review", max_length=10, choices=Impact.choices, blank=True
    )
    impact_notes = models.TextField("notes on the impact", blank=True)
    impact_recorded_at = models.DateTimeField(null=True, blank=True)
    impact_recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    def __str__(self) -> str:
        return f"Report back on {self.request}"
