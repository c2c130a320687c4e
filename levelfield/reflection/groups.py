"""Perspective groups for check-in results and the evidence view, in one place.

Only perspectives a person shares with their teams count (`shares_perspectives`).
Someone who shares any public perspective (lived experience, carer, young person) is a
public contributor, even if they also work in research; someone who shares only
research or practice is a professional; everyone else is "other or not shared".

A split by group is shown only when every group present has at least
`settings.MINIMUM_ANONYMOUS_GROUP` people; otherwise everything is merged. Leaving a
small group out would not do: the total minus the groups shown would give it away.
"""

from __future__ import annotations

from collections.abc import Iterable

from levelfield.people.models import Perspective, PerspectiveKind
from levelfield.reflection.models import PerspectiveGroup
from levelfield.sealing import sealed as sealing

PROFESSIONAL_KINDS = {PerspectiveKind.RESEARCHER, PerspectiveKind.PRACTITIONER}
SPLIT_GROUPS = (PerspectiveGroup.PUBLIC, PerspectiveGroup.PROFESSIONAL, PerspectiveGroup.OTHER)


def group_of(kinds: set[str]) -> str:
    if kinds & PerspectiveKind.public_kinds():
        return PerspectiveGroup.PUBLIC
    if kinds & PROFESSIONAL_KINDS:
        return PerspectiveGroup.PROFESSIONAL
    return PerspectiveGroup.OTHER


def groups_of(person_ids: Iterable[int]) -> dict[int, str]:
    """Each person's group from the perspectives they share, in one query."""
    person_ids = list(person_ids)
    kinds: dict[int, set[str]] = {pk: set() for pk in person_ids}
    shared = Perspective.objects.shared_with_teammates().filter(person_id__in=person_ids)
    for person_id, kind in shared.values_list("person_id", "kind"):
        kinds[person_id].add(kind)
    return {pk: group_of(found) for pk, found in kinds.items()}


def may_split(sizes: Iterable[int]) -> bool:
    """Whether every group present is big enough to show on its own (and there are two)."""
    return sealing.may_split(sizes)
