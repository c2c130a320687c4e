"""Every priorities page under axe-core, and every form sent empty shows the GOV.UK
error summary whose links lead to fields on the page."""

from __future__ import annotations

import uuid

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect

from levelfield.collectives.tests.factories import CollectiveFactory, CollectiveMembershipFactory
from levelfield.people.tests.factories import UserFactory
from levelfield.priorities import services
from levelfield.priorities.models import SimilarPair, Stage, WorkshopGroup

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def world(db: None) -> dict:
    collective = CollectiveFactory(name="Stroke Voices", slug="stroke-voices")
    member = UserFactory(display_name="Amara")
    CollectiveMembershipFactory(collective=collective, person=member)
    gathering = services.partnership_create(
        collective=collective, actor=member, title="Gathering", scope="Stroke."
    )
    submission, _ = services.survey_submit(
        partnership=gathering,
        token=uuid.uuid4(),
        perspective="carer",
        questions=["Does rest help fatigue?", "Does resting help with fatigue?", "Parking?"],
        consent=True,
    )
    first, second, third = submission.questions.order_by("pk")
    summary = services.summary_create(
        partnership=gathering, actor=member, questions=[first], text="Does rest help?"
    )
    SimilarPair.objects.create(partnership=gathering, first=first, second=second, score=0.8)
    services.question_set_aside(question=third, actor=member, reason="Not research.")
    interim = services.partnership_create(
        collective=collective, actor=member, title="Interim", scope="Stroke."
    )
    q = services.survey_submit(
        partnership=interim,
        token=uuid.uuid4(),
        perspective="patient",
        questions=["Q?"],
        consent=True,
    )[0].questions.get()
    sleep = services.summary_create(
        partnership=interim, actor=member, questions=[q], text="Sleep?"
    )
    services.partnership_stage_set(partnership=interim, actor=member, stage=Stage.INTERIM)
    services.interim_submit(
        partnership=interim, token=uuid.uuid4(), perspective="patient", question_ids=[sleep.pk]
    )
    services.shortlist_make(partnership=interim, actor=member)
    group = WorkshopGroup.objects.create(partnership=interim, name="Oak")
    idea = services.idea_create(
        collective=collective, actor=member, title="Stroke cafés", description="Do they help?"
    )
    return {
        "member": member,
        "collective": collective,
        "gathering": gathering,
        "interim": interim,
        "question": second,
        "summary": summary,
        "group": group,
        "idea": idea,
    }


def _team_pages(world: dict) -> list[str]:
    pk = world["gathering"].pk
    slug = world["collective"].slug
    pages = [
        reverse("priorities:index", args=[slug]),
        reverse("priorities:new", args=[slug]),
        reverse("priorities:ideas", args=[slug]),
        reverse("priorities:idea", args=[world["idea"].pk]),
        reverse("priorities:summary", args=[pk, world["summary"].pk]),
        reverse("priorities:set_aside", args=[pk, world["question"].pk]),
        reverse("priorities:group_ranking", args=[world["interim"].pk, world["group"].pk]),
        reverse("priorities:submissions", args=[pk]) + "?show=all",
    ]
    for name in (
        "partnership",
        "edit",
        "submissions",
        "suggestions",
        "long_list",
        "interim_results",
        "workshop",
        "report",
    ):
        pages.append(reverse(f"priorities:{name}", args=[pk]))
    pages += [
        reverse("priorities:interim_results", args=[world["interim"].pk]),
        reverse("priorities:workshop", args=[world["interim"].pk]),
    ]
    return pages


def _public_pages(world: dict) -> list[str]:
    gathering = world["gathering"].survey_token
    interim = world["interim"].survey_token
    return [
        reverse("priorities:public", args=[gathering]),
        reverse("priorities:survey", args=[gathering]),
        reverse("priorities:thanks", args=[gathering]),
        reverse("priorities:interim", args=[interim]),
        reverse("priorities:interim", args=[gathering]),  # not open: says so
    ]


def test_every_priorities_page_passes_axe(
    live_server: object, page: Page, sign_in: object, axe_check: object, world: dict
) -> None:
    for path in _public_pages(world):
        page.goto(live_server.url + path)
        expect(page.locator("h1")).to_have_count(1)
        axe_check(page)
    sign_in(world["member"])
    for path in _team_pages(world):
        page.goto(live_server.url + path)
        expect(page.locator("h1")).to_have_count(1)
        axe_check(page)


def test_every_priorities_form_shows_an_accessible_error_summary_when_sent_empty(
    live_server: object, page: Page, sign_in: object, axe_check: object, world: dict
) -> None:
    pk = world["gathering"].pk
    slug = world["collective"].slug
    forms = _public_pages(world)[1:2] + _public_pages(world)[3:4]
    sign_in(world["member"])
    forms += [
        reverse("priorities:new", args=[slug]),
        reverse("priorities:edit", args=[pk]),
        reverse("priorities:submissions", args=[pk]),
        reverse("priorities:summary", args=[pk, world["summary"].pk]),
        reverse("priorities:set_aside", args=[pk, world["question"].pk]),
        reverse("priorities:workshop", args=[world["interim"].pk]),
        reverse("priorities:group_ranking", args=[world["interim"].pk, world["group"].pk]),
        reverse("priorities:ideas", args=[slug]),
        reverse("priorities:idea", args=[world["idea"].pk]),
    ]
    for path in forms:
        page.goto(live_server.url + path)
        form = page.locator("form#main-form")
        for field in form.locator("input[type=text], input[type=email], textarea").all():
            if field.is_visible():  # not the honeypot, hidden from everyone
                field.fill("")
        form.locator("button[type=submit], button:not([type])").first.click()
        summary = page.locator(".govuk-error-summary")
        expect(summary).to_be_visible()
        for link in summary.locator("a").all():
            target = link.get_attribute("href")
            assert target.startswith("#")
            assert page.locator(target).count() == 1, f"{path}: {target} is not on the page"
        axe_check(page)
