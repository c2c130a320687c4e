"""Changing partner organisations, their contacts and the work done with them.

Every function re-checks that the actor is a member of the collective (views have
already checked, this is defence in depth) and writes what changed to the history in
the same transaction: an organisation's details, its work and above all the income,
before and after. Contacts are personal data: the history says a contact was added or
removed, never who.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models.functions import Lower
from django.utils.translation import gettext as _

from levelfield.collectives import roles
from levelfield.events.models import Event
from levelfield.history.services import change_record
from levelfield.partners.models import (
    Contact,
    Organisation,
    OrganisationRelationship,
    Relationship,
    Work,
)
from levelfield.people.models import User
from levelfield.places.models import Place, PlaceKind
from levelfield.projects.models import Project


class PartnerError(ValidationError):
    """A change refused for a reason people can fix; `code` names the field."""


def _check_member(actor: User, place: Place) -> None:
    if place.kind != PlaceKind.COLLECTIVE:
        raise PartnerError(_("Partner organisations belong to a collective."), code="place")
    roles.require(actor, roles.Action.EDIT, place.owner)


def _money(value: Decimal | None) -> str | None:
    return None if value is None else f"{value:.2f}"


def _organisation_values(organisation: Organisation, relationships: Iterable[str]) -> dict:
    return {
        "name": organisation.name,
        "kind": organisation.get_kind_display(),
        "website": organisation.website,
        "relationships": [Relationship(value).short for value in sorted(relationships)],
        "active": organisation.active,
    }


def _name_taken(place: Place, name: str, *, but: int | None = None) -> bool:
    same = Organisation.objects.in_place(place).annotate(lower=Lower("name"))
    if but is not None:
        same = same.exclude(pk=but)
    return same.filter(lower=name.strip().lower()).exists()


def _name_error(name: str) -> PartnerError:
    return PartnerError(
        _("%(name)s is already recorded: choose another name.") % {"name": name}, code="name"
    )


def _set_relationships(organisation: Organisation, relationships: Iterable[str]) -> None:
    wanted = set(relationships)
    organisation.relationships.exclude(relationship__in=wanted).delete()
    have = set(organisation.relationships.values_list("relationship", flat=True))
    OrganisationRelationship.objects.bulk_create(
        OrganisationRelationship(organisation=organisation, relationship=value)
        for value in sorted(wanted - have)
    )


def organisation_create(
    *, place: Place, actor: User, values: dict[str, Any], relationships: Iterable[str]
) -> Organisation:
    """Record an organisation the collective works with."""
    _check_member(actor, place)
    relationships = sorted(set(relationships))
    if not relationships:
        raise PartnerError(_("Choose at least one relationship."), code="relationships")
    if _name_taken(place, values["name"]):
        raise _name_error(values["name"])
    with transaction.atomic():
        try:
            with transaction.atomic():
                organisation = Organisation.objects.create(place=place, **values)
        except IntegrityError:  # the same name added by someone else at the same moment
            raise _name_error(values["name"]) from None
        _set_relationships(organisation, relationships)
        change_record(
            actor=actor,
            action="partner_added",
            summary=f"Partner organisation “{organisation.name}” added",
            subject=organisation,
            collective=place.collective,
            after=_organisation_values(organisation, relationships),
        )
    return organisation


def organisation_edit(
    *,
    organisation: Organisation,
    actor: User,
    values: dict[str, Any],
    relationships: Iterable[str],
) -> Organisation:
    """Change an organisation's details and relationships."""
    place = organisation.place
    _check_member(actor, place)
    relationships = sorted(set(relationships))
    if not relationships:
        raise PartnerError(_("Choose at least one relationship."), code="relationships")
    if _name_taken(place, values["name"], but=organisation.pk):
        raise _name_error(values["name"])
    with transaction.atomic():
        locked = Organisation.objects.select_for_update().get(pk=organisation.pk)
        before = _organisation_values(
            locked, locked.relationships.values_list("relationship", flat=True)
        )
        for field, value in values.items():
            setattr(locked, field, value)
        try:
            with transaction.atomic():
                locked.save()
        except IntegrityError:  # the same name given by someone else at the same moment
            raise _name_error(values["name"]) from None
        _set_relationships(locked, relationships)
        after = _organisation_values(locked, relationships)
        if before != after or values.get("notes") != organisation.notes:
            change_record(
                actor=actor,
                action="partner_changed",
                summary=f"Partner organisation “{locked.name}” changed",
                subject=locked,
                collective=place.collective,
                before=before,
                after=after,
            )
    locked.place = place
    return locked


def organisation_delete(*, organisation: Organisation, actor: User) -> None:
    """Delete an organisation with its contacts and work; the history keeps what it was,
    with the income it brought."""
    place = organisation.place
    _check_member(actor, place)
    with transaction.atomic():
        income = [_money(value) for value in organisation.work.values_list("income", flat=True)]
        change_record(
            actor=actor,
            action="partner_deleted",
            summary=f"Partner organisation “{organisation.name}” deleted, with its contacts "
            "and work",
            subject=organisation,
            collective=place.collective,
            before={
                **_organisation_values(
                    organisation, organisation.relationships.values_list("relationship", flat=True)
                ),
                "income": [value for value in income if value is not None],
            },
        )
        organisation.delete()


# Contacts


def _contact_values(values: dict[str, Any]) -> dict[str, Any]:
    return {key: values.get(key) or ("" if key != "person" else None) for key in CONTACT_FIELDS}


CONTACT_FIELDS = ("person", "name", "role", "email", "phone")


def _check_contact(organisation: Organisation, values: dict[str, Any], but: int | None) -> None:
    person = values.get("person")
    if person is None and not (values.get("name") or "").strip():
        raise PartnerError(_("Enter the contact’s name, or choose them from the members."), "name")
    if person is not None:
        same = Contact.objects.filter(organisation=organisation, person=person)
        if but is not None:
            same = same.exclude(pk=but)
        if same.exists():
            raise PartnerError(
                _("%(name)s is already a contact here.") % {"name": person.name}, code="person"
            )


def contact_add(*, organisation: Organisation, actor: User, values: dict[str, Any]) -> Contact:
    """Add someone at the organisation (personal data: the history does not name them)."""
    _check_member(actor, organisation.place)
    values = _contact_values(values)
    _check_contact(organisation, values, None)
    with transaction.atomic():
        try:
            contact = Contact.objects.create(organisation=organisation, **values)
        except IntegrityError:  # the same account added twice at once
            raise PartnerError(_("They are already a contact here."), code="person") from None
        change_record(
            actor=actor,
            action="partner_contact_added",
            summary=f"A contact added at “{organisation.name}”",
            subject=organisation,
            collective=organisation.place.collective,
        )
    return contact


def contact_edit(*, contact: Contact, actor: User, values: dict[str, Any]) -> Contact:
    organisation = contact.organisation
    _check_member(actor, organisation.place)
    values = _contact_values(values)
    _check_contact(organisation, values, contact.pk)
    with transaction.atomic():
        for field, value in values.items():
            setattr(contact, field, value)
        contact.save()
        change_record(
            actor=actor,
            action="partner_contact_changed",
            summary=f"A contact’s details changed at “{organisation.name}”",
            subject=organisation,
            collective=organisation.place.collective,
        )
    return contact


def contact_remove(*, contact: Contact, actor: User) -> None:
    organisation = contact.organisation
    _check_member(actor, organisation.place)
    with transaction.atomic():
        contact.delete()
        change_record(
            actor=actor,
            action="partner_contact_removed",
            summary=f"A contact removed at “{organisation.name}”",
            subject=organisation,
            collective=organisation.place.collective,
        )


# Work with or for them


WORK_FIELDS = ("kind", "title", "started_on", "ended_on", "project", "event", "income", "notes")


def _work_values(work: Work) -> dict[str, Any]:
    return {
        "kind": work.get_kind_display(),
        "title": work.title,
        "from": work.started_on.isoformat(),
        "to": work.ended_on.isoformat() if work.ended_on else None,
        "project": work.project.title if work.project_id else None,
        "event": work.event.title if work.event_id else None,
        "income": _money(work.income),
    }


def _check_work(organisation: Organisation, values: dict[str, Any]) -> None:
    started: datetime.date = values["started_on"]
    ended: datetime.date | None = values.get("ended_on")
    if ended is not None and ended < started:
        raise PartnerError(_("The end date must be on or after the start date."), code="ended_on")
    income = values.get("income")
    if income is not None and income < 0:
        raise PartnerError(_("Income cannot be less than £0."), code="income")
    collective_id = organisation.place.collective_id
    project: Project | None = values.get("project")
    if project is not None and project.collective_id != collective_id:
        raise PartnerError(_("Choose a project of this collective."), code="project")
    event: Event | None = values.get("event")
    if event is not None and event.place.collective_id != collective_id:
        raise PartnerError(_("Choose an event of this collective."), code="event")


def work_add(*, organisation: Organisation, actor: User, values: dict[str, Any]) -> Work:
    """Record work done with or for the organisation; its income goes into the history."""
    _check_member(actor, organisation.place)
    values = {field: values.get(field) for field in WORK_FIELDS}
    values["notes"] = values["notes"] or ""
    _check_work(organisation, values)
    with transaction.atomic():
        work = Work.objects.create(organisation=organisation, **values)
        change_record(
            actor=actor,
            action="partner_work_added",
            summary=f"Work with “{organisation.name}” recorded: {work.title}",
            subject=work,
            collective=organisation.place.collective,
            after=_work_values(work),
        )
    return work


def work_edit(*, work: Work, actor: User, values: dict[str, Any]) -> Work:
    """Change recorded work; the income before and after is kept in the history."""
    organisation = work.organisation
    _check_member(actor, organisation.place)
    values = {field: values.get(field) for field in WORK_FIELDS}
    values["notes"] = values["notes"] or ""
    _check_work(organisation, values)
    with transaction.atomic():
        locked = (
            Work.objects.select_for_update(of=("self",))
            .select_related("project", "event")
            .get(pk=work.pk)
        )
        before = _work_values(locked)
        for field, value in values.items():
            setattr(locked, field, value)
        locked.save()
        after = _work_values(locked)
        if before != after or locked.notes != work.notes:
            change_record(
                actor=actor,
                action="partner_work_changed",
                summary=f"Work with “{organisation.name}” changed: {locked.title}",
                subject=locked,
                collective=organisation.place.collective,
                before=before,
                after=after,
            )
    locked.organisation = organisation
    return locked


def work_remove(*, work: Work, actor: User) -> None:
    """Delete recorded work; the history keeps what it was and its income."""
    organisation = work.organisation
    _check_member(actor, organisation.place)
    with transaction.atomic():
        change_record(
            actor=actor,
            action="partner_work_deleted",
            summary=f"Work with “{organisation.name}” deleted: {work.title}",
            subject=work,
            collective=organisation.place.collective,
            before=_work_values(work),
        )
        work.delete()
