"""Reminders: the one email each open decision sends a day before it closes, to the
members who have not responded. (Moving onto the notifications app later.)"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from datetime import datetime
from smtplib import SMTPException

from django.conf import settings
from django.core.mail import get_connection, send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from levelfield.decisions import participation
from levelfield.decisions.models import Decision, Phase
from levelfield.decisions.services.common import decision_record
from levelfield.decisions.services.starting import REMINDER_BEFORE
from levelfield.lib.words import plural
from levelfield.people.models import User

logger = logging.getLogger(__name__)


def decisions_remind_due(*, now: datetime | None = None) -> int:
    """Send the one reminder each open decision gets a day before it closes."""
    now = now or timezone.now()
    sent = 0
    for decision in Decision.objects.needing_reminder(now, before=REMINDER_BEFORE):
        sent += decision_remind(decision=decision, now=now)
    return sent


def decision_remind(*, decision: Decision, now: datetime | None = None) -> int:
    """Email members who have not responded, once. Returns how many emails went.

    The decision row is locked and marked as reminded in the same transaction as
    the sending, so two workers never both send it and a failure lets it be retried.
    """
    now = now or timezone.now()
    with transaction.atomic():
        decision = (
            Decision.objects.select_for_update(of=("self",))
            .select_related("project", "collective")
            .get(pk=decision.pk)
        )
        if decision.reminder_sent_at or decision.phase(now) != Phase.VOTING:
            return 0
        if now < decision.closes_at - REMINDER_BEFORE:
            return 0
        responded = participation.responder_ids(decision)
        waiting = [p for p in participation.members_of(decision) if p.pk not in responded]
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
        return _reminders_send(decision, waiting)


def _reminders_send(decision: Decision, people: Sequence[User]) -> int:
    if not people:
        return 0
    context = {
        "decision": decision,
        "place": decision.place,
        "url": absolute_url(reverse("decisions:respond", args=[decision.pk])),
        "closes_at": timezone.localtime(decision.closes_at),
    }
    subject = " ".join(render_to_string("decisions/email/reminder_subject.txt", context).split())
    sent = 0
    connection = get_connection()
    for person in people:
        body = render_to_string("decisions/email/reminder_body.txt", {**context, "person": person})
        try:
            sent += send_mail(
                subject=subject,
                message=body,
                from_email=settings.DEFAULT_FROM_EMAIL,
                recipient_list=[person.email],
                connection=connection,
            )
        except (SMTPException, OSError):
            logger.exception("Could not send a decision reminder for %s", decision.pk)
    return sent


def absolute_url(path: str) -> str:
    """Links in emails sent by the background worker, which has no request to ask."""
    return settings.SITE_URL + path
