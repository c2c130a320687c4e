"""Partner organisations at data scale, as a member of the collective: 3,000
organisations with 12,000 pieces of work (one organisation with 400 of them, paged 25
at a time) — the list, the list filtered to funders, an organisation's page, and the
partners part of the annual report's figures.

Run by bench/run.py inside a throwaway database. Rows are bulk-inserted (the services,
with their history, would measure the set-up). Each page is also fetched for a
collective with 5 organisations, so the table shows that the number of queries does not
grow with the data.
"""

from __future__ import annotations

import datetime
import random
import time
from decimal import Decimal

from bench_common import Row
from bench_django import time_page
from bench_pages import _row, _shows, people_add
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from levelfield.collectives.models import CollectiveKind
from levelfield.collectives.services import collective_create
from levelfield.partners.models import (
    Contact,
    Organisation,
    OrganisationKind,
    OrganisationRelationship,
    Relationship,
    Work,
    WorkKind,
)
from levelfield.partners.reporting import report_figures

ORGANISATIONS = 3_000
WORK_EACH = 4
BUSY_WORK = 400
FEW = 5
SEED = 20_261_205


def _collective_make(prefix: str, size: int, rng: random.Random) -> tuple[object, int, int]:
    [member] = people_add(prefix, 1, rng)
    collective = collective_create(
        name=f"Bench partners {prefix}",
        kind=CollectiveKind.COLLECTIVE,
        description="People timing the partner pages.",
        created_by=member,
    )
    place = collective.places.get(kind="collective")
    organisations = Organisation.objects.bulk_create(
        Organisation(
            place=place,
            name=f"Organisation {number:05d}",
            kind=rng.choice(OrganisationKind.values),
            active=number % 5 != 0,
        )
        for number in range(size)
    )
    OrganisationRelationship.objects.bulk_create(
        OrganisationRelationship(organisation=organisation, relationship=value)
        for organisation in organisations
        for value in rng.sample(Relationship.values, 2)
    )
    Contact.objects.bulk_create(
        Contact(organisation=organisation, name=f"Contact {number}", email="c@example.org")
        for number, organisation in enumerate(organisations)
    )
    today = timezone.localdate()

    def work(organisation: Organisation, number: int) -> Work:
        started = today - datetime.timedelta(days=rng.randrange(0, 300))
        return Work(
            organisation=organisation,
            kind=rng.choice(WorkKind.values),
            title=f"Work {number}",
            started_on=started,
            ended_on=started + datetime.timedelta(days=rng.randrange(0, 30)),
            income=Decimal(rng.randrange(0, 500_000)) / 100 if number % 3 == 0 else None,
        )

    busy = organisations[1]
    Work.objects.bulk_create(
        [work(organisation, n) for organisation in organisations for n in range(WORK_EACH)]
        + [work(busy, n) for n in range(min(size, BUSY_WORK))],
        batch_size=5_000,
    )
    return member, place.pk, busy.pk


def _time_figures(collective_id: int) -> tuple[float, int]:
    year = timezone.localdate().year
    best = float("inf")
    for _ in range(3):
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            report_figures(
                collective_id=collective_id,
                start=datetime.date(year, 1, 1),
                end=datetime.date(year, 12, 31),
            )
            best = min(best, (time.perf_counter() - started) * 1000)
    return best, len(captured)


def partner_pages() -> list[Row]:
    rng = random.Random(SEED)
    member, place, busy = _collective_make("par", ORGANISATIONS, rng)
    few_member, few_place, few_busy = _collective_make("fewpar", FEW, rng)
    client, few_client = Client(), Client()
    client.force_login(member)
    few_client.force_login(few_member)
    pages = [
        (
            "partners:place_list",
            reverse("partners:place_list", args=[place]),
            reverse("partners:place_list", args=[few_place]),
            "Partner organisations",
        ),
        (
            "partners:place_list, funders, all",
            reverse("partners:place_list", args=[place]) + "?shown=all&relationship=funder",
            reverse("partners:place_list", args=[few_place]) + "?shown=all&relationship=funder",
            "Partner organisations",
        ),
        (
            "partners:organisation, 400 pieces of work",
            reverse("partners:organisation", args=[place, busy]),
            reverse("partners:organisation", args=[few_place, few_busy]),
            "What we did with or for them",
        ),
    ]
    rows = [
        _row(
            label,
            ORGANISATIONS,
            time_page(client, url, check=_shows(text)),
            time_page(few_client, few_url, check=_shows(text)),
        )
        for label, url, few_url, text in pages
    ]
    from levelfield.places.models import Place

    ms, queries = _time_figures(Place.objects.get(pk=place).collective_id)
    _, few_queries = _time_figures(Place.objects.get(pk=few_place).collective_id)
    rows.append(
        Row(
            "annual report: partners figures",
            ORGANISATIONS,
            ms,
            queries=queries,
            small_queries=few_queries,
        )
    )
    return rows
