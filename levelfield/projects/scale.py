"""Projects for `manage.py seed_scale`: 2,000 projects and 100,000 involvement entries.

The first project, in the network, is the big one: 10,000 members (the decision page
with 10,000 responses needs them) and a tenth of the entries. The others have a few
members each, drawn from their collective's members. Each entry has two or three
people taking part; in the big project the load benchmark's people (1 to LOAD_PEOPLE)
take part in many entries, so they have time of their own to claim for. Projects are
bulk-inserted with the "created" history row and member rows the service writes.
"""

from __future__ import annotations

import datetime
import random

from django.utils import timezone

from levelfield.collectives.models import Collective
from levelfield.collectives.scale import collectives_in_order
from levelfield.history.models import Change
from levelfield.lib.scale import batches, scaled
from levelfield.people.scale import LOAD_PEOPLE, people_in_order
from levelfield.places.models import Place, PlaceKind, PlaceMembership
from levelfield.places.services import place_members_recount
from levelfield.projects.models import (
    ActivityKind,
    InvolvementEntry,
    Participation,
    Project,
    Stage,
)

PROJECTS = 2_000
BIG_MEMBERS = 10_000
OTHER_MEMBERS = 5
ENTRIES = 100_000
BIG_SHARE = 10  # the big project holds 1 in BIG_SHARE entries
BIG_TITLE = "Scale project: ten thousand members"
TITLES = [
    "Steering group meeting",
    "Interview guide workshop",
    "Reading the participant leaflet",
    "Analysis session",
    "Writing the plain-English summary",
    "Reviewing the funding bid",
]
TOPICS = ["dementia", "mental health", "young carers", "diabetes", "stroke", "loneliness"]


def big_project() -> Project:
    return Project.objects.get(title=BIG_TITLE)


def scale_seed(*, size: str, rng: random.Random) -> None:
    ids = people_in_order()
    collectives = collectives_in_order()
    members_of = {
        collective.pk: list(
            PlaceMembership.objects.of_collective(collective)
            .order_by("person_id")
            .values_list("person_id", flat=True)
        )
        for collective in collectives
    }
    count = scaled(size, PROJECTS, least=len(collectives) + 1)
    _projects_add(collectives, count, ids[0], rng)
    projects = list(Project.objects.filter(title__startswith="Scale ").order_by("pk"))
    big, others = projects[0], projects[1:]
    big_members = ids[: scaled(size, BIG_MEMBERS, least=LOAD_PEOPLE + 10)]
    team = {big.pk: big_members}
    for project in others:
        team[project.pk] = rng.sample(members_of[project.collective_id], OTHER_MEMBERS)
        if ids[0] not in team[project.pk]:
            team[project.pk][0] = ids[0]  # person 0 started it
    now = timezone.now()
    place_ids = dict(Place.objects.filter(project__in=projects).values_list("project_id", "pk"))
    for chunk in batches(
        PlaceMembership(place_id=place_ids[project_id], person_id=person_id)
        for project_id, people in team.items()
        for person_id in people
    ):
        PlaceMembership.objects.bulk_create(chunk)
    place_members_recount(places=Place.objects.filter(pk__in=place_ids.values()))
    PlaceMembership.objects.filter(place_id__in=place_ids.values(), person_id=ids[0]).update(
        coordinator_since=now
    )
    _entries_add(big, others, team, scaled(size, ENTRIES), rng)


def _projects_add(
    collectives: list[Collective], count: int, founder_id: int, rng: random.Random
) -> None:
    def project(number: int) -> Project:
        collective = collectives[0] if number == 0 else collectives[number % len(collectives)]
        return Project(
            collective=collective,
            title=BIG_TITLE if number == 0 else f"Scale project {number}",
            summary="A made-up project for timing Levelfield at scale.",
            topics=", ".join(rng.sample(TOPICS, 2)),
            stage=rng.choice(Stage.values),
            created_by_id=founder_id,
        )

    for chunk in batches(project(number) for number in range(count)):
        Project.objects.bulk_create(chunk)
    for chunk in batches(
        Place(kind=PlaceKind.PROJECT, collective_id=collective_id, project_id=pk)
        for pk, collective_id in Project.objects.filter(place__isnull=True).values_list(
            "pk", "collective_id"
        )
    ):
        Place.objects.bulk_create(chunk)
    for chunk in batches(
        Change(
            actor_id=founder_id,
            project_id=pk,
            collective_id=collective_id,
            subject_type="project",
            subject_id=pk,
            action="created",
            summary=f"Person 0 started the project “{title}”",
        )
        for pk, collective_id, title in Project.objects.filter(title__startswith="Scale ")
        .order_by("pk")
        .values_list("pk", "collective_id", "title")
    ):
        Change.objects.bulk_create(chunk)


def _entries_add(
    big: Project,
    others: list[Project],
    team: dict[int, list[int]],
    count: int,
    rng: random.Random,
) -> None:
    """Entries, a tenth in the big project, then two or three people in each."""
    in_big = count // BIG_SHARE
    today = timezone.localdate()
    project_ids = [big.pk] * in_big + [
        others[number % len(others)].pk for number in range(count - in_big)
    ]
    place_of = dict(
        Place.objects.filter(project_id__in=set(project_ids)).values_list("project_id", "pk")
    )
    for chunk in batches(
        InvolvementEntry(
            place_id=place_of[project_id],
            title=rng.choice(TITLES),
            happened_on=today - datetime.timedelta(days=rng.randrange(1, 900)),
            stage=rng.choice(Stage.values),
            kind=rng.choice(ActivityKind.values),
            what_changed="We changed the wording of two questions." if number % 7 == 0 else "",
            recorded_by_id=team[project_id][0],
        )
        for number, project_id in enumerate(project_ids)
    ):
        InvolvementEntry.objects.bulk_create(chunk)
    load_people = team[big.pk][1 : LOAD_PEOPLE + 1]

    def people_of(number: int, entry_id: int, project_id: int) -> list[int]:
        people = team[project_id]
        chosen = rng.sample(people, min(len(people), rng.choice([2, 3])))
        if project_id == big.pk and load_people:
            # The load benchmark's people each take part in many entries, first place.
            own = load_people[number % len(load_people)]
            chosen = [own] + [person for person in chosen if person != own][:2]
        return chosen

    rows = InvolvementEntry.objects.filter(place__project_id__in=team).values_list(
        "pk", "place__project_id"
    )
    for chunk in batches(
        Participation(entry_id=entry_id, person_id=person_id, minutes=rng.choice([60, 90, 120]))
        for number, (entry_id, project_id) in enumerate(rows.order_by("pk").iterator(5_000))
        for person_id in people_of(number if project_id == big.pk else -1, entry_id, project_id)
    ):
        Participation.objects.bulk_create(chunk)
