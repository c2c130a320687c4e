"""Every tasks page under axe-core (WCAG 2.2 AA) and the 320 px reflow check, each
tasks form sent empty showing the GOV.UK error summary, and a public contributor's
journey: take on a task for anyone, mark it done with the time it took, find the time in
the involvement log."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import Page, expect

from levelfield.decisions.tests.factories import DecisionFactory
from levelfield.projects.models import Participation, Stage
from levelfield.tasks import services
from levelfield.tasks.services import TaskValues
from tests.browser.sweep import send_each_empty, visit_each

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def tasks(world) -> dict:  # noqa: ANN001
    today = timezone.localdate()
    place = world.project_place

    def add(title: str, **values: object):  # noqa: ANN202
        return services.task_create(
            place=values.pop("place", place),
            actor=values.pop("actor", world.coordinator),
            values=TaskValues(title=title, **values),
        )

    open_task = add(
        "Write the plain-English summary of the interview findings for the newsletter",
        owner=world.member,
        due_on=today - datetime.timedelta(days=2),
        stage=Stage.DISSEMINATION,
        details="One page, with the three main findings and a thank-you.",
    )
    anyone = add("Book the community hall", due_on=today + datetime.timedelta(days=5))
    done = add("Read the transcripts", owner=world.coordinator, stage=Stage.ANALYSIS)
    services.task_done(task=done, actor=world.coordinator, minutes=90)
    dropped = add("Print leaflets", stage=Stage.DOING)
    services.task_drop(task=dropped, actor=world.coordinator, reason="Posters instead.")
    group_task = add("Welcome the new allies", place=world.group, actor=world.member)
    return {
        "open": open_task,
        "anyone": anyone,
        "done": done,
        "dropped": dropped,
        "group": group_task,
        "decision": DecisionFactory(place=place),
    }


def test_every_tasks_page_passes_axe_and_reflows(
    live_server: object, page: Page, sign_in: object, axe_check: object, world, tasks: dict
) -> None:  # noqa: ANN001
    sign_in(world.member)
    place = world.project_place.pk
    task = tasks["open"]
    visit_each(
        page,
        live_server,
        axe_check,
        [
            reverse("tasks:place_list", args=[place]),
            reverse("tasks:place_list", args=[place]) + "?state=all",
            reverse("tasks:place_list", args=[world.group.pk]),
            reverse("tasks:place_create", args=[place]),
            reverse("tasks:place_create", args=[place]) + f"?decision={tasks['decision'].pk}",
            task.get_absolute_url(),
            tasks["done"].get_absolute_url(),
            tasks["dropped"].get_absolute_url(),
            tasks["anyone"].get_absolute_url(),
            reverse("tasks:edit", args=[place, task.pk]),
            reverse("tasks:done", args=[place, task.pk]),
            reverse("tasks:drop", args=[place, task.pk]),
            reverse("tasks:delete", args=[place, task.pk]),
        ],
    )


def test_every_tasks_form_sent_empty_shows_the_error_summary(
    live_server: object, page: Page, sign_in: object, axe_check: object, world, tasks: dict
) -> None:  # noqa: ANN001
    place = world.project_place.pk
    task = tasks["open"]
    send_each_empty(
        page,
        live_server,
        sign_in,
        axe_check,
        [
            (world.member, reverse("tasks:place_create", args=[place])),
            (world.member, reverse("tasks:edit", args=[place, task.pk])),
            (world.member, reverse("tasks:drop", args=[place, task.pk])),
        ],
    )


def test_a_public_contributor_takes_on_a_task_and_records_the_time_it_took(
    live_server: object, page: Page, sign_in: object, world, tasks: dict
) -> None:  # noqa: ANN001
    sign_in(world.member)
    page.goto(live_server.url + tasks["anyone"].get_absolute_url())
    page.get_by_role("button", name="Take it on").click()
    expect(page.get_by_text("You have taken this on.")).to_be_visible()
    page.get_by_role("button", name="Mark it done").click()
    page.get_by_label("Hours").fill("1")
    page.get_by_label("Minutes").fill("45")
    page.get_by_role("button", name="Mark it done").click()
    expect(page.get_by_text("you can claim for it from Payments")).to_be_visible()
    page.get_by_role("link", name="The time recorded in the involvement log").click()
    expect(page.locator("h1")).to_contain_text("Book the community hall")
    assert Participation.objects.get(person=world.member).minutes == 105
