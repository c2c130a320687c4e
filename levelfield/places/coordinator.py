"""Changes to the coordinator job, the same in every kind of place: a collective's own
place, a group and a project.

A member asks another member to take the job (or volunteers, which takes it at once);
the asked person accepts or declines; the holder steps down. Each change locks the
membership row, is written in one transaction and recorded in the place's history
(`Place.history_scope`). Who may ask is in `roles.py`; only the asked person answers and
only the holder steps down. Coordinating is a job, never a rank.
"""

from __future__ import annotations

from enum import StrEnum

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext

from levelfield.collectives import roles
from levelfield.history.services import change_record
from levelfield.notifications.services import notification_send
from levelfield.people.models import User
from levelfield.places.models import Place, PlaceKind, PlaceMembership
from levelfield.places.services import place_members_changed


class Asked(StrEnum):
    """What asking someone to coordinate did."""

    ASKED = "asked"
    VOLUNTEERED = "volunteered"  # they asked themselves, so they hold the job now
    ALREADY_COORDINATOR = "already coordinator"
    ALREADY_ASKED = "already asked"


def coordinator_ask(*, membership: PlaceMembership, asked_by: User, reason: str = "") -> Asked:
    """Ask the member to take the job; asking yourself is volunteering and takes it.
    `reason` says why, for example the decision that chose them. The person asked is
    told (by email once this commits), with a link to where they say yes or no."""
    roles.require(asked_by, roles.Action.ASK_COORDINATOR, _place(membership).owner)
    with transaction.atomic():
        membership = _locked(membership)
        if membership.is_coordinator:
            return Asked.ALREADY_COORDINATOR
        before = _job_values(membership)
        name = membership.person.name
        because = f" ({reason})" if reason else ""
        if membership.person_id == asked_by.pk:
            membership.coordinator_since = timezone.now()
            _clear_request(membership)
            outcome, summary = Asked.VOLUNTEERED, f"{name} took on the coordinator job{because}"
        elif membership.coordinator_asked:
            return Asked.ALREADY_ASKED
        else:
            membership.coordinator_asked_at = timezone.now()
            membership.coordinator_asked_by = asked_by
            membership.coordinator_asked_because = reason[:300]
            outcome = Asked.ASKED
            summary = f"{asked_by.name} asked {name} to take on the coordinator job{because}"
        membership.save()
        place_members_changed(place_id=membership.place_id)
        _record(membership, asked_by, f"coordinator_{outcome}", summary, before)
        if outcome is Asked.ASKED:
            _asked_notify(membership, asked_by)
        return outcome


def coordinator_accept(*, membership: PlaceMembership, person: User) -> bool:
    """The asked person takes the job. False when nobody had asked them."""
    return _answer(membership, person, accept=True)


def coordinator_decline(*, membership: PlaceMembership, person: User) -> bool:
    """The asked person says no thanks. False when nobody had asked them."""
    return _answer(membership, person, accept=False)


def coordinator_step_down(*, membership: PlaceMembership, person: User) -> bool:
    """The holder gives up the job. False when they did not hold it."""
    _check_own(membership, person)
    with transaction.atomic():
        membership = _locked(membership)
        if not membership.is_coordinator:
            return False
        before = _job_values(membership)
        membership.coordinator_since = None
        membership.save(update_fields=["coordinator_since"])
        place_members_changed(place_id=membership.place_id)
        summary = f"{person.name} stepped down from the coordinator job"
        _record(membership, person, "coordinator_stepped_down", summary, before)
        return True


def _answer(membership: PlaceMembership, person: User, *, accept: bool) -> bool:
    _check_own(membership, person)
    with transaction.atomic():
        membership = _locked(membership)
        if not membership.coordinator_asked or membership.is_coordinator:
            return False
        before = _job_values(membership)
        asker = membership.coordinator_asked_by
        by = f" (asked by {asker.name})" if asker else ""
        _clear_request(membership)
        if accept:
            membership.coordinator_since = timezone.now()
            action, summary = "coordinator_accepted", f"{person.name} accepted the coordinator job"
        else:
            action, summary = "coordinator_declined", f"{person.name} declined the coordinator job"
        membership.save()
        place_members_changed(place_id=membership.place_id)
        _record(membership, person, action, summary + by, before)
        return True


def _asked_notify(membership: PlaceMembership, asked_by: User) -> None:
    place = _place(membership)
    if place.kind == PlaceKind.COLLECTIVE:
        where = place.name
    elif place.kind == PlaceKind.GROUP:
        where = gettext("the group “%(name)s”") % {"name": place.name}
    else:
        where = gettext("the project “%(name)s”") % {"name": place.name}
    url = reverse("places:members", args=[place.pk])
    notification_send(
        kind="coordinator",
        person=membership.person,
        context={
            "asked_by": asked_by,
            "place": where,
            "reason": membership.coordinator_asked_because,
        },
        url=url,
    )


def _check_own(membership: PlaceMembership, person: User) -> None:
    if membership.person_id != person.pk:
        raise PermissionDenied(gettext("Only the member themselves may answer or step down."))


def _locked(membership: PlaceMembership) -> PlaceMembership:
    return (
        type(membership)
        .objects.select_for_update(of=("self",))
        .select_related("person", "coordinator_asked_by")
        .get(pk=membership.pk)
    )


def _clear_request(membership: PlaceMembership) -> None:
    membership.coordinator_asked_at = None
    membership.coordinator_asked_by = None
    membership.coordinator_asked_because = ""


def _job_values(membership: PlaceMembership) -> dict[str, str]:
    if membership.is_coordinator:
        job = "yes"
    elif membership.coordinator_asked:
        job = "asked"
    else:
        job = "no"
    return {"member": membership.person.name, "coordinator": job}


def _place(membership: PlaceMembership) -> Place:
    """The place the membership belongs to, with what its name and history need."""
    return Place.objects.select_related("collective", "project").get(pk=membership.place_id)


def _record(
    membership: PlaceMembership, actor: User, action: str, summary: str, before: dict[str, str]
) -> None:
    change_record(
        actor=actor,
        action=action,
        summary=summary,
        subject=membership,
        before=before,
        after=_job_values(membership),
        **_place(membership).history_scope(),
    )
