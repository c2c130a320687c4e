"""The partners part of the reports: what the reports app asks of this app.

`report_figures` reads the work recorded with partner organisations with a fixed number
of aggregate queries (the same for 6 pieces of work as for 12,000) and returns plain JSON
for the report's snapshot; `annual_statements` and `gripp2_statements` turn those figures
into sentences with links to their records, as `reports/sections.py` does for the rest
(pure functions: no queries). Organisations are not people: their names may be named;
contacts are never read here.

Called from `levelfield/reports/figures.py` (`figures_for`) and
`levelfield/reports/sections.py` (`statements_for`).
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from decimal import Decimal
from typing import Any

from django.db.models import Count, Q, Sum
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from levelfield.lib.words import number
from levelfield.partners.models import OrganisationRelationship, Relationship, Work, WorkKind
from levelfield.payments.money import money

LISTED = 12  # organisations named in one report; the totals cover them all


def _amount(value: Decimal | None) -> str | None:
    return None if value is None else f"{value:.2f}"


def report_figures(
    *,
    collective_id: int,
    project_id: int | None = None,
    start: datetime.date | None = None,
    end: datetime.date | None = None,
) -> dict[str, Any]:
    """The work with partners a report covers: for a project, the work linked to it; for
    a collective's year, the work that went on during the year (started by its end and not
    finished before its start). Totals, totals by kind of work, and the organisations
    with the most income first."""
    works = Work.objects.filter(organisation__place__collective_id=collective_id)
    if project_id is not None:
        works = works.filter(project_id=project_id)
    if start is not None and end is not None:
        works = works.annotate(until=Coalesce("ended_on", "started_on")).filter(
            started_on__lte=end, until__gte=start
        )
    totals = works.aggregate(
        entries=Count("id"),
        organisations=Count("organisation", distinct=True),
        total=Sum("income"),
        paid=Count("id", filter=Q(income__isnull=False)),
    )
    by_kind = {
        row["kind"]: row
        for row in works.values("kind").annotate(entries=Count("id"), total=Sum("income"))
    }
    listed = list(
        works.values("organisation_id", "organisation__name", "organisation__place_id")
        .annotate(entries=Count("id"), total=Sum("income"))
        .order_by(Coalesce("total", Decimal("0")).desc(), "organisation__name")[:LISTED]
    )
    ids = [row["organisation_id"] for row in listed]
    relationships: dict[int, list[str]] = defaultdict(list)
    kinds: dict[int, list[str]] = defaultdict(list)
    if ids:
        for organisation_id, relationship in OrganisationRelationship.objects.filter(
            organisation_id__in=ids
        ).values_list("organisation_id", "relationship"):
            relationships[organisation_id].append(Relationship(relationship).short.lower())
        for organisation_id, kind in (
            works.filter(organisation_id__in=ids)
            .values_list("organisation_id", "kind")
            .distinct()
            .order_by("organisation_id", "kind")
        ):
            kinds[organisation_id].append(str(WorkKind(kind).label).lower())
    return {
        "entries": totals["entries"],
        "organisations": totals["organisations"],
        "income": _amount(totals["total"]),
        "with_income": totals["paid"],
        "by_kind": [
            {
                "kind": str(kind.label),
                "entries": by_kind[kind.value]["entries"],
                "income": _amount(by_kind[kind.value]["total"]),
            }
            for kind in WorkKind
            if kind.value in by_kind
        ],
        "listed": [
            {
                "name": row["organisation__name"],
                "relationships": sorted(relationships[row["organisation_id"]]),
                "work": kinds[row["organisation_id"]],
                "entries": row["entries"],
                "income": _amount(row["total"]),
                "link": reverse(
                    "partners:organisation",
                    args=[row["organisation__place_id"], row["organisation_id"]],
                ),
            }
            for row in listed
        ],
    }


def _said(text: str, *links: tuple[str, str]) -> dict[str, Any]:
    return {"text": text, "links": [[title, address] for title, address in links if address]}


def _pounds(amount: str | None) -> str:
    return money(Decimal(amount)) if amount is not None else "£0.00"


def _count_organisations(count: int) -> str:
    return ngettext("%(count)s organisation", "%(count)s organisations", count) % {
        "count": number(count)
    }


def annual_statements(partners: dict[str, Any] | None) -> list[dict[str, Any]]:
    """ "Who we worked with and what we did for them": the totals, by kind of work, and
    each organisation named with what we did and the income it brought."""
    if not partners or not partners["entries"]:
        return [_said(_("No work with partner organisations was recorded for this year."))]
    said = [
        _said(
            _("We worked with %(organisations)s on %(work)s, bringing in %(income)s in all.")
            % {
                "organisations": _count_organisations(partners["organisations"]),
                "work": ngettext(
                    "%(count)s piece of work", "%(count)s pieces of work", partners["entries"]
                )
                % {"count": number(partners["entries"])},
                "income": _pounds(partners["income"]),
            }
        )
    ]
    kinds = "; ".join(
        f"{row['kind']}: {row['entries']}"
        + (f" ({_pounds(row['income'])})" if row["income"] is not None else "")
        for row in partners["by_kind"]
    )
    said.append(_said(_("By kind of work: %(kinds)s.") % {"kinds": kinds}))
    for row in partners["listed"]:
        how = ", ".join(row["relationships"])
        words = {"name": row["name"], "how": how, "work": ", ".join(row["work"])}
        if row["income"] is not None:
            text = _("%(name)s (%(how)s): %(work)s, bringing in %(income)s.") % {
                **words,
                "income": _pounds(row["income"]),
            }
        else:
            text = _("%(name)s (%(how)s): %(work)s.") % words
        said.append(_said(text, (_("the organisation"), row["link"])))
    others = partners["organisations"] - len(partners["listed"])
    if others > 0:
        said.append(
            _said(
                ngettext(
                    "And %(count)s other organisation.",
                    "And %(count)s other organisations.",
                    others,
                )
                % {"count": number(others)}
            )
        )
    return said


def gripp2_statements(partners: dict[str, Any] | None) -> list[dict[str, Any]]:
    """GRIPP2 names the partner organisations linked to the project."""
    if not partners or not partners["listed"]:
        return []
    names = "; ".join(
        f"{row['name']} ({', '.join(row['relationships'])})" for row in partners["listed"]
    )
    return [
        _said(
            _("Partner organisations: %(names)s.") % {"names": names},
            *[(row["name"], row["link"]) for row in partners["listed"]],
        )
    ]
