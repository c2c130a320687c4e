"""Anonymous decisions and hidden results: nobody can link a response to a person."""

from __future__ import annotations

import pytest
from django.urls import reverse

from levelfield.decisions import services
from levelfield.decisions.models import Method, Response, ResponseChange, Voter
from levelfield.decisions.tests.factories import Team, later, make_team
from levelfield.history.models import Change
from levelfield.jobs.testing import prepared

pytestmark = pytest.mark.django_db

REASONS = [
    "Cheaper to run",
    "Fewer trips",
    "Dark evenings",
    "Childcare",
    "Buses stop early",
    "Warmer",
]


def _anonymous_vote(team: Team, voters: int) -> object:
    decision = team.start(Method.PROPOSAL, anonymous=True)
    for person, reason in zip(team.members[:voters], REASONS, strict=False):
        services.response_submit(
            decision=decision, person=person, payload={"stance": "agree"}, reason=reason
        )
    return decision


def test_anonymous_answers_are_sealed_until_closing_then_stored_without_person_or_time(
    db: None,
) -> None:
    team = make_team(6)
    decision = _anonymous_vote(team, 2)
    assert decision.results_hidden  # anonymous implies hidden results
    assert not Response.objects.filter(decision=decision).exists()
    assert set(Voter.objects.filter(decision=decision).values_list("person_id", flat=True)) == {
        team.members[0].pk,
        team.members[1].pk,
    }
    services.decision_close(decision=decision, now=later(decision))
    assert Response.objects.filter(decision=decision).count() == 2
    assert Response.objects.filter(decision=decision, person__isnull=False).count() == 0
    assert Response.objects.filter(decision=decision, updated_at__isnull=False).count() == 0
    # History never names who responded, nor what they said.
    assert not Change.objects.filter(action__startswith="response").exists()
    assert not ResponseChange.objects.exists()


def test_the_log_counts_anonymous_answers_while_they_are_sealed(client: object, db: None) -> None:
    team = make_team(6)
    decision = _anonymous_vote(team, 3)
    client.force_login(team.members[0])
    log = client.get(reverse("decisions:place_log", args=[team.place.pk])).content.decode()
    assert decision.title in log
    csv = prepared(
        client, reverse("decisions:place_export_csv", args=[team.place.pk])
    ).content.decode()
    assert f"{decision.title},Proposal,Open for responses" in csv
    assert ",3,yes," in csv


def test_who_has_voted_is_shown_only_once_five_have(client: object, db: None) -> None:
    team = make_team(6)
    decision = _anonymous_vote(team, 4)
    client.force_login(team.members[5])
    page = client.get(reverse("decisions:detail", args=[decision.pk])).content.decode()
    assert "4 of 6 members have responded." in page
    assert "shown once at least 5 people have responded" in page
    assert "Responded</h3>" not in page
    assert "Not responded yet" not in page
    assert "Responses by perspective" not in page
    for person in team.members[:4]:
        assert person.name not in page

    services.response_submit(
        decision=decision, person=team.members[4], payload={"stance": "agree"}
    )
    page = client.get(reverse("decisions:detail", args=[decision.pk])).content.decode()
    assert "Responded</h3>" in page
    assert "Responses by perspective" in page
    assert "Not responded yet" not in page  # never shown for anonymous decisions


def test_after_closing_reasons_show_without_names_in_an_order_unrelated_to_voting(
    client: object, db: None
) -> None:
    team = make_team(6)
    decision = _anonymous_vote(team, 6)
    client.force_login(team.members[0])
    hidden = client.get(reverse("decisions:detail", args=[decision.pk])).content.decode()
    assert "Results are hidden until voting closes" in hidden
    assert "Cheaper to run" not in hidden

    services.decision_close(decision=decision, now=later(decision))
    page = client.get(reverse("decisions:detail", args=[decision.pk])).content.decode()
    positions = [page.index(reason) for reason in REASONS]
    by_random_id = [
        REASONS.index(reason)
        for reason in Response.objects.filter(decision=decision).values_list("reason", flat=True)
    ]
    assert sorted(range(6), key=lambda i: positions[i]) == by_random_id
    results = page[page.index("Results</h2>") : page.index("Who has responded")]
    for person in team.members:
        assert person.name not in results
    assert " from " not in results

    csv = prepared(
        client, reverse("decisions:place_export_csv", args=[team.place.pk])
    ).content.decode()
    for person in team.members:
        assert person.name not in csv


def test_hidden_results_say_when_they_will_be_shown_and_history_keeps_quiet(
    client: object, team: Team
) -> None:
    decision = team.start(Method.SINGLE_CHOICE, results_hidden=True)
    tea = decision.options.first()
    services.response_submit(
        decision=decision, person=team.members[0], payload={"options": [tea.pk]}
    )
    client.force_login(team.members[1])
    page = client.get(reverse("decisions:detail", args=[decision.pk])).content.decode()
    assert "Results are hidden until voting closes on" in page
    assert "Votes for each option" not in page
    assert "<li>Tea</li>" in page  # the options are still listed
    change = Change.objects.get(action="response_given")
    assert change.actor == team.members[0]
    assert change.after == {} and change.before == {}

    services.decision_close(decision=decision, now=later(decision))
    page = client.get(reverse("decisions:detail", args=[decision.pk])).content.decode()
    assert "Votes for each option" in page
    assert "Most votes: Tea" in page
