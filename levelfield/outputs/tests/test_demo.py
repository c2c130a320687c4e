"""The demo: the young people's mental health project's two papers, a lay summary and a
talk, co-authored with public contributors, each with CRediT roles; safe to run again."""

from __future__ import annotations

import pytest

from levelfield.collectives.tests.factories import CollectiveFactory
from levelfield.outputs import demo
from levelfield.outputs.models import Contributor, Credit, Kind, Output, OutputTime
from levelfield.people.tests.factories import UserFactory
from levelfield.projects.models import InvolvementEntry
from levelfield.projects.tests.factories import ProjectFactory, ProjectMembershipFactory

pytestmark = pytest.mark.django_db


def test_the_demo_has_two_papers_a_lay_summary_and_a_talk_and_loads_twice() -> None:
    collective = CollectiveFactory()
    project = ProjectFactory(collective=collective, title=demo.PROJECT_TITLE)
    people = {key: UserFactory(display_name=key.title()) for key in ("priya", "jade", "sam")}
    for person in people.values():
        ProjectMembershipFactory(project=project, person=person)
    demo.demo_load(collective=collective, people=people)
    demo.demo_load(collective=collective, people=people)
    kinds = sorted(Output.objects.values_list("kind", flat=True))
    assert kinds == sorted([Kind.PAPER, Kind.PAPER, Kind.LAY_SUMMARY, Kind.TALK])
    assert Contributor.objects.filter(person=people["jade"]).count() == 4
    assert Contributor.objects.filter(person=None, name="Kai Turner").count() == 3
    assert Credit.objects.count() > 20


def test_the_demo_talk_has_its_speakers_time_in_the_log_once() -> None:
    collective = CollectiveFactory()
    project = ProjectFactory(collective=collective, title=demo.PROJECT_TITLE)
    people = {key: UserFactory(display_name=key.title()) for key in ("priya", "jade", "sam")}
    for person in people.values():
        ProjectMembershipFactory(project=project, person=person)
    demo.demo_load(collective=collective, people=people)
    demo.demo_load(collective=collective, people=people)
    record = OutputTime.objects.select_related("output", "entry").get()
    assert record.output.kind == Kind.TALK
    assert record.entry.place == project.place
    assert dict(record.entry.participations.values_list("person__display_name", "minutes")) == {
        "Jade": 180,
        "Priya": 120,
    }
    assert InvolvementEntry.objects.count() == 1
