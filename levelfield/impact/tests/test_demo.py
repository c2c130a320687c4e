"""The demo's two impacts, linked to the demo's outputs and to involvement entries that
say what changed, one published by the coordinator and one waiting; safe to run again."""

from __future__ import annotations

import datetime

import pytest

from levelfield.impact import demo
from levelfield.impact.models import Impact, Status
from levelfield.lib.testing.world import World
from levelfield.outputs import demo as outputs_demo
from levelfield.projects.tests.factories import (
    InvolvementEntryFactory,
    ProjectFactory,
    ProjectMembershipFactory,
)

pytestmark = pytest.mark.django_db


def test_the_demo_has_two_believable_linked_impacts_and_loads_twice(world: World) -> None:
    # The demo finds its project by title, so it is a second project in Riverside with the
    # demo's title. The world's people play the demo's: Cora is Priya (its coordinator,
    # who publishes), Mo is Jade and Cal is Sam.
    project = ProjectFactory(
        collective=world.collective, title=demo.PROJECT_TITLE, created_by=world.coordinator
    )
    people = {"priya": world.coordinator, "jade": world.member, "sam": world.collective_member}
    for key, person in people.items():
        ProjectMembershipFactory(project=project, person=person, is_coordinator=key == "priya")
    for title in ("Priority-setting evening with young people", "Choosing how to collect views"):
        InvolvementEntryFactory(
            project=project,
            title=title,
            happened_on=datetime.date(2026, 1, 1),
            what_changed="The project focuses on the first appointment.",
        )
    outputs_demo.demo_load(collective=world.collective, people=people)
    demo.demo_load(collective=world.collective, people=people)
    demo.demo_load(collective=world.collective, people=people)

    impacts = list(Impact.objects.order_by("happened_on"))
    assert [impact.status for impact in impacts] == [Status.PUBLISHED, Status.DRAFT]
    assert impacts[0].published_by == people["priya"]
    assert [impact.outputs.count() for impact in impacts] == [2, 2]
    assert [impact.entries.exclude(what_changed="").count() for impact in impacts] == [1, 1]
