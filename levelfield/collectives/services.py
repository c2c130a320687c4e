"""Changes to collectives and their members (invitations: levelfield/invitations).

Each function changes the database in one transaction and records the change in
the history in that same transaction, so nothing changes without a trace.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.text import slugify
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from levelfield.collectives import roles
from levelfield.collectives.models import Collective
from levelfield.history.services import change_record
from levelfield.notifications.services import notifications_send_each
from levelfield.people.models import User
from levelfield.places.models import (
    JoinRequest,
    JoinRequestStatus,
    Place,
    PlaceKind,
    PlaceMembership,
)
from levelfield.places.services import (
    place_for_collective_create,
    place_leave_hand_back,
    place_members_counted,
)
from levelfield.ratelimits import RateLimited, rate_limit

if TYPE_CHECKING:
    from levelfield.projects.models import Project

# Slugs that would collide with the app's own addresses (/collectives/new/, /join/...).
RESERVED_SLUGS = {"new", "join", "directory"}
SLUG_MAX_LENGTH = Collective._meta.get_field("slug").max_length

# How the history page names the values kept in before/after.
FIELD_LABELS = {
    "name": _("Name"),
    "kind": _("Kind"),
    "description": _("Description"),
    "minimum_decision_days": _("Minimum decision period in days"),
    "area": _("Where the collective is"),
    "listed": _("Listed in the directory"),
    "reason": _("Reason"),
    "member": _("Member"),
    "coordinator": _("Coordinator"),
    "email": _("Email"),
    "expires": _("Expires"),
    "status": _("Status"),
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
        membership = PlaceMembership.objects.create(
            place=collective.own_place, person=created_by, coordinator_since=timezone.now()
        )
        place_members_counted(place_id=membership.place_id, change=1)
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
        if before["listed"] != after["listed"] and not roles.may(
            actor, roles.Action.EDIT_PUBLIC_PAGE, collective
        ):
            raise ValidationError(
                {"listed": gettext("Only a coordinator can list the collective in the directory")}
            )
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


# Asking to join a listed collective (the directory). Projects take requests too
# (projects/services.py); both are the place's `JoinRequest`.

# Coordinators answer people who want to get involved, so they answer requests to join.
ANSWER_JOIN_REQUEST = roles.Action.ANSWER_INTEREST
# Asking emails every coordinator: its limits (per account and per collective, in
# settings.RATE_LIMITS) keep a script from flooding them.
JOIN_REQUEST_RATE_RULE = "join_request"
JOIN_REQUEST_LIMITED = {
    "account": _("You have asked to join too many collectives today. Try again tomorrow"),
    "collective": _("This collective has had many requests in the last hour. Try again later"),
}


def collective_join_request_create(
    *, collective: Collective, person: User, message: str, now: Any = None
) -> JoinRequest:
    """Someone signed in asks to join a listed collective; its coordinators are told
    (by email once it is saved)."""
    now = now or timezone.now()
    message = (message or "").strip()
    if not message:
        raise ValidationError({"message": gettext("Enter a short message to the coordinators")})
    with transaction.atomic():
        if not Collective.objects.listed().filter(pk=collective.pk).exists():
            raise ValidationError(gettext("This collective is not taking requests to join."))
        if PlaceMembership.objects.of_collective(collective).filter(person=person).exists():
            raise ValidationError(
                gettext("You are already a member of %(name)s.") % {"name": collective.name}
            )
        try:
            with transaction.atomic():
                join_request = JoinRequest.objects.create(
                    place=collective.own_place, person=person, message=message, asked_at=now
                )
        except IntegrityError:
            raise ValidationError(
                gettext("You have already asked to join %(name)s. Its coordinators will answer.")
                % {"name": collective.name}
            ) from None
        try:
            rate_limit(JOIN_REQUEST_RATE_RULE, account=person, collective=collective, now=now)
        except RateLimited as limited:
            raise ValidationError(
                {
                    "message": str(
                        JOIN_REQUEST_LIMITED.get(limited.per, JOIN_REQUEST_LIMITED["account"])
                    )
                }
            ) from None
        change_record(
            actor=person,
            action="join_requested",
            summary=f"{person.name} asked to join the collective",
            subject=join_request,
            collective=collective,
            after={"member": person.name},
        )
        _join_request_notify(join_request)
    return join_request


def collective_join_request_accept(*, join_request: JoinRequest, actor: User) -> PlaceMembership:
    """A coordinator says yes: the person becomes a member. The request row is locked
    and a person has one membership per collective, so two coordinators add one."""
    roles.require(actor, ANSWER_JOIN_REQUEST, join_request.collective)
    with transaction.atomic():
        join_request = _join_request_locked(join_request)
        membership, created = PlaceMembership.objects.get_or_create(
            place=join_request.place, person=join_request.person
        )
        join_request_answer(
            join_request=join_request, status=JoinRequestStatus.ACCEPTED, actor=actor
        )
        if created:
            place_members_counted(place_id=membership.place_id, change=1)
            _record_joined(membership, actor=actor, how=f"{actor.name} accepted their request")
        _join_request_notify(join_request)
    return membership


def collective_join_request_decline(
    *, join_request: JoinRequest, actor: User, reason: str = ""
) -> None:
    """A coordinator says no, with an optional reason the person is told."""
    roles.require(actor, ANSWER_JOIN_REQUEST, join_request.collective)
    with transaction.atomic():
        join_request = _join_request_locked(join_request)
        join_request_decline(
            join_request=join_request,
            actor=actor,
            reason=reason,
            scope={"collective": join_request.collective},
        )
        _join_request_notify(join_request)


def _join_request_notify(join_request: JoinRequest) -> None:
    """While it waits, each coordinator hears that someone asks; once answered, the
    person who asked hears the answer (emails go when the transaction commits)."""
    collective = join_request.collective
    if join_request.is_pending:
        recipients = list(
            User.objects.filter(
                pk__in=PlaceMembership.objects.of_collective(collective)
                .coordinators()
                .values("person_id"),
                is_active=True,
            )
        )
        url = reverse("collectives:join_requests", args=[collective.slug])
    elif join_request.status == JoinRequestStatus.ACCEPTED:
        recipients, url = [join_request.person], collective.get_absolute_url()
    else:
        recipients, url = [join_request.person], reverse("collectives:directory")
    notifications_send_each(
        kind="collective_join_request",
        people=recipients,
        context_for=lambda person: {"join_request": join_request, "collective": collective},
        url=url,
    )


def _join_request_locked(join_request: JoinRequest) -> JoinRequest:
    join_request = (
        JoinRequest.objects.select_for_update(of=("self",))
        .select_related("person", "place__collective")
        .get(pk=join_request.pk)
    )
    if not join_request.is_pending:
        raise ValidationError(
            gettext("%(name)s’s request to join has already been answered.")
            % {"name": join_request.person.name}
        )
    return join_request


def join_request_answer(
    *, join_request: JoinRequest, status: JoinRequestStatus, actor: User
) -> None:
    """Record the answer on a locked request to join a collective or a project (the one
    shape, `JoinRequest`); the caller records the history and tells people."""
    join_request.status = status
    join_request.answered_at = timezone.now()
    join_request.answered_by = actor
    join_request.save(update_fields=["status", "answered_at", "answered_by", "decline_reason"])


def join_request_decline(
    *,
    join_request: JoinRequest,
    actor: User,
    reason: str,
    scope: dict[str, Collective | Project],
) -> None:
    """Record a no on a locked request to join, with the reason the person is told, and
    its line in the history of `scope` ({"collective": ...} or {"project": ...}); the
    caller locks the request and tells people. One way for collectives and projects."""
    join_request.decline_reason = (reason or "").strip()
    join_request_answer(join_request=join_request, status=JoinRequestStatus.DECLINED, actor=actor)
    name = join_request.person.name
    kind = next(iter(scope))
    change_record(
        actor=actor,
        action="join_request_declined",
        summary=f"{actor.name} declined {name}’s request to join the {kind}",
        subject=join_request,
        before={"member": name},
        after={"reason": join_request.decline_reason} if join_request.decline_reason else {},
        **scope,
    )


def membership_leave(*, membership: PlaceMembership) -> None:
    """The member leaves. Their past work stays in the history under their name."""
    with transaction.atomic():
        membership = (
            PlaceMembership.objects.in_collectives()
            .select_for_update(of=("self",))
            .select_related("person", "place__collective")
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
        place_members_counted(place_id=membership.place_id, change=-1)
        own_place = Place.objects.filter(collective=collective, kind=PlaceKind.COLLECTIVE).first()
        if own_place is not None:
            place_leave_hand_back(place=own_place, person=person)


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


def _record_joined(membership: PlaceMembership, *, actor: Any, how: str) -> None:
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
        "area": collective.area,
        "listed": "yes" if collective.listed else "no",
    }


def _membership_values(membership: PlaceMembership) -> dict[str, Any]:
    return {"member": membership.person.name, "coordinator": membership.is_coordinator}


def _join_words(keys: list[str]) -> str:
    # The words go into the stored history, which stays in English whoever reads it.
    with translation.override("en-gb"):
        words = [str(FIELD_LABELS.get(key, key)).lower() for key in keys]
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]
