"""A team's report from start to public page: generated in the background, written
together in versions, signed off by a decision, published by the coordinator."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from levelfield.decisions import services as decision_services
from levelfield.history.models import Change
from levelfield.places.models import PlaceMembership
from levelfield.reports import services
from levelfield.reports.models import Kind, Report
from levelfield.reports.tests.factories import YEAR, known_project

pytestmark = pytest.mark.django_db


def client_for(person) -> Client:
    client = Client()
    client.force_login(person)
    return client


@pytest.fixture
def known():
    return known_project()


def start(known, django_capture_on_commit_callbacks) -> Report:
    client = client_for(known.member)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("reports:start_for_project", args=[known.project.pk]))
    report = Report.objects.get(place__project=known.project)
    assert response.status_code == 302 and response["Location"] == report.get_absolute_url()
    return report


def test_starting_shows_preparing_until_the_background_task_has_run(known):
    client = client_for(known.member)
    # Without running the on-commit task, the page says the figures are being prepared.
    client.post(reverse("reports:start_for_project", args=[known.project.pk]))
    report = Report.objects.get(place__project=known.project)
    assert report.kind == Kind.GRIPP2 and report.is_preparing
    page = client.get(report.get_absolute_url()).content.decode()
    assert "The figures are being prepared" in page and "Check again" in page
    services.report_generate(report=report)
    report.refresh_from_db()
    assert not report.is_preparing
    page = client.get(report.get_absolute_url()).content.decode()
    assert "Being prepared" not in page


def test_the_first_draft_is_written_from_the_records_with_links(
    known, django_capture_on_commit_callbacks
):
    report = start(known, django_capture_on_commit_callbacks)
    version = report.versions.get()
    assert version.number == 1 and version.made_by is None
    methods = version.sections["methods"]
    assert "10 people gave 11.0 hours across 2 activities" in methods
    assert f"/places/{known.project.place.pk}/log/" in methods
    page = client_for(known.member).get(report.get_absolute_url()).content.decode()
    for heading in ("Aim", "Methods", "Results", "Discussion and conclusions", "Reflections"):
        assert f">{heading}" in page
    assert 'id="hours-by-stage-table"' in page and "<svg" in page
    assert "We use the shorter questionnaire." in page
    # Nobody is named in the figures.
    assert known.team.public[0].name not in str(version.figures)


def test_members_write_sections_in_versions_and_the_history_says_who(
    known, django_capture_on_commit_callbacks
):
    report = start(known, django_capture_on_commit_callbacks)
    client = client_for(known.team.public[0])
    url = reverse("reports:section", args=[report.pk, "aim"])
    response = client.post(
        url, {"text": "To shape the questionnaire with patients.", "based_on": 1}
    )
    assert response.status_code == 302
    version = report.versions.get(number=2)
    assert version.sections["aim"] == "To shape the questionnaire with patients."
    assert version.made_by == known.team.public[0] and version.changed_section == "aim"
    assert version.figures == report.versions.get(number=1).figures
    change = Change.objects.get(action="report_section_changed")
    assert change.actor == known.team.public[0]
    assert change.after["text"] == "To shape the questionnaire with patients."
    # Someone still on version 1 is told, and keeps their text.
    response = client_for(known.member).post(url, {"text": "Mine.", "based_on": 1})
    assert response.status_code == 400
    page = response.content.decode()
    assert "Someone saved version 2" in page and "Mine." in page
    assert report.versions.count() == 2
    history = client.get(reverse("reports:versions", args=[report.pk])).content.decode()
    assert "changed “Aim”" in history


def test_an_empty_section_needs_a_tick(known, django_capture_on_commit_callbacks):
    report = start(known, django_capture_on_commit_callbacks)
    url = reverse("reports:section", args=[report.pk, "aim"])
    response = client_for(known.member).post(url, {"text": "", "based_on": 1})
    assert response.status_code == 400 and "govuk-error-summary" in response.content.decode()


def test_regenerating_keeps_the_teams_text_and_refreshes_untouched_drafts(
    known, django_capture_on_commit_callbacks
):
    report = start(known, django_capture_on_commit_callbacks)
    services.section_edit(
        report=report, actor=known.member, section="results", text="Ours.", based_on=1
    )
    known.entries[0].participations.update(minutes=120)
    client = client_for(known.member)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("reports:regenerate", args=[report.pk]))
    latest = report.versions.order_by("-number").first()
    assert latest.number == 3 and latest.note == "Figures updated"
    assert latest.sections["results"] == "Ours."
    assert "10 people gave 21.0 hours" in latest.sections["methods"]
    assert report.versions.get(number=1).figures["involvement"]["hours"] == "11.0"

    # Asking again with nothing changed in the records makes no new version.
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("reports:regenerate", args=[report.pk]))
    assert report.versions.count() == 3
    report.refresh_from_db()
    assert not report.is_preparing


def test_the_team_signs_off_a_version_by_consent_and_the_coordinator_publishes_it(
    known, django_capture_on_commit_callbacks
):
    report = start(known, django_capture_on_commit_callbacks)
    client = client_for(known.member)
    closes_on = timezone.localdate() + datetime.timedelta(days=8)
    response = client.post(
        reverse("reports:signoff", args=[report.pk]),
        {"method": "consent", "closes_on": closes_on.isoformat()},
    )
    report.refresh_from_db()
    decision = report.signoff_decision
    assert response["Location"] == reverse("decisions:detail", args=[decision.pk])
    assert decision.place == known.project.place and report.signoff_version.number == 1
    for person in known.team.members[:3]:
        decision_services.response_submit(
            decision=decision, person=person, payload={"stance": "consent"}
        )
    decision_services.decision_close(
        decision=decision, now=decision.closes_at + datetime.timedelta(minutes=1)
    )
    # Closing signs it off, in the same transaction: nobody records the result.
    report.refresh_from_db()
    assert report.signed_off_version.number == 1 and report.signed_off_at
    assert Change.objects.filter(action="report_signed_off", actor=None).exists()
    # Publishing is the coordinator's recorded duty.
    with pytest.raises(PermissionDenied):
        services.report_publish(report=report, actor=known.member)
    assert client.post(reverse("reports:publish", args=[report.pk])).status_code == 403
    PlaceMembership.objects.of_project(known.project).filter(person=known.member).update(
        coordinator_since=timezone.now()
    )
    # Publishing asks to confirm on its own page first; looking changes nothing.
    confirm = client.get(reverse("reports:publish", args=[report.pk])).content.decode()
    assert "Publish the report on the public pages?" in confirm
    report.refresh_from_db()
    assert not report.is_published
    client.post(reverse("reports:publish", args=[report.pk]))
    report.refresh_from_db()
    assert report.is_published and report.published_by == known.member
    assert list(Report.objects.published_in(known.collective)) == [report]
    assert Change.objects.filter(action="report_published", actor=known.member).exists()
    public = Client().get(reverse("reports:public", args=[report.pk]))
    assert public.status_code == 200 and report.title in public.content.decode()
    # The collective's public home lists it, linking to the public page.
    home = Client().get(reverse("stories:home", args=[known.collective.slug])).content.decode()
    assert f'href="{reverse("reports:public", args=[report.pk])}"' in home
    confirm = client.get(reverse("reports:unpublish", args=[report.pk])).content.decode()
    assert "Take the report off the public pages?" in confirm
    client.post(reverse("reports:unpublish", args=[report.pk]))
    assert Client().get(reverse("reports:public", args=[report.pk])).status_code == 404
    home = Client().get(reverse("stories:home", args=[known.collective.slug])).content.decode()
    assert reverse("reports:public", args=[report.pk]) not in home


def test_an_objection_keeps_the_report_unsigned(known, django_capture_on_commit_callbacks):
    report = start(known, django_capture_on_commit_callbacks)
    decision = services.signoff_open(
        report=report, actor=known.member, closes_at=timezone.now() + datetime.timedelta(days=8)
    )
    decision_services.response_submit(
        decision=decision, person=known.team.public[0], payload={"stance": "object"}, reason="No."
    )
    decision_services.decision_close(
        decision=decision, now=decision.closes_at + datetime.timedelta(minutes=1)
    )
    report.refresh_from_db()
    assert Change.objects.filter(action="report_not_signed_off").exists()
    assert report.signed_off_version is None and report.signoff_decision is None
    PlaceMembership.objects.of_project(known.project).filter(person=known.member).update(
        coordinator_since=timezone.now()
    )
    with pytest.raises(services.ReportError, match="signed-off"):
        services.report_publish(report=report, actor=known.member)


def test_an_annual_report_is_started_for_a_year_by_a_collective_member(
    known, django_capture_on_commit_callbacks
):
    client = client_for(known.member)
    url = reverse("reports:start_for_collective", args=[known.collective.slug])
    response = client.post(url, {})
    assert response.status_code == 400 and "govuk-error-summary" in response.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {"year": YEAR})
    report = Report.objects.get(place=known.collective.own_place, kind=Kind.ANNUAL)
    assert report.year == YEAR and report.versions.count() == 1
    page = client.get(report.get_absolute_url()).content.decode()
    assert "Where we could do better" in page and 'id="projects-by-stage-table"' in page
    # Starting the same year again goes to the same report.
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {"year": YEAR})
    assert Report.objects.filter(kind=Kind.ANNUAL).count() == 1


def test_outsiders_get_nothing(known, django_capture_on_commit_callbacks):
    report = start(known, django_capture_on_commit_callbacks)
    outsider = client_for(known.team.outsider)
    assert outsider.get(report.get_absolute_url()).status_code == 404
    response = outsider.post(
        reverse("reports:section", args=[report.pk, "aim"]), {"text": "x", "based_on": 1}
    )
    assert response.status_code == 404 and report.versions.count() == 1
    assert Client().get(reverse("reports:public", args=[report.pk])).status_code == 404


def test_the_report_page_costs_the_same_queries_with_1_or_20_versions(
    known, django_capture_on_commit_callbacks
):
    report = start(known, django_capture_on_commit_callbacks)
    client = client_for(known.member)
    client.get(report.get_absolute_url())
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def count() -> int:
        # (After the kept body is made: making it reads the version's snapshot once.)
        client.get(report.get_absolute_url())
        with CaptureQueriesContext(connection) as captured:
            assert client.get(report.get_absolute_url()).status_code == 200
            assert client.get(reverse("reports:versions", args=[report.pk])).status_code == 200
        return len(captured)

    before = count()
    for number in range(2, 21):
        services.section_edit(
            report=report,
            actor=known.member,
            section="aim",
            text=f"Aim {number}",
            based_on=number - 1,
        )
    assert count() == before


def test_the_kept_body_shows_a_versions_text_rewritten_in_place(
    known, django_capture_on_commit_callbacks
):
    # Erasure rewrites a version's text where it is, with no new version: the page's
    # kept sections (keyed by a digest of the text and figures) show it at once.
    report = start(known, django_capture_on_commit_callbacks)
    client = client_for(known.member)
    versions = report.versions.all()
    sections = versions.get().sections
    versions.update(sections={**sections, "methods": "Sam Jones ran the workshops."})
    assert "Sam Jones ran" in client.get(report.get_absolute_url()).content.decode()

    versions.update(sections={**sections, "methods": "A former member ran the workshops."})
    page = client.get(report.get_absolute_url()).content.decode()

    assert "Sam Jones ran" not in page
    assert "A former member ran the workshops." in page
