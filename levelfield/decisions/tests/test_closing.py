"""Closing on time (background task, command, or early when all have responded) and the
one reminder a day before closing."""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager
from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from levelfield.decisions import services, tasks
from levelfield.decisions.models import Decision, Method
from levelfield.decisions.tests.factories import Team, later
from levelfield.history.models import Change

pytestmark = pytest.mark.django_db


def _overdue(decision: Decision) -> Decision:
    Decision.objects.filter(pk=decision.pk).update(
        opens_at=timezone.now() - timedelta(days=9),
        closes_at=timezone.now() - timedelta(minutes=5),
    )
    decision.refresh_from_db()
    return decision


def test_starting_a_decision_schedules_closing_and_the_reminder(
    team: Team, settings: object, django_capture_on_commit_callbacks: object
) -> None:
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    with django_capture_on_commit_callbacks(execute=True):
        decision = team.start(Method.PROPOSAL)
    scheduled = {row.task_path: row for row in DBTaskResult.objects.all()}
    close = scheduled["levelfield.decisions.tasks.decision_close_task"]
    remind = scheduled["levelfield.decisions.tasks.decision_remind_task"]
    assert close.run_after == decision.closes_at
    assert remind.run_after == decision.closes_at - timedelta(days=1)
    assert close.args_kwargs == {"args": [decision.pk], "kwargs": {}}


def test_the_close_task_closes_a_due_decision_once(team: Team) -> None:
    decision = team.start(Method.PROPOSAL)
    assert tasks.decision_close_task.call(decision.pk) is False  # not due yet
    _overdue(decision)
    assert tasks.decision_close_task.call(decision.pk) is True
    assert tasks.decision_close_task.call(decision.pk) is False
    assert tasks.decision_close_task.call(999999) is False
    decision.refresh_from_db()
    assert decision.closed_at is not None
    assert Change.objects.filter(action="decision_closed").count() == 1


def test_the_command_closes_every_due_decision(team: Team) -> None:
    due = _overdue(team.start(Method.PROPOSAL))
    still_open = team.start(Method.CONSENT)
    out = StringIO()
    call_command("close_due_decisions", stdout=out)
    assert "Closed 1 decisions" in out.getvalue()
    due.refresh_from_db()
    still_open.refresh_from_db()
    assert due.closed_at is not None
    assert still_open.closed_at is None
    assert services.decisions_close_due() == 0


def _writes_while(client: object, urls: list[str]) -> list[str]:
    """Open each page; return every INSERT, UPDATE or DELETE the database was sent."""
    with CaptureQueriesContext(connection) as queries:
        for url in urls:
            assert client.get(url).status_code == 200, url
    return [
        query["sql"]
        for query in queries.captured_queries
        if query["sql"].lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE"))
    ]


def test_opening_a_due_decisions_pages_writes_nothing_and_shows_it_closed(
    client: object, team: Team
) -> None:
    decision = _overdue(team.start(Method.PROPOSAL))
    Decision.objects.filter(pk=decision.pk).update(voice_check="public", voice_minimum=3)
    client.force_login(team.starter)
    history_before = Change.objects.count()
    pages = [
        reverse("decisions:detail", args=[decision.pk]),
        reverse("decisions:respond", args=[decision.pk]),
        reverse("decisions:discussion", args=[decision.pk]),
        reverse("decisions:outcome", args=[decision.pk]),
        reverse("decisions:place_log", args=[team.place.pk]),
        reverse("decisions:place_export_csv", args=[team.place.pk]),
    ]
    assert _writes_while(client, pages) == []

    page = client.get(pages[0]).content.decode()
    assert "Closed" in page and "Write the outcome" in page
    assert "Not enough voices heard" in page  # worked out as closing will fix it
    assert "This decision has closed" in client.get(pages[1]).content.decode()
    decision.refresh_from_db()
    assert decision.closed_at is None and decision.involvement_entry_id is None
    assert Change.objects.count() == history_before


def test_a_due_anonymous_decision_says_its_answers_are_being_counted(
    client: object, team: Team
) -> None:
    decision = team.start(Method.PROPOSAL, anonymous=True)
    services.response_submit(
        decision=decision, person=team.members[1], payload={"stance": "agree"}, reason="Yes!"
    )
    decision = _overdue(decision)
    client.force_login(team.starter)
    url = reverse("decisions:detail", args=[decision.pk])
    assert _writes_while(client, [url]) == []
    page = client.get(url).content.decode()
    assert "The anonymous answers are being counted and will appear here shortly." in page
    assert "Yes!" not in page

    assert tasks.decision_close_task.call(decision.pk)
    page = client.get(url).content.decode()
    assert "being counted" not in page and "Yes!" in page


def test_writing_the_outcome_of_a_due_decision_closes_it_first(client: object, team: Team) -> None:
    decision = _overdue(team.start(Method.PROPOSAL))
    client.force_login(team.starter)
    posted = client.post(
        reverse("decisions:outcome", args=[decision.pk]), {"statement": "We go ahead."}
    )
    assert posted.status_code == 302
    decision.refresh_from_db()
    assert decision.closed_at is not None
    assert decision.outcome.statement == "We go ahead."
    assert Change.objects.filter(action="decision_closed").count() == 1


def test_it_closes_early_only_when_every_member_has_responded(client: object, team: Team) -> None:
    decision = team.start(Method.PROPOSAL)
    url = reverse("decisions:close_early", args=[decision.pk])
    for person in team.members[:3]:
        services.response_submit(decision=decision, person=person, payload={"stance": "agree"})
    client.force_login(team.starter)
    assert (
        "Close the decision now"
        not in client.get(reverse("decisions:detail", args=[decision.pk])).content.decode()
    )
    response = client.post(url, follow=True)
    assert "1 person has not responded yet" in response.content.decode()
    decision.refresh_from_db()
    assert decision.closed_at is None

    services.response_submit(
        decision=decision, person=team.members[3], payload={"stance": "agree"}
    )
    assert (
        "Close the decision now"
        in client.get(reverse("decisions:detail", args=[decision.pk])).content.decode()
    )
    client.post(url)
    decision.refresh_from_db()
    assert decision.closed_at is not None and decision.closed_early
    with pytest.raises(services.DecisionError, match="Anonymous|closed"):
        services.response_submit(
            decision=decision, person=team.starter, payload={"stance": "block"}
        )


def test_people_who_have_not_responded_get_one_reminder_a_day_before(
    team: Team,
    mailoutbox: list,
    settings: object,
    django_capture_on_commit_callbacks: Callable[..., AbstractContextManager],
) -> None:
    settings.SITE_URL = "https://levelfield.example.org"
    decision = team.start(Method.PROPOSAL)
    services.response_submit(
        decision=decision, person=team.members[0], payload={"stance": "agree"}
    )

    with django_capture_on_commit_callbacks(execute=True):
        assert services.decisions_remind_due(now=decision.closes_at - timedelta(days=2)) == 0
    assert mailoutbox == []

    day_before = decision.closes_at - timedelta(hours=20)
    with django_capture_on_commit_callbacks(execute=True):
        assert services.decisions_remind_due(now=day_before) == 3
    assert sorted(mail.to[0] for mail in mailoutbox) == sorted(p.email for p in team.members[1:])
    mail = mailoutbox[0]
    assert f"Reminder: “{decision.title}” closes" in mail.subject
    assert f"https://levelfield.example.org/decisions/{decision.pk}/respond/" in mail.body
    assert "only reminder" in mail.body

    with django_capture_on_commit_callbacks(execute=True):
        assert services.decisions_remind_due(now=day_before + timedelta(hours=1)) == 0
        assert tasks.decision_remind_task.call(decision.pk) == 0
    assert len(mailoutbox) == 3
    decision.refresh_from_db()
    assert decision.reminder_sent_at == day_before


def test_anonymous_voters_are_not_reminded_and_closed_decisions_send_nothing(
    team: Team,
    mailoutbox: list,
    django_capture_on_commit_callbacks: Callable[..., AbstractContextManager],
) -> None:
    anonymous = team.start(Method.CONSENT, anonymous=True)
    services.response_submit(
        decision=anonymous, person=team.members[1], payload={"stance": "consent"}
    )
    with django_capture_on_commit_callbacks(execute=True):
        services.decision_remind(decision=anonymous, now=anonymous.closes_at - timedelta(hours=2))
    assert team.members[1].email not in [mail.to[0] for mail in mailoutbox]
    assert len(mailoutbox) == 3

    closed = team.start(Method.CONSENT)
    services.decision_close(decision=closed, now=later(closed))
    with django_capture_on_commit_callbacks(execute=True):
        assert (
            services.decision_remind(decision=closed, now=closed.closes_at - timedelta(hours=2))
            == 0
        )
    assert len(mailoutbox) == 3
