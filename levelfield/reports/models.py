"""Reports from the record: a project's GRIPP2 short form and a collective's annual report.

A report's figures are computed from the records in the background (`figures.py`,
`tasks.py`) and kept as a snapshot in each version, so the text the team is editing
never changes under its feet; regenerating makes a new version with fresh figures and
the team's text carried over. Versions are numbered and never change; the team signs
one off through a decision, and a signed-off version can be published on the
collective's public pages.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy

if TYPE_CHECKING:
    from levelfield.collectives.models import Collective
    from levelfield.people.models import User
    from levelfield.projects.models import Project


class Kind(models.TextChoices):
    GRIPP2 = "gripp2", gettext_lazy("GRIPP2 short form")
    ANNUAL = "annual", gettext_lazy("Annual report")


class ReportQuerySet(models.QuerySet):
    def for_member(self, person: User) -> ReportQuerySet:
        """Project reports for the project's members; annual reports for the collective's."""
        from levelfield.places.access import places_for_member

        return self.filter(place__in=places_for_member(person))

    def published(self) -> ReportQuerySet:
        return self.filter(published_version__isnull=False)

    def published_in(self, collective: Collective) -> ReportQuerySet:
        """The reports the collective's public pages show, newest first."""
        return (
            self.published()
            .filter(place__collective=collective)
            .select_related("place__project", "published_version")
            .order_by("-published_at", "-id")
        )


class Report(models.Model):
    place = models.ForeignKey(
        "places.Place",
        on_delete=models.CASCADE,
        related_name="reports",
        help_text="A project's place (a GRIPP2 report) or a collective's own (an annual one).",
    )
    kind = models.CharField(max_length=10, choices=Kind.choices)
    year = models.PositiveSmallIntegerField(null=True, blank=True)
    title = models.CharField(max_length=200)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    # The figures are prepared in the background: asked for, then done.
    generation_requested_at = models.DateTimeField(null=True, blank=True)
    generated_at = models.DateTimeField(null=True, blank=True)
    # Sign-off by a decision (as documents are adopted), one decision at a time.
    signoff_decision = models.ForeignKey(
        "decisions.Decision", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    signoff_version = models.ForeignKey(
        "reports.ReportVersion",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    signed_off_version = models.ForeignKey(
        "reports.ReportVersion",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    signed_off_at = models.DateTimeField(null=True, blank=True)
    # On the collective's public pages.
    published_version = models.ForeignKey(
        "reports.ReportVersion",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    published_at = models.DateTimeField(null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    objects = ReportQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            # Which kind of place each kind is for is report_start's (a check cannot
            # look at the place's kind); these hold whatever writes the rows.
            models.CheckConstraint(
                condition=Q(kind="gripp2", year__isnull=True)
                | Q(kind="annual", year__isnull=False),
                name="reports_annual_for_a_year",
            ),
            models.UniqueConstraint(
                fields=["place"],
                condition=Q(kind="gripp2"),
                name="reports_one_gripp2_per_place",
            ),
            models.UniqueConstraint(
                fields=["place", "year"],
                condition=Q(kind="annual"),
                name="reports_one_annual_per_place_and_year",
            ),
            models.CheckConstraint(
                condition=Q(signed_off_at__isnull=True) | Q(signed_off_version__isnull=False),
                name="reports_signed_off_names_its_version",
            ),
            models.CheckConstraint(
                condition=Q(published_at__isnull=True, published_version__isnull=True)
                | Q(published_at__isnull=False, published_version__isnull=False),
                name="reports_published_names_its_version",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("reports:detail", args=[self.pk])

    def get_public_url(self) -> str:
        """Its page on the collective's public side (404 unless published)."""
        return reverse("reports:public", args=[self.pk])

    @property
    def collective(self) -> Collective:
        return self.place.collective

    @property
    def project(self) -> Project | None:
        """The project, for a GRIPP2 report."""
        return self.place.project if self.place.project_id else None

    @property
    def is_preparing(self) -> bool:
        """Asked for and not finished yet: the page says so instead of waiting."""
        if self.generation_requested_at is None:
            return False
        return self.generated_at is None or self.generated_at < self.generation_requested_at

    @property
    def is_published(self) -> bool:
        return self.published_version_id is not None


class ReportVersion(models.Model):
    """One numbered state of a report: the figures as generated and the team's text for
    each section. Never changed once written; who made it and what they changed."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField()
    figures = models.JSONField(default=dict)
    sections = models.JSONField(default=dict)
    # The section this version changed; empty when the figures were (re)generated.
    changed_section = models.CharField(max_length=40, blank=True)
    note = models.CharField("what changed", max_length=300, blank=True)
    made_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    made_at = models.DateTimeField()

    class Meta:
        ordering = ["report", "-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["report", "number"], name="reports_one_version_number"
            ),
            models.CheckConstraint(condition=Q(number__gte=1), name="reports_version_from_1"),
        ]

    def __str__(self) -> str:
        return f"{self.report} version {self.number}"
