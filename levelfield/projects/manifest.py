"""What the projects app adds to the whole: see levelfield/lib/manifests.py."""

from __future__ import annotations

from levelfield.lib.manifests import AppManifest, scale_module

MANIFEST = AppManifest(
    label="projects",
    person_fields=(
        "projects.Project.created_by",
        "projects.Project.members",
        "projects.ProjectMembership.coordinator_asked_by",
        "projects.ProjectMembership.person",
        "projects.ProjectJoinRequest.person",
        "projects.ProjectJoinRequest.answered_by",
        "projects.InvolvementEntry.recorded_by",
        "projects.Participation.person",
    ),
    scale=scale_module("levelfield.projects.scale"),
    scale_after=("collectives",),
)
