"""The demo's three projects, for `load_demo`: members, coordinators and involvement."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.utils import timezone

from levelfield.collectives.models import Collective
from levelfield.history.services import change_record
from levelfield.lib.manifests import DemoWorld
from levelfield.people.models import User
from levelfield.places.models import PlaceMembership
from levelfield.places.services import (
    EntryValues,
    involvement_entry_write,
    place_for_project_create,
    place_members_counted,
)
from levelfield.projects.models import (
    ActivityKind,
    Project,
    Stage,
)


@dataclass(frozen=True)
class DemoEntry:
    days_ago: int
    title: str
    stage: str
    kind: str
    what_changed: str
    hours: dict[str, float]
    description: str = ""


PROJECTS = [
    {
        "title": "Getting home well after a stroke",
        "summary": (
            "What helps people settle back at home in the first three months after leaving "
            "hospital with a stroke, and what gets in the way, told by stroke survivors, their "
            "families and the staff who support them."
        ),
        "topics": "stroke, rehabilitation, carers",
        "stage": Stage.DOING,
        "members": ["amara", "maggie", "tomasz", "gordon", "dev", "leah"],
        "coordinators": ["amara"],
        "entries": [
            DemoEntry(
                240,
                "First ideas workshop at the stroke club",
                Stage.IDENTIFYING,
                ActivityKind.WORKSHOP,
                "The question moved from 'hospital discharge' to 'the first three months at "
                "home', because survivors said that is when they felt most alone.",
                {"amara": 3, "maggie": 3, "gordon": 3, "tomasz": 2},
            ),
            DemoEntry(
                180,
                "Designing the interview guide together",
                Stage.DESIGN,
                ActivityKind.MEETING,
                "We added questions about carers' own health and removed medical jargon.",
                {"amara": 2, "maggie": 2, "gordon": 2, "dev": 2},
            ),
            DemoEntry(
                150,
                "Reviewing the funding application's plain-English summary",
                Stage.FUNDING,
                ActivityKind.REVIEW,
                "The summary was rewritten in shorter sentences; the funder's panel praised it.",
                {"gordon": 1.5, "maggie": 1, "leah": 1},
            ),
            DemoEntry(
                110,
                "Ethics committee questions answered with public members",
                Stage.ETHICS,
                ActivityKind.WRITING,
                "Consent forms now come in an easy-read version and an audio version.",
                {"amara": 3, "dev": 1.5, "gordon": 1},
            ),
            DemoEntry(
                30,
                "Peer interviewers' training day",
                Stage.DOING,
                ActivityKind.WORKSHOP,
                "Gordon and Maggie now lead half the interviews as peer interviewers.",
                {"amara": 6, "gordon": 6, "maggie": 6, "tomasz": 3},
            ),
        ],
    },
    {
        "title": "Young people's voices in mental health services",
        "summary": (
            "Young people aged 16 to 25 and the staff who work with them decide together what a "
            "good first appointment with a community mental health team looks like."
        ),
        "topics": "mental health, young people",
        "stage": Stage.DESIGN,
        "members": ["priya", "jade", "sam", "ade", "leah"],
        "coordinators": ["priya"],
        "entries": [
            DemoEntry(
                60,
                "Priority-setting evening with young people",
                Stage.IDENTIFYING,
                ActivityKind.WORKSHOP,
                "Waiting times came second; 'being believed first time' came first, so the "
                "project focuses on the first appointment.",
                {"priya": 3, "jade": 3, "ade": 2, "leah": 2},
            ),
            DemoEntry(
                20,
                "Choosing how to collect views",
                Stage.DESIGN,
                ActivityKind.MEETING,
                "The team chose short video diaries alongside a survey, at Jade's suggestion.",
                {"priya": 1.5, "jade": 1.5, "sam": 1.5},
            ),
        ],
    },
    {
        "title": "Living with long COVID: sharing what we found",
        "summary": (
            "A finished study of fatigue after COVID-19, now sharing its findings with patients, "
            "GPs and employers in ways each of them can use."
        ),
        "topics": "long COVID, fatigue, work",
        "stage": Stage.DISSEMINATION,
        "members": ["helen", "ruth", "sam", "amara", "dev"],
        "coordinators": ["helen"],
        "entries": [
            DemoEntry(
                300,
                "Making sense of the interviews together",
                Stage.ANALYSIS,
                ActivityKind.ANALYSIS,
                "Ruth spotted that 'good days' were being counted as recovery; we added a "
                "theme about boom and bust.",
                {"helen": 4, "ruth": 3, "sam": 2},
            ),
            DemoEntry(
                90,
                "Writing the patient summary",
                Stage.DISSEMINATION,
                ActivityKind.WRITING,
                "The summary leads with practical tips, not statistics, because Ruth and Dev "
                "said that is what people ask first.",
                {"ruth": 2.5, "dev": 1, "helen": 2},
            ),
            DemoEntry(
                14,
                "Talk at the GP practice managers' meeting",
                Stage.DISSEMINATION,
                ActivityKind.OTHER,
                "Two practices asked for the leaflet for their waiting rooms.",
                {"ruth": 2, "helen": 2},
            ),
        ],
    },
]


def demo_world(world: DemoWorld) -> None:
    for spec in PROJECTS:
        _project(spec, world.collective, world.people)


def _project(spec: dict, collective: Collective, people: dict[str, User]) -> None:
    first = people[spec["members"][0]]
    project, created = Project.objects.get_or_create(
        collective=collective,
        title=spec["title"],
        defaults={
            "summary": spec["summary"],
            "topics": spec["topics"],
            "stage": spec["stage"],
            "created_by": first,
        },
    )
    if created:
        place_for_project_create(project=project)
        change_record(
            actor=first,
            action="created",
            summary=f"{first.name} started the project",
            subject=project,
            project=project,
            after={"title": project.title, "stage": project.get_stage_display()},
        )
    for key in spec["members"]:
        _, joined = PlaceMembership.objects.get_or_create(
            place=project.place,
            person=people[key],
            defaults={
                "coordinator_since": timezone.now() if key in spec["coordinators"] else None
            },
        )
        if joined:
            place_members_counted(place_id=project.place.pk, change=1)
            change_record(
                actor=people[key],
                action="joined",
                summary=f"{people[key].name} joined the project",
                subject_type="placemembership",
                project=project,
            )
    if project.place.involvement.exists():
        return
    today = timezone.localdate()
    for entry_spec in spec["entries"]:
        involvement_entry_write(
            place=project.place,
            actor=first,
            values=EntryValues(
                title=entry_spec.title,
                description=entry_spec.description,
                happened_on=today - datetime.timedelta(days=entry_spec.days_ago),
                stage=entry_spec.stage,
                kind=entry_spec.kind,
                what_changed=entry_spec.what_changed,
            ),
            participants={
                people[key].pk: round(hours * 60) for key, hours in entry_spec.hours.items()
            },
        )
