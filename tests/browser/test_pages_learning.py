"""Every learning page under axe-core, for a learner and a facilitator, and every
learning form sent empty shows the GOV.UK error summary."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import Page, expect

from levelfield.collectives.tests.factories import CollectiveFactory, CollectiveMembershipFactory
from levelfield.learning import services
from levelfield.learning.tests.factories import (
    CircleFactory,
    CircleSessionFactory,
    CourseFactory,
    ModuleFactory,
    PageFactory,
)
from levelfield.people.tests.factories import UserFactory

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def world() -> dict:
    collective = CollectiveFactory(name="Riverside Collective", slug="riverside")
    facilitator, learner = UserFactory(display_name="Maggie"), UserFactory(display_name="Dev")
    for person in (facilitator, learner):
        CollectiveMembershipFactory(collective=collective, person=person)
    course = CourseFactory(collective=collective, facilitators=[facilitator])
    first = ModuleFactory(course=course, position=1)
    second = ModuleFactory(
        course=course,
        position=2,
        question="",
        live_session_title="Online session: sharing power",
        live_session_url="https://meet.example.org/power",
        live_session_starts_at=timezone.now(),
    )
    page = PageFactory(
        module=first,
        position=1,
        body=(
            "## Heading\n\n- a list\n- of things\n\n"
            "![The Levelfield logo](/static/levelfield/favicon.svg)"
        ),
        video_url="https://video.example.org/1",
        video_has_captions=True,
        transcript="What the video says.",
    )
    PageFactory(module=second, position=1)
    draft = CourseFactory(collective=collective, facilitators=[facilitator], is_open=False)
    enrolment = services.enrolment_create(course=course, person=learner)
    services.page_mark_done(enrolment=enrolment, page=page)
    services.reflection_save(
        enrolment=enrolment, module=first, text="I learned a lot.", shared_with_facilitators=True
    )
    circle = CircleFactory(course=course, name="Tuesday circle")
    CircleFactory(course=course, name="Thursday circle")
    services.circle_join(circle=circle, person=learner)
    session = CircleSessionFactory(circle=circle, module=first)
    services.circle_post_save(session=session, person=learner, text="It made me think.")
    services.circle_themes_save(session=session, actor=facilitator, themes="Time; trust.")
    return {
        "facilitator": facilitator,
        "learner": learner,
        "course": course,
        "draft": draft,
        "module": first,
        "page": page,
        "circle": circle,
        "session": session,
    }


def _args(world: dict, *more: int) -> list:
    return ["riverside", world["course"].pk, *more]


def test_every_learning_page_passes_axe(
    live_server: object, page: Page, sign_in: object, axe_check: object, world: dict
) -> None:
    course_pages = [
        reverse("learning:courses", args=["riverside"]),
        reverse("learning:course", args=_args(world)),
        reverse("learning:page", args=_args(world, world["page"].pk)),
        reverse("learning:circle", args=_args(world, world["circle"].pk)),
    ]
    learner_pages = [
        *course_pages,
        reverse("learning:reflection", args=_args(world, world["module"].pk)),
        reverse(
            "learning:circle_post", args=_args(world, world["circle"].pk, world["session"].pk)
        ),
    ]
    facilitator_pages = [
        *course_pages,
        reverse("learning:course", args=["riverside", world["draft"].pk]),
        reverse("learning:course_create", args=["riverside"]),
        reverse("learning:course_edit", args=_args(world)),
        reverse("learning:progress", args=_args(world)),
        reverse("learning:module_create", args=_args(world)),
        reverse("learning:module_edit", args=_args(world, world["module"].pk)),
        reverse("learning:page_create", args=_args(world, world["module"].pk)),
        reverse("learning:page_edit", args=_args(world, world["page"].pk)),
        reverse("learning:circle_create", args=_args(world)),
        reverse("learning:session_create", args=_args(world, world["circle"].pk)),
        reverse("learning:themes", args=_args(world, world["circle"].pk, world["session"].pk)),
    ]
    for person, paths in (
        (world["learner"], learner_pages),
        (world["facilitator"], facilitator_pages),
    ):
        sign_in(person)
        for path in paths:
            response = page.goto(live_server.url + path)
            assert response.status == 200, path
            axe_check(page)


def test_every_learning_form_shows_an_accessible_error_summary_when_sent_empty(
    live_server: object, page: Page, sign_in: object, axe_check: object, world: dict
) -> None:
    forms = [
        (world["learner"], reverse("learning:reflection", args=_args(world, world["module"].pk))),
        (
            world["learner"],
            reverse(
                "learning:circle_post", args=_args(world, world["circle"].pk, world["session"].pk)
            ),
        ),
    ] + [
        (world["facilitator"], path)
        for path in [
            reverse("learning:course_create", args=["riverside"]),
            reverse("learning:course_edit", args=_args(world)),
            reverse("learning:module_create", args=_args(world)),
            reverse("learning:page_create", args=_args(world, world["module"].pk)),
            reverse("learning:circle_create", args=_args(world)),
            reverse("learning:session_create", args=_args(world, world["circle"].pk)),
            reverse("learning:themes", args=_args(world, world["circle"].pk, world["session"].pk)),
        ]
    ]
    signed_in = None
    for person, path in forms:
        if person != signed_in:
            sign_in(person)
            signed_in = person
        page.goto(live_server.url + path)
        form = page.locator("form#main-form")
        for field in form.locator("input[type=text], input[type=email], textarea").all():
            field.fill("")
        form.locator("button[type=submit], button:not([type])").first.click()
        summary = page.locator(".govuk-error-summary")
        expect(summary).to_be_visible()
        for link in summary.locator("a").all():
            target = link.get_attribute("href")
            assert target.startswith("#")
            assert page.locator(target).count() == 1, f"{path}: {target} is not on the page"
        axe_check(page)
