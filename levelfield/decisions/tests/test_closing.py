"""Closing on time (background task, command, or early when all have responded) and the
one reminder a day before closing."""

from __future__ import annotations

from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
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


def test_a_page_visit_closes_a_decision_the_worker_has_not_reached(
    client: object, team: Team
) -> None:
    decision = _overdue(team.start(Method.PROPOSAL))
    client.force_login(team.starter)
    page = client.get(reverse("decisions:detail", args=[decision.pk])).content.decode()
    assert "Write the outcome" in page
    decision.refresh_from_db()
    assert decision.closed_at is not None


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
    team: Team, mailoutbox: list, settings: object
) -> None:
    settings.SITE_URL = "https://levelfield.example.org"
    decision = team.start(Method.PROPOSAL)
    services.response_submit(
        decision=decision, person=team.members[0], payload={"stance": "agree"}
    )

    assert services.decisions_remind_due(now=decision.closes_at - timedelta(days=2)) == 0
    assert mailoutbox == []

    day_before = decision.closes_at - timedelta(hours=20)
    assert services.decisions_remind_due(now=day_before) == 3
    assert sorted(mail.to[0] for mail in mailoutbox) == sorted(p.email for p in team.members[1:])
    mail = mailoutbox[0]
    assert f"Reminder: “{decision.title}” closes" in mail.subject
    assert f"https://levelfield.example.org/decisions/{decision.pk}/respond/" in mail.body
    assert "only reminder" in mail.body

    assert services.decisions_remind_due(now=day_before + timedelta(hours=1)) == 0
    assert tasks.decision_remind_task.call(decision.pk) == 0
    assert len(mailoutbox) == 3
    decision.refresh_from_db()
    assert decision.reminder_sent_at == day_before


def test_anonymous_voters_are_not_reminded_and_closed_decisions_send_nothing(
    team: Team, mailoutbox: list
) -> None:
    anonymous = team.start(Method.CONSENT, anonymous=True)
    services.response_submit(
        decision=anonymous, person=team.members[1], payload={"stance": "consent"}
    )
    services.decision_remind(decision=anonymous, now=anonymous.closes_at - timedelta(hours=2))
    assert team.members[1].email not in [mail.to[0] for mail in mailoutbox]
    assert len(mailoutbox) == 3

    closed = team.start(Method.CONSENT)
    services.decision_close(decision=closed, now=later(closed))
    assert (
        services.decision_remind(decision=closed, now=closed.closes_at - timedelta(hours=2)) == 0
    )
    assert len(mailoutbox) == 3
