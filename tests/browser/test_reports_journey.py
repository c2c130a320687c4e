"""A project team reports its public involvement in a real browser, with axe-core on
every page: it starts the GRIPP2 report (drafted from its records), writes the aim,
asks everyone to sign it off, records the decision and downloads the PDF."""

from __future__ import annotations

import datetime
import re

import pytest
from playwright.sync_api import Page, expect

from levelfield.decisions import services as decision_services
from levelfield.reports.models import Report
from levelfield.reports.tests.factories import known_project

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_team_generates_edits_signs_off_and_exports_its_gripp2_report(
    live_server: object, page: Page, sign_in: object, axe_check: object
) -> None:
    known = known_project()
    sign_in(known.member)
    page.goto(f"{live_server.url}/projects/{known.project.pk}/")
    page.get_by_role("link", name="Report our public involvement (GRIPP2)").click()
    axe_check(page)
    page.get_by_role("button", name="Start the GRIPP2 report").click()

    # The first draft, from the records, with its charts and where each sentence came from.
    expect(page.get_by_role("heading", name="Methods", exact=True)).to_be_visible()
    expect(page.get_by_text("10 people gave 11.0 hours across 2 activities").first).to_be_visible()
    expect(page.locator("#hours-by-stage-table")).to_be_visible()
    axe_check(page)

    # A member writes the aim: a new version.
    page.get_by_role("link", name="Change “Aim”").click()
    page.get_by_label("The text").fill("To shape the questionnaire with the people it is for.")
    page.get_by_role("button", name="Save as a new version").click()
    expect(page.get_by_text("“Aim” is saved as a new version.")).to_be_visible()
    expect(
        page.get_by_text("To shape the questionnaire with the people it is for.")
    ).to_be_visible()
    axe_check(page)

    # Everyone is asked to sign off version 2 by consent.
    page.get_by_role("link", name="Ask everyone to sign off version 2").click()
    axe_check(page)
    closes = datetime.date.today() + datetime.timedelta(days=8)
    page.get_by_label("The decision closes at the end of").fill(closes.isoformat())
    page.get_by_role("button", name="Open the decision").click()
    expect(page.get_by_text("The decision is open.")).to_be_visible()
    report = Report.objects.get(place__project=known.project)
    decision = report.signoff_decision
    for person in known.team.members[:4]:
        decision_services.response_submit(
            decision=decision, person=person, payload={"stance": "consent"}
        )
    decision_services.decision_close(
        decision=decision, now=decision.closes_at + datetime.timedelta(minutes=1)
    )

    # Closing signed it off: there is nothing to record by hand.
    page.goto(f"{live_server.url}/reports/{report.pk}/")
    expect(page.get_by_text("Version 2, by decision on")).to_be_visible()
    axe_check(page)

    # The PDF is laid out in the background; the job's page says when it is ready (the
    # tests' task backend runs it as soon as it is asked for).
    page.get_by_role("button", name="Prepare a PDF").click()
    expect(page.get_by_text("It is ready.")).to_be_visible()
    axe_check(page)
    with page.expect_download() as download_info:
        page.get_by_role("link", name=re.compile(r"^Download .*-v2\.pdf$")).click()
    download = download_info.value
    assert download.suggested_filename.endswith("-v2.pdf")
    with open(download.path(), "rb") as pdf:
        assert pdf.read(5) == b"%PDF-"

    page.goto(f"{live_server.url}/reports/{report.pk}/")

    page.get_by_role("link", name="Versions and history").click()
    expect(page.get_by_text("was signed off by decision")).to_be_visible()
    expect(page.get_by_role("link", name="Version 2")).to_be_visible()
    axe_check(page)
