"""Changing a collective's settings, and the history of every change."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from levelfield.collectives.models import Collective, CollectiveKind
from levelfield.collectives.tests.factories import CollectiveFactory, CollectiveMembershipFactory
from levelfield.history.models import Change
from levelfield.history.services import change_record
from levelfield.people.models import User


def _settings(collective: Collective, **changes: str) -> dict[str, str]:
    return {
        "name": collective.name,
        "description": collective.description,
        "kind": collective.kind,
        "minimum_decision_days": str(collective.minimum_decision_days),
        **changes,
    }


def test_any_member_changes_the_settings_and_the_history_shows_before_and_after(
    client: Client, collective: Collective, member: User
) -> None:
    client.force_login(member)
    url = reverse("collectives:settings", args=[collective.slug])
    assert client.get(url).status_code == 200

    response = client.post(
        url,
        _settings(
            collective,
            name="Riverside Collective",
            kind=CollectiveKind.CHARITY,
            minimum_decision_days="14",
        ),
    )

    assert response.url == reverse("collectives:detail", args=[collective.slug])
    collective.refresh_from_db()
    assert (collective.name, collective.kind, collective.minimum_decision_days) == (
        "Riverside Collective",
        CollectiveKind.CHARITY,
        14,
    )
    assert collective.slug == "riverside"  # the address stays the same
    change = Change.objects.get(action="settings_changed")
    assert change.actor == member
    assert change.before == {
        "name": "Riverside Co-production Collective",
        "kind": CollectiveKind.COLLECTIVE,
        "minimum_decision_days": 7,
    }
    assert change.after == {
        "name": "Riverside Collective",
        "kind": CollectiveKind.CHARITY,
        "minimum_decision_days": 14,
    }
    history = client.get(reverse("collectives:history", args=[collective.slug]))
    html = history.content.decode()
    assert "Mo changed the collective&#x27;s name, kind and minimum decision period" in html
    assert ("Name: was Riverside Co-production Collective, now Riverside Collective") in html
    assert "Kind: was Co-production collective, now Charity or community group" in html
    assert "Minimum decision period in days: was 7, now 14" in html


def test_saving_without_changes_records_nothing(
    client: Client, collective: Collective, member: User
) -> None:
    client.force_login(member)
    before = Change.objects.count()
    response = client.post(
        reverse("collectives:settings", args=[collective.slug]), _settings(collective)
    )
    assert Change.objects.count() == before
    assert "You did not change anything" in client.get(response.url).content.decode()


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"name": ""}, "Enter the collective&#x27;s name"),
        ({"minimum_decision_days": "0"}, "must be between 1 and 60 days"),
        ({"minimum_decision_days": "61"}, "must be between 1 and 60 days"),
        ({"minimum_decision_days": "a week"}, "as a whole number of days"),
        ({"minimum_decision_days": ""}, "Enter the minimum decision period"),
        ({"kind": "government"}, "Select a valid choice"),
    ],
)
def test_bad_settings_are_refused_with_a_clear_message(
    client: Client,
    collective: Collective,
    member: User,
    changes: dict[str, str],
    message: str,
) -> None:
    client.force_login(member)
    before = Change.objects.count()
    response = client.post(
        reverse("collectives:settings", args=[collective.slug]),
        _settings(collective, **changes),
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in html
    assert message in html
    assert "Error: Settings – Riverside Co-production Collective – Levelfield" in html
    collective.refresh_from_db()
    assert (collective.name, collective.minimum_decision_days) == (
        "Riverside Co-production Collective",
        7,
    )
    assert Change.objects.count() == before


def _fill_history(collective: Collective, actor: User, count: int) -> None:
    for number in range(count):
        change_record(
            actor=actor, action="test", summary=f"Change number {number}", collective=collective
        )


def test_the_history_is_newest_first_and_paginated(
    client: Client, collective: Collective, member: User
) -> None:
    # The world's own changes (Fern leaving, the Allies Group starting) come before these.
    earlier = Change.objects.filter(collective=collective).count()
    assert 0 < earlier < 20
    _fill_history(collective, member, 30)
    change_record(actor=member, action="test", summary="Elsewhere")  # no collective
    client.force_login(member)
    url = reverse("collectives:history", args=[collective.slug])

    first = client.get(url)
    second = client.get(url, {"page": "2"})

    summaries = [change.summary for change in first.context["page"]]
    assert len(summaries) == 25
    assert summaries[0] == "Change number 29"
    later = [change.summary for change in second.context["page"]]
    assert later[:5] == [f"Change number {number}" for number in (4, 3, 2, 1, 0)]
    assert len(second.context["page"]) == 5 + earlier
    html = first.content.decode()
    assert 'class="govuk-pagination"' in html
    assert 'href="?page=2" rel="next"' in html
    assert "Elsewhere" not in html
    assert "Mo" in html


@pytest.mark.parametrize(
    ("page", "status", "number"),
    [
        ("abc", 200, 1),
        ("", 200, 1),
        ("1.5", 200, 1),
        ("3", 404, None),
        ("0", 404, None),
        ("-1", 404, None),
        ("99999999999999999999999", 404, None),
    ],
)
def test_a_bad_page_number_gives_page_one_or_not_found(
    client: Client,
    collective: Collective,
    member: User,
    page: str,
    status: int,
    number: Any,
) -> None:
    _fill_history(collective, member, 30)
    client.force_login(member)
    response = client.get(reverse("collectives:history", args=[collective.slug]), {"page": page})
    assert response.status_code == status
    if number:
        assert response.context["page"].number == number


def test_an_empty_history_says_so(client: Client, member: User) -> None:
    # Kept local: the world's collective already has a history (Fern left it).
    collective = CollectiveFactory(name="Quiet Corner", slug="quiet-corner")
    CollectiveMembershipFactory(collective=collective, person=member)
    client.force_login(member)
    html = client.get(reverse("collectives:history", args=[collective.slug])).content.decode()
    assert "Nothing has changed yet" in html


def test_a_former_members_changes_stay_in_the_history(
    client: Client, collective: Collective, coordinator: User, member: User
) -> None:
    client.force_login(member)
    client.post(reverse("collectives:leave", args=[collective.slug]))
    member.delete()
    client.force_login(coordinator)
    html = client.get(reverse("collectives:history", args=[collective.slug])).content.decode()
    assert "Mo left the collective" in html
    assert "Member: was Mo" in html
    assert "A former member" in html


def test_the_history_shows_what_a_new_membership_started_with(
    client: Client, outsider: User
) -> None:
    client.force_login(outsider)
    client.post(
        reverse("collectives:create"),
        {"name": "Wakefield Voices", "kind": CollectiveKind.COLLECTIVE, "description": ""},
    )
    html = client.get(reverse("collectives:history", args=["wakefield-voices"])).content.decode()
    assert "Olu joined the collective (started the collective)" in html
    assert "Coordinator: yes" in html
    assert "Name: Wakefield Voices" in html
