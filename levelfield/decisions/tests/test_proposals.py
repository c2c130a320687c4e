"""User stories for proposals and consent: start, respond, change, close, outcome."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from levelfield.decisions import services
from levelfield.decisions.models import Decision, Method, Response, ResponseChange
from levelfield.decisions.tests.factories import Team, later
from levelfield.history.models import Change
from levelfield.projects.models import ActivityKind, InvolvementEntry

pytestmark = pytest.mark.django_db


def _local(moment: object) -> str:
    return timezone.localtime(moment).strftime("%Y-%m-%dT%H:%M")


def test_a_member_starts_a_proposal_in_two_steps(client: object, team: Team) -> None:
    client.force_login(team.starter)
    url = reverse("decisions:place_create", args=[team.place.pk])

    chooser = client.get(url)
    assert chooser.status_code == 200
    assert "How will people respond?" in chooser.content.decode()

    form_page = client.get(url, {"method": "proposal"})
    assert "Start a decision: proposal" in form_page.content.decode()

    closes = timezone.now() + timedelta(days=9)
    response = client.post(
        f"{url}?method=proposal",
        {
            "title": "Hold meetings online in winter",
            "background": "Travel is hard in the dark.",
            "closes_at": _local(closes),
            "reasons_policy": "objections",
            "voice_check": "none",
            "voice_minimum": "1",
        },
    )
    decision = Decision.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("decisions:detail", args=[decision.pk])
    assert decision.place == team.place
    assert decision.method == Method.PROPOSAL
    assert decision.created_by == team.starter
    assert Change.objects.filter(action="decision_started", project=team.project).exists()


def test_a_decision_must_stay_open_for_the_collectives_minimum(client: object, team: Team) -> None:
    team.project.collective.minimum_decision_days = 10
    team.project.collective.save()
    client.force_login(team.starter)
    url = reverse("decisions:place_create", args=[team.place.pk])
    response = client.post(
        f"{url}?method=consent",
        {
            "title": "Change the meeting day",
            "background": "Tuesdays suit more people.",
            "closes_at": _local(timezone.now() + timedelta(days=3)),
            "reasons_policy": "optional",
            "voice_check": "none",
            "voice_minimum": "1",
        },
    )
    assert response.status_code == 200
    assert "stay open for at least 10 days so nobody is rushed" in response.content.decode()
    assert not Decision.objects.exists()

    # The service holds the same rule for any other caller.
    with pytest.raises(services.DecisionError, match="at least 10 days"):
        team.start(Method.CONSENT, closes_at=timezone.now() + timedelta(days=9))


def test_members_respond_change_their_minds_and_blocks_stand_out(
    client: object, team: Team
) -> None:
    decision = team.start(Method.PROPOSAL, reasons_policy="objections")
    alice, bea, cai, dev = team.members
    respond_url = reverse("decisions:respond", args=[decision.pk])

    client.force_login(alice)
    assert client.post(respond_url, {"stance": "agree"}).status_code == 302
    refused = client.post(respond_url, {"stance": "block", "reason": ""})
    assert refused.status_code == 200
    assert "one is needed to disagree, object or block" in refused.content.decode()
    client.post(respond_url, {"stance": "block", "reason": "It shuts out people offline."})

    client.force_login(bea)
    client.post(respond_url, {"stance": "agree", "reason": "Saves travel."})

    response = Response.objects.get(decision=decision, person=alice)
    assert response.payload == {"stance": "block"}
    assert Response.objects.filter(decision=decision).count() == 2
    change = ResponseChange.objects.get(response=response)
    assert change.payload_before == {"stance": "agree"}
    assert change.payload_after == {"stance": "block"}

    page = client.get(reverse("decisions:detail", args=[decision.pk])).content.decode()
    assert "govuk-warning-text" in page
    assert "1 block." in page
    assert "It shuts out people offline." in page
    # Names are shown (not anonymous), and who has not responded yet.
    assert "from Member0" in page
    assert "Not responded yet" in page and "Member2" in page and "Member3" in page
    assert "Changed responses" in page

    # Nobody outside the project can respond.
    with pytest.raises(services.DecisionError):
        services.response_submit(
            decision=decision, person=team.outsider, payload={"stance": "agree"}
        )
    assert cai and dev


def test_responses_after_closing_are_refused_with_a_clear_message(
    client: object, team: Team
) -> None:
    decision = team.start(Method.CONSENT)
    with pytest.raises(services.DecisionError, match="has closed"):
        services.response_submit(
            decision=decision,
            person=team.starter,
            payload={"stance": "consent"},
            now=later(decision),
        )
    Decision.objects.filter(pk=decision.pk).update(
        opens_at=timezone.now() - timedelta(days=9),
        closes_at=timezone.now() - timedelta(minutes=1),
    )
    client.force_login(team.starter)
    response = client.post(reverse("decisions:respond", args=[decision.pk]), {"stance": "consent"})
    assert response.status_code == 400
    assert "This decision has closed" in response.content.decode()
    assert not Response.objects.exists()


def test_consent_passes_when_nobody_objects_and_the_outcome_goes_in_the_log(
    client: object, team: Team
) -> None:
    decision = team.start(Method.CONSENT)
    for person in team.members[:3]:
        services.response_submit(decision=decision, person=person, payload={"stance": "consent"})
    assert services.decision_close(decision=decision, now=later(decision))
    assert not services.decision_close(decision=decision, now=later(decision, hours=1))
    # Closing records the decision in the project's involvement log, with no time claimed.
    entry = InvolvementEntry.objects.get(place__project=team.project)
    assert entry.participations.count() == 0
    assert "Decided together by consent: 3 responses." in entry.description

    client.force_login(team.members[3])
    page = client.get(reverse("decisions:detail", args=[decision.pk])).content.decode()
    assert "Passes: nobody objects." in page
    assert "Write the outcome" in page

    response = client.post(
        reverse("decisions:outcome", args=[decision.pk]),
        {
            "statement": "We meet online from November to February.",
            "reasons": "Nobody objected.",
            "next_steps": "Dev sends the video link.",
            "review_on": "2027-03-01",
        },
    )
    assert response.status_code == 302
    decision.refresh_from_db()
    assert decision.outcome.statement == "We meet online from November to February."
    entry = InvolvementEntry.objects.get(place__project=team.project)
    assert entry.title == f"Decision: {decision.title}"
    assert entry.what_changed == "We meet online from November to February."
    assert entry.kind == ActivityKind.OTHER
    assert entry.stage == team.project.stage
    assert Change.objects.filter(action="outcome_written").exists()

    # Correcting the outcome updates the same involvement entry and keeps the history.
    client.post(
        reverse("decisions:outcome", args=[decision.pk]),
        {"statement": "We meet online from November to March."},
    )
    entry.refresh_from_db()
    assert InvolvementEntry.objects.count() == 1
    assert entry.what_changed == "We meet online from November to March."
    change = Change.objects.get(action="outcome_changed")
    assert change.before["statement"] == "We meet online from November to February."


def test_the_outcome_waits_until_the_decision_has_closed(client: object, team: Team) -> None:
    decision = team.start(Method.PROPOSAL)
    client.force_login(team.starter)
    response = client.post(reverse("decisions:outcome", args=[decision.pk]), {"statement": "Yes"})
    assert response.status_code == 400
    assert "can be written once voting closes" in response.content.decode()
    with pytest.raises(services.DecisionError):
        services.outcome_write(decision=decision, person=team.starter, statement="Yes")


METHOD_FIELDS = {
    "proposal": {},
    "consent": {},
    "gradients": {},
    "single_choice": {"options": "Tea\nCoffee"},
    "multiple_choice": {"options": "Tea\nCoffee\nJuice", "max_choices": "2"},
    "ranked": {"options": "Tea\nCoffee\nJuice"},
    "dot_vote": {"options": "Tea\nCoffee", "dot_budget": "7"},
    "score": {"options": "Tea\nCoffee", "score_min": "1", "score_max": "10"},
    "time_poll": {
        "times": "2031-01-01 10:00\n2031-01-02 10:00",
        "duration_minutes": "30",
        "timezone_name": "Europe/London",
    },
}


@pytest.mark.parametrize(("method", "fields"), METHOD_FIELDS.items())
def test_every_method_can_be_started_from_the_form(
    client: object, team: Team, method: str, fields: dict
) -> None:
    client.force_login(team.members[1])
    url = reverse("decisions:place_create", args=[team.place.pk])
    response = client.post(
        f"{url}?method={method}",
        {
            "title": "A question",
            "background": "Some background.",
            "closes_at": _local(timezone.now() + timedelta(days=9)),
            "anonymous": "on",
            "reasons_policy": "required",
            "voice_check": "each",
            "voice_minimum": "2",
            **fields,
        },
    )
    assert response.status_code == 302, response.content.decode()
    decision = Decision.objects.get()
    assert decision.method == method
    assert decision.anonymous and decision.results_hidden
    assert decision.reasons_policy == "required"
    assert (decision.voice_check, decision.voice_minimum) == ("each", 2)
    assert decision.options.count() == (
        fields["options"].count("\n") + 1
        if "options" in fields
        else 2
        if method == "time_poll"
        else 0
    )
    if method == "multiple_choice":
        assert decision.max_choices == 2
    if method == "dot_vote":
        assert decision.dot_budget == 7
    if method == "score":
        assert (decision.score_min, decision.score_max) == (1, 10)
