"""Every page of a course run as a cohort under axe-core (WCAG 2.2 AA) and the 320 px
reflow check, for a participant and a facilitator, and each cohort form sent empty shows
the GOV.UK error summary."""

from __future__ import annotations

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import Page

from levelfield.collectives.tests.factories import CollectiveFactory, CollectiveMembershipFactory
from levelfield.learning import services
from levelfield.learning.tests.factories import CourseFactory, ModuleFactory, PageFactory
from levelfield.people.tests.factories import UserFactory
from tests.browser.sweep import send_each_empty, visit_each

pytestmark = pytest.mark.django_db(transaction=True)

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _cohort(world: dict, title: str, first: datetime.datetime, weeks: int) -> object:
    return services.cohort_create(
        course=world["course"],
        actor=world["facilitator"],
        title=title,
        ends_on=timezone.localdate(first) + datetime.timedelta(weeks=weeks - 1),
        dates=services.CohortDates(
            first_starts_at=first,
            first_ends_at=first + datetime.timedelta(minutes=90),
            repeat="weekly",
        ),
    )


@pytest.fixture
def world() -> dict:
    collective = CollectiveFactory(name="Riverside Collective", slug="riverside")
    facilitator, learner = UserFactory(display_name="Maggie"), UserFactory(display_name="Dev")
    for person in (facilitator, learner):
        CollectiveMembershipFactory(collective=collective, person=person)
    course = CourseFactory(collective=collective, facilitators=[facilitator])
    PageFactory(module=ModuleFactory(course=course, position=1), position=1)
    world = {"facilitator": facilitator, "learner": learner, "course": course}
    now = timezone.now().replace(minute=0, second=0, microsecond=0)
    cohort = _cohort(world, "Summer run", now + datetime.timedelta(days=3), 4)
    # A cohort whose last day is today, so its evaluation is open.
    ending = _cohort(world, "Spring run", now - datetime.timedelta(weeks=2), 3)
    services.cohort_join(cohort=cohort, person=learner)
    services.cohort_join(cohort=ending, person=learner)
    assignment = services.assignment_save(
        cohort=cohort,
        actor=facilitator,
        title="Who decides?",
        instructions="## Think\n\n- who chose the question?",
        due_on=timezone.localdate() + datetime.timedelta(days=5),
    )
    hand_in = services.hand_in_save(
        assignment=assignment,
        person=learner,
        text="The funder decides.",
        upload=SimpleUploadedFile("map.pdf", PDF),
    )
    services.hand_in_feedback(hand_in=hand_in, actor=facilitator, feedback="Clear. Thank you.")
    return world | {
        "cohort": cohort,
        "ending": ending,
        "assignment": assignment,
        "hand_in": hand_in,
    }


def _url(name: str, world: dict, cohort: str = "cohort", *more: int) -> str:
    course = world["course"]
    return reverse(f"learning:{name}", args=["riverside", course.pk, world[cohort].pk, *more])


def test_every_cohort_page_passes_axe_and_reflows(
    live_server: object, page: Page, sign_in: object, axe_check: object, world: dict
) -> None:
    assignment = world["assignment"].pk
    hand_in = world["hand_in"].pk
    shared = [
        reverse("learning:course", args=["riverside", world["course"].pk]),
        _url("cohort", world),
        _url("assignment", world, "cohort", assignment),
        _url("hand_in_feedback", world, "cohort", assignment, hand_in),
    ]
    sign_in(world["learner"])
    visit_each(
        page,
        live_server,
        axe_check,
        [
            *shared,
            _url("cohort_leave", world),
            _url("hand_in", world, "cohort", assignment),
            _url("evaluation", world, "ending"),
            _url("evaluation", world),
        ],
    )
    sign_in(world["facilitator"])
    visit_each(
        page,
        live_server,
        axe_check,
        [
            *shared,
            reverse("learning:cohort_create", args=["riverside", world["course"].pk]),
            _url("assignment_create", world),
            _url("evaluation_results", world, "ending"),
        ],
    )


def test_every_cohort_form_sent_empty_shows_the_error_summary(
    live_server: object, page: Page, sign_in: object, axe_check: object, world: dict
) -> None:
    assignment = world["assignment"].pk
    send_each_empty(
        page,
        live_server,
        sign_in,
        axe_check,
        [
            (world["learner"], _url("evaluation", world, "ending")),
            (
                world["facilitator"],
                reverse("learning:cohort_create", args=["riverside", world["course"].pk]),
            ),
            (world["facilitator"], _url("assignment_create", world)),
            (
                world["facilitator"],
                _url("hand_in_feedback", world, "cohort", assignment, world["hand_in"].pk),
            ),
        ],
    )
