"""Projects: co-produced research, its members, stages and the involvement log."""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

from django.conf import settings
from django.db import models
from django.db.models import OuterRef, Q, Subquery, Sum
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from levelfield.places.models import PlaceMembership

if TYPE_CHECKING:
    from levelfield.people.models import User


class Stage(models.TextChoices):
    """The research cycle, used across Levelfield."""

    IDENTIFYING = "identifying", _("Identifying and prioritising")
    DESIGN = "design", _("Design")
    FUNDING = "funding", _("Funding application")
    ETHICS = "ethics", _("Ethics and approvals")
    DOING = "doing", _("Doing the research (data collection)")
    ANALYSIS = "analysis", _("Analysis")
    DISSEMINATION = "dissemination", _("Dissemination")
    IMPLEMENTATION = "implementation", _("Implementation")
    EVALUATION = "evaluation", _("Evaluation and impact")


class ProjectQuerySet(models.QuerySet):
    def for_member(self, person: User) -> ProjectQuerySet:
        """Projects `person` belongs to: the only ones they may see."""
        if not getattr(person, "is_authenticated", False):
            return self.none()
        return self.filter(
            id__in=PlaceMembership.objects.in_projects()
            .filter(person=person)
            .values("place__project_id")
        )

    def in_collectives_of(self, person: User) -> ProjectQuerySet:
        """Projects in the collectives `person` belongs to: they may see that these
        exist (title, summary, stage, size) and ask to join, not what is inside."""
        if not getattr(person, "is_authenticated", False):
            return self.none()
        return self.filter(
            collective_id__in=PlaceMembership.objects.in_collectives()
            .filter(person=person)
            .values("place__collective_id")
        )


class Project(models.Model):
    collective = models.ForeignKey(
        "collectives.Collective", on_delete=models.PROTECT, related_name="projects"
    )
    title = models.CharField(max_length=200)
    summary = models.TextField(
        _("plain-English summary"),
        help_text=_("What the project is about and why it matters, for anyone to understand."),
    )
    topics = models.CharField(
        max_length=300, blank=True, help_text=_("Separate topics with commas.")
    )
    stage = models.CharField(
        _("current stage"), max_length=30, choices=Stage.choices, default=Stage.IDENTIFYING
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = ProjectQuerySet.as_manager()

    class Meta:
        ordering = ["title"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("projects:detail", args=[self.pk])

    def topic_list(self) -> list[str]:
        return [topic.strip() for topic in self.topics.split(",") if topic.strip()]


class ActivityKind(models.TextChoices):
    MEETING = "meeting", _("Meeting")
    WORKSHOP = "workshop", _("Workshop")
    INTERVIEW = "interview", _("Interview")
    ANALYSIS = "analysis", _("Analysis")
    WRITING = "writing", _("Writing")
    REVIEW = "review", _("Review")
    OTHER = "other", _("Other")


class InvolvementEntryQuerySet(models.QuerySet):
    def with_totals(self) -> InvolvementEntryQuerySet:
        """Each entry's minutes in all, as a subquery: PostgreSQL sums only the rows a
        page shows (a join would group every entry's participations before paging)."""
        minutes = (
            Participation.objects.filter(entry=OuterRef("pk"))
            .order_by()
            .values("entry")
            .annotate(total=Sum("minutes"))
            .values("total")
        )
        return self.annotate(total_minutes=Subquery(minutes))


class InvolvementEntry(models.Model):
    """Something that happened in a place (a project or a collective), who took part and
    what changed because of it.

    The spine of Levelfield: events, decisions and reviews write here; payments
    and reports read from here.
    """

    place = models.ForeignKey("places.Place", on_delete=models.CASCADE, related_name="involvement")
    title = models.CharField(_("what happened"), max_length=200)
    description = models.TextField(_("more detail"), blank=True)
    happened_on = models.DateField(_("date"))
    stage = models.CharField(
        _("research stage"),
        max_length=30,
        choices=Stage.choices,
        blank=True,
        help_text=_("Empty for a collective's own activities, which have no research stage."),
    )
    kind = models.CharField(max_length=20, choices=ActivityKind.choices)
    what_changed = models.TextField(
        _("what changed because of it"),
        blank=True,
        help_text=_(
            "The difference involvement made: to the question, the design, the "
            "materials, the team."
        ),
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = InvolvementEntryQuerySet.as_manager()

    class Meta:
        ordering = ["-happened_on", "-id"]
        verbose_name_plural = "involvement entries"
        indexes = [
            models.Index(fields=["place", "-happened_on"], name="projects_entries_by_place"),
            # The newest entry of a place in one step: part of the log's version
            # (places.log.log_version), read on every log and project page.
            models.Index(fields=["place", "id"], name="projects_entries_newest"),
        ]

    def __str__(self) -> str:
        return self.title


class Participation(models.Model):
    """One person's part in an involvement entry and the time they gave.

    When the person deletes their account the row stays with no person, so the
    project keeps its totals ("a former member, 3 hours").
    """

    entry = models.ForeignKey(
        InvolvementEntry, on_delete=models.CASCADE, related_name="participations"
    )
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="participations",
    )
    minutes = models.PositiveIntegerField()

    class Meta:
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(
                fields=["entry", "person"],
                condition=Q(person__isnull=False),
                name="projects_one_participation_per_person",
            ),
            models.CheckConstraint(
                condition=Q(minutes__gt=0) & Q(minutes__lte=24 * 60),
                name="projects_participation_minutes_in_day",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person_name}, {self.hours} hours"

    @property
    def hours(self) -> Decimal:
        return (Decimal(self.minutes) / 60).quantize(Decimal("0.01")).normalize()

    @property
    def person_name(self) -> str:
        return self.person.name if self.person else gettext("A former member")
