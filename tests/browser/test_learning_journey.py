"""A course in a real browser, with axe-core on every page visited.

A member enrols on a two-module course, reads its pages, writes a private reflection
after the first module, carries on where they stopped, finishes, and downloads their
certificate.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from levelfield.collectives.tests.factories import CollectiveFactory, CollectiveMembershipFactory
from levelfield.learning.models import Enrolment, Reflection
from levelfield.learning.tests.factories import CourseFactory, ModuleFactory, PageFactory
from levelfield.people.tests.factories import UserFactory

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_person_completes_a_two_module_course_and_downloads_a_certificate(
    live_server: object, page: Page, sign_in: object, axe_check: object
) -> None:
    collective = CollectiveFactory(name="Riverside Collective", slug="riverside")
    maggie, jade = UserFactory(display_name="Maggie"), UserFactory(display_name="Jade")
    for person in (maggie, jade):
        CollectiveMembershipFactory(collective=collective, person=person)
    course = CourseFactory(
        collective=collective, title="Co-producing research", facilitators=[maggie]
    )
    first = ModuleFactory(
        course=course,
        position=1,
        title="What co-production is",
        question="Where were decisions made in a project you know?",
    )
    second = ModuleFactory(
        course=course,
        position=2,
        title="Paying people fairly",
        question="",
        live_session_title="Online session: paying people",
    )
    PageFactory(module=first, position=1, title="Working as equals")
    PageFactory(module=second, position=1, title="Why we pay")

    sign_in(jade)
    page.goto(f"{live_server.url}/collectives/riverside/")
    page.get_by_role("link", name="Courses and learning circles").click()
    axe_check(page)
    page.get_by_role("link", name="Co-producing research").click()
    axe_check(page)
    # One tap starts the course and opens its first page.
    page.get_by_role("button", name="Start the course").click()
    expect(page.get_by_text("You have started “Co-producing research”.")).to_be_visible()
    expect(page.get_by_role("heading", name="Working as equals")).to_be_visible()
    expect(page.get_by_role("heading", name="Why it matters")).to_be_visible()  # Markdown
    axe_check(page)
    page.get_by_role("button", name="Mark as done and reflect").click()

    expect(page.get_by_role("heading", name="Reflect on the module")).to_be_visible()
    axe_check(page)
    page.get_by_role("button", name="Save my reflection").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Write your reflection")
    axe_check(page)
    page.get_by_label("Your reflection", exact=True).fill("The question was set before I came.")
    page.get_by_role("button", name="Save my reflection").click()
    expect(page.get_by_role("heading", name="Why we pay")).to_be_visible()
    assert not Reflection.objects.get().shared_with_facilitators  # private by default

    # Jade stops here and comes back another day: the course offers to carry on.
    page.goto(f"{live_server.url}/learning/riverside/{course.pk}/")
    expect(page.get_by_text("You have done 2 of 3 steps (67%).")).to_be_visible()
    expect(page.get_by_text("Online session: paying people")).to_be_visible()
    page.get_by_role("link", name="Carry on where you stopped").click()
    expect(page.get_by_role("heading", name="Why we pay")).to_be_visible()
    page.get_by_role("button", name="Mark as done and go on").click()

    expect(page.get_by_text("You have finished the course.")).to_be_visible()
    expect(page.get_by_role("heading", name="You finished this course")).to_be_visible()
    axe_check(page)
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download your certificate (PDF)").click()
    download = download_info.value
    assert download.suggested_filename == "levelfield-certificate.pdf"
    with open(download.path(), "rb") as pdf:
        assert pdf.read(5) == b"%PDF-"
    assert Enrolment.objects.get(person=jade).completed_at is not None
