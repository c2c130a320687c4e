"""A big team's decision page names only a few people; everyone is on a paged list.

Story: 60 people are asked; 55 answer. The page says how many responded and shows the
latest few names, with a link to everyone who responded (their answers and reasons, a
page at a time) and to the five still to answer. On an anonymous decision the list of
who answered appears only once five have, and never says what anyone answered.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from levelfield.decisions import services
from levelfield.decisions.models import Method
from levelfield.decisions.tests.factories import later, make_team

pytestmark = pytest.mark.django_db


def _get(client: Any, name: str, decision: Any, query: str = "") -> Any:
    return client.get(reverse(name, args=[decision.pk]) + query)


def test_a_big_team_sees_a_short_summary_and_pages_through_everyone(client: Any) -> None:
    team = make_team(60)
    decision = team.start(Method.PROPOSAL)
    for number, person in enumerate(team.members[:55]):
        services.response_submit(
            decision=decision,
            person=person,
            payload={"stance": "block" if number == 3 else "agree"},
            reason=f"Reason number {number}" if number % 5 == 3 else "",
        )
    client.force_login(team.members[0])

    page = _get(client, "decisions:detail", decision).content.decode()
    assert "55 of 60 members have responded." in page
    assert "The latest to respond:" in page
    assert "And 47 more." in page  # 8 names shown
    assert page.count("<li>Member") == 8 + 5  # 8 latest responders, the 5 still to answer
    assert "Member54" in page  # the latest
    assert "Member10" not in page  # not on the page: on the list
    assert reverse("decisions:people", args=[decision.pk]) in page
    # Reasons: the block first, then the latest, ten at most, with a link to them all.
    assert "10 of 11 shown." in page
    assert page.index("Reason number 3") < page.index("Reason number 53")
    assert "Reason number 8<" not in page

    everyone = _get(client, "decisions:people", decision).content.decode()
    assert "55 in all, 1 to 50 shown here." in everyone
    assert "Member0<" in everyone and "Member10<" in everyone
    assert "Block" in everyone and "Reason number 3" in everyone
    second = _get(client, "decisions:people", decision, "?page=2").content.decode()
    assert "51 to 55 shown here" in second
    assert _get(client, "decisions:people", decision, "?page=3").status_code == 404

    waiting = _get(client, "decisions:people_waiting", decision).content.decode()
    assert "5 in all." in waiting
    for person in team.members[55:]:
        assert f"{person.name}<" in waiting
    assert "Member0<" not in waiting

    reasons = _get(client, "decisions:reasons", decision).content.decode()
    assert "11 in all." in reasons and "Reason number 8" in reasons

    # Nobody outside the project learns anything.
    client.force_login(team.outsider)
    for name in ("decisions:people", "decisions:people_waiting", "decisions:reasons"):
        assert _get(client, name, decision).status_code == 404


def test_hidden_results_list_who_responded_but_not_what(client: Any) -> None:
    team = make_team(3)
    decision = team.start(Method.PROPOSAL, results_hidden=True)
    services.response_submit(
        decision=decision, person=team.members[1], payload={"stance": "block"}, reason="Risky"
    )
    client.force_login(team.starter)
    everyone = _get(client, "decisions:people", decision).content.decode()
    assert "Member1<" in everyone
    assert "Block" not in everyone and "Risky" not in everyone
    assert _get(client, "decisions:reasons", decision).status_code == 404
    services.decision_close(decision=decision, now=later(decision))
    assert _get(client, "decisions:people_waiting", decision).status_code == 404  # closed
    assert "Risky" in _get(client, "decisions:reasons", decision).content.decode()


def test_an_anonymous_list_of_who_responded_appears_from_five_and_never_says_what(
    client: Any,
) -> None:
    team = make_team(7)
    decision = team.start(Method.PROPOSAL, anonymous=True)
    for person in team.members[:4]:
        services.response_submit(decision=decision, person=person, payload={"stance": "block"})
    client.force_login(team.members[6])
    assert _get(client, "decisions:people", decision).status_code == 404
    assert _get(client, "decisions:people_waiting", decision).status_code == 404
    services.response_submit(
        decision=decision, person=team.members[4], payload={"stance": "agree"}, reason="Fine"
    )
    listed = _get(client, "decisions:people", decision).content.decode()
    assert "5 in all." in listed
    assert "never what they answered" in listed
    assert "Block" not in listed and "Agree" not in listed
    assert _get(client, "decisions:reasons", decision).status_code == 404  # sealed
    assert _get(client, "decisions:people_waiting", decision).status_code == 404

    services.decision_close(decision=decision, now=later(decision))
    reasons = _get(client, "decisions:reasons", decision).content.decode()
    assert "Fine" in reasons
    for person in team.members[:5]:
        assert f"{person.name}<" not in reasons
