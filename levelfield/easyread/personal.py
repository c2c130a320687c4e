"""The easy-read app's part of a person's data download and erasure (manifest.py)."""

from __future__ import annotations

from typing import Any

from levelfield.easyread import registry
from levelfield.easyread.models import EasyReadPoint, EasyReadVersion
from levelfield.lib.manifests import ErasureContext, when


def export(person: Any) -> dict[str, list[dict]]:
    """The easy-read versions the person wrote: what of, when, the title and the points
    (two queries, however many)."""
    versions = list(
        EasyReadVersion.objects.filter(written_by=person)
        .select_related("content_type")
        .order_by("pk")
    )
    points: dict[int, list[str]] = {}
    for point in EasyReadPoint.objects.filter(version__in=versions).order_by(
        "version", "position"
    ):
        points.setdefault(point.version_id, []).append(point.text)
    written = []
    for version in versions:
        model = f"{version.content_type.app_label}.{version.content_type.model}"
        declared = registry.easy_readables().get(model)
        written.append(
            {
                "what": f"{declared.label if declared else model} {version.object_id}",
                "written": when(version.written_at),
                "title": version.title,
                "points": points.get(version.pk, []),
            }
        )
    return {"easy_read_you_wrote": written}


def erase(context: ErasureContext) -> None:
    """Easy-read versions stay (the words are the page's team's, like the original's);
    the link to the writer goes by SET_NULL when their row is deleted. Their names go
    from the words of the versions they wrote."""
    mine = EasyReadVersion.objects.filter(written_by=context.person)
    context.forget(mine, ["title"])
    context.forget(EasyReadPoint.objects.filter(version__in=mine), ["text", "alt"])
