"""Reports at data scale: a collective's year with 20,000 involvement entries (about
50,000 participations by 300 people across 12 projects) and 600 paid claims: generating
the annual report (every figure, one version), the report page, the versions page and
the HTML and PDF exports.

Run by bench/run.py inside a throwaway database. Records are bulk-inserted (the
services would measure the set-up). Generation and each page are also timed for a
collective with a handful of entries, so the table shows that the number of queries
does not grow with the data.
"""

from __future__ import annotations

import datetime
import random
import time
from decimal import Decimal

from bench_common import Row
from bench_django import time_page, time_prepared
from bench_pages import _row, _shows, logged_in, people_add
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from levelfield.collectives.models import CollectiveKind
from levelfield.collectives.services import collective_create
from levelfield.payments.models import Batch, Claim, Status
from levelfield.places.models import Place, PlaceKind, PlaceMembership
from levelfield.projects.models import (
    ActivityKind,
    InvolvementEntry,
    Participation,
    Project,
    Stage,
)
from levelfield.reports import services
from levelfield.reports.models import Report

ENTRIES = 20_000
PEOPLE = 300
PROJECTS = 12
CLAIMS = 600
FEW = 5
SEED = 20_261_211
BATCH = 2_000


def _year_make(prefix: str, entries: int, rng: random.Random) -> tuple[Report, object]:
    year = timezone.localdate().year
    people = people_add(prefix, min(PEOPLE, max(entries, 6)), rng)
    collective = collective_create(
        name=f"Bench reports {prefix}",
        kind=CollectiveKind.COLLECTIVE,
        description="People timing the annual report.",
        created_by=people[0],
    )
    PlaceMembership.objects.bulk_create(
        (PlaceMembership(place=collective.own_place, person=person) for person in people[1:]),
        batch_size=BATCH,
    )
    projects = Project.objects.bulk_create(
        Project(
            collective=collective,
            title=f"Study {number}",
            summary="A study.",
            stage=rng.choice(Stage.values),
            created_by=people[0],
        )
        for number in range(PROJECTS)
    )
    places = Place.objects.bulk_create(
        Place(kind=PlaceKind.PROJECT, collective=collective, project=project)
        for project in projects
    )
    start = datetime.date(year, 1, 1)
    made = InvolvementEntry.objects.bulk_create(
        (
            InvolvementEntry(
                place=rng.choice(places),
                title=f"Meeting {number}",
                happened_on=start + datetime.timedelta(days=rng.randrange(330)),
                stage=rng.choice(Stage.values),
                kind=rng.choice(ActivityKind.values),
                what_changed="We changed the plan." if number % 10 == 0 else "",
            )
            for number in range(entries)
        ),
        batch_size=BATCH,
    )
    Participation.objects.bulk_create(
        (
            Participation(entry=entry, person=person, minutes=rng.choice([30, 60, 90, 120]))
            for entry in made
            for person in rng.sample(people, rng.choice([2, 2, 3, 3, 4]))
        ),
        batch_size=BATCH,
    )
    batch = Batch.objects.create(
        collective=collective,
        created_at=timezone.now(),
        total=Decimal("0"),
        csv_file=b"",
        xlsx_file=b"",
    )
    Claim.objects.bulk_create(
        (
            Claim(
                collective=collective,
                claimant=rng.choice(people),
                status=Status.PAID,
                fee_total=Decimal("25.00"),
                expense_total=Decimal("4.50"),
                first_activity_on=start + datetime.timedelta(days=number % 300),
                batch=batch,
                paid_on=start + datetime.timedelta(days=number % 300 + rng.randint(5, 40)),
            )
            for number in range(min(CLAIMS, entries))
        ),
        batch_size=BATCH,
    )
    if connection.vendor == "postgresql":
        # A live database has planner statistics; freshly bulk-inserted tables do not
        # until autovacuum gets to them (without this, generation took 1.6 s, not 0.3).
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    report = services.report_start(place=collective, actor=people[0], year=year)
    return report, logged_in(people[0])


def _generation(report: Report) -> tuple[float, int]:
    """Best of 3 generations (the figures are all computed each time; the first makes a
    version, the others find the same figures and make none), and its queries."""
    times, counts = [], set()
    for _ in range(3):
        with CaptureQueriesContext(connection) as queries:
            started = time.perf_counter()
            services.report_generate(report=report)
            times.append(time.perf_counter() - started)
        counts.add(len(queries.captured_queries))
    return min(times) * 1000, max(counts)


def report_pages() -> list[Row]:
    rng = random.Random(SEED)
    report, member = _year_make("rep", ENTRIES, rng)
    few_report, few_member = _year_make("fewrep", FEW, rng)
    ms, queries = _generation(report)
    _, few_queries = _generation(few_report)
    rows = [Row("generating the annual report", ENTRIES, ms, queries, few_queries)]
    for name, label, check in (
        ("reports:detail", "reports:detail, the report page", _shows("Where we could do better")),
        ("reports:versions", "reports:versions", _shows("Version 1")),
    ):
        rows.append(
            _row(
                label,
                ENTRIES,
                time_page(member, reverse(name, args=[report.pk]), check=check),
                time_page(few_member, reverse(name, args=[few_report.pk]), check=check),
            )
        )
    # The web page and the PDF are made in the background (levelfield/jobs), each warmed
    # up first (WeasyPrint's import and fonts for the PDF).
    html = time_prepared(
        member,
        reverse("reports:export_html", args=[report.pk]),
        check=lambda content: b"Figures from the records" in content,
    )
    rows.append(Row("reports:export_html (background job)", ENTRIES, html.ms, kb=html.size / 1024))
    pdf = time_prepared(
        member,
        reverse("reports:export_pdf", args=[report.pk]),
        check=lambda content: content.startswith(b"%PDF"),
    )
    rows.append(Row("reports:export_pdf (background job)", ENTRIES, pdf.ms, kb=pdf.size / 1024))
    return rows
