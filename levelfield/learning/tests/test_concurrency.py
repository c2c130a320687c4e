"""Enrolling and finishing under concurrency, on PostgreSQL's real connections."""

from __future__ import annotations

from django.db import transaction

from levelfield.collectives.tests.threads import CONCURRENCY_MARKS, at_once
from levelfield.history.models import Change
from levelfield.learning import services
from levelfield.learning.models import Enrolment
from levelfield.learning.tests.conftest import LearningWorld
from levelfield.learning.tests.conftest import learning_world as learning_world  # noqa: F401 - the fixture

pytestmark = CONCURRENCY_MARKS


def test_enrolling_twice_at_once_enrols_once(learning_world: LearningWorld) -> None:
    results = at_once(
        4,
        lambda n: services.enrolment_create(
            course=learning_world.course, person=learning_world.learner
        ),
    )
    assert not [r for r in results if isinstance(r, Exception)]
    assert Enrolment.objects.filter(person=learning_world.learner).count() == 1
    assert Change.objects.filter(action="learning.enrol").count() == 1


def test_finishing_the_last_step_twice_at_once_completes_once(
    learning_world: LearningWorld,
) -> None:
    enrolment = services.enrolment_create(
        course=learning_world.course, person=learning_world.learner
    )
    for page in learning_world.pages[:-1]:
        services.page_mark_done(enrolment=enrolment, page=page)
    services.reflection_save(
        enrolment=enrolment,
        module=learning_world.modules[0],
        text="Done",
        shared_with_facilitators=False,
    )
    last = learning_world.pages[-1]

    def finish(n: int) -> bool:
        with transaction.atomic():
            return services.page_mark_done(enrolment=enrolment, page=last)

    results = at_once(3, finish)
    assert not [r for r in results if isinstance(r, Exception)], results
    assert results.count(True) == 1
    assert Change.objects.filter(action="learning.complete").count() == 1
