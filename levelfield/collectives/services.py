"""Changes to collectives and their members (invitations: levelfield/invitations).

Each function changes the database in one transaction and records the change in
the history in that same transaction, so nothing changes without a trace.
"""

from __future__ import annotations

from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.text import slugify

from levelfield.collectives import roles
from levelfield.collectives.models import Collective, CollectiveMembership
from levelfield.history.services import change_record
from levelfield.people.models import User
from levelfield.places.services import place_for_collective_create

# Slugs that would collide with the app's own addresses (/collectives/new/, /join/...).
RESERVED_SLUGS = {"new", "join"}
SLUG_MAX_LENGTH = Collective._meta.get_field("slug").max_length

# How the history page names the values kept in before/after.
FIELD_LABELS = {
    "name": "Name",
    "kind": "Kind",
    "description": "Description",
    "minimum_decision_days": "Minimum decision period in days",
    "member": "Member",
    "coordinator": "Coordinator",
    "email": "Email",
    "expires": "Expires",
    "status": "Status",
}


def collective_create(*, name: str, kind: str, description: str, created_by: Any) -> Collective:
    """Start a collective; its creator becomes its first member and holds the
    coordinator job until they step down."""
    attempts = 5
    for attempt in range(1, attempts + 1):
        try:
            return _collective_insert(
                name=name, kind=kind, description=description, created_by=created_by
            )
        except IntegrityError:
            # Someone took the same web address between our check and our insert.
            if attempt == attempts:
                raise
    raise IntegrityError("No free web address for the collective.")


def _collective_insert(*, name: str, kind: str, description: str, created_by: Any) -> Collective:
    with transaction.atomic():
        collective = Collective.objects.create(
            name=name,
            slug=_unique_slug(name),
            kind=kind,
            description=description,
            created_by=created_by,
        )
        place_for_collective_create(collective=collective)
        # Someone has to do the organising at first; they can step down at any time.
        membership = CollectiveMembership.objects.create(
            collective=collective, person=created_by, coordinator_since=timezone.now()
        )
        change_record(
            actor=created_by,
            action="created",
            summary=f"{created_by.name} started the collective {collective.name}",
            subject=collective,
            collective=collective,
            after=_collective_values(collective),
        )
        _record_joined(membership, actor=created_by, how="started the collective")
        return collective


def collective_update(*, collective: Collective, actor: User, **values: Any) -> bool:
    """Change a collective's settings; returns False when nothing changed."""
    roles.require(actor, roles.Action.EDIT, collective)
    with transaction.atomic():
        collective = Collective.objects.select_for_update(of=("self",)).get(pk=collective.pk)
        before = _collective_values(collective)
        for name, value in values.items():
            setattr(collective, name, value)
        after = _collective_values(collective)
        if before == after:
            return False
        collective.full_clean(exclude=["slug", "created_by"])
        collective.save(update_fields=list(values))
        changed = [key for key in after if before[key] != after[key]]
        change_record(
            actor=actor,
            action="settings_changed",
            summary=f"{actor.name} changed the collective's {_join_words(changed)}",
            subject=collective,
            collective=collective,
            before={key: before[key] for key in changed},
            after={key: after[key] for key in changed},
        )
        return True


def membership_leave(*, membership: CollectiveMembership) -> None:
    """The member leaves. Their past work stays in the history under their name."""
    with transaction.atomic():
        membership = (
            CollectiveMembership.objects.select_for_update(of=("self",))
            .select_related("person", "collective")
            .get(pk=membership.pk)
        )
        person, collective = membership.person, membership.collective
        change_record(
            actor=person,
            action="left",
            summary=f"{person.name} left the collective",
            subject=membership,
            collective=collective,
            before=_membership_values(membership),
        )
        membership.delete()


def _unique_slug(name: str) -> str:
    """A readable web address from the name, with -2, -3... when it is taken."""
    base = slugify(name)[: SLUG_MAX_LENGTH - 6].strip("-") or "collective"
    taken = (
        set(Collective.objects.filter(slug__startswith=base).values_list("slug", flat=True))
        | RESERVED_SLUGS
    )
    slug, number = base, 1
    while slug in taken:
        number += 1
        slug = f"{base}-{number}"
    return slug


def _record_joined(membership: CollectiveMembership, *, actor: Any, how: str) -> None:
    change_record(
        actor=actor,
        action="joined",
        summary=f"{membership.person.name} joined the collective ({how})",
        subject=membership,
        collective=membership.collective,
        after=_membership_values(membership),
    )


def _collective_values(collective: Collective) -> dict[str, Any]:
    return {
        "name": collective.name,
        "kind": collective.kind,
        "description": collective.description,
        "minimum_decision_days": collective.minimum_decision_days,
    }


def _membership_values(membership: CollectiveMembership) -> dict[str, Any]:
    return {"member": membership.person.name, "coordinator": membership.is_coordinator}


def _join_words(keys: list[str]) -> str:
    words = [FIELD_LABELS.get(key, key).lower() for key in keys]
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]
