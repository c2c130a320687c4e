"""The decision log of a project or collective: filters and the CSV export."""

from __future__ import annotations

import csv
import io
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from levelfield.decisions import services
from levelfield.decisions.models import Decision, Method
from levelfield.decisions.tests.factories import Team, later
from levelfield.jobs.models import Job
from levelfield.jobs.testing import job_from, prepared
from levelfield.places.access import collective_place

pytestmark = pytest.mark.django_db


def _rows(response: object) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(response.content.decode())))


def _closed_with_outcome(team: Team) -> Decision:
    decision = team.start(Method.CONSENT, title="=Move to Tuesdays")
    services.response_submit(decision=decision, person=team.starter, payload={"stance": "consent"})
    services.decision_close(decision=decision, now=later(decision))
    services.outcome_write(
        decision=decision,
        person=team.members[1],
        statement="We meet on Tuesdays.",
        reasons="Nobody objected.",
        next_steps="Update the calendar.",
        review_on=timezone.localdate() + timedelta(days=90),
        now=later(decision),
    )
    return decision


def test_the_log_lists_and_filters_decisions(client: object, team: Team) -> None:
    closed = _closed_with_outcome(team)
    open_one = team.start(Method.RANKED, title="Name the project")
    client.force_login(team.members[2])
    url = reverse("decisions:place_log", args=[team.place.pk])
    page = client.get(url).content.decode()
    assert "All decisions (2)" in page
    assert closed.title in page and open_one.title in page
    assert "We meet on Tuesdays." in page

    only_open = client.get(url, {"status": "voting"}).content.decode()
    assert open_one.title in only_open and closed.title not in only_open
    by_method = client.get(url, {"method": "consent"}).content.decode()
    assert closed.title in by_method and open_one.title not in by_method
    by_title = client.get(url, {"q": "name"}).content.decode()
    assert open_one.title in by_title and closed.title not in by_title
    missing = client.get(url, {"outcome": "missing"}).content.decode()
    assert open_one.title in missing and closed.title not in missing

    nonsense = client.get(url, {"method": "coin_toss", "page": "many"})
    assert nonsense.status_code == 200
    assert "Select a valid choice" in nonsense.content.decode()


def test_the_log_exports_as_csv_filtered_the_same_way(client: object, team: Team) -> None:
    closed = _closed_with_outcome(team)
    team.start(Method.RANKED, title="Name the project")
    client.force_login(team.members[3])
    url = reverse("decisions:place_export_csv", args=[team.place.pk])
    everything = prepared(client, url)
    assert everything["Content-Type"] == "text/csv; charset=utf-8"
    assert "attachment" in everything["Content-Disposition"]
    assert [row["Title"] for row in _rows(everything)] == [
        "Name the project",
        "'=Move to Tuesdays",
    ]

    (row,) = _rows(prepared(client, url + "?status=closed"))
    assert row["Method"] == "Consent"
    assert row["Status"] == "Closed"
    assert row["Responses"] == "1"
    assert row["What we decided"] == "We meet on Tuesdays."
    assert row["Why"] == "Nobody objected."
    assert row["Next steps"] == "Update the calendar."
    assert row["Review date"] == closed.outcome.review_on.isoformat()
    assert row["Link"].endswith(f"/decisions/{closed.pk}/")
    assert row["Anonymous"] == "no"


def test_a_collective_has_its_own_decisions_and_log(
    client: object, collective_team: tuple
) -> None:
    collective, people = collective_team
    client.force_login(people[0])
    place = collective_place(collective.pk)
    url = reverse("decisions:place_create", args=[place.pk])
    closes = timezone.localtime(timezone.now() + timedelta(days=8)).strftime("%Y-%m-%dT%H:%M")
    response = client.post(
        f"{url}?method=single_choice",
        {
            "title": "Where shall we hold the summer event?",
            "background": "Two halls offered.",
            "options": "Church hall\nLibrary",
            "closes_at": closes,
            "reasons_policy": "optional",
            "voice_check": "none",
            "voice_minimum": "1",
        },
    )
    assert response.status_code == 302
    decision = Decision.objects.get()
    assert decision.place == place
    log = client.get(reverse("decisions:place_log", args=[place.pk]))
    assert "Where shall we hold the summer event?" in log.content.decode()
    rows = _rows(prepared(client, reverse("decisions:place_export_csv", args=[place.pk])))
    assert [row["Title"] for row in rows] == ["Where shall we hold the summer event?"]

    services.response_submit(
        decision=decision, person=people[1], payload={"options": [decision.options.first().pk]}
    )
    services.decision_close(decision=decision, now=later(decision))
    services.outcome_write(
        decision=decision, person=people[2], statement="The library.", now=later(decision)
    )
    decision.refresh_from_db()
    assert decision.involvement_entry is None  # only project decisions go in the log (for now)


def test_the_spreadsheet_is_asked_for_on_a_page_and_prepared_in_the_background(
    client: object, team: Team
) -> None:
    """A log of thousands of decisions takes longer than a request may: opening the
    address shows what will be prepared and starts nothing; the button starts one job,
    which keeps the filters of the page it came from."""
    client.force_login(team.members[3])
    url = reverse("decisions:place_export_csv", args=[team.place.pk]) + "?status=closed"
    page = client.get(url)
    assert page.status_code == 200
    assert "Prepare it" in page.content.decode()
    assert not Job.objects.exists()
    job = job_from(client.post(url))
    assert job.kind == "decisions.log_csv"
    assert job.params == {"place": team.place.pk, "filters": {"status": "closed"}}
    assert job_from(client.post(url)) == job  # asking twice prepares it once
