"""The decision talk: options and pros/cons before voting opens."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from levelfield.decisions import services
from levelfield.decisions.models import DiscussionPoint, Method, Option
from levelfield.decisions.tests.factories import Team

pytestmark = pytest.mark.django_db


def _talking(team: Team, method: str = Method.RANKED) -> object:
    now = timezone.now()
    return team.start(
        method,
        has_discussion=True,
        opens_at=now + timedelta(days=3),
        closes_at=now + timedelta(days=11),
    )


def test_anyone_adds_options_and_pros_and_cons_before_voting_opens(
    client: object, team: Team
) -> None:
    decision = _talking(team)
    url = reverse("decisions:discussion", args=[decision.pk])
    client.force_login(team.members[2])
    page = client.get(url).content.decode()
    assert "Add an option" in page

    assert client.post(url, {"form": "option", "option-label": "Hot chocolate"}).status_code == 302
    duplicate = client.post(url, {"form": "option", "option-label": "hot chocolate"})
    assert duplicate.status_code == 400
    assert "“hot chocolate” is already an option." in duplicate.content.decode()
    assert list(decision.options.values_list("label", flat=True)) == [
        "Tea",
        "Coffee",
        "Juice",
        "Hot chocolate",
    ]
    chocolate = decision.options.get(label="Hot chocolate")
    assert chocolate.added_by == team.members[2]

    client.post(
        url,
        {
            "form": "point",
            "point-kind": "con",
            "point-option": str(chocolate.pk),
            "point-text": "Too sweet for some.",
        },
    )
    client.post(url, {"form": "point", "point-kind": "pro", "point-text": "Good to ask."})
    assert DiscussionPoint.objects.filter(decision=decision).count() == 2
    page = client.get(url).content.decode()
    assert "Too sweet for some." in page and "Good to ask." in page

    detail = client.get(reverse("decisions:detail", args=[decision.pk])).content.decode()
    assert "Talking it through" in detail
    assert "Voting opens on" in detail

    # Responses wait until voting opens.
    refused = client.post(
        reverse("decisions:respond", args=[decision.pk]), {f"option_{chocolate.pk}": "1"}
    )
    assert refused.status_code == 400
    assert "Voting has not opened yet" in refused.content.decode()


def test_options_cannot_be_added_once_voting_has_opened(client: object, team: Team) -> None:
    decision = team.start(Method.SINGLE_CHOICE)
    with pytest.raises(services.DecisionError, match="before voting opens"):
        services.option_add(decision=decision, person=team.starter, label="Water")
    client.force_login(team.starter)
    url = reverse("decisions:discussion", args=[decision.pk])
    assert "Add an option" not in client.get(url).content.decode()
    response = client.post(url, {"form": "option", "option-label": "Water"})
    assert response.status_code == 400
    assert not Option.objects.filter(label="Water").exists()
    # Pros and cons are still welcome while voting.
    assert (
        client.post(
            url, {"form": "point", "point-kind": "comment", "point-text": "Hm"}
        ).status_code
        == 302
    )


def test_a_time_poll_takes_new_times_during_the_talk(client: object, team: Team) -> None:
    now = timezone.now()
    start = (now + timedelta(days=20)).replace(minute=0, second=0, microsecond=0)
    decision = team.start(
        Method.TIME_POLL,
        has_discussion=True,
        opens_at=now + timedelta(days=2),
        closes_at=now + timedelta(days=10),
        timezone_name="Europe/Paris",
        times=[
            services.ProposedTime(start, start + timedelta(minutes=45)),
            services.ProposedTime(
                start + timedelta(days=1), start + timedelta(days=1, minutes=45)
            ),
        ],
    )
    client.force_login(team.starter)
    response = client.post(
        reverse("decisions:discussion", args=[decision.pk]),
        {"form": "option", "option-starts_at": "2027-05-04 09:30"},
    )
    assert response.status_code == 302
    added = decision.options.order_by("-pk").first()
    assert added.label == "Tuesday 4 May 2027, 09:30 to 10:15 (Europe/Paris)"


def test_talk_ends_when_the_decision_closes(team: Team) -> None:
    decision = team.start(Method.PROPOSAL)
    with pytest.raises(services.DecisionError, match="talk has ended"):
        services.point_add(
            decision=decision,
            person=team.starter,
            kind="pro",
            text="Late thought",
            now=decision.closes_at + timedelta(seconds=1),
        )
    with pytest.raises(services.DecisionError, match="Only members"):
        services.point_add(decision=decision, person=team.outsider, kind="pro", text="Hi")


def test_talking_it_through_needs_voting_to_open_later(team: Team) -> None:
    with pytest.raises(services.DecisionError, match="later than now"):
        team.start(Method.PROPOSAL, has_discussion=True)


def test_the_decision_page_counts_every_point_and_shows_the_latest_three_in_order(
    client: object, team: Team
) -> None:
    decision = _talking(team)
    for number in range(1, 6):
        services.point_add(
            decision=decision, person=team.members[0], kind="pro", text=f"Point {number}."
        )
    client.force_login(team.members[1])
    page = client.get(reverse("decisions:detail", args=[decision.pk])).content.decode()
    assert "Pros, cons and comments so far: 5. The latest:" in page
    assert "Point 1." not in page and "Point 2." not in page
    assert page.index("Point 3.") < page.index("Point 4.") < page.index("Point 5.")
