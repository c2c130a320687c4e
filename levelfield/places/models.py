"""Places: where people work together, as one concept.

A place is a collective (a co-production hub) or a project inside a collective; groups
come next. Features that belong "to a project or a collective" belong to a place, and
the involvement log (`projects.InvolvementEntry.place`) is kept at every place, so
attendance at a collective's Cuppa is logged, claimed and reported exactly like a
project's workshop.

Database shape: one `Place` row per collective and per project, pointing at the
collective it is in (a collective's own place points at itself) and, for a project, at
the project. Why this shape: every question features ask is one indexed column away
("everything in this collective" is `place.collective_id`, "this project" is
`place.project_id`), the collective's and the project's own tables keep their columns
and ids (no existing row or URL changes), and a place is created in the same
transaction as what it stands for (`place_for_collective_create`,
`place_for_project_create`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import models
from django.db.models import Q
from django.urls import reverse

if TYPE_CHECKING:
    from levelfield.collectives.models import Collective
    from levelfield.projects.models import Project


class PlaceKind(models.TextChoices):
    COLLECTIVE = "collective", "Collective"
    PROJECT = "project", "Project"


class Place(models.Model):
    kind = models.CharField(max_length=20, choices=PlaceKind.choices)
    collective = models.ForeignKey(
        "collectives.Collective",
        on_delete=models.CASCADE,
        related_name="places",
        help_text="The collective the place is in; a collective's own place is itself.",
    )
    project = models.OneToOneField(
        "projects.Project",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="place",
        help_text="The project, when the place is one.",
    )

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(kind=PlaceKind.PROJECT, project__isnull=False)
                | Q(kind=PlaceKind.COLLECTIVE, project__isnull=True),
                name="places_project_only_for_projects",
            ),
            models.UniqueConstraint(
                fields=["collective"],
                condition=Q(kind=PlaceKind.COLLECTIVE),
                name="places_one_own_place_per_collective",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return self.owner.get_absolute_url()

    @property
    def owner(self) -> Collective | Project:
        """The collective or project this place stands for (what roles are asked about)."""
        return self.project if self.project_id else self.collective

    @property
    def name(self) -> str:
        return self.project.title if self.project_id else self.collective.name

    @property
    def kind_word(self) -> str:
        """ "project" or "collective", for sentences."""
        return self.get_kind_display().lower()

    def log_url(self) -> str:
        return reverse("places:log", args=[self.pk])

    def history_scope(self) -> dict[str, Collective | Project]:
        """Where a change in this place shows in the history: the project's history, or
        the collective's."""
        if self.project_id:
            return {"project": self.project}
        return {"collective": self.collective}
