"""Reminders: the one notice each open decision sends a day before it closes, to the
members who have not responded."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from levelfield.decisions import participation
from levelfield.decisions.models import Decision, Phase
from levelfield.decisions.services.common import decision_record
from levelfield.decisions.services.starting import REMINDER_BEFORE
from levelfield.lib.words import plural
from levelfield.notifications.services import notifications_send_each
from levelfield.people.models import User


def decisions_remind_due(*, now: datetime | None = None) -> int:
    """Send the one reminder each open decision gets a day before it closes."""
    now = now or timezone.now()
    sent = 0
    for decision in Decision.objects.needing_reminder(now, before=REMINDER_BEFORE):
        sent += decision_remind(decision=decision, now=now)
    return sent


def decision_remind(*, decision: Decision, now: datetime | None = None) -> int:
    """Remind members who have not responded, once. Returns how many were reminded.

    The decision row is locked and marked as reminded in the same transaction that
    stores the notices, so two workers never both remind. The emails are queued only
    when that transaction commits, so none is sent while the lock is held, and one the
    mail server refuses is tried again by the notifications app.
    """
    now = now or timezone.now()
    with transaction.atomic():
        decision = (
            Decision.objects.select_for_update(of=("self",)).with_place().get(pk=decision.pk)
        )
        if decision.reminder_sent_at or decision.phase(now) != Phase.VOTING:
            return 0
        if now < decision.closes_at - REMINDER_BEFORE:
            return 0
        waiting = list(participation.waiting_people(decision))
        decision.reminder_sent_at = now
        decision.save(update_fields=["reminder_sent_at"])
        decision_record(
            decision,
            actor=None,
            action="reminder_sent",
            summary=f"Levelfield reminded {plural(len(waiting), 'person')} "
            f"about “{decision.title}”",
            after={"reminded": len(waiting)},
        )
        _reminders_send(decision, waiting, now=now)
        return len(waiting)


def _reminders_send(decision: Decision, people: Sequence[User], *, now: datetime) -> None:
    context = {
        "decision": decision,
        "place": decision.place,
        "closes_at": timezone.localtime(decision.closes_at),
    }
    url = reverse("decisions:respond", args=[decision.pk])
    notifications_send_each(
        kind="decision_reminder",
        people=people,
        context_for=lambda person: context,
        url=url,
        now=now,
    )
