"""Changing outputs and who is credited for them: every change in one transaction,
with who changed what in the place's history (credit is a record people rely on: a
CV, a promotion case, a recognition letter)."""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from levelfield.collectives.roles import Action, require
from levelfield.history.services import change_record
from levelfield.lib.words import day, hours, plural
from levelfield.outputs.models import Contributor, Credit, OrcidRecord, Output, OutputTime
from levelfield.people.models import User
from levelfield.places.access import place_member_ids
from levelfield.places.models import Place
from levelfield.projects import services as log_services
from levelfield.projects.models import InvolvementEntry

OUTPUT_FIELDS = ("kind", "title", "date", "venue", "doi", "url", "summary", "show_publicly")


class OutputError(ValidationError):
    """A change refused for a reason the person can act on; the message says what to do."""


def _record(
    *,
    actor: User,
    output: Output,
    action: str,
    summary: str,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
) -> None:
    change_record(
        actor=actor,
        action=action,
        summary=summary,
        subject=output,
        **output.place.history_scope(),
        before=before,
        after=after,
    )


def _plain(values: Mapping[str, Any]) -> dict[str, Any]:
    return {
        key: value.isoformat() if isinstance(value, datetime.date) else value
        for key, value in values.items()
    }


def _credits_of(contributor: Contributor) -> dict[str, str]:
    return {credit.role: credit.degree for credit in contributor.credits.all()}


def _contributor_state(contributor: Contributor) -> dict[str, Any]:
    return {
        "name": contributor.name,
        "position": contributor.position,
        "orcid": contributor.orcid,
        "perspective": contributor.perspective,
        "credits": _credits_of(contributor),
    }


@transaction.atomic
def output_create(*, actor: User, place: Place, **fields: Any) -> Output:
    """Record something the place made."""
    require(actor, Action.EDIT, place.owner)
    values = {key: fields[key] for key in OUTPUT_FIELDS if key in fields}
    output = Output.objects.create(place=place, created_by=actor, **values)
    _record(
        actor=actor,
        output=output,
        action="output_recorded",
        summary=f"{actor.name} recorded “{output.title}”",
        after=_plain(values),
    )
    return output


@transaction.atomic
def output_update(*, actor: User, output: Output, **fields: Any) -> Output:
    require(actor, Action.EDIT, output.place.owner)
    # What is stored, not the instance: a ModelForm's validation has already copied the
    # new values onto it, and the history would see no change.
    stored = Output.objects.select_for_update().get(pk=output.pk)
    before = {key: getattr(stored, key) for key in OUTPUT_FIELDS}
    changed = {key: value for key, value in fields.items() if key in OUTPUT_FIELDS}
    for key, value in changed.items():
        setattr(output, key, value)
    output.save()
    after = {key: getattr(output, key) for key in OUTPUT_FIELDS}
    differs = [key for key in OUTPUT_FIELDS if before[key] != after[key]]
    if differs:
        _record(
            actor=actor,
            output=output,
            action="output_changed",
            summary=f"{actor.name} changed “{output.title}”",
            before=_plain({key: before[key] for key in differs}),
            after=_plain({key: after[key] for key in differs}),
        )
    return output


@transaction.atomic
def output_delete(*, actor: User, output: Output) -> None:
    require(actor, Action.EDIT, output.place.owner)
    _record(
        actor=actor,
        output=output,
        action="output_deleted",
        summary=f"{actor.name} deleted “{output.title}”",
        before={
            **_plain({key: getattr(output, key) for key in OUTPUT_FIELDS}),
            "contributors": [c.name for c in output.contributors.all()],
        },
    )
    output.delete()


def _set_credits(contributor: Contributor, credits: Mapping[str, str]) -> None:
    contributor.credits.all().delete()
    Credit.objects.bulk_create(
        Credit(contributor=contributor, role=role, degree=degree or "")
        for role, degree in sorted(credits.items())
    )


@transaction.atomic
def contributor_add(
    *,
    actor: User,
    output: Output,
    person: User | None = None,
    name: str = "",
    orcid: str = "",
    perspective: str = "",
    credits: Mapping[str, str] | None = None,
) -> Contributor:
    """Credit a member of the place (their name and ORCID iD are copied as they are
    now) or a named person without an account, after those already credited."""
    require(actor, Action.EDIT, output.place.owner)
    locked = Output.objects.select_for_update().get(pk=output.pk)
    if person is not None:
        if not place_member_ids(output.place).filter(person_id=person.pk).exists():
            raise OutputError(_("Choose someone who is a member here."), code="person")
        if locked.contributors.filter(person=person).exists():
            raise OutputError(
                _("%(name)s is already credited.") % {"name": person.name}, code="person"
            )
        name = name or person.name
        if not orcid:
            record = OrcidRecord.objects.filter(person=person).first()
            orcid = record.orcid if record else ""
    if not name.strip():
        raise OutputError(_("Enter the person’s name."), code="name")
    last = locked.contributors.aggregate(last=Max("position"))["last"]
    contributor = Contributor.objects.create(
        output=locked,
        position=(last or 0) + 1,
        person=person,
        name=name.strip(),
        orcid=orcid,
        perspective=perspective,
    )
    _set_credits(contributor, credits or {})
    _record(
        actor=actor,
        output=output,
        action="contributor_credited",
        summary=f"{actor.name} credited {contributor.name} on “{output.title}”",
        after=_contributor_state(contributor),
    )
    return contributor


@transaction.atomic
def contributor_update(
    *,
    actor: User,
    contributor: Contributor,
    name: str,
    orcid: str,
    perspective: str,
    credits: Mapping[str, str],
) -> Contributor:
    """Change how someone is credited; the history keeps what it said before."""
    output = contributor.output
    require(actor, Action.EDIT, output.place.owner)
    before = _contributor_state(contributor)
    if not name.strip():
        raise OutputError(_("Enter the person’s name."), code="name")
    contributor.name, contributor.orcid, contributor.perspective = name.strip(), orcid, perspective
    contributor.save()
    _set_credits(contributor, credits)
    after = _contributor_state(contributor)
    if before != after:
        _record(
            actor=actor,
            output=output,
            action="credit_changed",
            summary=f"{actor.name} changed {contributor.name}’s credit on “{output.title}”",
            before=before,
            after=after,
        )
    return contributor


@transaction.atomic
def contributor_remove(*, actor: User, contributor: Contributor) -> None:
    """Take someone off the list; those after them move up one."""
    output = contributor.output
    require(actor, Action.EDIT, output.place.owner)
    Output.objects.select_for_update().get(pk=output.pk)
    before = _contributor_state(contributor)
    position = contributor.position
    contributor.delete()
    for later in output.contributors.filter(position__gt=position).order_by("position"):
        later.position -= 1
        later.save(update_fields=["position"])
    _record(
        actor=actor,
        output=output,
        action="contributor_removed",
        summary=f"{actor.name} took {before['name']} off “{output.title}”",
        before=before,
    )


@transaction.atomic
def contributor_move(*, actor: User, contributor: Contributor, up: bool) -> None:
    """Swap someone with the person before (`up`) or after them in the credited order."""
    output = contributor.output
    require(actor, Action.EDIT, output.place.owner)
    Output.objects.select_for_update().get(pk=output.pk)
    contributor.refresh_from_db()
    if up:
        other = output.contributors.filter(position__lt=contributor.position).last()
    else:
        other = output.contributors.filter(position__gt=contributor.position).first()
    if other is None:
        return
    mine, theirs = contributor.position, other.position
    # Through a free position, so the one-person-per-position rule holds at every step.
    contributor.position = 0
    contributor.save(update_fields=["position"])
    other.position = mine
    other.save(update_fields=["position"])
    contributor.position = theirs
    contributor.save(update_fields=["position"])
    _record(
        actor=actor,
        output=output,
        action="contributors_reordered",
        summary=f"{actor.name} moved {contributor.name} {'up' if up else 'down'} on "
        f"“{output.title}”",
        before={"order": {contributor.name: mine, other.name: theirs}},
        after={"order": {contributor.name: theirs, other.name: mine}},
    )


@transaction.atomic
def orcid_record_set(*, person: User, orcid: str) -> OrcidRecord | None:
    """Keep (or, given "", forget) the person's own ORCID iD, used when they are
    credited from now on."""
    if not orcid:
        OrcidRecord.objects.filter(person=person).delete()
        return None
    record, _created = OrcidRecord.objects.update_or_create(
        person=person, defaults={"orcid": orcid}
    )
    return record


@transaction.atomic
def output_time_record(
    *,
    actor: User,
    output: Output,
    title: str,
    happened_on: datetime.date,
    stage: str,
    kind: str,
    participants: Mapping[User, int],
    again: bool = False,
) -> InvolvementEntry:
    """Record the time the output's contributors gave it (a talk, a poster) in the place's
    involvement log, in one step, so they can claim it like any other involvement.

    The entry is written by the log's own service (who may record, who took part, the
    history), never here; this only checks that everyone is credited on the output and
    a member of its place, and links the entry to the output. Time already recorded for
    the output is recorded again only when the person says so (`again`): paid time
    counted twice is money paid twice."""
    require(actor, Action.RECORD_INVOLVEMENT, output.place.owner)
    # The output's row is the lock: two people recording at once cannot both miss the
    # other's record.
    locked = Output.objects.select_for_update().get(pk=output.pk)
    earlier = OutputTime.objects.filter(output=locked).select_related("entry").last()
    if earlier is not None and not again:
        raise OutputError(
            _(
                "Time for this output was already recorded on %(day)s. Confirm that you want "
                "to record time for it again"
            )
            % {"day": day(earlier.entry.happened_on)},
            code="again",
        )
    credited = set(locked.contributors.exclude(person=None).values_list("person_id", flat=True))
    members = set(place_member_ids(output.place))
    for person in participants:
        if person.pk not in credited:
            raise OutputError(_("%(name)s is not credited on this output") % {"name": person.name})
        if person.pk not in members:
            raise OutputError(
                _("%(name)s is not a member of %(place)s, so their time cannot be recorded here")
                % {"name": person.name, "place": output.place.name},
                code=f"took_part_{person.pk}",
            )
    entry = log_services.involvement_entry_create(
        place=output.place,
        recorded_by=actor,
        title=title,
        happened_on=happened_on,
        stage=stage,
        kind=kind,
        participants=participants,
        description=f"Time for the {locked.get_kind_display().lower()} “{locked.title}”, "
        "recorded from its page in outputs.",
    )
    OutputTime.objects.create(output=locked, entry=entry)
    minutes = sum(participants.values())
    _record(
        actor=actor,
        output=output,
        action="output_time_recorded",
        summary=f"{actor.name} recorded {plural(len(participants), 'person', 'people')}’s "
        f"time for “{output.title}” in the involvement log ({hours(minutes)})",
        after={
            "entry": entry.title,
            "date": happened_on.isoformat(),
            "people": sorted(person.name for person in participants),
            "minutes": minutes,
        },
    )
    return entry
