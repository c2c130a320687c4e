"""Changes to places, and the one writer of the involvement log.

`involvement_entry_write` is the only code that creates or changes involvement entries
and who took part in them (a test reads every module to keep it so): the project log
form, event attendance, decisions, reviews and check-in actions all call it, so every
entry is recorded in the history the same way and claims, reports and the evidence view
read one log whatever wrote it.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, F, OuterRef, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.utils import translation
from django.utils.translation import gettext

from levelfield.history.services import change_record
from levelfield.lib.manifests import manifests
from levelfield.places.models import Place, PlaceKind, PlaceMembership

if TYPE_CHECKING:
    from levelfield.collectives.models import Collective
    from levelfield.people.models import User
    from levelfield.projects.models import InvolvementEntry, Project


def place_for_collective_create(*, collective: Collective) -> Place:
    """The collective's own place; call it in the transaction that creates the collective."""
    return Place.objects.create(kind=PlaceKind.COLLECTIVE, collective=collective)


def place_for_project_create(*, project: Project) -> Place:
    """The project's place; call it in the transaction that creates the project."""
    return Place.objects.create(
        kind=PlaceKind.PROJECT, collective_id=project.collective_id, project=project
    )


@dataclass(frozen=True)
class EntryValues:
    """What an entry says (everything but who took part)."""

    title: str
    happened_on: datetime.date
    kind: str
    stage: str = ""
    description: str = ""
    what_changed: str = ""


def involvement_entry_write(
    *,
    place: Place,
    actor: User | None,
    values: EntryValues,
    entry: InvolvementEntry | None = None,
    participants: Mapping[int, int] | None = None,
    summary: str = "",
) -> InvolvementEntry:
    """Create an entry in `place`'s log (`entry` None) or change `entry`, and record it
    in the place's history.

    `participants` maps person ids to minutes for everyone with an account who took
    part: people left out lose their participation (rows of people who deleted their
    account stay). None leaves who took part as it is. Callers check who may write and
    what may change before calling (claimed time, hours that are not theirs).
    """
    from levelfield.projects.models import InvolvementEntry, Participation

    who = actor.name if actor is not None else "Levelfield"
    created = entry is None
    with transaction.atomic():
        if entry is None:
            entry = InvolvementEntry.objects.create(
                place=place, recorded_by=actor, **values.__dict__
            )
            before: dict[str, Any] = {}
            action = "entry_created"
            summary = summary or f"{who} recorded “{entry.title}” in the involvement log"
        else:
            entry = InvolvementEntry.objects.select_for_update().get(pk=entry.pk)
            before = entry_snapshot(entry)
            for field, value in values.__dict__.items():
                setattr(entry, field, value)
            entry.save()
            action = "entry_updated"
            summary = summary or f"{who} corrected “{entry.title}” in the involvement log"
        kept: dict[int, int] = {}  # a new entry has nobody to take out or keep
        if participants is not None and not created:
            Participation.objects.filter(entry=entry, person__isnull=False).exclude(
                person_id__in=list(participants)
            ).delete()
            kept = dict(
                Participation.objects.filter(entry=entry, person__isnull=False).values_list(
                    "person_id", "minutes"
                )
            )
        if participants is not None:
            Participation.objects.bulk_create(
                Participation(entry=entry, person_id=person_id, minutes=minutes)
                for person_id, minutes in participants.items()
                if person_id not in kept
            )
            for person_id, minutes in participants.items():
                if person_id in kept and kept[person_id] != minutes:
                    Participation.objects.filter(entry=entry, person_id=person_id).update(
                        minutes=minutes
                    )
        after = entry_snapshot(entry)
        if after != before:
            change_record(
                actor=actor,
                action=action,
                summary=summary,
                subject=entry,
                subject_type="involvemententry",
                before=before,
                after=after,
                **place.history_scope(),
            )
    return entry


def entry_snapshot(entry: InvolvementEntry) -> dict[str, Any]:
    """What an entry says, in words, for the change history."""
    from levelfield.projects.models import Participation

    participations = Participation.objects.filter(entry=entry).select_related("person")
    # The history keeps what was stored, in English, whoever made the change.
    with translation.override("en-gb"):
        return {
            "title": entry.title,
            "description": entry.description,
            "date": entry.happened_on.isoformat(),
            "stage": str(entry.get_stage_display() or "No research stage"),
            "kind": str(entry.get_kind_display()),
            "what_changed": entry.what_changed,
            "participants": sorted(
                (
                    {"person": str(p.person_name), "person_id": p.person_id, "minutes": p.minutes}
                    for p in participations
                ),
                key=lambda row: (row["person"], row["person_id"] or 0),
            ),
        }


# Groups: standing groups inside a collective (an allies group, a young people's
# advisory group). Any member of the collective may start one or join one: power is
# shared, and a group is a way of working, not a rank.


def group_create(
    *, collective: Collective, actor: User, name: str, purpose: str, join: bool = True
) -> Place:
    """Start a group in `collective`; the person who starts it is its first member,
    unless they set it up for others (`join=False`: a coordinator setting up the research
    partners group)."""
    if not PlaceMembership.objects.of_collective(collective).filter(person=actor).exists():
        raise ValidationError(gettext("You can only start a group in a collective you belong to."))
    with transaction.atomic():
        group = Place.objects.create(
            kind=PlaceKind.GROUP, collective=collective, group_name=name, purpose=purpose
        )
        if join:
            PlaceMembership.objects.create(place=group, person=actor)
            place_members_counted(place_id=group.pk, change=1)
        change_record(
            actor=actor,
            action="group_created",
            summary=f"{actor.name} started the group “{name}”",
            subject=group,
            subject_type="group",
            collective=collective,
            after={"name": name, "purpose": purpose},
        )
    return group


def group_join(*, group: Place, person: User) -> PlaceMembership:
    """A member of the group's collective joins it. Joining twice changes nothing."""
    if (
        not PlaceMembership.objects.of_collective(group.collective_id)
        .filter(person=person)
        .exists()
    ):
        raise ValidationError(gettext("Only members of the collective can join its groups."))
    with transaction.atomic():
        membership, joined = PlaceMembership.objects.get_or_create(place=group, person=person)
        if joined:
            place_members_counted(place_id=group.pk, change=1)
            change_record(
                actor=person,
                action="joined",
                summary=f"{person.name} joined the group “{group.name}”",
                subject=membership,
                subject_type="placemembership",
                collective=group.collective,
            )
    return membership


def place_leave_hand_back(*, place: Place, person: User) -> None:
    """What the person held in the place goes back when they leave it, app by app (each
    manifest's `leaving`): called inside every leaving transaction, for a group, a
    project and a collective alike."""
    for manifest in manifests():
        if manifest.leaving is not None:
            manifest.leaving(place, person)


def group_leave(*, group: Place, person: User) -> None:
    """Leave a group. Past work stays in its log under the person's name; the group
    stays for others to join, even with nobody in it."""
    with transaction.atomic():
        _, deleted = PlaceMembership.objects.filter(place=group, person=person).delete()
        if deleted.get(PlaceMembership._meta.label):
            place_members_counted(place_id=group.pk, change=-1)
            place_leave_hand_back(place=group, person=person)
            change_record(
                actor=person,
                action="left",
                summary=f"{person.name} left the group “{group.name}”",
                subject_type="placemembership",
                collective=group.collective,
            )


def place_members_counted(*, place_id: int, change: int) -> None:
    """Keep the place's member count after `change` memberships were added (or, when
    negative, removed): call it in the transaction that changed them. An UPDATE with F()
    takes the place's row lock, so people joining at once each count."""
    if change:
        Place.objects.filter(pk=place_id).update(
            member_count=F("member_count") + change, members_version=F("members_version") + 1
        )


def place_members_changed(*, place_id: int) -> None:
    """Move the place's members version when what its member lists show changes without
    anyone joining or leaving (the coordinator job), in the same transaction."""
    Place.objects.filter(pk=place_id).update(members_version=F("members_version") + 1)


def place_members_recount(*, places: QuerySet[Place]) -> None:
    """Count the places' members again (data made in bulk, without the services)."""
    places.update(
        member_count=Coalesce(
            Subquery(
                PlaceMembership.objects.filter(place=OuterRef("pk"))
                .order_by()
                .values("place")
                .annotate(count=Count("pk"))
                .values("count")
            ),
            0,
        ),
        members_version=F("members_version") + 1,
    )
