"""The claim form's list of a person's unclaimed time, read and shown cheaply.

A person may have up to 200 activities to claim for, and the form lists them all with a
checkbox each. People claim one after another, so the list changes on almost every
visit and nothing kept by it lasts. The list is read as plain values (no model instances
for each activity, its place, project and collective), and the checkboxes are written
from one checkbox rendered by the form's own template, so the markup stays the one
field template's (`templates/forms/field.html`).
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from django.template.loader import render_to_string
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from levelfield.collectives.models import Collective
from levelfield.lib import words
from levelfield.payments.forms import ClaimForm
from levelfield.people.models import User
from levelfield.places.models import Place
from levelfield.projects.models import Participation, Project

MOST_SHOWN = 200

# A value and a label no activity has, put where an activity's go (see `_checkbox_parts`).
_MARK = 987654321
_LABEL_MARK = "\ue000"


@dataclass(frozen=True)
class ClaimOption:
    """One activity the person may claim for: its id, recorded minutes and label."""

    pk: int
    minutes: int
    label: str


def claim_options(
    person: User, collective: Collective, *, ids: Iterable[str] | None = None
) -> list[ClaimOption]:
    """The person's own time in `collective` not yet claimed, newest first (at most 200),
    or only those of `ids` (the activities a claim was sent for)."""
    unclaimed = Participation.objects.filter(
        person=person, entry__place__collective=collective, claim_line__isnull=True
    )
    if ids is not None:
        unclaimed = unclaimed.filter(pk__in=list(ids))
    rows = unclaimed.order_by("-entry__happened_on", "-pk").values_list(
        "pk",
        "minutes",
        "entry__title",
        "entry__happened_on",
        "entry__place_id",
        "entry__place__kind",
        "entry__place__group_name",
        "entry__place__project_id",
        "entry__place__project__title",
        "entry__place__collective__name",
    )[:MOST_SHOWN]
    label = _("%(title)s, %(place)s, %(day)s (%(hours)s hours)")
    places: dict[int, str] = {}
    options = []
    for pk, minutes, title, day, place_id, kind, group, project_id, project, name in rows:
        if place_id not in places:
            # Named as everywhere else (`Place.name`), once for each place.
            places[place_id] = Place(
                kind=kind,
                group_name=group,
                project=Project(pk=project_id, title=project) if project_id else None,
                collective=Collective(name=name),
            ).name
        hours = _hours(minutes)
        options.append(
            ClaimOption(
                pk=pk,
                minutes=minutes,
                label=label
                % {
                    "title": title,
                    "place": places[place_id],
                    "day": words.day(day),
                    "hours": hours,
                },
            )
        )
    return options


@functools.lru_cache(maxsize=1024)
def _hours(minutes: int) -> Decimal:
    """Minutes as the hours an activity shows (`Participation.hours`)."""
    return Participation(minutes=minutes).hours


def claim_fields_html(form: ClaimForm, options: list[ClaimOption]) -> SafeString:
    """The empty claim form's fields (`includes/claim_fields.html`): rendering a
    checkbox for each of up to 200 activities through the form's templates took most of
    the page's time, on almost every visit. So one checkbox is rendered (once a
    process, language and policy) and each activity's value, label and position put in
    it. A policy that asks about unpaid time adds a question for each activity: that
    form is rendered in full."""
    if form.unpaid or form.is_bound:
        return render_to_string("payments/includes/claim_fields.html", {"form": form})
    parts = _checkbox_parts(get_language() or "")
    if parts is None:
        return render_to_string("payments/includes/claim_fields.html", {"form": form})
    before, checkbox, after, position = parts
    boxes = [
        checkbox.replace(str(_MARK), str(option.pk))
        .replace(_LABEL_MARK, escape(option.label))
        .replace(position, position[:-2] + f'{index}"')
        for index, option in enumerate(options)
    ]
    return mark_safe(before + "".join(boxes) + after)  # noqa: S308 - escaped above


@functools.lru_cache(maxsize=16)
def _checkbox_parts(language: str) -> tuple[str, str, str, str] | None:
    """The fields with no activity split where the checkboxes go, one checkbox of a
    made-up activity (`_MARK`, `_LABEL_MARK`, at position 0), and its position's id as
    written ('id_participations_0"'); None if the template no longer writes them so."""
    empty = render_to_string(
        "payments/includes/claim_fields.html", {"form": ClaimForm(options=[])}
    )
    form = ClaimForm(options=[(_MARK, _LABEL_MARK)])
    one = render_to_string("payments/includes/claim_fields.html", {"form": form})
    # one == empty[:start] + checkbox + empty[start:]
    start = 0
    while start < len(empty) and empty[start] == one[start]:
        start += 1
    checkbox = one[start : start + len(one) - len(empty)]
    if one != empty[:start] + checkbox + empty[start:]:
        return None
    position = f'{form["participations"].auto_id}_0"'
    if not all(mark in checkbox for mark in (str(_MARK), _LABEL_MARK, position)):
        return None
    return empty[:start], checkbox, empty[start:], position
