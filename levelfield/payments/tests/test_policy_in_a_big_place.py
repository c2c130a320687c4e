"""Naming approvers and finance officers in a big collective: the policy form cannot
list thousands of members, so it lists those already named and the people a search by
name found; the coordinator finds Priya, ticks her as an approver and saves. A small
collective still ticks names on a list of everyone."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from levelfield.payments.models import PaymentPolicy
from levelfield.payments.tests.conftest import PaymentsWorld
from levelfield.people.models import User

pytestmark = pytest.mark.django_db

URL = reverse("payments:policy", args=["riverside"])


@pytest.fixture
def coordinator(client: Client, payments_world: PaymentsWorld, big_places: None) -> Client:
    """Cora, who sets the collective's payment policy."""
    client.force_login(payments_world.coordinator)
    return client


def _form(payments_world: PaymentsWorld, **changes: Any) -> dict[str, Any]:
    """The policy as it is (Cal the finance officer), with `changes`."""
    policy = payments_world.policy
    return {
        "hourly_up_to_minutes": policy.hourly_up_to_minutes,
        "half_day_up_to_minutes": policy.half_day_up_to_minutes,
        "counts_preparation": "on",
        "counts_travel": "on",
        "pay_within_days": policy.pay_within_days,
        "fee_cost_code": policy.fee_cost_code,
        "yearly_warning_amount": "",
        "notes": "Claims close on the 5th of each month.",
        "finance_officers": [payments_world.finance.pk],
        **changes,
    }


def _box(page: str, name: str, person: User) -> str | None:
    """How the person's box in field `name` shows: "ticked", "unticked", or None."""
    found = re.search(rf'name="{name}" type="checkbox" value="{person.pk}"( checked)?>', page)
    if found is None:
        return None
    return "ticked" if found.group(1) else "unticked"


def _unchanged(payments_world: PaymentsWorld) -> None:
    policy = PaymentPolicy.objects.get(pk=payments_world.policy.pk)
    assert not policy.approvers.exists()
    assert list(policy.finance_officers.all()) == [payments_world.finance]
    assert policy.notes == payments_world.policy.notes


def test_the_policy_form_of_a_big_collective_lists_only_who_is_named_and_offers_a_search(
    payments_world: PaymentsWorld, coordinator: Client, priya: User
) -> None:
    page = coordinator.get(URL).content.decode()

    assert "Priya Shah" not in page
    assert _box(page, "approvers", priya) is None
    assert _box(page, "finance_officers", priya) is None
    assert _box(page, "finance_officers", payments_world.finance) == "ticked"
    assert _box(page, "approvers", payments_world.finance) is None
    assert 'name="approvers-find"' in page and 'name="finance_officers-find"' in page


def test_the_coordinator_finds_a_member_by_name_and_nothing_is_saved_yet(
    payments_world: PaymentsWorld, coordinator: Client, priya: User
) -> None:
    response = coordinator.post(
        URL, _form(payments_world, find="approvers", **{"approvers-find": "shah"})
    )

    assert response.status_code == 200
    page = response.content.decode()
    assert _box(page, "approvers", priya) == "unticked" and "Priya Shah" in page
    assert _box(page, "finance_officers", priya) is None  # found for approvers only
    assert _box(page, "finance_officers", payments_world.finance) == "ticked"
    assert "Claims close on the 5th of each month." in page  # what was typed stays
    assert "There is a problem" not in page
    _unchanged(payments_world)


def test_the_coordinator_ticks_the_member_found_as_an_approver_and_saves(
    payments_world: PaymentsWorld, coordinator: Client, priya: User
) -> None:
    response = coordinator.post(URL, _form(payments_world, approvers=[priya.pk]))

    assert response.status_code == 302
    policy = PaymentPolicy.objects.get(pk=payments_world.policy.pk)
    assert list(policy.approvers.all()) == [priya]
    assert list(policy.finance_officers.all()) == [payments_world.finance]
    assert policy.notes == "Claims close on the 5th of each month."


def test_someone_outside_the_collective_cannot_be_named(
    payments_world: PaymentsWorld, coordinator: Client
) -> None:
    response = coordinator.post(
        URL,
        _form(
            payments_world,
            approvers=[payments_world.outsider.pk],
            finance_officers=[payments_world.outsider.pk],
        ),
    )

    assert response.status_code == 200
    page = response.content.decode()
    assert "Choose approvers who are members of the collective." in page
    assert "Choose finance officers who are members of the collective." in page
    _unchanged(payments_world)


def test_a_small_collective_still_ticks_names_on_a_list_of_everyone(
    payments_world: PaymentsWorld, client: Client, priya: User
) -> None:
    client.force_login(payments_world.coordinator)

    page = client.get(URL).content.decode()

    assert 'name="approvers-find"' not in page
    assert _box(page, "approvers", priya) == "unticked"
    assert _box(page, "finance_officers", payments_world.finance) == "ticked"
    assert client.post(URL, _form(payments_world, approvers=[priya.pk])).status_code == 302
    policy = PaymentPolicy.objects.get(pk=payments_world.policy.pk)
    assert list(policy.approvers.all()) == [priya]
    assert list(policy.finance_officers.all()) == [payments_world.finance]
