"""Collectives: the organisations and hubs that co-produced projects belong to."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from levelfield.places.models import Place, PlaceMembership

if TYPE_CHECKING:
    from levelfield.people.models import User


class CollectiveKind(models.TextChoices):
    COLLECTIVE = "collective", _("Co-production collective")
    INVOLVEMENT_TEAM = "involvement_team", _("Research centre involvement team")
    CHARITY = "charity", _("Charity or community group")
    OTHER = "other", _("Other")


MAXIMUM_DECISION_DAYS = 60


class CollectiveQuerySet(models.QuerySet):
    def for_member(self, person: User) -> CollectiveQuerySet:
        """The collectives `person` belongs to: the only ones they may see."""
        if not getattr(person, "is_authenticated", False):
            return self.none()
        # A subquery rather than a join, so counts annotated afterwards see every member.
        return self.filter(
            pk__in=PlaceMembership.objects.in_collectives()
            .filter(person=person)
            .values("place__collective_id")
        )

    def listed(self) -> CollectiveQuerySet:
        """The collectives that chose to appear in the public directory."""
        return self.filter(listed=True)


class Collective(models.Model):
    name = models.CharField(max_length=120)
    slug = models.SlugField(max_length=140, unique=True)
    kind = models.CharField(
        max_length=30, choices=CollectiveKind.choices, default=CollectiveKind.COLLECTIVE
    )
    description = models.TextField(
        _("what the collective is for"),
        blank=True,
        help_text=_("A few sentences in plain English."),
    )
    area = models.CharField(
        _("where the collective is"),
        max_length=120,
        blank=True,
        default="",
        # In the database too, so rows written by code that predates the column (older
        # migrations' data steps, a server still running the previous release) are valid.
        db_default="",
        help_text=_("A town, city or region, like “Bristol and the South West”. Optional."),
    )
    listed = models.BooleanField(
        _("list the collective in the directory"),
        default=False,
        db_default=False,
        help_text=_(
            "Anyone can then find its name, description and where it is, and ask "
            "to join. Off unless the collective chooses it, for privacy."
        ),
    )
    minimum_decision_days = models.PositiveSmallIntegerField(
        _("minimum decision period in days"),
        default=7,
        validators=[MinValueValidator(1), MaxValueValidator(MAXIMUM_DECISION_DAYS)],
        help_text=_("The shortest time a decision stays open, so nobody is rushed."),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = CollectiveQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        # The public directory lists the listed collectives by name, a page at a time.
        indexes = [
            models.Index(
                fields=["name", "id"],
                condition=Q(listed=True),
                name="collectives_listed_by_name",
            )
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(minimum_decision_days__gte=1), name="collectives_min_days_positive"
            ),
            models.CheckConstraint(
                condition=Q(minimum_decision_days__lte=MAXIMUM_DECISION_DAYS),
                name="collectives_min_days_at_most_sixty",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("collectives:detail", args=[self.slug])

    @cached_property
    def own_place(self) -> Place:
        """The collective's own place: where its members, log and shared features are
        (its groups and projects are places inside it)."""
        return self.places.get(kind="collective")
