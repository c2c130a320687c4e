"""Demo partner organisations: a hospital's research centre that hosts the stroke
project, the city council that commissions advice, a national charity at the Cuppa, a
university policy unit we trained, a school of hygiene's workshop series, and a funder,
each with contacts and the work done for them, with income. Made through the services,
so the history reads as if people had done it. Safe to run twice."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

from django.utils import timezone

from levelfield.collectives.models import Collective
from levelfield.events.models import Event
from levelfield.partners import services
from levelfield.partners.models import Organisation
from levelfield.people.models import User
from levelfield.places.access import collective_place
from levelfield.projects.models import Project

STROKE = "Getting home well after a stroke"
CUPPA = "Co-Pro Cuppa"


def _days_ago(days: int) -> datetime.date:
    return timezone.localdate() - datetime.timedelta(days=days)


def _organisations(project: Project | None, event: Event | None) -> list[dict[str, Any]]:
    return [
        {
            "values": {
                "name": "Riverside Teaching Hospitals Research Centre",
                "kind": "health",
                "website": "https://research.riverside-hospitals.example.org",
                "notes": "They host the stroke project's team and lend us rooms on Tuesdays.",
                "active": True,
            },
            "relationships": ["host", "partner"],
            "contacts": [
                {
                    "name": "Dr Helen Marsh",
                    "role": "Research delivery manager",
                    "email": "helen.marsh@riverside-hospitals.example.org",
                    "phone": "0113 496 0101",
                },
                {"person": "amara", "role": "Honorary researcher"},
            ],
            "work": [
                {
                    "kind": "project",
                    "title": "Co-producing the stroke discharge study",
                    "started_on": _days_ago(200),
                    "ended_on": None,
                    "project": project,
                    "income": None,
                    "notes": "The centre's staff and our members share the design.",
                },
            ],
        },
        {
            "values": {
                "name": "Riverside City Council, Adult Social Care",
                "kind": "council",
                "website": "https://www.riverside-council.example.org",
                "notes": "They ask us how to involve people in their care strategy.",
                "active": True,
            },
            "relationships": ["commissioner"],
            "contacts": [
                {
                    "name": "Tom Okoye",
                    "role": "Strategy lead",
                    "email": "tom.okoye@riverside-council.example.org",
                },
            ],
            "work": [
                {
                    "kind": "advice",
                    "title": "Advice on involving carers in the care strategy",
                    "started_on": _days_ago(150),
                    "ended_on": _days_ago(120),
                    "project": None,
                    "income": Decimal("1800.00"),
                    "notes": "",
                },
            ],
        },
        {
            "values": {
                "name": "Carers Together (national charity)",
                "kind": "charity",
                "website": "https://www.carers-together.example.org",
                "notes": "Their local officer comes to the Cuppa to meet carers.",
                "active": True,
            },
            "relationships": ["charity", "partner"],
            "contacts": [
                {
                    "name": "Priya Shah",
                    "role": "Regional engagement officer",
                    "phone": "0300 000 0000",
                },
            ],
            "work": [
                {
                    "kind": "event",
                    "title": "A carers' corner at the Cuppa",
                    "started_on": _days_ago(60),
                    "ended_on": None,
                    "event": event,
                    "income": None,
                    "notes": "",
                },
            ],
        },
        {
            "values": {
                "name": "Northfield University Health Policy Unit",
                "kind": "university",
                "website": "https://www.northfield.example.ac.uk/policy-unit",
                "notes": "",
                "active": True,
            },
            "relationships": ["commissioner"],
            "contacts": [
                {
                    "name": "Prof. Alan Reid",
                    "role": "Director",
                    "email": "a.reid@northfield.example.ac.uk",
                },
            ],
            "work": [
                {
                    "kind": "training",
                    "title": "Co-production training for the unit's researchers",
                    "started_on": _days_ago(90),
                    "ended_on": _days_ago(89),
                    "project": None,
                    "income": Decimal("2400.00"),
                    "notes": "Two days, 18 researchers, run by "
                    "four of our members with lived experience.",
                },
            ],
        },
        {
            "values": {
                "name": "Riverside School of Hygiene and Public Health",
                "kind": "university",
                "website": "https://www.rsh.example.ac.uk",
                "notes": "",
                "active": True,
            },
            "relationships": ["commissioner", "partner"],
            "contacts": [
                {
                    "name": "Dr Grace Lin",
                    "role": "Course organiser",
                    "email": "grace.lin@rsh.example.ac.uk",
                },
            ],
            "work": [
                {
                    "kind": "workshops",
                    "title": "Public involvement workshop series for MSc students",
                    "started_on": _days_ago(240),
                    "ended_on": _days_ago(30),
                    "project": None,
                    "income": Decimal("4500.00"),
                    "notes": "Six workshops over two terms.",
                },
            ],
        },
        {
            "values": {
                "name": "Community Health Research Fund",
                "kind": "funder",
                "website": "https://www.chrf.example.org",
                "notes": "We catch up with the grants officer each quarter.",
                "active": True,
            },
            "relationships": ["funder"],
            "contacts": [
                {
                    "name": "Sam Whitfield",
                    "role": "Grants officer",
                    "email": "sam.whitfield@chrf.example.org",
                },
            ],
            "work": [
                {
                    "kind": "project",
                    "title": "Grant for the stroke discharge study",
                    "started_on": _days_ago(210),
                    "ended_on": None,
                    "project": project,
                    "income": Decimal("25000.00"),
                    "notes": "Covers payments to public contributors.",
                },
                {
                    "kind": "other",
                    "title": "Quarterly catch-up with the fund",
                    "started_on": _days_ago(20),
                    "ended_on": None,
                    "project": None,
                    "income": None,
                    "notes": "",
                },
            ],
        },
    ]


def demo_load(*, collective: Collective, people: dict[str, User]) -> None:
    place = collective_place(collective.pk)
    if Organisation.objects.in_place(place).exists():
        return
    actor = people["amara"]
    project = Project.objects.filter(collective=collective, title=STROKE).first()
    event = (
        Event.objects.in_place(place)
        .filter(title=CUPPA, starts_at__lte=timezone.now())
        .order_by("-starts_at")
        .first()
    )
    for spec in _organisations(project, event):
        organisation = services.organisation_create(
            place=place, actor=actor, values=spec["values"], relationships=spec["relationships"]
        )
        organisation.place = place
        for contact in spec["contacts"]:
            values = dict(contact)
            if "person" in values:
                values["person"] = people.get(values["person"])
                if values["person"] is None:
                    continue
            services.contact_add(organisation=organisation, actor=actor, values=values)
        for work in spec["work"]:
            services.work_add(organisation=organisation, actor=actor, values=work)
