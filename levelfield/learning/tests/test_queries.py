"""The course, progress and circle pages' query counts do not grow with the learners."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from levelfield.collectives.tests.factories import CollectiveMembershipFactory
from levelfield.learning import services
from levelfield.learning.tests.conftest import LearningWorld
from levelfield.learning.tests.factories import CircleFactory, CircleSessionFactory
from levelfield.people.tests.factories import UserFactory


def _learners(learning_world: LearningWorld, count: int, circle: object, session: object) -> None:
    for n in range(count):
        person = UserFactory()
        CollectiveMembershipFactory(collective=learning_world.collective, person=person)
        enrolment = services.enrolment_create(course=learning_world.course, person=person)
        for page in learning_world.pages[: n % 4]:
            services.page_mark_done(enrolment=enrolment, page=page)
        services.reflection_save(
            enrolment=enrolment,
            module=learning_world.modules[0],
            text="Thoughts",
            shared_with_facilitators=bool(n % 2),
        )
        services.circle_join(circle=circle, person=person)
        services.circle_post_save(session=session, person=person, text="Reflection")


@pytest.mark.parametrize("page", ["course", "progress", "circle", "courses"])
def test_the_same_number_of_queries_with_5_and_20_learners(
    learning_world: LearningWorld, client: object, django_assert_max_num_queries: object, page: str
) -> None:
    circle = CircleFactory(course=learning_world.course)
    session = CircleSessionFactory(circle=circle)
    client.force_login(learning_world.facilitator)
    args = [learning_world.collective.slug, learning_world.course.pk]
    url = {
        "course": reverse("learning:course", args=args),
        "progress": reverse("learning:progress", args=args),
        "circle": reverse("learning:circle", args=[*args, circle.pk]),
        "courses": reverse("learning:courses", args=[learning_world.collective.slug]),
    }[page]
    # Five, not one: the progress table is shown only from the minimum group.
    _learners(learning_world, 5, circle, session)
    client.get(url)  # warm up (session, caches)
    with CaptureQueriesContext(connection) as few:
        assert client.get(url).status_code == 200
    _learners(learning_world, 15, circle, session)
    with django_assert_max_num_queries(len(few)):
        assert client.get(url).status_code == 200


def test_the_facilitators_figures_take_three_queries_and_add_up(
    learning_world: LearningWorld, django_assert_num_queries: object
) -> None:
    """The enrolments once (how many, completed, whose) and the reflections once
    (answered and shared), not a query for each figure."""
    from levelfield.learning import progress

    circle = CircleFactory(course=learning_world.course)
    _learners(learning_world, 5, circle, CircleSessionFactory(circle=circle))
    modules = progress.course_outline(learning_world.course)
    with django_assert_num_queries(3):
        figures = progress.course_progress(learning_world.course, modules)
    assert (figures.enrolled, figures.started, figures.completed) == (5, 5, 1)
    assert [(m.finished, m.shared) for m in figures.modules] == [(2, 2), (1, 0)]
