from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

import factory
from django.utils import timezone

from levelfield.decisions import services
from levelfield.decisions.models import Decision, Method, Option
from levelfield.people.models import PerspectiveKind, Visibility
from levelfield.people.tests.factories import PerspectiveFactory, UserFactory
from levelfield.projects.tests.factories import ProjectFactory, ProjectMembershipFactory


class DecisionFactory(factory.django.DjangoModelFactory):
    """An open decision in a new project's place (voting opened an hour ago, closes in 8
    days); pass `place=` for another place."""

    class Meta:
        model = Decision

    place = factory.LazyFunction(lambda: ProjectFactory().place)
    method = Method.PROPOSAL
    title = factory.Sequence(lambda n: f"Should we try idea {n}?")
    background = "We talked about this at the last meeting."
    opens_at = factory.LazyFunction(lambda: timezone.now() - timedelta(hours=1))
    closes_at = factory.LazyFunction(lambda: timezone.now() + timedelta(days=8))


class OptionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Option

    decision = factory.SubFactory(DecisionFactory)
    label = factory.Sequence(lambda n: f"Option {n}")
    position = factory.Sequence(lambda n: n)


@dataclass
class Team:
    project: Any
    members: list[Any]
    outsider: Any

    @property
    def place(self) -> Any:
        return self.project.place

    @property
    def starter(self) -> Any:
        return self.members[0]

    def start(self, method: str = Method.PROPOSAL, **values: Any) -> Decision:
        """Start a decision in the project, open now and closing in 8 days."""
        now = values.pop("now", timezone.now())
        values.setdefault("title", "Should we meet online in winter?")
        values.setdefault("background", "Travel is hard in the dark evenings.")
        values.setdefault("closes_at", now + timedelta(days=8))
        if method not in (Method.PROPOSAL, Method.CONSENT, Method.GRADIENTS, Method.TIME_POLL):
            values.setdefault("options", ["Tea", "Coffee", "Juice"])
        return services.decision_create(
            created_by=values.pop("created_by", self.starter),
            place=values.pop("place", self.project.place),
            method=method,
            now=now,
            **values,
        )


def make_team(
    size: int = 4, *, researchers: int = 2, collective: Any = None, outsider: Any = None
) -> Team:
    """A project whose first `researchers` members are researchers and the rest have lived
    experience; all share their perspectives with their teams.

    Given a `collective` (the one test world's), the project is a second one in it, so the
    decisions' own member counts stay as the tests set them.
    """
    extra = {"collective": collective} if collective is not None else {}
    project = ProjectFactory(title="Living well with arthritis", **extra)
    members = []
    for number in range(size):
        person = UserFactory(display_name=f"Member{number}")
        ProjectMembershipFactory(project=project, person=person)
        kind = (
            PerspectiveKind.RESEARCHER
            if number < researchers
            else PerspectiveKind.LIVED_EXPERIENCE
        )
        PerspectiveFactory(person=person, kind=kind)
        members.append(person)
    if outsider is None:
        outsider = UserFactory(display_name="Outsider")
    return Team(project=project, members=members, outsider=outsider)


def later(decision: Decision, **delta: float) -> datetime:
    """A moment after the decision's closing time."""
    return decision.closes_at + timedelta(**(delta or {"minutes": 1}))


def hide_perspectives(person: Any) -> None:
    person.perspectives_visibility = Visibility.ONLY_ME
    person.save(update_fields=["perspectives_visibility"])
