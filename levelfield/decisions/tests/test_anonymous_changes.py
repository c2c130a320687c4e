"""Changing an anonymous response with a change code only the voter holds, while nobody can
link the response to the person."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from datetime import timedelta
from email.utils import parsedate_to_datetime
from typing import Any

import pytest
from django.apps import apps
from django.conf import settings
from django.contrib.sessions.models import Session
from django.test import Client
from django.urls import reverse
from django.views.debug import SafeExceptionReporterFilter

from levelfield.collectives.tests.threads import CONCURRENCY_MARKS, at_once
from levelfield.decisions import services
from levelfield.decisions.models import Decision, Method, Response, ResponseChange, Voter
from levelfield.decisions.tests.factories import Team, later, make_team
from levelfield.history.models import Change

pytestmark = pytest.mark.django_db

MISMATCH = "That change code does not match an answer to this decision"


def _anonymous_decision(team: Team) -> Decision:
    return team.start(Method.PROPOSAL, anonymous=True)


def _respond_url(decision: Decision) -> str:
    return reverse("decisions:respond", args=[decision.pk])


def _code_url(decision: Decision) -> str:
    return reverse("decisions:response_code", args=[decision.pk])


def _answer(client: Client, decision: Decision, stance: str, reason: str = "") -> str:
    """Answer for the first time through the pages; return the change code shown once."""
    sent = client.post(_respond_url(decision), {"stance": stance, "reason": reason})
    assert sent.status_code == 302
    assert sent["Location"] == _code_url(decision)
    page = client.get(_code_url(decision)).content.decode()
    shown = re.search(r'<code id="change-code">([^<]+)</code>', page)
    assert shown, page
    return shown.group(1)


def _tidy(code: str) -> str:
    return "".join(code.split())


def _logged_in(person: Any) -> Client:
    browser = Client()
    browser.force_login(person)
    return browser


def test_a_voter_changes_their_anonymous_answer_on_the_browser_they_answered_with(
    client: Client,
) -> None:
    team = make_team(4)
    decision = _anonymous_decision(team)
    voter = team.members[1]
    client.force_login(voter)

    form = client.get(_respond_url(decision)).content.decode()
    assert "we give you a change code" in form
    sent = client.post(_respond_url(decision), {"stance": "agree", "reason": "Cheaper"})
    assert sent.status_code == 302 and sent["Location"] == _code_url(decision)
    cookie = client.cookies[f"change_key_{decision.pk}"]
    assert cookie["httponly"] and cookie["samesite"] == "Lax"
    assert cookie["path"] == reverse("decisions:detail", args=[decision.pk])
    assert bool(cookie["secure"]) == settings.SESSION_COOKIE_SECURE
    expires = parsedate_to_datetime(cookie["expires"])
    assert abs(expires - decision.closes_at) < timedelta(seconds=5)  # gone when voting closes

    code_page = client.get(_code_url(decision))
    assert "no-store" in code_page["Cache-Control"]
    text = code_page.content.decode()
    assert "Your response has been recorded." in text
    assert (
        "Keep this code if you might want to change your answer on another device. "
        "We do not keep it, so we cannot tell you it again." in text
    )
    code = _tidy(re.search(r'<code id="change-code">([^<]+)</code>', text).group(1))
    assert len(code) == 43
    # Shown once: coming back to the page goes to the decision instead.
    again = client.get(_code_url(decision))
    assert again.status_code == 302
    assert again["Location"] == reverse("decisions:detail", args=[decision.pk])

    response = Response.objects.get(decision=decision)
    assert response.change_key_hash == hashlib.sha256(code.encode()).hexdigest()
    detail = client.get(reverse("decisions:detail", args=[decision.pk])).content.decode()
    assert "Change your response" in detail

    page = client.get(_respond_url(decision)).content.decode()
    assert "Change your response" in page
    assert 'value="agree" checked' in page and "Cheaper" in page
    changed = client.post(_respond_url(decision), {"stance": "block", "reason": "Too far"})
    assert changed.status_code == 302
    assert "Your response has been changed." in client.get(changed["Location"]).content.decode()

    response.refresh_from_db()
    assert Response.objects.filter(decision=decision).count() == 1
    assert (response.payload, response.reason) == ({"stance": "block"}, "Too far")
    assert response.person_id is None and response.updated_at is None
    assert Voter.objects.filter(decision=decision).count() == 1


def test_a_voter_changes_their_answer_from_another_browser_by_typing_the_change_code(
    client: Client,
) -> None:
    team = make_team(4)
    decision = _anonymous_decision(team)
    voter = team.members[1]
    client.force_login(voter)
    shown = _answer(client, decision, "agree", "Cheaper")

    phone = _logged_in(voter)
    asked = phone.get(_respond_url(decision)).content.decode()
    assert "You have already responded. Anonymous responses cannot be changed" in asked
    assert 'name="change_code"' in asked
    assert "Cheaper" not in asked  # nothing about the answer until the code is given

    # Typed as shown, spaces and all.
    entered = phone.post(_respond_url(decision), {"change_code": f"  {shown} "})
    assert entered.status_code == 302 and entered["Location"] == _respond_url(decision)
    page = phone.get(_respond_url(decision)).content.decode()
    assert 'value="agree" checked' in page and "Cheaper" in page
    phone.post(_respond_url(decision), {"stance": "disagree", "reason": "Changed my mind"})

    response = Response.objects.get(decision=decision)
    assert response.payload == {"stance": "disagree"}
    assert response.reason == "Changed my mind"
    # The first browser still finds it too.
    assert 'value="disagree" checked' in client.get(_respond_url(decision)).content.decode()


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("not-a-real-code", MISMATCH),
        ("", "Enter your change code."),
    ],
)
def test_a_wrong_or_missing_change_code_is_refused_by_the_field(
    client: Client, typed: str, message: str
) -> None:
    team = make_team(4)
    decision = _anonymous_decision(team)
    services.response_submit(
        decision=decision,
        person=team.members[1],
        payload={"stance": "agree"},
        change_code="the-real-code",
    )
    client.force_login(team.members[1])
    refused = client.post(_respond_url(decision), {"change_code": typed, "stance": "block"})
    assert refused.status_code == 400
    page = refused.content.decode()
    assert "There is a problem" in page
    assert (
        '<p id="id_change_code-error" class="govuk-error-message">'
        f'<span class="govuk-visually-hidden">Error:</span> {message}' in page
    )
    assert f"change_key_{decision.pk}" not in refused.cookies
    assert Response.objects.get(decision=decision).payload == {"stance": "agree"}
    with pytest.raises(services.DecisionError, match=MISMATCH):
        services.response_submit(
            decision=decision,
            person=team.members[1],
            payload={"stance": "block"},
            change_code="not-a-real-code",
        )


def test_someone_elses_code_cannot_be_used_by_a_person_who_has_not_voted(
    client: Client,
) -> None:
    team = make_team(4)
    decision = _anonymous_decision(team)
    owner, other = team.members[1], team.members[2]
    client.force_login(owner)
    code = _tidy(_answer(client, decision, "agree", "Mine"))

    # The page gives someone who has not voted a new response, never the owner's.
    browser = _logged_in(other)
    page = browser.get(_respond_url(decision)).content.decode()
    assert 'name="change_code"' not in page and "Mine" not in page
    sent = browser.post(_respond_url(decision), {"stance": "block", "change_code": code})
    assert sent["Location"] == _code_url(decision)
    assert sorted(Response.objects.values_list("reason", flat=True)) == ["", "Mine"]
    assert Response.objects.get(reason="Mine").payload == {"stance": "agree"}

    # Nor can the service be made to treat the code as a new one.
    newcomer = team.members[3]
    with pytest.raises(services.DecisionError, match="new change code"):
        services.response_submit(
            decision=decision, person=newcomer, payload={"stance": "block"}, change_code=code
        )
    assert not Voter.objects.filter(decision=decision, person=newcomer).exists()
    assert Response.objects.get(reason="Mine").payload == {"stance": "agree"}


def test_the_code_is_shown_only_to_its_owner_even_on_a_shared_computer(client: Client) -> None:
    team = make_team(4)
    decision = _anonymous_decision(team)
    owner, other = team.members[1], team.members[2]
    services.response_submit(decision=decision, person=other, payload={"stance": "abstain"})
    client.force_login(owner)
    client.post(_respond_url(decision), {"stance": "agree", "reason": "Mine"})

    # Someone else signs in on the same browser before the code page is opened: the
    # cookies were signed for the owner, so they see neither the code nor the answer.
    client.force_login(other)
    assert client.get(_code_url(decision)).status_code == 302
    page = client.get(_respond_url(decision)).content.decode()
    assert 'name="change_code"' in page and "Mine" not in page
    client.post(_respond_url(decision), {"stance": "block", "reason": "Not mine"})
    assert Response.objects.get(reason="Mine").payload == {"stance": "agree"}


def test_after_closing_anonymous_changes_are_refused(client: Client) -> None:
    team = make_team(4)
    decision = _anonymous_decision(team)
    client.force_login(team.members[1])
    code = _tidy(_answer(client, decision, "agree", "Cheaper"))
    services.decision_close(decision=decision, now=later(decision))

    page = client.get(_respond_url(decision))
    assert "This decision has closed, so responses can no longer be given or changed." in (
        page.content.decode()
    )
    assert 'name="stance"' not in page.content.decode()
    refused = client.post(_respond_url(decision), {"stance": "block"})
    assert refused.status_code == 400
    with pytest.raises(services.DecisionError, match="closed"):
        services.response_submit(
            decision=decision,
            person=team.members[1],
            payload={"stance": "block"},
            change_code=code,
        )
    assert Response.objects.get(decision=decision).payload == {"stance": "agree"}
    assert not Change.objects.filter(action="anonymous_response_changed").exists()


def test_the_stored_data_still_has_no_link_between_the_person_and_the_response(
    client: Client,
) -> None:
    team = make_team(6)
    decision = _anonymous_decision(team)
    codes = {}
    for person, stance in zip(team.members[:3], ["agree", "block", "abstain"], strict=True):
        browser = _logged_in(person)
        codes[person.pk] = _tidy(_answer(browser, decision, stance, f"Reason {stance}"))
        browser.post(_respond_url(decision), {"stance": "disagree", "reason": "Changed"})

    # No column of a response names a person, says when, or keeps a change's before/after.
    for response in Response.objects.filter(decision=decision):
        assert response.person_id is None and response.updated_at is None
        identifying = {
            str(value)
            for person in team.members
            for value in (person.pk, person.email, person.name, person.display_name)
        }
        assert not identifying & {str(value) for value in vars(response).values()}
        # The hash is of a random code, not of anything about the person.
        for person in team.members:
            for value in (person.pk, person.email):
                guess = hashlib.sha256(str(value).encode()).hexdigest()
                assert response.change_key_hash != guess
    assert not ResponseChange.objects.exists()

    # The codes themselves are stored nowhere: no table, no session.
    stored = "".join(
        str(list(model._default_manager.values_list()))
        for model in apps.get_models()
        if model is not Session
    )
    sessions = "".join(str(session.get_decoded()) for session in Session.objects.all())
    for code in codes.values():
        assert code not in stored and code not in sessions

    # The history says three anonymous responses changed: no one named, nothing said.
    changes = Change.objects.filter(action="anonymous_response_changed")
    assert changes.count() == 3
    for change in changes:
        assert change.actor is None
        assert change.before == {} and change.after == {}
        assert change.summary == f"An anonymous response to “{decision.title}” was changed"
    assert not Change.objects.filter(action__startswith="response").exists()

    # After closing, the decision page still shows no names by the answers.
    services.decision_close(decision=decision, now=later(decision))
    client.force_login(team.members[5])
    page = client.get(reverse("decisions:detail", args=[decision.pk])).content.decode()
    results = page[page.index("Results</h2>") : page.index("Who has responded")]
    for person in team.members:
        assert person.name not in results


def test_the_history_keeps_the_change_but_not_who_made_it_or_what_it_was(
    client: Client,
) -> None:
    team = make_team(4)
    decision = _anonymous_decision(team)
    client.force_login(team.members[2])
    _answer(client, decision, "agree", "Cheaper")
    client.post(_respond_url(decision), {"stance": "agree", "reason": "Cheaper"})
    assert not Change.objects.filter(action="anonymous_response_changed").exists()  # no change

    client.post(_respond_url(decision), {"stance": "block", "reason": "Dark evenings"})
    change = Change.objects.get(action="anonymous_response_changed")
    assert change.actor is None
    assert (change.before, change.after) == ({}, {})
    assert team.members[2].name not in change.summary
    assert "block" not in change.summary.lower() and "Dark evenings" not in change.summary
    history = client.get(reverse("projects:history", args=[team.project.pk]))
    assert history.status_code == 200
    text = history.content.decode()
    assert f"An anonymous response to “{decision.title}” was changed" in text
    assert "Dark evenings" not in text


def test_error_reports_never_show_a_change_code(client: Client) -> None:
    team = make_team(3)
    decision = _anonymous_decision(team)
    client.force_login(team.members[1])
    code = _tidy(_answer(client, decision, "agree"))
    phone = _logged_in(team.members[1])
    typed = phone.post(_respond_url(decision), {"change_code": code})
    kept = client.get(_respond_url(decision))

    reports = SafeExceptionReporterFilter()
    assert code not in str(reports.get_post_parameters(typed.wsgi_request))
    cookies = reports.get_safe_cookies(kept.wsgi_request)
    assert f"change_key_{decision.pk}" in cookies
    assert code not in str(cookies)


@pytest.mark.parametrize(
    ("role", "status"),
    [("anonymous", 302), ("stranger", 404), ("member", 302), ("voter", 200)],
)
def test_who_can_open_the_change_code_page(client: Client, role: str, status: int) -> None:
    team = make_team(3)
    decision = _anonymous_decision(team)
    people = {"stranger": team.outsider, "member": team.members[1], "voter": team.members[2]}
    if role == "voter":
        client.force_login(people["voter"])
        client.post(_respond_url(decision), {"stance": "agree"})
    elif role != "anonymous":
        client.force_login(people[role])
    page = client.get(_code_url(decision))
    assert page.status_code == status
    if role == "anonymous":
        assert page["Location"].startswith(reverse("account_login"))
    if role == "member":
        assert page["Location"] == reverse("decisions:detail", args=[decision.pk])


def test_a_stranger_cannot_change_an_anonymous_response_even_with_its_code(
    client: Client,
) -> None:
    team = make_team(3)
    decision = _anonymous_decision(team)
    services.response_submit(
        decision=decision, person=team.members[1], payload={"stance": "agree"}, change_code="x1"
    )
    client.force_login(team.outsider)
    posted = client.post(_respond_url(decision), {"change_code": "x1", "stance": "block"})
    assert posted.status_code == 404
    assert Response.objects.get(decision=decision).payload == {"stance": "agree"}
    assert not Voter.objects.filter(person=team.outsider).exists()


# On PostgreSQL: changes and first answers that arrive together.


def _concurrent(test: Callable[..., None]) -> Callable[..., None]:
    for mark in CONCURRENCY_MARKS:
        test = mark(test)
    return test


@_concurrent
def test_two_simultaneous_changes_leave_one_response() -> None:
    team = make_team(2)
    decision = team.start(Method.CONSENT, anonymous=True)
    person = team.members[1]
    services.response_submit(
        decision=decision, person=person, payload={"stance": "consent"}, change_code="mine"
    )
    stances = ["object", "consent", "object"]
    outcomes = at_once(
        3,
        lambda n: services.response_submit(
            decision=decision,
            person=person,
            payload={"stance": stances[n]},
            reason=f"Try {n}",
            change_code="mine",
        ),
    )
    assert not [o for o in outcomes if isinstance(o, Exception)], outcomes
    assert Response.objects.filter(decision=decision).count() == 1
    assert Voter.objects.filter(decision=decision).count() == 1
    response = Response.objects.get(decision=decision)
    assert response.reason in {"Try 0", "Try 1", "Try 2"}
    assert Change.objects.filter(action="anonymous_response_changed").count() == 3


@_concurrent
def test_two_simultaneous_first_answers_with_new_codes_leave_one_response() -> None:
    team = make_team(2)
    decision = team.start(Method.CONSENT, anonymous=True)
    person = team.members[1]
    outcomes = at_once(
        2,
        lambda n: services.response_submit(
            decision=decision,
            person=person,
            payload={"stance": "consent"},
            change_code=f"fresh-{n}",
        ),
    )
    refused = [o for o in outcomes if isinstance(o, services.DecisionError)]
    assert len(refused) == 1 and refused[0].code == "change_code", outcomes
    assert Response.objects.filter(decision=decision).count() == 1
    assert Voter.objects.filter(decision=decision, person=person).count() == 1
