"""A project's outputs at data scale: 3,000 outputs with four contributors each and two
CRediT roles per contributor: the list (paged), one output with its credits, and the
CSL-JSON and BibTeX downloads of the place's outputs.

Run by bench/run.py inside a throwaway database. Outputs, contributors and credits are
bulk-inserted (the services, with their history, would measure the set-up). Each page is
also fetched for a project with 5 outputs, so the table shows that the number of queries
does not grow with the data.
"""

from __future__ import annotations

import datetime
import random

from bench_common import Row
from bench_django import time_page, time_prepared
from bench_pages import _row, _shows, people_add
from django.test import Client
from django.urls import reverse

from levelfield.collectives.models import CollectiveKind
from levelfield.collectives.services import collective_create
from levelfield.outputs.credit import Role
from levelfield.outputs.models import Contributor, Credit, Kind, Output
from levelfield.people.models import User
from levelfield.places.models import PlaceMembership
from levelfield.projects.services import project_create

OUTPUTS = 3_000
FEW = 5
PER_OUTPUT = 4
SEED = 20_261_205


def _project_make(prefix: str, size: int, rng: random.Random) -> tuple[User, int, int]:
    people = people_add(prefix, 8, rng)
    founder, *others = people
    collective = collective_create(
        name=f"Bench outputs {prefix}",
        kind=CollectiveKind.COLLECTIVE,
        description="People timing the outputs pages.",
        created_by=founder,
    )
    project = project_create(
        collective=collective,
        created_by=founder,
        title=f"Outputs {prefix}",
        summary="Timing the outputs pages.",
    )
    PlaceMembership.objects.bulk_create(
        PlaceMembership(place=project.place, person=person) for person in others
    )
    place = project.place
    kinds = [kind.value for kind in Kind]
    start = datetime.date(2020, 1, 1)
    outputs = Output.objects.bulk_create(
        Output(
            place=place,
            kind=rng.choice(kinds),
            title=f"Output {number}",
            date=start + datetime.timedelta(days=rng.randrange(2_500)),
            venue="Research Involvement and Engagement",
            doi=f"10.5555/{prefix}.{number}",
        )
        for number in range(size)
    )
    contributors = Contributor.objects.bulk_create(
        Contributor(
            output=output,
            position=position,
            person=others[position] if position < 3 else None,
            name=others[position].name if position < 3 else "Kai Turner",
            perspective="young_person",
        )
        for output in outputs
        for position in range(1, PER_OUTPUT + 1)
    )
    roles = [role.value for role in Role]
    Credit.objects.bulk_create(
        Credit(contributor=contributor, role=role, degree="lead")
        for contributor in contributors
        for role in rng.sample(roles, 2)
    )
    return founder, place.pk, outputs[0].pk


def output_pages() -> list[Row]:
    rng = random.Random(SEED)
    founder, place_pk, output_pk = _project_make("out", OUTPUTS, rng)
    few_founder, few_place, few_output = _project_make("fewout", FEW, rng)
    pages = [
        ("outputs:place_list", "outputs:place_list", place_pk, few_place, "Output "),
        ("outputs:detail", "outputs:detail", output_pk, few_output, "Kai Turner"),
        # The place's exports start a background job: the page that asks for it.
        ("place_csl_json, asking", "outputs:place_csl_json", place_pk, few_place, "Prepare"),
        ("place_bibtex, asking", "outputs:place_bibtex", place_pk, few_place, "Prepare"),
    ]
    client, few_client = Client(), Client()
    client.force_login(founder)
    few_client.force_login(few_founder)
    rows = []
    for label, name, big, small, text in pages:
        rows.append(
            _row(
                label,
                OUTPUTS,
                time_page(client, reverse(name, args=[big]), check=_shows(text)),
                time_page(few_client, reverse(name, args=[small]), check=_shows(text)),
            )
        )
    for name, shows in (("outputs:place_csl_json", b"DOI"), ("outputs:place_bibtex", b"@")):
        made = time_prepared(
            client, reverse(name, args=[place_pk]), check=lambda content, s=shows: s in content
        )
        rows.append(Row(f"{name} (background job)", OUTPUTS, made.ms, kb=made.size / 1024))
    return rows
