"""Demo reports: the GRIPP2 report of the demo's first project, with
its aim written by the team and a sign-off decision open; and the collective's annual
report for this year, signed off by consent and published on the public pages. Made
through the services (figures computed here, not in the background), so the history
reads as if people had done it. Safe to run twice: it does nothing once they exist."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from levelfield.collectives.models import Collective
from levelfield.decisions import services as decision_services
from levelfield.people.models import User
from levelfield.places.models import PlaceMembership
from levelfield.projects.models import Project
from levelfield.reports import services
from levelfield.reports.models import Kind, Report

AIM = (
    "To make sure the questions, materials and findings of the project made sense to "
    "the people they are about, by involving people with lived experience and carers "
    "from the first idea to telling people what we found."
)
SUMMARY = (
    "This year the collective grew, paid people faster and ran its first check-ins. "
    "We also learned where public contributors feel less equal than researchers do, "
    "and what we will change."
)


def demo_load(*, collective: Collective, people: dict[str, User]) -> None:
    if Report.objects.filter(place__collective=collective).exists():
        return
    # The demo's first project ("Getting home well after a stroke") has the fullest record.
    project = Project.objects.filter(collective=collective).order_by("pk").first()
    if project is not None:
        _project_report(project)
    _annual_report(collective)


def _project_report(project: Project) -> None:
    writer = PlaceMembership.objects.of_project(project).select_related("person").first()
    if writer is None:
        return
    report = services.report_start(place=project, actor=writer.person)
    services.report_generate(report=report)
    services.section_edit(report=report, actor=writer.person, section="aim", text=AIM, based_on=1)
    services.signoff_open(
        report=report,
        actor=writer.person,
        closes_at=timezone.now() + timedelta(days=project.collective.minimum_decision_days + 1),
    )


def _annual_report(collective: Collective) -> None:
    memberships = list(PlaceMembership.objects.of_collective(collective).select_related("person"))
    if not memberships:
        return
    coordinator = next((m.person for m in memberships if m.is_coordinator), None)
    writer = memberships[0].person
    now = timezone.now()
    start = now - timedelta(days=collective.minimum_decision_days + 5)
    report = services.report_start(
        place=collective, actor=writer, year=timezone.localdate().year, now=start
    )
    services.report_generate(report=report, now=start)
    services.section_edit(
        report=report, actor=writer, section="summary", text=SUMMARY, based_on=1, now=start
    )
    days = collective.minimum_decision_days + 1
    decision = services.signoff_open(
        report=report, actor=writer, closes_at=start + timedelta(days=days), now=start
    )
    for membership in memberships[:4]:
        decision_services.response_submit(
            decision=decision,
            person=membership.person,
            payload={"stance": "consent"},
            now=start + timedelta(days=1),
        )
    decision_services.decision_close(decision=decision, now=start + timedelta(days=days))
    if coordinator is not None:
        services.report_publish(report=report, actor=coordinator)
    assert Report.objects.filter(pk=report.pk, kind=Kind.ANNUAL).exists()  # noqa: S101 - demo check
