"""Recording, changing, linking, publishing and deleting impact records: each in one
transaction, with who changed what in the place's history (an impact claim ends up in a
funder's report, so the record of how it came to say what it says matters)."""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from levelfield.collectives.roles import Action, may, require
from levelfield.history.services import change_record
from levelfield.impact.models import Impact, Status
from levelfield.outputs.models import Output
from levelfield.people.models import User
from levelfield.places.models import Place
from levelfield.projects.models import InvolvementEntry
from levelfield.resources import files

IMPACT_FIELDS = (
    "title",
    "what_changed",
    "for_whom",
    "for_whom_detail",
    "kind",
    "happened_on",
    "evidence",
    "evidence_url",
    "show_publicly",
)


class ImpactError(ValidationError):
    """A change refused for a reason the person can act on; the message says what to do."""


def _record(
    *,
    actor: User,
    impact: Impact,
    action: str,
    summary: str,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
) -> None:
    change_record(
        actor=actor,
        action=action,
        summary=summary,
        subject=impact,
        **impact.place.history_scope(),
        before=before,
        after=after,
    )


PUBLISHED_REFUSAL = gettext_lazy(
    "This impact is published, so only the coordinator can change it now: its changes "
    "would show in reports and on the public page at once. Ask them to change it, or to "
    "take it back to a draft."
)


def may_change(actor: User, impact: Impact) -> bool:
    """Any member changes a draft; a published impact is already in reports and maybe on
    the public page, so only those who may publish it change, relink or delete it."""
    action = Action.PUBLISH_IMPACT if impact.is_published else Action.EDIT
    return may(actor, action, impact.place.owner)


def _require_may_change(actor: User, impact: Impact) -> None:
    require(actor, Action.EDIT, impact.place.owner)
    if impact.is_published and not may(actor, Action.PUBLISH_IMPACT, impact.place.owner):
        raise PermissionDenied(PUBLISHED_REFUSAL)


def _plain(values: Mapping[str, Any]) -> dict[str, Any]:
    return {
        key: value.isoformat() if isinstance(value, datetime.date) else value
        for key, value in values.items()
    }


def _store_file(impact: Impact, upload: UploadedFile) -> str | None:
    """Check the file by its content (`resources.files`), store it under a new name and
    return the name of the file it replaces, if any (deleted once the change commits)."""
    file_type = files.file_type_of(upload)
    replaced = impact.evidence_file.name or None
    impact.evidence_file.save(files.stored_name(file_type), upload, save=False)
    impact.evidence_file_name = (upload.name or "")[-200:]
    impact.evidence_file_type = file_type.content_type
    return replaced


def _delete_after_commit(impact: Impact, name: str | None) -> None:
    if name:
        storage = impact.evidence_file.storage
        transaction.on_commit(lambda: storage.delete(name))


@transaction.atomic
def impact_create(
    *, actor: User, place: Place, evidence_file: UploadedFile | None = None, **fields: Any
) -> Impact:
    """Record a change as a draft, for the coordinator to publish."""
    require(actor, Action.EDIT, place.owner)
    values = {key: fields[key] for key in IMPACT_FIELDS if key in fields}
    impact = Impact(place=place, recorded_by=actor, **values)
    if evidence_file:
        _store_file(impact, evidence_file)
    impact.save()
    _record(
        actor=actor,
        impact=impact,
        action="impact_recorded",
        summary=f"{actor.name} recorded the impact “{impact.title}”",
        after={**_plain(values), "file": impact.evidence_file_name},
    )
    return impact


@transaction.atomic
def impact_update(
    *,
    actor: User,
    impact: Impact,
    evidence_file: UploadedFile | None = None,
    remove_file: bool = False,
    **fields: Any,
) -> Impact:
    """Change what the impact says. A published one changes only by those who may publish
    it, and its history says it was changed after publishing."""
    _require_may_change(actor, impact)
    # What is stored, not the instance: a ModelForm's validation has already copied the
    # new values onto it, and the history would see no change.
    stored = Impact.objects.select_for_update().get(pk=impact.pk)
    before = {key: getattr(stored, key) for key in IMPACT_FIELDS}
    before["file"] = stored.evidence_file_name
    for key, value in fields.items():
        if key in IMPACT_FIELDS:
            setattr(impact, key, value)
    gone = None
    if evidence_file:
        gone = _store_file(impact, evidence_file)
    elif remove_file and impact.evidence_file:
        gone = impact.evidence_file.name
        impact.evidence_file = ""
        impact.evidence_file_name = impact.evidence_file_type = ""
    impact.save()
    _delete_after_commit(impact, gone)
    after = {key: getattr(impact, key) for key in IMPACT_FIELDS}
    after["file"] = impact.evidence_file_name
    differs = [key for key in after if before[key] != after[key]]
    if differs or evidence_file:
        published = " published" if impact.is_published else ""
        _record(
            actor=actor,
            impact=impact,
            action="impact_changed",
            summary=f"{actor.name} changed the{published} impact “{impact.title}”",
            before=_plain({key: before[key] for key in differs}),
            after=_plain({key: after[key] for key in differs}),
        )
    return impact


@transaction.atomic
def impact_link(
    *,
    actor: User,
    impact: Impact,
    outputs: Iterable[Output],
    entries: Iterable[InvolvementEntry],
) -> Impact:
    """Say which outputs carried the change and which involvement entries' "what changed
    because of it" it draws on: only those of the impact's own place."""
    _require_may_change(actor, impact)
    outputs, entries = list(outputs), list(entries)
    if any(output.place_id != impact.place_id for output in outputs):
        raise ImpactError(_("Choose outputs of this place."), code="outputs")
    if any(entry.place_id != impact.place_id for entry in entries):
        raise ImpactError(_("Choose involvement entries of this place."), code="entries")
    before = {
        "outputs": sorted(impact.outputs.values_list("title", flat=True)),
        "entries": sorted(impact.entries.values_list("title", flat=True)),
    }
    impact.outputs.set(outputs)
    impact.entries.set(entries)
    after = {
        "outputs": sorted(output.title for output in outputs),
        "entries": sorted(entry.title for entry in entries),
    }
    if before != after:
        _record(
            actor=actor,
            impact=impact,
            action="impact_linked",
            summary=f"{actor.name} changed what the impact “{impact.title}” is linked to",
            before=before,
            after=after,
        )
    return impact


@transaction.atomic
def impact_publish(*, actor: User, impact: Impact, now: datetime.datetime | None = None) -> Impact:
    """The coordinator's duty: the impact goes into the reports and, when chosen, onto
    the public page. Publishing twice changes nothing."""
    require(actor, Action.PUBLISH_IMPACT, impact.place.owner)
    locked = Impact.objects.select_for_update().get(pk=impact.pk)
    if locked.status == Status.PUBLISHED:
        return locked
    locked.status = Status.PUBLISHED
    locked.published_at = now or timezone.now()
    locked.published_by = actor
    locked.save(update_fields=["status", "published_at", "published_by", "updated_at"])
    locked.place = impact.place
    _record(
        actor=actor,
        impact=locked,
        action="impact_published",
        summary=f"{actor.name} published the impact “{locked.title}”",
        before={"status": Status.DRAFT},
        after={"status": Status.PUBLISHED},
    )
    return locked


@transaction.atomic
def impact_unpublish(*, actor: User, impact: Impact) -> Impact:
    """Back to a draft: out of new reports and off the public page."""
    require(actor, Action.PUBLISH_IMPACT, impact.place.owner)
    locked = Impact.objects.select_for_update().get(pk=impact.pk)
    if locked.status == Status.DRAFT:
        return locked
    locked.status = Status.DRAFT
    locked.published_at = None
    locked.published_by = None
    locked.save(update_fields=["status", "published_at", "published_by", "updated_at"])
    locked.place = impact.place
    _record(
        actor=actor,
        impact=locked,
        action="impact_unpublished",
        summary=f"{actor.name} took the impact “{locked.title}” back to a draft",
        before={"status": Status.PUBLISHED},
        after={"status": Status.DRAFT},
    )
    return locked


@transaction.atomic
def impact_delete(*, actor: User, impact: Impact) -> None:
    _require_may_change(actor, impact)
    _record(
        actor=actor,
        impact=impact,
        action="impact_deleted",
        summary=f"{actor.name} deleted the impact “{impact.title}”",
        before={
            **_plain({key: getattr(impact, key) for key in IMPACT_FIELDS}),
            "status": impact.status,
            "file": impact.evidence_file_name,
        },
    )
    gone = impact.evidence_file.name or None
    impact.delete()
    _delete_after_commit(impact, gone)
