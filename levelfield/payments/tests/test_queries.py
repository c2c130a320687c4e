"""Payment pages cost the same number of queries with 1 claim or 20 (and 1 line,
expense, question or rate or 20): the claim queue, a claim, a contributor's payments
page and the collective's policy page."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from levelfield.collectives.tests.factories import CollectiveMembershipFactory
from levelfield.payments import services, views
from levelfield.payments.models import Claim
from levelfield.payments.tests.conftest import PDF, PaymentsWorld
from levelfield.payments.tests.factories import ExpenseCategoryFactory, RateFactory
from levelfield.people.models import User
from levelfield.people.tests.factories import UserFactory
from levelfield.projects.models import Participation
from levelfield.projects.tests.factories import (
    InvolvementEntryFactory,
    ParticipationFactory,
    ProjectMembershipFactory,
)

pytestmark = pytest.mark.django_db


def _count(client: Any, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def _time(payments_world: PaymentsWorld, person: User, count: int) -> list[Participation]:
    return [
        ParticipationFactory(
            entry=InvolvementEntryFactory(
                project=payments_world.project,
                title=f"Meeting {number}",
                happened_on=date(2026, 2, 1) + timedelta(days=number),
            ),
            person=person,
            minutes=60 + number,
        )
        for number in range(count)
    ]


def _claim(
    payments_world: PaymentsWorld, person: User, participations: list[Participation]
) -> Claim:
    return services.claim_create(
        collective=payments_world.policy.collective, claimant=person, participations=participations
    )


def _people(payments_world: PaymentsWorld, count: int) -> list[User]:
    people = [UserFactory(display_name=f"Contributor {n}") for n in range(count)]
    for person in people:
        CollectiveMembershipFactory(collective=payments_world.policy.collective, person=person)
        ProjectMembershipFactory(project=payments_world.project, person=person)
    return people


def _submitted(payments_world: PaymentsWorld, people: list[User]) -> None:
    """Claims in every state an approver's queue shows."""
    for number, person in enumerate(people):
        claim = _claim(payments_world, person, _time(payments_world, person, 2))
        services.claim_submit(claim=claim, actor=person)
        if number % 3 == 1:
            services.claim_query(
                claim=claim, actor=payments_world.coordinator, question="Which bus?"
            )
        elif number % 3 == 2:
            services.claim_approve(claim=claim, actor=payments_world.coordinator)


def test_the_claim_queue_costs_the_same_with_1_or_20_claims(
    payments_world: PaymentsWorld, client: Any
) -> None:
    url = reverse("payments:approvals", args=["riverside"])
    client.force_login(payments_world.coordinator)
    _submitted(payments_world, _people(payments_world, 1))
    one = _count(client, url)
    _submitted(payments_world, _people(payments_world, 19))
    assert Claim.objects.count() == 20
    assert _count(client, url) == one


def test_a_claim_page_costs_the_same_with_1_or_20_lines_expenses_and_questions(
    payments_world: PaymentsWorld, client: Any
) -> None:
    ExpenseCategoryFactory(policy=payments_world.policy, name="Data", limit=Decimal(1000))
    counts = []
    for size in (1, 20):
        claim = _claim(
            payments_world,
            payments_world.contributor,
            _time(payments_world, payments_world.contributor, size),
        )
        for number in range(size):
            services.claim_expense_add(
                claim=claim,
                actor=payments_world.contributor,
                category=payments_world.travel
                if number == 0
                else payments_world.policy.expense_categories.get(name="Data"),
                description=f"Expense {number}",
                amount=Decimal("1.50"),
                receipt=SimpleUploadedFile("r.pdf", PDF) if number % 2 == 0 else None,
            )
        services.claim_submit(claim=claim, actor=payments_world.contributor)
        for number in range(size):
            services.claim_query(
                claim=claim, actor=payments_world.coordinator, question=f"Why {number}?"
            )
            services.claim_answer(claim=claim, actor=payments_world.contributor, answer="Because.")
        url = reverse("payments:claim", args=[claim.pk])
        per_person = []
        for person in (
            payments_world.contributor,
            payments_world.coordinator,
            payments_world.finance,
        ):
            client.force_login(person)
            per_person.append(_count(client, url))
        counts.append(per_person)
    assert counts[0] == counts[1], counts


def test_a_contributors_payments_page_costs_the_same_with_1_or_20_claims(
    payments_world: PaymentsWorld, client: Any
) -> None:
    url = reverse("payments:home")
    client.force_login(payments_world.contributor)
    counts = []
    for size in (1, 19):
        for participation in _time(payments_world, payments_world.contributor, size):
            claim = _claim(payments_world, payments_world.contributor, [participation])
            services.claim_submit(claim=claim, actor=payments_world.contributor)
        counts.append(_count(client, url))
    assert Claim.objects.filter(claimant=payments_world.contributor).count() == 20
    assert counts[0] == counts[1]


def test_the_policy_page_costs_the_same_with_1_or_20_rates_categories_and_activities(
    payments_world: PaymentsWorld, client: Any
) -> None:
    url = reverse("payments:collective", args=["riverside"])
    counts = []
    for size in (1, 19):
        start = payments_world.policy.rates.count()
        for number in range(start, start + size):
            RateFactory(
                policy=payments_world.policy,
                effective_from=date(2027, 1, 1) + timedelta(days=number),
            )
            ExpenseCategoryFactory(policy=payments_world.policy, name=f"Category {number}")
            payments_world.policy.approvers.add(_people(payments_world, 1)[0])
        _time(payments_world, payments_world.contributor, size)
        per_person = []
        for person in (
            payments_world.contributor,
            payments_world.coordinator,
            payments_world.finance,
        ):
            client.force_login(person)
            per_person.append(_count(client, url))
        counts.append(per_person)
    assert counts[0] == counts[1], counts


def test_the_claim_queue_shows_the_oldest_claims_a_page_at_a_time(
    payments_world: PaymentsWorld, client: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(views, "QUEUE_PER_PAGE", 2)
    people = _people(payments_world, 3)
    for person in people:
        claim = _claim(payments_world, person, _time(payments_world, person, 1))
        services.claim_submit(claim=claim, actor=person)
    client.force_login(payments_world.coordinator)
    url = reverse("payments:approvals", args=["riverside"])

    first = client.get(url).content.decode()
    second = client.get(url + "?page=2").content.decode()

    assert "Contributor 0" in first and "Contributor 1" in first
    assert "Contributor 2" not in first and "Contributor 2" in second
    assert client.get(url + "?page=3").status_code == 404


def test_the_queue_shows_each_claims_link_claimant_first_day_status_and_total(
    payments_world: PaymentsWorld, client: Any
) -> None:
    """The rows are worked out in the view (tables.py); an approver sees what the
    template's filters showed, and "A former member" for a claimant who has left."""
    waiting, queried, gone = _people(payments_world, 3)
    _submitted(payments_world, [waiting, queried])
    claim = Claim.objects.get(claimant=waiting)
    left = _claim(payments_world, gone, _time(payments_world, gone, 1))
    services.claim_submit(claim=left, actor=gone)
    User.objects.filter(pk=gone.pk).delete()
    client.force_login(payments_world.coordinator)
    page = client.get(reverse("payments:approvals", args=["riverside"])).content.decode()
    assert (
        f'<a class="govuk-link" href="/payments/claims/{claim.pk}/">{claim.reference}</a>' in page
    )
    assert "Contributor 0" in page and "Contributor 1" in page
    assert "A former member" in page
    assert "1 February 2026" in page
    assert '<strong class="govuk-tag govuk-tag--blue">Waiting for approval</strong>' in page
    assert '<strong class="govuk-tag govuk-tag--orange">Question for you</strong>' in page
    assert f"£{claim.total:,.2f}" in page


def test_the_claim_form_drops_claimed_time_and_offers_new_time_at_once(
    payments_world: PaymentsWorld, client: Any
) -> None:
    """The empty form's fields are kept by a digest of the activities they offer, so
    claiming one, or new time in the log, shows on the next visit."""
    person = payments_world.contributor
    meeting, workshop = payments_world.meeting, payments_world.workshop
    url = reverse("payments:claim_new", args=["riverside"])
    client.force_login(person)
    first = client.get(url).content.decode()
    assert f'value="{meeting.pk}"' in first and f'value="{workshop.pk}"' in first
    _claim(payments_world, person, [meeting])
    second = client.get(url).content.decode()
    assert f'value="{meeting.pk}"' not in second and f'value="{workshop.pk}"' in second
    ParticipationFactory(
        entry=InvolvementEntryFactory(project=payments_world.project, title="Report writing"),
        person=person,
        minutes=45,
    )
    assert "Report writing" in client.get(url).content.decode()


def test_your_unclaimed_time_is_shown_a_page_at_a_time_newest_first(
    payments_world: PaymentsWorld, client: Any
) -> None:
    """Someone with a year of unclaimed time sees it 25 activities a page, newest first,
    every one of them reachable (the page used to stop at 200), and a page past the
    end is not there."""
    person = _people(payments_world, 1)[0]
    _time(payments_world, person, views.UNCLAIMED_PER_PAGE + 5)
    client.force_login(person)
    url = reverse("payments:collective", args=["riverside"])

    first = client.get(url).content.decode()
    second = client.get(url, {"page": 2}).content.decode()

    newest = views.UNCLAIMED_PER_PAGE + 4
    assert f"Meeting {newest} " in first and "Meeting 5 " in first
    assert "Meeting 4 " not in first and "Pages of your activities not claimed yet" in first
    assert "Meeting 4 " in second and "Meeting 0 " in second and f"Meeting {newest} " not in second
    assert client.get(url, {"page": 3}).status_code == 404
