"""`{% resources_for_stage project %}`: the project page's suggestions from its
collective's resource map for the project's current stage (one query)."""

from __future__ import annotations

from django import template

from levelfield.projects.models import Project
from levelfield.resources.models import Facet, Resource

register = template.Library()

SHOWN = 5


@register.inclusion_tag("resources/includes/for_stage.html")
def resources_for_stage(project: Project) -> dict[str, object]:
    """Only call it on a page the viewer reached as a project member: the project's
    collective's map is theirs to see."""
    resources = list(
        Resource.objects.on_map_of(project.collective_id)
        .labelled(Facet.STAGE, project.stage)
        .order_by("title", "pk")[: SHOWN + 1]
    )
    return {
        "project": project,
        "resources": resources[:SHOWN],
        "more": len(resources) > SHOWN,
        "stage": project.get_stage_display(),
    }
