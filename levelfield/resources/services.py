"""Changing the resource map: suggesting, accepting, declining, copying the shared
starter set, and the weekly link check.

Each function re-checks that the acting person may act (`collectives.roles`), runs in
one transaction, records the change in the history and tells people through the
notifications app (queued after commit).
"""

from __future__ import annotations

import datetime
import uuid
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from levelfield.collectives import roles
from levelfield.collectives.models import Collective
from levelfield.collectives.roles import Action
from levelfield.history.services import change_record
from levelfield.notifications.services import notification_send, notifications_send_each
from levelfield.people.models import User
from levelfield.places.models import PlaceMembership
from levelfield.resources import files, links
from levelfield.resources.models import (
    Facet,
    LinkStatus,
    MapVersion,
    Resource,
    ResourceLabel,
    Status,
)

# A link is checked again once its last check is this old (the check runs weekly;
# a day's slack lets a run that starts a little early still find it due).
CHECK_LINKS_EVERY = datetime.timedelta(days=6)


@dataclass
class ResourceDetails:
    """What someone says about a resource when they suggest it."""

    title: str
    summary: str
    format: str
    cost: str
    url: str = ""
    upload: UploadedFile | None = None
    stages: Iterable[str] = field(default_factory=list)
    audiences: Iterable[str] = field(default_factory=list)
    topics: Iterable[str] = field(default_factory=list)
    reason: str = ""


def map_version_move(*, collective_ids: Iterable[int | None]) -> None:
    """Something these collectives' maps show changed: a new token, so their kept map
    HTML is no longer used (one upsert, safe when two changes meet)."""
    ids = sorted({pk for pk in collective_ids if pk is not None})
    MapVersion.objects.bulk_create(
        [MapVersion(collective_id=pk, token=uuid.uuid4().hex) for pk in ids],
        update_conflicts=True,
        unique_fields=["collective"],
        update_fields=["token"],
    )


def resource_suggest(
    *,
    collective: Collective,
    person: User,
    details: ResourceDetails,
    now: datetime.datetime | None = None,
) -> Resource:
    """A member suggests a resource for the collective's map.

    A coordinator's own suggestion goes straight onto the map (curating is their job);
    anyone else's waits for a coordinator, who is told.
    """
    now = now or timezone.now()
    roles.require(person, Action.SUGGEST_RESOURCE, collective)
    if not details.url and details.upload is None:
        raise ValidationError(_("Give a web address or upload a file"))
    curator = roles.may(person, Action.CURATE_RESOURCES, collective)
    with transaction.atomic():
        resource = Resource(
            collective=collective,
            title=details.title,
            url=details.url,
            summary=details.summary,
            format=details.format,
            cost=details.cost,
            reason=details.reason,
            suggested_by=person,
            suggested_at=now,
            status=Status.ACCEPTED if curator else Status.SUGGESTED,
            answered_by=person if curator else None,
            answered_at=now if curator else None,
            last_checked=now.date() if curator else None,
        )
        if details.upload is not None:
            _attach(resource, details.upload)
        resource.save()
        _label(resource, Facet.STAGE, details.stages)
        _label(resource, Facet.AUDIENCE, details.audiences)
        _label(resource, Facet.TOPIC, details.topics)
        if curator:
            map_version_move(collective_ids=[collective.pk])
        change_record(
            actor=person,
            action="resource_added" if curator else "resource_suggested",
            summary=f"{person.name} {'added' if curator else 'suggested'} the resource "
            f"“{resource.title}”",
            subject=resource,
            collective=collective,
            after={"title": resource.title, "status": resource.status},
        )
        if not curator:
            _tell_coordinators(resource, suggester=person)
    return resource


def _attach(resource: Resource, upload: UploadedFile) -> None:
    file_type = files.file_type_of(upload)
    resource.file_name = (upload.name or "")[-200:]
    resource.file_type = file_type.content_type
    # FileField.save without saving the row: storage picks a free name under upload_to.
    resource.file.save(files.stored_name(file_type), upload, save=False)


def _label(resource: Resource, facet: Facet, values: Iterable[str]) -> None:
    ResourceLabel.objects.bulk_create(
        [
            ResourceLabel(resource=resource, facet=facet, value=value)
            for value in dict.fromkeys(values)
        ]
    )


def _tell_coordinators(resource: Resource, *, suggester: User) -> None:
    collective = resource.collective
    coordinators = User.objects.filter(
        pk__in=PlaceMembership.objects.of_collective(collective)
        .coordinators()
        .values("person_id"),
        is_active=True,
    ).exclude(pk=suggester.pk)
    url = reverse("resources:suggestions", args=[collective.slug])
    notifications_send_each(
        kind="resource_suggested",
        people=coordinators.order_by("pk"),
        context_for=lambda person: {
            "resource": resource,
            "suggester": suggester,
            "collective": collective,
        },
        url=url,
    )


def resource_accept(
    *, resource: Resource, actor: User, now: datetime.datetime | None = None
) -> Resource:
    """A coordinator puts a suggested resource on the map."""
    now = now or timezone.now()
    with transaction.atomic():
        resource = _suggestion_locked(resource, actor)
        resource.status = Status.ACCEPTED
        resource.answered_by = actor
        resource.answered_at = now
        resource.last_checked = now.date()
        resource.save(update_fields=["status", "answered_by", "answered_at", "last_checked"])
        map_version_move(collective_ids=[resource.collective_id])
        change_record(
            actor=actor,
            action="resource_accepted",
            summary=f"{actor.name} accepted the resource “{resource.title}” onto the map",
            subject=resource,
            collective=resource.collective,
            before={"status": Status.SUGGESTED},
            after={"status": Status.ACCEPTED},
        )
        _tell_suggester(resource, actor=actor)
    return resource


def resource_decline(
    *, resource: Resource, actor: User, reason: str, now: datetime.datetime | None = None
) -> Resource:
    """A coordinator declines a suggestion and says why; the suggester is told."""
    now = now or timezone.now()
    reason = reason.strip()
    if not reason:
        raise ValidationError(_("Say why the resource is not going on the map"))
    with transaction.atomic():
        resource = _suggestion_locked(resource, actor)
        resource.status = Status.DECLINED
        resource.answered_by = actor
        resource.answered_at = now
        resource.decline_reason = reason
        resource.save(update_fields=["status", "answered_by", "answered_at", "decline_reason"])
        change_record(
            actor=actor,
            action="resource_declined",
            summary=f"{actor.name} declined the resource “{resource.title}”",
            subject=resource,
            collective=resource.collective,
            before={"status": Status.SUGGESTED},
            after={"status": Status.DECLINED, "reason": reason},
        )
        _tell_suggester(resource, actor=actor)
    return resource


def _suggestion_locked(resource: Resource, actor: User) -> Resource:
    roles.require(actor, Action.CURATE_RESOURCES, resource.collective)
    locked = (
        Resource.objects.select_for_update(of=("self",))
        .select_related("collective", "suggested_by")
        .get(pk=resource.pk)
    )
    if not locked.is_suggested:
        raise ValidationError(
            _("“%(title)s” has already been answered.") % {"title": locked.title}
        )
    return locked


def _tell_suggester(resource: Resource, *, actor: User) -> None:
    suggester = resource.suggested_by
    if suggester is None or suggester.pk == actor.pk or not suggester.is_active:
        return
    notification_send(
        kind="resource_answered",
        person=suggester,
        context={"resource": resource, "answered_by": actor, "collective": resource.collective},
        url=reverse("resources:detail", args=[resource.collective.slug, resource.pk]),
    )


def resource_map_copy_shared(
    *, collective: Collective, actor: User, now: datetime.datetime | None = None
) -> int:
    """Copy the shared starter set onto the collective's map. Returns how many were new.

    Safe to run again: a shared resource already copied here is skipped, so a later run
    only brings in what the starter set gained since.
    """
    now = now or timezone.now()
    roles.require(actor, Action.CURATE_RESOURCES, collective)
    with transaction.atomic():
        # Two coordinators pressing at once take turns; the second copies nothing new.
        Collective.objects.select_for_update().filter(pk=collective.pk).first()
        already = Resource.objects.filter(collective=collective, copied_from__isnull=False)
        shared = list(
            Resource.objects.shared()
            .exclude(pk__in=already.values("copied_from_id"))
            .prefetch_related("labels")
            .order_by("pk")
        )
        copies = [_copy_of(original, collective, actor, now) for original in shared]
        Resource.objects.bulk_create(copies)
        ResourceLabel.objects.bulk_create(
            [
                ResourceLabel(resource=copy, facet=label.facet, value=label.value)
                for original, copy in zip(shared, copies, strict=True)
                for label in original.labels.all()
            ]
        )
        if copies:
            map_version_move(collective_ids=[collective.pk])
            change_record(
                actor=actor,
                action="resources_copied",
                summary=f"{actor.name} copied {len(copies)} resources from the shared "
                "starter set onto the map",
                subject_type="resource",
                collective=collective,
                after={"copied": len(copies)},
            )
    return len(copies)


def _copy_of(
    original: Resource, collective: Collective, actor: User, now: datetime.datetime
) -> Resource:
    return Resource(
        collective=collective,
        copied_from=original,
        title=original.title,
        url=original.url,
        file=original.file.name,
        file_name=original.file_name,
        file_type=original.file_type,
        summary=original.summary,
        format=original.format,
        cost=original.cost,
        last_checked=original.last_checked,
        link_status=original.link_status,
        link_checked_at=original.link_checked_at,
        link_problem=original.link_problem,
        status=Status.ACCEPTED,
        suggested_by=actor,
        suggested_at=now,
        reason="From the shared starter set.",
        answered_by=actor,
        answered_at=now,
    )


# The weekly link check


def resources_check_links(
    *,
    now: datetime.datetime | None = None,
    check: Callable[[str], links.LinkCheck] = links.link_check,
) -> dict[str, int]:
    """Check every web address not checked in the last week and flag those that fail.

    Idempotent: a second run in the same week finds nothing due. Each address is
    requested once however many maps hold it, and no transaction is held open while
    waiting for a site to answer. Returns how many addresses worked and failed.
    """
    now = now or timezone.now()
    due = (
        Resource.objects.exclude(url="")
        .exclude(status=Status.DECLINED)
        .exclude(link_checked_at__gte=now - CHECK_LINKS_EVERY)
    )
    ids_by_url: dict[str, list[int]] = defaultdict(list)
    for pk, url in due.values_list("pk", "url").order_by("url", "pk"):
        ids_by_url[url].append(pk)
    counts = {"working": 0, "broken": 0}
    for url, ids in ids_by_url.items():
        result = check(url)
        resource_link_record(resource_ids=ids, result=result, now=now)
        counts["working" if result.working else "broken"] += 1
    return counts


def resource_link_record(
    *, resource_ids: list[int], result: links.LinkCheck, now: datetime.datetime
) -> None:
    """Store one address's check on every resource that has it."""
    changes: dict[str, object] = {
        "link_checked_at": now,
        "link_status": LinkStatus.WORKING if result.working else LinkStatus.BROKEN,
        "link_problem": result.problem[:200],
    }
    if result.working:
        changes["last_checked"] = timezone.localdate(now)
    resources = Resource.objects.filter(pk__in=resource_ids)
    with transaction.atomic():
        resources.update(**changes)
        map_version_move(
            collective_ids=resources.values_list("collective_id", flat=True).distinct()
        )
