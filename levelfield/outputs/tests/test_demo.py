"""The demo: the young people's mental health project's two papers, a lay summary and a
talk, co-authored with public contributors, each with CRediT roles; safe to run again."""

from __future__ import annotations

import pytest

from levelfield.lib.testing.world import World
from levelfield.outputs import demo
from levelfield.outputs.models import Contributor, Credit, Kind, Output, OutputTime
from levelfield.people.models import User
from levelfield.projects.models import InvolvementEntry, Project
from levelfield.projects.tests.factories import ProjectFactory, ProjectMembershipFactory

pytestmark = pytest.mark.django_db


def _demo_project(world: World) -> tuple[Project, dict[str, User]]:
    """The demo finds its project by title, so it is a second project in Riverside with
    the demo's title; the world's people play the demo's: Cora is Priya, Mo is Jade and
    Cal is Sam, all members of it."""
    project = ProjectFactory(
        collective=world.collective, title=demo.PROJECT_TITLE, created_by=world.coordinator
    )
    people = {"priya": world.coordinator, "jade": world.member, "sam": world.collective_member}
    for person in people.values():
        ProjectMembershipFactory(project=project, person=person)
    return project, people


def test_the_demo_has_two_papers_a_lay_summary_and_a_talk_and_loads_twice(world) -> None:
    _project, people = _demo_project(world)
    demo.demo_load(collective=world.collective, people=people)
    demo.demo_load(collective=world.collective, people=people)
    kinds = sorted(Output.objects.values_list("kind", flat=True))
    assert kinds == sorted([Kind.PAPER, Kind.PAPER, Kind.LAY_SUMMARY, Kind.TALK])
    assert Contributor.objects.filter(person=people["jade"]).count() == 4
    assert Contributor.objects.filter(person=None, name="Kai Turner").count() == 3
    assert Credit.objects.count() > 20


def test_the_demo_talk_has_its_speakers_time_in_the_log_once(world) -> None:
    project, people = _demo_project(world)
    demo.demo_load(collective=world.collective, people=people)
    demo.demo_load(collective=world.collective, people=people)
    record = OutputTime.objects.select_related("output", "entry").get()
    assert record.output.kind == Kind.TALK
    assert record.entry.place == project.place
    # Jade's and Priya's time, recorded for Mo and Cora who play them.
    assert dict(record.entry.participations.values_list("person__display_name", "minutes")) == {
        "Mo": 180,
        "Cora": 120,
    }
    assert InvolvementEntry.objects.count() == 1
