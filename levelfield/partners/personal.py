"""The partners app's part of a person's data download and erasure (see manifest.py).

A person appears here only as a contact at an organisation (with their account, or by
an email address they used). Erasure deletes those rows; their names and addresses in
the collective's notes about organisations and work become "A former member".
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q

from levelfield.lib.manifests import ErasureContext, export_rows
from levelfield.partners.models import Contact, Organisation, Work


def _contacts_of(person: Any, addresses: set[str] | None = None) -> Any:
    where = Q(person=person)
    for address in addresses or {person.email}:
        if address:
            where |= Q(email__iexact=address)
    return Contact.objects.filter(where)


def export(person: Any) -> dict[str, list[dict]]:
    return {
        "partner_contacts": export_rows(
            _contacts_of(person),
            organisation="organisation__name",
            collective="organisation__place__collective__name",
            name="name",
            role="role",
            email="email",
            phone="phone",
            added="created_at",
        )
    }


def erase(context: ErasureContext) -> None:
    _contacts_of(context.person, context.addresses | {context.person.email}).delete()
    where = Q(place__collective_id__in=context.collective_ids)
    context.forget(Organisation.objects.filter(where), ["notes"])
    context.forget(
        Work.objects.filter(organisation__place__collective_id__in=context.collective_ids),
        ["title", "notes"],
    )
