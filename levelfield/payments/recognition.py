"""A person's recognition letter or certificate: every place they gave time to, the
hours, what they did and what they are credited on, laid out as a PDF."""

from __future__ import annotations

from typing import Any

from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext

from levelfield.outputs.queries import credits_for_person
from levelfield.people.models import User
from levelfield.places.models import PlaceMembership
from levelfield.projects.models import Participation

STYLES = ("letter", "certificate")


def recognition_html(person: User, style: str) -> str:
    """The letter's (or certificate's) page: one row per place (a project, or a
    collective's own activities such as its Cuppa), in the order things happened."""
    participations = list(
        Participation.objects.filter(person=person)
        .select_related("entry__place__project", "entry__place__collective")
        .order_by("entry__happened_on", "pk")
    )
    places: dict[int, dict[str, Any]] = {}
    for participation in participations:
        place = participation.entry.place
        row = places.setdefault(
            place.pk, {"place": place, "minutes": 0, "entries": [], "roles": set()}
        )
        row["minutes"] += participation.minutes
        row["entries"].append(participation.entry)
        row["roles"].add(str(participation.entry.get_kind_display()))
    coordinating = set(
        PlaceMembership.objects.coordinators()
        .filter(person=person)
        .values_list("place_id", flat=True)
    )
    for row in places.values():
        if row["place"].pk in coordinating:
            row["roles"].add(gettext("Coordinator"))
        row["roles"] = sorted(row["roles"])
    return render_to_string(
        f"payments/recognition_{style}.html",
        {
            "person": person,
            "places": list(places.values()),
            "total_minutes": sum(p.minutes for p in participations),
            "today": timezone.localdate(),
            "credits": credits_for_person(person.pk),  # outputs
        },
    )
