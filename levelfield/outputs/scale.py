"""Outputs for `manage.py seed_scale`: 3,000 outputs in the big project at the large
size, each with four contributors (members and named people without accounts) and two
CRediT roles each, bulk-inserted as the services write them."""

from __future__ import annotations

import datetime
import random

from levelfield.lib.scale import batches, scaled
from levelfield.outputs.credit import Degree, Role
from levelfield.outputs.models import Contributor, Credit, Kind, Output
from levelfield.places.models import PlaceMembership
from levelfield.projects.scale import big_project

OUTPUTS = 3_000
PER_OUTPUT = 4
WORDS = ["young", "people", "voices", "care", "first", "appointment", "peer", "research"]


def scale_seed(*, size: str, rng: random.Random) -> None:
    project = big_project()
    place = project.place
    members = list(
        PlaceMembership.objects.of_project(project)
        .select_related("person")
        .order_by("person_id")[:200]
    )
    kinds = [kind.value for kind in Kind]
    roles = [role.value for role in Role]
    degrees = ["", *[degree.value for degree in Degree]]
    start = datetime.date(2020, 1, 1)
    count = scaled(size, OUTPUTS, least=10)
    for chunk in batches(
        Output(
            place=place,
            kind=rng.choice(kinds),
            title=" ".join(rng.choice(WORDS) for _ in range(8)).capitalize(),
            date=start + datetime.timedelta(days=rng.randrange(2_500)),
            venue="Research Involvement and Engagement",
            doi=f"10.5555/scale.{number}",
            show_publicly=rng.random() < 0.3,
        )
        for number in range(count)
    ):
        Output.objects.bulk_create(chunk)
    output_ids = list(Output.objects.in_place(place).values_list("pk", flat=True))

    def contributors() -> object:
        for output_id in output_ids:
            for position in range(1, PER_OUTPUT + 1):
                membership = rng.choice(members) if members and position % 2 else None
                yield Contributor(
                    output_id=output_id,
                    position=position,
                    person=membership.person if membership else None,
                    name=membership.person.name if membership else f"Named person {position}",
                )

    for chunk in batches(contributors()):
        # A member is credited once per output: drop a repeat within the same output.
        seen: set[tuple[int, int]] = set()
        rows = []
        for row in chunk:
            key = (row.output_id, row.person_id)
            if row.person_id is not None and key in seen:
                row.person = None
            seen.add(key)
            rows.append(row)
        Contributor.objects.bulk_create(rows)
    contributor_ids = Contributor.objects.filter(output__place=place).values_list("pk", flat=True)
    for chunk in batches(
        Credit(contributor_id=contributor_id, role=role, degree=rng.choice(degrees))
        for contributor_id in contributor_ids.iterator()
        for role in rng.sample(roles, 2)
    ):
        Credit.objects.bulk_create(chunk)
