"""Every page of the reports app under axe-core, and every form sent empty showing the
GOV.UK error summary with links that lead to their fields."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import Page, expect

from levelfield.projects.tests.factories import ProjectFactory, ProjectMembershipFactory
from levelfield.reports import services
from levelfield.reports.models import Kind, Report
from levelfield.reports.tests.factories import YEAR, known_project

pytestmark = pytest.mark.django_db(transaction=True)


def _world() -> dict:
    known = known_project()
    # Outside a test transaction the figures are made as soon as it commits (the test
    # settings run tasks at once); the journey and app tests cover the waiting.
    gripp2 = services.report_start(place=known.project, actor=known.member)
    services.section_edit(
        report=gripp2, actor=known.member, section="aim", text="To shape the study.", based_on=1
    )
    annual = services.report_start(place=known.collective, actor=known.member, year=YEAR)
    version = annual.versions.get()
    now = timezone.now()
    Report.objects.filter(pk=annual.pk).update(
        signed_off_version=version,
        signed_off_at=now,
        published_version=version,
        published_at=now,
        published_by=known.member,
    )
    # A report whose figures are still being prepared (the task has not run).
    waiting_project = ProjectFactory(collective=known.collective, title="Waiting study")
    ProjectMembershipFactory(project=waiting_project, person=known.member)
    waiting = Report.objects.create(
        place=waiting_project.place,
        kind=Kind.GRIPP2,
        title="Waiting study (GRIPP2 short form)",
        generation_requested_at=now,
    )
    return {"known": known, "gripp2": gripp2, "annual": annual, "waiting": waiting}


def _pages(world: dict) -> list[str]:
    known, gripp2, annual = world["known"], world["gripp2"].pk, world["annual"].pk
    return [
        reverse("reports:project_list", args=[known.project.pk]),
        reverse("reports:collective_list", args=[known.collective.slug]),
        reverse("reports:detail", args=[gripp2]),
        reverse("reports:detail", args=[annual]),
        reverse("reports:detail", args=[world["waiting"].pk]),
        reverse("reports:section", args=[gripp2, "aim"]),
        reverse("reports:section", args=[annual, "better"]),
        reverse("reports:versions", args=[gripp2]),
        reverse("reports:version", args=[gripp2, 1]),
        reverse("reports:signoff", args=[gripp2]),
        reverse("reports:version", args=[annual, 1]),
    ]


def test_every_reports_page_is_accessible(
    live_server: object, page: Page, sign_in: object, axe_check: object
) -> None:
    world = _world()
    sign_in(world["known"].member)
    for path in _pages(world):
        page.goto(live_server.url + path)
        expect(page.locator("h1")).to_have_count(1)
        axe_check(page)
    # The public page, for a visitor.
    page.context.clear_cookies()
    page.goto(live_server.url + reverse("reports:public", args=[world["annual"].pk]))
    expect(page.locator("h1")).to_have_count(1)
    axe_check(page)


def test_the_exported_page_is_accessible(
    live_server: object, page: Page, sign_in: object, axe_check: object
) -> None:
    """The downloaded HTML (and so the Word document), opened as a page."""
    world = _world()
    from levelfield.reports import exports
    from levelfield.reports.display import report_view

    report = world["annual"]
    html = exports.report_html(
        report_view(report, report.versions.get()), base_url=live_server.url
    )
    page.set_content(html)
    axe_check(page)


def test_every_reports_form_shows_an_accessible_error_summary_when_sent_empty(
    live_server: object, page: Page, sign_in: object, axe_check: object
) -> None:
    world = _world()
    gripp2 = world["gripp2"].pk
    forms = [
        reverse("reports:collective_list", args=[world["known"].collective.slug]),
        reverse("reports:section", args=[gripp2, "aim"]),
        reverse("reports:signoff", args=[gripp2]),
    ]
    sign_in(world["known"].member)
    for path in forms:
        page.goto(live_server.url + path)
        form = page.locator("form#main-form")
        for field in form.locator("input[type=text], textarea").all():
            field.fill("")
        for select in form.locator("select").all():
            select.select_option("")
        form.locator("button[type=submit], button:not([type])").first.click()
        summary = page.locator(".govuk-error-summary")
        expect(summary).to_be_visible()
        for link in summary.locator("a").all():
            target = link.get_attribute("href")
            assert target.startswith("#")
            assert page.locator(target).count() == 1, f"{path}: {target} is not on the page"
        axe_check(page)
