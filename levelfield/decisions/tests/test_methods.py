"""User stories for every option method: respond through the form, see the result."""

from __future__ import annotations

import zoneinfo
from datetime import datetime, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from levelfield.decisions import services
from levelfield.decisions.models import Decision, Method, Response
from levelfield.decisions.tests.factories import Team, later

pytestmark = pytest.mark.django_db


def _ids(decision: Decision) -> list[int]:
    return list(decision.options.values_list("pk", flat=True))


def _respond(client: object, person: object, decision: Decision, data: dict) -> object:
    client.force_login(person)
    return client.post(reverse("decisions:respond", args=[decision.pk]), data)


def _page(client: object, decision: Decision) -> str:
    return client.get(reverse("decisions:detail", args=[decision.pk])).content.decode()


def test_single_choice_counts_and_percentages(client: object, team: Team) -> None:
    decision = team.start(Method.SINGLE_CHOICE)
    tea, coffee, juice = _ids(decision)
    for person, choice in zip(team.members, [tea, tea, coffee], strict=False):
        assert _respond(client, person, decision, {"choice": str(choice)}).status_code == 302
    page = _page(client, decision)
    assert "Most votes: Tea" in page
    assert "66.7%" in page and "33.3%" in page
    assert Response.objects.get(person=team.members[2]).payload == {"options": [coffee]}
    assert juice


def test_multiple_choice_refuses_too_many_choices(client: object, team: Team) -> None:
    decision = team.start(Method.MULTIPLE_CHOICE, max_choices=2)
    tea, coffee, juice = _ids(decision)
    response = _respond(
        client, team.starter, decision, {"choices": [str(tea), str(coffee), str(juice)]}
    )
    assert response.status_code == 200
    assert "Choose up to 2 options. You chose 3." in response.content.decode()
    assert not Response.objects.exists()

    assert (
        _respond(client, team.starter, decision, {"choices": [str(tea), str(juice)]}).status_code
        == 302
    )
    assert Response.objects.get().payload == {"options": [tea, juice]}
    with pytest.raises(services.DecisionError, match="Choose up to 2"):
        services.response_submit(
            decision=decision, person=team.starter, payload={"options": [tea, coffee, juice]}
        )


def test_ranked_choice_with_number_inputs_shows_runoff_borda_and_condorcet(
    client: object, team: Team
) -> None:
    decision = team.start(Method.RANKED)
    tea, coffee, juice = _ids(decision)
    form = client.get(reverse("decisions:respond", args=[decision.pk]))
    assert form.status_code == 302  # not logged in yet
    client.force_login(team.starter)
    html = client.get(reverse("decisions:respond", args=[decision.pk])).content.decode()
    assert 'type="number"' in html and "Rank (1 = first choice)" in html

    ballots = [
        {f"option_{tea}": "1", f"option_{coffee}": "2", f"option_{juice}": "3"},
        {f"option_{coffee}": "1", f"option_{tea}": "2"},
        {f"option_{juice}": "1", f"option_{tea}": "2", f"option_{coffee}": "3"},
    ]
    for person, ballot in zip(team.members, ballots, strict=False):
        assert _respond(client, person, decision, ballot).status_code == 302
    assert Response.objects.get(person=team.members[1]).payload == {"ranking": [coffee, tea]}
    page = _page(client, decision)
    assert "Instant-runoff winner" in page
    assert "Borda winner" in page
    assert "Condorcet winner" in page
    assert "Round 2" in page
    # Tea beats both others one-to-one and has the highest Borda score.
    assert '<dd class="govuk-summary-list__value">Tea</dd>' in page


@pytest.mark.parametrize(
    ("ranks", "message"),
    [
        ({"a": "1", "b": "1"}, "both have rank 1"),
        ({"a": "1", "b": "3"}, "without gaps. Nothing is ranked 2"),
        ({"a": "4"}, "Ranks go from 1 to 3"),
        ({"a": "first"}, "Enter a whole number"),
        ({}, "Rank at least one option"),
    ],
)
def test_malformed_rankings_are_refused_with_a_clear_message(
    client: object, team: Team, ranks: dict[str, str], message: str
) -> None:
    decision = team.start(Method.RANKED)
    ids = dict(zip("abc", _ids(decision), strict=True))
    data = {f"option_{ids[key]}": value for key, value in ranks.items()}
    response = _respond(client, team.starter, decision, data)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Response.objects.exists()


def test_the_service_refuses_rankings_that_repeat_or_invent_options(team: Team) -> None:
    decision = team.start(Method.RANKED)
    tea, coffee, _ = _ids(decision)
    with pytest.raises(services.DecisionError, match="only once"):
        services.response_submit(
            decision=decision, person=team.starter, payload={"ranking": [tea, tea]}
        )
    with pytest.raises(services.DecisionError, match="not part of this decision"):
        services.response_submit(
            decision=decision, person=team.starter, payload={"ranking": [tea, 999999]}
        )
    with pytest.raises(services.DecisionError, match="could not be read"):
        services.response_submit(
            decision=decision, person=team.starter, payload={"ranking": "tea, coffee"}
        )
    assert not Response.objects.exists()
    assert coffee


def test_dot_vote_totals_and_too_many_dots_refused(client: object, team: Team) -> None:
    decision = team.start(Method.DOT_VOTE, dot_budget=5)
    tea, coffee, juice = _ids(decision)
    too_many = _respond(
        client, team.starter, decision, {f"option_{tea}": "4", f"option_{coffee}": "3"}
    )
    assert too_many.status_code == 200
    assert "You have 5 dots to share, but you gave 7. Take away 2." in too_many.content.decode()
    assert "you have 5 in total" in too_many.content.decode()

    assert (
        _respond(
            client, team.members[0], decision, {f"option_{tea}": "4", f"option_{coffee}": "1"}
        ).status_code
        == 302
    )
    assert (
        _respond(
            client, team.members[1], decision, {f"option_{juice}": "4", f"option_{coffee}": "1"}
        ).status_code
        == 302
    )
    page = _page(client, decision)
    assert "Tied for most dots: Tea, Juice" in page
    assert "Share of all dots" in page
    assert Response.objects.get(person=team.members[0]).payload == {
        "dots": {str(tea): 4, str(coffee): 1}
    }


def test_scores_show_mean_and_spread_and_out_of_range_is_refused(
    client: object, team: Team
) -> None:
    decision = team.start(Method.SCORE, score_min=0, score_max=5)
    tea, coffee, juice = _ids(decision)
    refused = _respond(client, team.starter, decision, {f"option_{tea}": "6"})
    assert refused.status_code == 200
    assert "Scores must be from 0 to 5." in refused.content.decode()
    with pytest.raises(
        services.DecisionError, match="Scores must be from 0 to 5. -1 is out of range"
    ):
        services.response_submit(
            decision=decision, person=team.starter, payload={"scores": {str(tea): -1}}
        )

    _respond(client, team.members[0], decision, {f"option_{tea}": "5", f"option_{coffee}": "1"})
    _respond(client, team.members[1], decision, {f"option_{tea}": "3", f"option_{coffee}": "1"})
    page = _page(client, decision)
    assert "Highest average score: Tea" in page
    assert "4.00" in page  # mean of 5 and 3
    assert "1.00" in page  # spread of 5 and 3
    assert "No scores yet" in page  # juice
    assert juice


def test_gradients_of_agreement_show_the_distribution(client: object, team: Team) -> None:
    decision = team.start(Method.GRADIENTS)
    client.force_login(team.starter)
    form = client.get(reverse("decisions:respond", args=[decision.pk])).content.decode()
    assert "Whole-hearted endorsement" in form and "Veto" in form
    _respond(client, team.members[0], decision, {"stance": "endorse"})
    _respond(client, team.members[1], decision, {"stance": "reservations"})
    _respond(client, team.members[2], decision, {"stance": "veto", "reason": "Too costly."})
    page = _page(client, decision)
    assert "How strongly people agree" in page
    assert "1 veto." in page
    assert "33.3%" in page


def test_time_poll_in_time_zones_chosen_time_becomes_a_calendar_file(
    client: object, team: Team
) -> None:
    zone = zoneinfo.ZoneInfo("Europe/London")
    first = datetime(2027, 1, 12, 14, 0, tzinfo=zone)
    second = datetime(2027, 1, 14, 18, 30, tzinfo=zone)
    decision = team.start(
        Method.TIME_POLL,
        timezone_name="Europe/London",
        times=[
            services.ProposedTime(first, first + timedelta(hours=1)),
            services.ProposedTime(second, second + timedelta(hours=1)),
        ],
    )
    a, b = _ids(decision)
    assert (
        decision.options.get(pk=a).label
        == "Tuesday 12 January 2027, 14:00 to 15:00 (Europe/London)"
    )
    _respond(client, team.members[0], decision, {f"option_{a}": "yes", f"option_{b}": "no"})
    _respond(
        client, team.members[1], decision, {f"option_{a}": "if_need_be", f"option_{b}": "yes"}
    )
    _respond(client, team.members[2], decision, {f"option_{a}": "yes", f"option_{b}": "yes"})
    missing = _respond(client, team.members[3], decision, {f"option_{a}": "yes"})
    assert "Answer yes, if need be or no for this time." in missing.content.decode()

    page = _page(client, decision)
    assert "Best time:" in page
    in_new_york = client.get(
        reverse("decisions:detail", args=[decision.pk]), {"tz": "America/New_York"}
    ).content.decode()
    assert "Tuesday 12 January 2027, 09:00 to 10:00 (America/New_York)" in in_new_york
    # A made-up zone falls back to the poll's own.
    assert (
        client.get(
            reverse("decisions:detail", args=[decision.pk]), {"tz": "Mars/Base"}
        ).status_code
        == 200
    )

    services.decision_close(decision=decision, now=later(decision))
    outcome_form = client.get(reverse("decisions:outcome", args=[decision.pk])).content.decode()
    assert "Chosen time" in outcome_form
    client.post(
        reverse("decisions:outcome", args=[decision.pk]),
        {"statement": "We meet on 12 January.", "chosen_option": str(a)},
    )
    ics = client.get(reverse("decisions:ics", args=[decision.pk]))
    assert ics.status_code == 200
    assert ics["Content-Type"].startswith("text/calendar")
    body = ics.content.decode()
    assert "BEGIN:VEVENT" in body
    assert (
        "DTSTART;TZID=Europe/London:20270112T140000" in body or "DTSTART:20270112T140000Z" in body
    )
    assert "SUMMARY:Should we meet online in winter?" in body
    page = _page(client, decision)
    assert "Add it to your calendar" in page


def test_a_time_poll_is_started_from_the_form_with_one_time_per_line(
    client: object, team: Team
) -> None:
    client.force_login(team.starter)
    url = reverse("decisions:place_create", args=[team.place.pk])
    closes = timezone.localtime(timezone.now() + timedelta(days=9)).strftime("%Y-%m-%dT%H:%M")
    response = client.post(
        f"{url}?method=time_poll",
        {
            "title": "When is the next Cuppa?",
            "background": "Let us find a time.",
            "times": "2027-02-03 10:00\n2027-02-04 15:30\n\n",
            "duration_minutes": "90",
            "timezone_name": "Asia/Kolkata",
            "closes_at": closes,
            "reasons_policy": "optional",
            "voice_check": "none",
            "voice_minimum": "1",
        },
    )
    assert response.status_code == 302
    decision = Decision.objects.get()
    first = decision.options.first()
    assert first.starts_at == datetime(2027, 2, 3, 10, 0, tzinfo=zoneinfo.ZoneInfo("Asia/Kolkata"))
    assert first.ends_at - first.starts_at == timedelta(minutes=90)

    bad = client.post(
        f"{url}?method=time_poll",
        {
            "title": "When?",
            "background": "Let us find a time.",
            "times": "next tuesday",
            "duration_minutes": "60",
            "timezone_name": "Europe/London",
            "closes_at": closes,
            "reasons_policy": "optional",
            "voice_check": "none",
            "voice_minimum": "1",
        },
    )
    assert "“next tuesday” is not a date and time" in bad.content.decode()


def test_option_methods_need_at_least_two_options(client: object, team: Team) -> None:
    with pytest.raises(services.DecisionError, match="at least 2 options"):
        team.start(Method.SINGLE_CHOICE, options=["Only one"])
    client.force_login(team.starter)
    url = reverse("decisions:place_create", args=[team.place.pk])
    response = client.post(
        f"{url}?method=ranked",
        {
            "title": "Pick",
            "background": "Pick one.",
            "options": "Same\nsame \n",
            "closes_at": timezone.localtime(timezone.now() + timedelta(days=9)).strftime(
                "%Y-%m-%dT%H:%M"
            ),
            "reasons_policy": "optional",
            "voice_check": "none",
            "voice_minimum": "1",
        },
    )
    assert "Give at least 2 different options" in response.content.decode()
    assert not Decision.objects.exists()
