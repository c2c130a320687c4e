"""Recording involvement in a big place, by keyboard alone: choose who took part (find
someone by name, add everyone who shares a perspective), give the time, save. Both steps
pass axe (WCAG 2.2 AA) and reflow at 320 px, with and without their errors."""

from __future__ import annotations

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect

from levelfield.collectives.tests.factories import CollectiveMembershipFactory
from levelfield.people.models import PerspectiveKind
from levelfield.people.tests.factories import PerspectiveFactory, UserFactory
from levelfield.places import choosing
from levelfield.projects.models import InvolvementEntry
from levelfield.projects.tests.factories import ProjectMembershipFactory
from levelfield.stories.models import Story
from levelfield.tasks.models import Task
from tests.browser.sweep import assert_reflows, send_each_empty, visit_each

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def big_project(world, monkeypatch: pytest.MonkeyPatch):  # noqa: ANN001, ANN201
    """The world's project, treated as a big place (the live server runs in this
    process), with two carers who share their perspective."""
    monkeypatch.setattr(choosing, "SMALL_PLACE", 1)
    for name in ("Carol Carer", "Cass Carer"):
        person = UserFactory(display_name=name)
        ProjectMembershipFactory(project=world.project, person=person)
        PerspectiveFactory(person=person, kind=PerspectiveKind.CARER)
    return world.project_place


def _press(page: Page, locator: object) -> None:
    """Reach a control by keyboard focus and press Enter, as a keyboard user does."""
    locator.focus()
    page.keyboard.press("Enter")


def test_recording_in_a_big_place_by_keyboard_alone(
    live_server: object, page: Page, sign_in: object, axe_check: object, world, big_project
) -> None:  # noqa: ANN001
    sign_in(world.coordinator)
    step_one = reverse("places:log_add", args=[big_project.pk])
    page.goto(live_server.url + step_one)
    expect(page.locator("h1")).to_have_text("Who took part?")
    axe_check(page)

    # Nobody chosen yet: the error says so and leads back to the list.
    _press(page, page.get_by_role("button", name="Continue to time and details"))
    expect(page.locator(".govuk-error-summary")).to_contain_text(
        "Choose at least one person who took part"
    )
    axe_check(page)

    page.locator("#q").focus()
    page.keyboard.type("Mo")
    page.keyboard.press("Enter")
    expect(page.get_by_text("1 person found for “Mo”")).to_be_visible()
    axe_check(page)
    assert_reflows(page)
    _press(page, page.get_by_role("button", name="Add Mo"))
    expect(page.locator("#chosen")).to_have_text("Chosen so far: 1 person")

    page.locator("#perspective").focus()
    page.keyboard.type("Carer")  # a native select jumps to the option typed
    _press(page, page.get_by_role("button", name="Add everyone who shares it"))
    expect(page.locator("#chosen")).to_have_text("Chosen so far: 3 people")
    expect(page.locator("#chosen + ul")).to_contain_text(
        "Everyone who shares the perspective Carer"
    )
    axe_check(page)

    _press(page, page.get_by_role("button", name="Continue to time and details"))
    expect(page.locator("h1")).to_have_text("Time and details")
    axe_check(page)
    assert_reflows(page)
    page.get_by_label("What happened").focus()
    page.keyboard.type("Carers' reading group")
    page.get_by_label("Design", exact=True).focus()
    page.keyboard.press("Space")
    page.get_by_label("Meeting", exact=True).focus()
    page.keyboard.press("Space")
    page.get_by_label("Hours each person spent").focus()
    page.keyboard.type("2")
    page.get_by_label("Hours Mo spent").focus()
    page.keyboard.type("1.5")
    _press(page, page.get_by_role("button", name="Save entry"))

    expect(page.get_by_text("is in the involvement log, with 3 people")).to_be_visible()
    entry = InvolvementEntry.objects.get(title="Carers' reading group")
    assert sorted((p.person.name, p.minutes) for p in entry.participations.all()) == [
        ("Carol Carer", 120),
        ("Cass Carer", 120),
        ("Mo", 90),
    ]


def test_the_details_step_sent_empty_shows_the_error_summary(
    live_server: object, page: Page, sign_in: object, axe_check: object, world, big_project
) -> None:  # noqa: ANN001
    sign_in(world.coordinator)
    page.goto(live_server.url + reverse("places:log_add", args=[big_project.pk]) + "?q=Carol")
    _press(page, page.get_by_role("button", name="Add Carol Carer"))
    expect(page.locator("#chosen")).to_have_text("Chosen so far: 1 person")
    visit_each(
        page,
        live_server,
        axe_check,
        [
            reverse("places:log_add", args=[big_project.pk]),
            reverse("places:log_add", args=[big_project.pk]) + "?q=nobody-by-this-name",
            reverse("places:log_details", args=[big_project.pk]),
        ],
    )
    send_each_empty(
        page,
        live_server,
        lambda person: None,  # already signed in, with the draft in this session
        axe_check,
        [(world.coordinator, reverse("places:log_details", args=[big_project.pk]))],
    )


def test_choosing_who_will_do_a_task_in_a_big_place_by_keyboard_alone(
    live_server: object, page: Page, sign_in: object, axe_check: object, world, big_project
) -> None:  # noqa: ANN001
    """The same finding in every form that names members (places/member_fields.py),
    here who will do a task: type part of a name, press Enter, choose, save."""
    sign_in(world.coordinator)
    new_task = reverse("tasks:place_create", args=[big_project.pk])
    page.goto(live_server.url + new_task)
    page.get_by_label("What needs doing").focus()
    page.keyboard.type("Book the room")
    axe_check(page)

    page.get_by_label("Find a member by name").focus()
    page.keyboard.type("carol")
    page.keyboard.press("Enter")  # sends the form to find, saving nothing
    expect(page.get_by_text("1 member found. Choose from the list, then save.")).to_be_visible()
    expect(page.get_by_label("What needs doing")).to_have_value("Book the room")
    axe_check(page)
    assert_reflows(page)

    page.get_by_label("Carol Carer").focus()
    page.keyboard.press("Space")
    page.get_by_label("Find a member by name").fill("")
    _press(page, page.get_by_role("button", name="Add the task"))
    expect(page.locator("h1")).to_have_text("Book the room")
    assert Task.objects.get(title="Book the room").owner.name == "Carol Carer"

    # Nobody found, and a form sent with a problem elsewhere: both pass axe.
    visit_each(page, live_server, axe_check, [new_task])
    page.goto(live_server.url + new_task)
    page.get_by_label("Find a member by name").fill("nobody-by-this-name")
    page.get_by_role("button", name="Find").click()
    expect(page.get_by_text("No member’s name has “nobody-by-this-name” in it.")).to_be_visible()
    axe_check(page)
    send_each_empty(
        page,
        live_server,
        lambda person: None,
        axe_check,
        [(world.coordinator, new_task)],
    )


def test_choosing_a_storys_co_authors_in_a_big_collective_by_keyboard_alone(
    live_server: object, page: Page, sign_in: object, axe_check: object, world, big_project
) -> None:  # noqa: ANN001
    """Several people at once (checkboxes), starting from nobody chosen."""
    CollectiveMembershipFactory(
        collective=world.collective, person=UserFactory(display_name="Priya Shah")
    )
    sign_in(world.member)
    page.goto(live_server.url + reverse("stories:new", args=[world.collective.slug]))
    expect(page.get_by_text("Nobody is chosen yet.")).to_be_visible()
    axe_check(page)
    assert_reflows(page)

    page.get_by_label("A story", exact=True).check()
    page.get_by_label("Title").fill("Our Cuppa")
    page.get_by_label("Summary").fill("Tea and talk.")
    page.get_by_label("The story").fill("We met.")
    page.get_by_label("Find a member by name").focus()
    page.keyboard.type("priya")
    page.keyboard.press("Enter")
    expect(page.get_by_text("1 member found. Choose from the list, then save.")).to_be_visible()
    axe_check(page)
    page.get_by_label("Priya Shah").focus()
    page.keyboard.press("Space")
    page.get_by_label("Find a member by name").fill("")
    _press(page, page.get_by_role("button", name="Save the draft"))
    expect(page.get_by_text("Your draft is saved.")).to_be_visible()
    story = Story.objects.get(title="Our Cuppa")
    assert [person.name for person in story.co_authors.all()] == ["Priya Shah"]
