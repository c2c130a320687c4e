"""Demo groups: the collective's Allies Group, co-creating a new way of making
decisions, and its Young People's Advisory Group, each with members and time in its
own involvement log (which the members can claim like any other)."""

from __future__ import annotations

import datetime
from typing import Any

from django.utils import timezone

from levelfield.collectives.roles import memberships_of
from levelfield.places.coordinator import coordinator_ask
from levelfield.places.models import Place, PlaceKind
from levelfield.places.services import (
    EntryValues,
    group_create,
    group_join,
    involvement_entry_write,
)
from levelfield.projects.models import ActivityKind

GROUPS = [
    {
        "name": "Allies Group",
        "purpose": (
            "Allies from every background co-creating a new way of making decisions in "
            "the collective, so that nobody's voice counts for less. We meet every "
            "month and bring proposals to the whole collective."
        ),
        "members": ["amara", "gordon", "maggie", "leah", "dev"],
        # Maggie volunteered to organise the monthly meetings.
        "coordinator": "maggie",
        "entries": [
            (
                "Allies Group: how do we decide now?",
                20,
                "We mapped every decision the collective made this year and who made it.",
                {"amara": 2, "gordon": 2, "maggie": 2, "leah": 1.5},
            ),
            (
                "Allies Group: drafting the new way of deciding",
                6,
                "A first draft of decision principles to take to the whole collective.",
                {"amara": 2, "gordon": 2.5, "dev": 2},
            ),
        ],
    },
    {
        "name": "Young People's Advisory Group",
        "purpose": (
            "Young people aged 16 to 25 who advise the collective's projects on what "
            "matters to young people and how to reach them."
        ),
        "members": ["jade", "sam", "priya"],
        # Sam asked Jade to take on the coordinator job; she has not answered yet.
        "asked": ("sam", "jade", "to organise the summer meetings"),
        "entries": [
            (
                "Young People's Advisory Group: reviewing the survey for young carers",
                12,
                "The survey now uses shorter questions and works on a phone.",
                {"jade": 1.5, "sam": 1.5},
            ),
        ],
    },
]


def demo_load(*, collective: Any, people: dict[str, Any]) -> None:
    """The demo's groups, their members and their logs; safe to run again."""
    today = timezone.localdate()
    for spec in GROUPS:
        members = [people[key] for key in spec["members"] if key in people]
        if not members:
            continue
        group = Place.objects.filter(
            collective=collective, kind=PlaceKind.GROUP, group_name=spec["name"]
        ).first()
        if group is None:
            group = group_create(
                collective=collective,
                actor=members[0],
                name=spec["name"],
                purpose=spec["purpose"],
            )
        for person in members[1:]:
            group_join(group=group, person=person)
        _coordinator_job(group, spec, people)
        if group.involvement.exists():
            continue
        for title, days_ago, what_changed, hours in spec["entries"]:
            involvement_entry_write(
                place=group,
                actor=members[0],
                values=EntryValues(
                    title=title,
                    happened_on=today - datetime.timedelta(days=days_ago),
                    kind=ActivityKind.MEETING,
                    description="A group meeting, online and in the library.",
                    what_changed=what_changed,
                ),
                participants={
                    people[key].pk: round(number * 60)
                    for key, number in hours.items()
                    if key in people
                },
            )


def _coordinator_job(group: Place, spec: dict[str, Any], people: dict[str, Any]) -> None:
    """Who holds the group's coordinator job, or was asked to (asking again, or someone
    who holds it already, changes nothing)."""
    asks = []
    if spec.get("coordinator") in people:
        holder = people[spec["coordinator"]]
        asks.append((holder, holder, ""))
    if "asked" in spec and all(key in people for key in spec["asked"][:2]):
        asker, asked, reason = spec["asked"]
        asks.append((people[asker], people[asked], reason))
    for asker, asked, reason in asks:
        membership = memberships_of(group).get(person=asked)
        coordinator_ask(membership=membership, asked_by=asker, reason=reason)
