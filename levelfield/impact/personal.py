"""The impact app's part of a person's data download, erasure and home (manifest.py).

An impact belongs to its place, not to who wrote it down: erasure keeps it (the team's
record of what changed, perhaps in a funder's report) without the link to the person,
and replaces their names in the text of the impacts of the places they were in.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from levelfield.impact.models import Impact
from levelfield.lib.manifests import (
    NEEDS_SHOWN,
    RECENT_DAYS,
    ErasureContext,
    Happening,
    export_rows,
)


def export(person: Any) -> dict[str, list[dict]]:
    return {
        "impacts_you_recorded": export_rows(
            Impact.objects.filter(recorded_by=person),
            impact="title",
            what_changed="what_changed",
            for_whom="for_whom",
            kind="kind",
            when="happened_on",
            evidence="evidence",
            status="status",
            collective="place__collective__name",
            project="place__project__title",
            recorded="created_at",
        ),
        "impacts_you_published": export_rows(
            Impact.objects.filter(published_by=person),
            impact="title",
            collective="place__collective__name",
            project="place__project__title",
            published="published_at",
        ),
    }


def erase(context: ErasureContext) -> None:
    person = context.person
    Impact.objects.filter(recorded_by=person).update(recorded_by=None)
    Impact.objects.filter(published_by=person).update(published_by=None)
    where = Impact.objects.filter(
        Q(place__project_id__in=context.project_ids)
        | Q(place__project__isnull=True, place__collective_id__in=context.collective_ids)
    )
    context.forget(where, ["title", "what_changed", "for_whom_detail", "evidence"])


def recent(person: Any) -> list[Happening]:
    """Impacts published lately in the person's places: what changed because of them."""
    since = timezone.now() - datetime.timedelta(days=RECENT_DAYS)
    impacts = (
        Impact.objects.visible_to(person)
        .published()
        .filter(published_at__gte=since)
        .with_place()
        .order_by("-published_at", "-pk")[:NEEDS_SHOWN]
    )
    return [
        Happening(
            label=_("Impact: %(title)s") % {"title": impact.title},
            url=reverse("impact:detail", args=[impact.pk]),
            when=impact.published_at,
            place=impact.place.name,
            kind="impact",
        )
        for impact in impacts
    ]
