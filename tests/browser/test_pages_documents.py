"""Every page of the documents app under axe-core, and every form sent empty showing the
GOV.UK error summary with links that lead to their fields."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import Page, expect

from levelfield.collectives.tests.factories import CollectiveFactory, CollectiveMembershipFactory
from levelfield.decisions import services as decision_services
from levelfield.documents import services
from levelfield.documents import views as document_views
from levelfield.documents.models import WhoMayTakePart
from levelfield.documents.tests.factories import document_make, paragraph_of
from levelfield.people.models import PerspectiveKind
from levelfield.people.tests.factories import PerspectiveFactory, UserFactory
from levelfield.places.access import collective_place
from levelfield.places.services import group_create
from levelfield.projects.tests.factories import ProjectFactory, ProjectMembershipFactory

pytestmark = pytest.mark.django_db(transaction=True)


def _world() -> dict:
    collective = CollectiveFactory(name="Riverside Collective", slug="riverside")
    author = UserFactory(display_name="Amara")
    people = [UserFactory(display_name=f"Member {n}") for n in range(6)]
    for person in [author, *people]:
        CollectiveMembershipFactory(collective=collective, person=person)
    for person in people[:5]:
        PerspectiveFactory(person=person, kind=PerspectiveKind.CARER)
    project = ProjectFactory(collective=collective, title="Life after stroke")
    ProjectMembershipFactory(project=project, person=author)
    draft = document_make(
        collective=collective,
        author=author,
        who_may_take_part=WhoMayTakePart.ANYONE_WITH_LINK,
    )
    rates, receipts = paragraph_of(draft, 2), paragraph_of(draft, 6)
    first = services.comment_add(paragraph=rates, author=people[0], text="Is £25 enough?")
    services.comment_add(paragraph=rates, author=people[1], text="Yes.", reply_to=first)
    for person in people:
        services.comment_add(paragraph=rates, author=person, text="I agree with this.")
    services.comment_support(comment=first, person=author)
    rude = services.comment_add(paragraph=receipts, author=people[2], text="Rubbish idea")
    services.MODERATION.report(comment=rude, person=author, reason="Unkind")
    hidden = services.comment_add(paragraph=receipts, author=people[3], text="Worse")
    services.MODERATION.moderate(comment=hidden, actor=author, decision="hide", reason="Abusive")
    accepted = services.amendment_propose(
        paragraph=rates, person=people[0], text="We pay £30 an hour.", reason="Costs rose."
    )
    services.amendment_answer(amendment=accepted, actor=author, accept=True, reason="Agreed.")
    declined = services.amendment_propose(
        paragraph=receipts, person=people[1], text="No receipts at all.", reason="Simpler."
    )
    services.amendment_answer(amendment=declined, actor=author, accept=False, reason="Audit.")
    overtaken = services.amendment_propose(
        paragraph=rates, person=people[2], text="We pay £28 an hour.", reason="Middle way."
    )
    services.version_publish(
        document=draft,
        actor=author,
        text=services.draft_with_accepted(draft),
        note="Rates up to £30.",
        based_on=1,
    )
    waiting = services.amendment_propose(
        paragraph=paragraph_of(draft, 5), person=people[3], text="Within 7 days.", reason="Fast."
    )
    services.answer_give(question=draft.questions.get(), person=people[0], text="Mostly.")
    deciding = document_make(collective=collective, author=author, title="Data principles")
    decision = services.adoption_open(
        document=deciding,
        actor=author,
        closes_at=timezone.now() + datetime.timedelta(days=10),
    )
    decision_services.response_submit(
        decision=decision, person=author, payload={"stance": "consent"}
    )
    in_project = services.document_start(
        started_by=author,
        place=project.place,
        title="Plain-English summary",
        purpose="The summary for our funder.",
        text="# Summary\n\nWe will find out what helps people get home well after a stroke.",
        opens_on=timezone.localdate(),
        closes_on=timezone.localdate() + datetime.timedelta(days=7),
    )
    allies = group_create(
        collective=collective, actor=author, name="Allies Group", purpose="A fairer way."
    )
    in_group = document_make(
        place=allies, author=author, title="Our way of making decisions: a first draft"
    )
    return {
        "collective": collective,
        "project": project,
        "allies": allies,
        "in_group": in_group,
        "author": author,
        "reader": UserFactory(display_name="Vee"),
        "draft": draft,
        "deciding": deciding,
        "in_project": in_project,
        "old_paragraph": rates,
        "paragraph": paragraph_of(draft, 2),
        "rude": rude,
        "amendments": [accepted, declined, overtaken, waiting],
    }


def _pages(world: dict) -> list[str]:
    draft = world["draft"].pk
    pages = [
        reverse("documents:place_list", args=[collective_place(world["collective"].pk).pk]),
        reverse("documents:place_create", args=[collective_place(world["collective"].pk).pk]),
        reverse("documents:place_list", args=[world["project"].place.pk]),
        reverse("documents:place_create", args=[world["project"].place.pk]),
        reverse("documents:place_list", args=[world["allies"].pk]),
        reverse("documents:detail", args=[world["in_group"].pk]),
        reverse("documents:detail", args=[draft]),
        reverse("documents:detail", args=[draft]) + "?version=1",
        reverse("documents:detail", args=[world["deciding"].pk]),
        reverse("documents:detail", args=[world["in_project"].pk]),
        reverse("documents:paragraph", args=[draft, world["paragraph"].pk]),
        reverse("documents:paragraph", args=[draft, world["old_paragraph"].pk]),
        reverse("documents:report", args=[draft, world["rude"].pk]),
        reverse("documents:moderate", args=[draft]),
        reverse("documents:answers", args=[draft]),
        reverse("documents:publish", args=[draft]),
        reverse("documents:versions", args=[draft]),
        reverse("documents:compare", args=[draft]),
        reverse("documents:adopt", args=[draft]),
    ]
    pages += [
        reverse("documents:amendment", args=[draft, amendment.pk])
        for amendment in world["amendments"]
    ]
    return pages


def test_every_documents_page_is_accessible(
    live_server: object,
    page: Page,
    sign_in: object,
    axe_check: object,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    world = _world()
    sign_in(world["author"])
    for path in _pages(world):
        page.goto(live_server.url + path)
        expect(page.locator("h1")).to_have_count(1)
        axe_check(page)
    # A long document is read a page at a time, with its contents list: two blocks a
    # page make the demo draft long.
    monkeypatch.setattr(document_views, "BLOCKS_PER_PAGE", 2)
    detail = reverse("documents:detail", args=[world["draft"].pk])
    for path in (detail, detail + "?page=2"):
        page.goto(live_server.url + path)
        expect(page.get_by_role("navigation", name="Pages of the text, at the top")).to_have_count(
            1
        )
        axe_check(page)
    # Someone outside, invited by the link, signed in.
    sign_in(world["reader"])
    page.goto(live_server.url + reverse("documents:join", args=[world["draft"].link_token]))
    axe_check(page)
    page.get_by_role("button", name="Take part").click()
    expect(page.get_by_text("You have joined.")).to_be_visible()
    axe_check(page)


def test_every_documents_form_shows_an_accessible_error_summary_when_sent_empty(
    live_server: object, page: Page, sign_in: object, axe_check: object
) -> None:
    world = _world()
    draft = world["draft"].pk
    waiting = world["amendments"][-1]
    forms = [
        (
            reverse("documents:place_create", args=[collective_place(world["collective"].pk).pk]),
            "form#main-form",
        ),
        (reverse("documents:paragraph", args=[draft, world["paragraph"].pk]), "form#main-form"),
        (
            reverse("documents:paragraph", args=[draft, world["paragraph"].pk]),
            "form[action$='/amend/']",
        ),
        (reverse("documents:report", args=[draft, world["rude"].pk]), "form#main-form"),
        (reverse("documents:moderate", args=[draft]), "form#main-form"),
        (reverse("documents:amendment", args=[draft, waiting.pk]), "form#main-form"),
        (reverse("documents:answers", args=[draft]), "form#main-form"),
        (reverse("documents:publish", args=[draft]), "form#main-form"),
        (reverse("documents:adopt", args=[draft]), "form#main-form"),
    ]
    sign_in(world["author"])
    for path, selector in forms:
        page.goto(live_server.url + path)
        form = page.locator(selector)
        for field in form.locator("input[type=text], textarea").all():
            field.fill("")
        form.locator("button[type=submit], button:not([type])").first.click()
        summary = page.locator(".govuk-error-summary")
        expect(summary).to_be_visible()
        for link in summary.locator("a").all():
            target = link.get_attribute("href")
            assert target.startswith("#")
            assert page.locator(target).count() == 1, f"{path}: {target} is not on the page"
        axe_check(page)
