"""A team with public contributors and professionals, a round and answers to it."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta

import factory
from django.utils import timezone

from levelfield.collectives.models import Collective
from levelfield.collectives.tests.factories import CollectiveMembershipFactory
from levelfield.people.models import PerspectiveKind, User
from levelfield.people.tests.factories import PerspectiveFactory, UserFactory
from levelfield.projects.models import Project
from levelfield.projects.tests.factories import ProjectFactory, ProjectMembershipFactory
from levelfield.reflection import services
from levelfield.reflection.models import (
    CheckInRound,
    Question,
    QuestionSet,
    QuestionSetVersion,
)
from levelfield.reflection.questions import builtin_sets_install


def version_of(key: str = "principles") -> QuestionSetVersion:
    """The newest version of one of Levelfield's sets (installed again if a flushed
    test database lost them)."""
    builtin_sets_install(QuestionSet, QuestionSetVersion, Question)
    return QuestionSetVersion.objects.filter(
        question_set__collective=None, question_set__key=key
    ).order_by("-number")[0]


class RoundFactory(factory.django.DjangoModelFactory):
    """An open round in a project's place (opened an hour ago, closes in 7 days); pass
    `project=` for a given project, or `place=` for any place."""

    class Meta:
        model = CheckInRound
        exclude = ("project",)

    project = factory.SubFactory(ProjectFactory)
    place = factory.LazyAttribute(lambda round_: round_.project.place)
    version = factory.LazyFunction(version_of)
    title = factory.Sequence(lambda n: f"Check-in {n}")
    opens_at = factory.LazyFunction(lambda: timezone.now() - timedelta(hours=1))
    closes_at = factory.LazyFunction(lambda: timezone.now() + timedelta(days=7))


@dataclass
class Team:
    project: Project
    public: list[User]
    professionals: list[User]
    others: list[User] = field(default_factory=list)
    outsider: User | None = None

    @property
    def members(self) -> list[User]:
        return self.public + self.professionals + self.others

    def open_round(self, **values: object) -> CheckInRound:
        now = values.pop("now", timezone.now())
        return services.round_open(
            person=values.pop(
                "person", self.professionals[0] if self.professionals else self.members[0]
            ),
            place=self.project.place,
            version=values.pop("version", version_of()),
            title=values.pop("title", "Autumn check-in"),
            opens_at=values.pop("opens_at", now),
            closes_at=values.pop("closes_at", now + timedelta(days=7)),
            now=now,
        )


def make_team(
    public: int = 5,
    professionals: int = 5,
    others: int = 0,
    *,
    collective: Collective | None = None,
    outsider: User | None = None,
) -> Team:
    """A project whose members share their perspectives: public contributors (lived
    experience), researchers, and people who keep their perspectives to themselves.

    Given a `collective` (the one test world's), the project is a second one in it: the
    anonymity thresholds need five or more members of each perspective, which the world's
    own project does not have. Its `outsider` is then the world's (Olu).
    """
    extra = {"collective": collective} if collective is not None else {}
    project = ProjectFactory(title="Living well with arthritis", **extra)
    groups: dict[str, list[User]] = {"public": [], "professionals": [], "others": []}
    for label, count, kind in (
        ("public", public, PerspectiveKind.LIVED_EXPERIENCE),
        ("professionals", professionals, PerspectiveKind.RESEARCHER),
        ("others", others, None),
    ):
        for number in range(count):
            person = UserFactory(display_name=f"{label.title()}{number}")
            ProjectMembershipFactory(project=project, person=person)
            CollectiveMembershipFactory(collective=project.collective, person=person)
            if kind is not None:
                PerspectiveFactory(person=person, kind=kind)
            groups[label].append(person)
    if outsider is None:
        outsider = UserFactory(display_name="Outsider")
    return Team(project=project, outsider=outsider, **groups)


def answer_all(
    checkin: CheckInRound,
    people: list[User],
    score: int | Callable[[User, Question], int],
    comment: str = "",
    now: datetime | None = None,
) -> None:
    questions = list(Question.objects.filter(version_id=checkin.version_id))
    for person in people:
        services.answers_submit(
            checkin=checkin,
            person=person,
            scores={q.pk: score(person, q) if callable(score) else score for q in questions},
            comments={questions[0].pk: comment.format(name=person.name)} if comment else {},
            now=now,
        )


def close(checkin: CheckInRound) -> CheckInRound:
    services.round_close(checkin=checkin, now=checkin.closes_at + timedelta(minutes=1))
    checkin.refresh_from_db()
    return checkin
