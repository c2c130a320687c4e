"""The outputs app's part of a person's data download and erasure (see manifest.py).

Erasure keeps the scholarly record: a paper, talk or report that is published (it has a
DOI or a web address, or is shown on the public page) names its authors in public, and
changing that list afterwards would falsify the record, so the contributor row keeps
the name as credited and the roles. What links it to the account goes: the person, their
ORCID iD and their perspective. On outputs that are not published the name goes too
("A former member"). Their own ORCID iD record is deleted.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q

from levelfield.lib.manifests import ErasureContext, export_rows
from levelfield.outputs.models import Contributor, Credit, OrcidRecord, Output

PUBLISHED = ~Q(doi="") | ~Q(url="") | Q(show_publicly=True)


def export(person: Any) -> dict[str, list[dict]]:
    return {
        "outputs_you_recorded": export_rows(
            Output.objects.filter(created_by=person),
            output="title",
            kind="kind",
            date="date",
            collective="place__collective__name",
            project="place__project__title",
            recorded="created_at",
        ),
        "outputs_you_are_credited_for": export_rows(
            Contributor.objects.filter(person=person),
            output="output__title",
            kind="output__kind",
            date="output__date",
            name_as_credited="name",
            position="position",
            orcid="orcid",
            perspective="perspective",
        ),
        "your_credit_roles": export_rows(
            Credit.objects.filter(contributor__person=person),
            output="contributor__output__title",
            role="role",
            degree="degree",
        ),
        "your_orcid_id": export_rows(
            OrcidRecord.objects.filter(person=person), orcid="orcid", updated="updated_at"
        ),
    }


def erase(context: ErasureContext) -> None:
    person = context.person
    OrcidRecord.objects.filter(person=person).delete()
    theirs = Contributor.objects.filter(person=person)
    unpublished = theirs.exclude(output__in=Output.objects.filter(PUBLISHED))
    context.forget(unpublished, ["name"])
    theirs.update(person=None, orcid="", perspective="")
    Output.objects.filter(created_by=person).update(created_by=None)
    # The text of unpublished outputs where they were keeps no name of theirs.
    where = Output.objects.filter(
        Q(place__project_id__in=context.project_ids)
        | Q(place__project__isnull=True, place__collective_id__in=context.collective_ids)
    ).exclude(PUBLISHED)
    context.forget(where, ["title", "venue", "summary"])
    context.forget(Contributor.objects.filter(output__in=where), ["name"])
