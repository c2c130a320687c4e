from __future__ import annotations

from io import StringIO

import pytest
from django.apps import apps
from django.core.management import call_command

from levelfield.collectives.models import Collective
from levelfield.decisions.models import Decision, Response
from levelfield.history.models import Change
from levelfield.people.models import User
from levelfield.places.models import PlaceMembership
from levelfield.projects.models import InvolvementEntry, Participation, Project
from levelfield.reviews.models import ReviewGroup

pytestmark = pytest.mark.django_db


def _rows_in_every_table() -> dict[str, int]:
    return {model._meta.label: model._default_manager.count() for model in apps.get_models()}


def test_a_newcomer_loads_the_demo_twice_and_gets_the_same_believable_data(demo: None) -> None:
    rows = _rows_in_every_table()
    call_command("load_demo", stdout=StringIO())

    again = _rows_in_every_table()
    made_again = {
        label: (rows[label], again[label]) for label in rows if rows[label] != again[label]
    }
    assert not made_again, f"loading the demo again made rows (before, after): {made_again}"
    first = [
        rows[model._meta.label]
        for model in (
            User,
            Collective,
            PlaceMembership,
            Project,
            InvolvementEntry,
            Participation,
            Change,
            Decision,
            Response,
        )
    ]
    # The 12 in the collective, 2 researchers from outside it (reviews/demo.py) and a
    # newcomer asking to join it (collectives/demo.py).
    assert first[0] == 12 + 2 + 1
    assert PlaceMembership.objects.in_collectives().count() == 12
    # The three research projects; the research partners group is a group of the
    # collective, whose own log holds reviewers' time (reviews/demo.py).
    assert first[3] == 3
    projects = Project.objects.all()
    partners = ReviewGroup.objects.get().place
    assert partners.kind == "group" and partners.memberships.count() == 6
    assert partners.involvement.filter(kind="review").exists()
    stages = set(projects.values_list("stage", flat=True))
    assert len(stages) == 3, "the three projects are at different stages"
    # Three decisions and the Allies Group's question (decisions/demo.py), and the
    # documents demo's adoption of its principles by consent; the reports demo's two
    # sign-offs (reports/demo.py).
    assert first[7] == 5 + 2
    decided = Decision.objects.get(outcome__isnull=False)
    assert decided.closed_at is not None
    assert decided.place.involvement.filter(title__startswith="Decision:").exists()
    allies = Decision.objects.get(place__group_name="Allies Group")
    assert allies.closed_at is None and allies.responses.count() == 4
    for project in projects:
        assert project.place.involvement.exists()
        assert project.place.memberships.filter(coordinator_since__isnull=False).exists()


def test_every_demo_person_can_sign_in_with_the_printed_password(demo: None) -> None:
    person = User.objects.get(email="gordon@demo.levelfield.example")
    assert person.check_password("levelfield-demo")
    assert person.emailaddress_set.get().verified
