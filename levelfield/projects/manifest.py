"""What the projects app adds to the whole: see levelfield/lib/manifests.py."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from levelfield.lib.manifests import (
    AppManifest,
    Erasure,
    NavigationEntry,
    PersonField,
    demo_world_module,
    scale_module,
)
from levelfield.projects import personal

MANIFEST = AppManifest(
    label="projects",
    export=personal.export,
    needs=personal.needs,
    erase=personal.erase,
    person_fields=(
        PersonField("projects.Project.created_by", "projects_you_started", Erasure.ANONYMISE),
        PersonField(
            "projects.InvolvementEntry.recorded_by",
            "involvement_entries_recorded",
            Erasure.ANONYMISE,
        ),
        PersonField(
            "projects.Participation.person",
            "involvement",
            Erasure.ANONYMISE,
            "the time stays in the project's totals as a former member's",
        ),
    ),
    demo=demo_world_module("levelfield.projects.demo"),
    demo_after=("collectives",),
    scale=scale_module("levelfield.projects.scale"),
    scale_after=("collectives",),
    navigation=(
        NavigationEntry(
            _("Members and coordinator jobs"),
            "people",
            lambda place: reverse("places:members", args=[place.pk]),
            kinds=frozenset({"project"}),
            order=10,
        ),
        NavigationEntry(
            _("Invitations sent"),
            "people",
            lambda place: reverse("projects:invitations", args=[place.project_id]),
            kinds=frozenset({"project"}),
            order=20,
        ),
        NavigationEntry(
            _("Edit the project’s details"),
            "about",
            lambda place: reverse("projects:edit", args=[place.project_id]),
            kinds=frozenset({"project"}),
            order=10,
        ),
        NavigationEntry(
            _("History of changes"),
            "about",
            lambda place: reverse("projects:history", args=[place.project_id]),
            kinds=frozenset({"project"}),
            order=20,
        ),
        NavigationEntry(
            _("Leave the project"),
            "about",
            lambda place: reverse("projects:leave", args=[place.project_id]),
            kinds=frozenset({"project"}),
            order=90,
        ),
    ),
)
