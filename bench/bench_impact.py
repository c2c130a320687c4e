"""A project's impact at data scale: 3,000 impact records, a third published, each
linked to two outputs and three involvement entries: the list (paged, and filtered),
one impact with its links, and an output linked to 600 impacts.

Run by bench/run.py inside a throwaway database. Impacts and their links are
bulk-inserted (the services, with their history, would measure the set-up). Each page
is also fetched for a project with 5 impacts, so the table shows that the number of
queries does not grow with the data.
"""

from __future__ import annotations

import datetime
import random

from bench_common import Row
from bench_django import time_page
from bench_pages import _row, _shows, people_add
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from levelfield.collectives.models import CollectiveKind
from levelfield.collectives.services import collective_create
from levelfield.impact.models import ForWhom, Impact, Kind, Status
from levelfield.outputs.models import Output
from levelfield.people.models import User
from levelfield.places.models import PlaceMembership
from levelfield.projects.models import InvolvementEntry
from levelfield.projects.services import project_create

IMPACTS = 3_000
FEW = 5
OUTPUTS = 10
ENTRIES = 50
SEED = 20_261_205


def _project_make(prefix: str, size: int, rng: random.Random) -> tuple[User, int, int, int]:
    people = people_add(prefix, 6, rng)
    founder, *others = people
    collective = collective_create(
        name=f"Bench impact {prefix}",
        kind=CollectiveKind.COLLECTIVE,
        description="People timing the impact pages.",
        created_by=founder,
    )
    project = project_create(
        collective=collective,
        created_by=founder,
        title=f"Impact {prefix}",
        summary="Timing the impact pages.",
    )
    PlaceMembership.objects.bulk_create(
        PlaceMembership(place=project.place, person=person) for person in others
    )
    place = project.place
    start = datetime.date(2020, 1, 1)
    outputs = Output.objects.bulk_create(
        Output(place=place, kind="paper", title=f"Paper {n}", date=start) for n in range(OUTPUTS)
    )
    entries = InvolvementEntry.objects.bulk_create(
        InvolvementEntry(
            place=place,
            title=f"Meeting {n}",
            happened_on=start + datetime.timedelta(days=n),
            kind="meeting",
            what_changed="The panel changed the wording of the letter.",
        )
        for n in range(ENTRIES)
    )
    whom = [choice.value for choice in ForWhom]
    kinds = [choice.value for choice in Kind]
    now = timezone.now()
    impacts = Impact.objects.bulk_create(
        Impact(
            place=place,
            title=f"Impact {number}",
            what_changed="The clinic rewrote its letter with young people. " * 4,
            for_whom=rng.choice(whom),
            kind=rng.choice(kinds),
            happened_on=start + datetime.timedelta(days=rng.randrange(2_500)),
            evidence="Feedback from the clinic team.",
            status=Status.PUBLISHED if number % 3 == 0 else Status.DRAFT,
            published_at=now if number % 3 == 0 else None,
        )
        for number in range(size)
    )
    Impact.outputs.through.objects.bulk_create(
        Impact.outputs.through(impact=impact, output=output)
        for impact in impacts
        for output in rng.sample(outputs, 2)
    )
    Impact.entries.through.objects.bulk_create(
        Impact.entries.through(impact=impact, involvemententry=entry)
        for impact in impacts
        for entry in rng.sample(entries, 3)
    )
    first = Impact.objects.in_place(place).first()
    return founder, place.pk, first.pk, outputs[0].pk


def impact_pages() -> list[Row]:
    rng = random.Random(SEED)
    founder, place_pk, impact_pk, output_pk = _project_make("imp", IMPACTS, rng)
    few_founder, few_place, few_impact, few_output = _project_make("fewimp", FEW, rng)
    filtered = "?status=published&kind="
    pages = [
        ("impact:place_list", "impact:place_list", place_pk, few_place, "", "Impact "),
        ("impact:place_list (filtered)", "impact:place_list", place_pk, few_place, filtered, ""),
        ("impact:detail", "impact:detail", impact_pk, few_impact, "", "Meeting "),
        ("outputs:detail (linked impacts)", "outputs:detail", output_pk, few_output, "", "Paper"),
    ]
    client, few_client = Client(), Client()
    client.force_login(founder)
    few_client.force_login(few_founder)
    rows = []
    for label, name, big, small, query, text in pages:
        rows.append(
            _row(
                label,
                IMPACTS,
                time_page(client, reverse(name, args=[big]) + query, check=_shows(text)),
                time_page(few_client, reverse(name, args=[small]) + query, check=_shows(text)),
            )
        )
    return rows
