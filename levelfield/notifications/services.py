"""Sending notifications: the one way Levelfield emails anyone.

`notification_send` renders the email, stores it as a `Notification` and queues its
delivery through django-tasks once the surrounding transaction commits, so a rolled
back change sends nothing and no email waits on a row lock. Delivery
(`notification_deliver`) claims the row first, so a task that runs twice sends once;
a refused email is logged and tried again later, up to `MAX_ATTEMPTS`, then marked
failed and logged as an error.

Each person chooses per kind: straight away, in a daily or weekly summary, or not by
email (the notice still shows on their notifications page). Security emails always
go straight away. Every other email carries a one-click unsubscribe link (RFC 8058).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import partial
from smtplib import SMTPException
from typing import TYPE_CHECKING

from django.conf import settings
from django.core import signing
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.db.models import F
from django.template.loader import render_to_string, select_template
from django.urls import reverse
from django.utils import timezone, translation

from levelfield.notifications import kinds
from levelfield.notifications.kinds import DIGEST_FREQUENCIES, SUBJECT_PREFIX, Frequency, Kind
from levelfield.notifications.models import Notification, Preference, Status, Suppression
from levelfield.people.language import language_of

if TYPE_CHECKING:
    from levelfield.people.models import User

logger = logging.getLogger(__name__)

# How long to wait before each new try after the mail server refused an email.
RETRY_DELAYS = (
    timedelta(minutes=1),
    timedelta(minutes=5),
    timedelta(minutes=30),
    timedelta(hours=2),
)
MAX_ATTEMPTS = len(RETRY_DELAYS) + 1
# A queued email whose task has not run this long after it was due was lost (a worker
# stopped, the queue was cleared): `notifications_requeue_overdue` queues it again.
OVERDUE_AFTER = timedelta(minutes=15)
# An email still "being sent" this long after a worker claimed it: the worker died.
STUCK_AFTER = timedelta(hours=1)
# Summaries go at the first run of `send_digests` after this local hour (weekly: Mondays).
SUMMARY_HOUR = 8
UNSUBSCRIBE_SALT = "levelfield.notifications.unsubscribe"


def notification_send(
    *,
    kind: str,
    context: dict,
    person: User | None = None,
    email: str = "",
    url: str = "",
    now: datetime | None = None,
) -> Notification | None:
    """Tell a person (or an address without an account) something, by email and on site.

    - `kind`: a name from `kinds.KINDS`; its templates are
      `notifications/email/<kind>_subject.txt`, `_body.txt` and optionally `_body.html`.
    - `context`: what the templates need. They also get `person`, `url` (absolute),
      `unsubscribe_url` and `preferences_url`.
    - `person`: the account holder; `email` defaults to their log-in address. Give
      `email` alone for someone without an account (an invitation to a new address).
    - `url`: where the notice leads, a path on this site or an absolute URL.

    Call it inside the transaction that makes the change: the email is queued only
    when that transaction commits. Returns the stored notification, or None when an
    address without an account asked for no more emails of this kind.
    """
    info = kinds.get(kind)
    now = now or timezone.now()
    address = (email or (person.email if person else "")).strip().lower()
    if not address:
        raise ValueError("A notification needs a person or an email address.")
    frequency = _frequency(info, person=person, address=address)
    if frequency is None:
        return None
    notification = _notification_build(
        info, context, person=person, address=address, url=url, frequency=frequency, now=now
    )
    notification.save()
    _deliveries_queue([notification])
    return notification


def notifications_send_each(
    *,
    kind: str,
    people: Iterable[User],
    context_for: Callable[[User], dict],
    url: str = "",
    now: datetime | None = None,
) -> list[Notification]:
    """Tell each of many people the same news, each in their own language.

    For news that goes to a whole group: one query for everyone's choices about this
    kind and one insert for all the notifications, so telling 2,000 people costs a
    handful of queries rather than thousands. `context_for(person)` is called in that
    person's language, so words an app builds in code (a subject naming a date, a
    sentence with a count) read in the same language as the email around them. People
    without an email address are left out. Call it inside the transaction that makes
    the change, as `notification_send`.
    """
    info = kinds.get(kind)
    now = now or timezone.now()
    recipients = [person for person in people if (person.email or "").strip()]
    if not recipients:
        return []
    chosen: dict[int, str] = {}
    if info.can_turn_off:
        chosen = dict(
            Preference.objects.filter(
                kind=kind, person_id__in=[person.pk for person in recipients]
            ).values_list("person_id", "frequency")
        )
    built = []
    for person in recipients:
        frequency = _frequency_chosen(info, chosen.get(person.pk))
        with translation.override(language_of(person)):
            context = context_for(person)
        built.append(
            _notification_build(
                info,
                context,
                person=person,
                address=person.email.strip().lower(),
                url=url,
                frequency=frequency,
                now=now,
            )
        )
    notifications = Notification.objects.bulk_create(built)
    _deliveries_queue(notifications)
    return notifications


def _notification_build(
    info: Kind,
    context: dict,
    *,
    person: User | None,
    address: str,
    url: str,
    frequency: Frequency,
    now: datetime,
) -> Notification:
    """The notification, rendered in the recipient's language and not yet saved."""
    # In the recipient's own language: the person sending may speak another.
    with translation.override(language_of(person)):
        subject, text, html = _render(info, context, person=person, address=address, url=url)
    return Notification(
        person=person,
        email=address,
        kind=info.name,
        frequency=frequency,
        subject=subject[:300],
        text=text,
        html=html,
        link=url[:500],
        created=now,
        status=_first_status(frequency),
        next_attempt_at=now if frequency == Frequency.IMMEDIATELY else None,
    )


def _deliveries_queue(notifications: list[Notification]) -> None:
    """Queue the emails to go now once the surrounding transaction commits.

    robust: a queue that cannot be reached is logged, not turned into an error for a
    change that has already committed; `send_digests` queues them again.
    """
    for notification in notifications:
        if notification.status == Status.QUEUED:
            transaction.on_commit(partial(_queue_delivery, notification.pk), robust=True)


def _frequency(info: Kind, *, person: User | None, address: str) -> Frequency | None:
    if not info.can_turn_off:
        return Frequency.IMMEDIATELY
    if person is None:
        suppressed = Suppression.objects.filter(email=address, kind=info.name).exists()
        return None if suppressed else Frequency.IMMEDIATELY
    return frequency_for(person=person, kind=info.name)


def _first_status(frequency: Frequency) -> Status:
    if frequency == Frequency.IMMEDIATELY:
        return Status.QUEUED
    if frequency == Frequency.OFF:
        return Status.NOT_EMAILED
    return Status.WAITING_FOR_SUMMARY


def _render(
    info: Kind, context: dict, *, person: User | None, address: str, url: str
) -> tuple[str, str, str]:
    """Subject, plain text and HTML. The text ends with how to stop such emails."""
    unsubscribe = (
        unsubscribe_url(kind=info.name, person=person, email=address)
        if info.can_unsubscribe
        else ""
    )
    full_context = {
        **context,
        "person": person,
        "kind": info,
        "url": absolute_url(url) if url else context.get("url", ""),
        "unsubscribe_url": unsubscribe,
        "preferences_url": absolute_url(reverse("notifications:settings")) if person else "",
    }

    def template(suffix: str) -> object:
        return select_template(
            [f"notifications/email/{info.name}_{suffix}", f"notifications/email/default_{suffix}"]
        )

    subject = " ".join(template("subject.txt").render(full_context).split())
    if not subject.startswith(SUBJECT_PREFIX):
        subject = SUBJECT_PREFIX + subject
    body = template("body.txt").render(full_context).strip()
    footer = render_to_string("notifications/email/footer.txt", full_context).strip()
    text = f"{body}\n\n{footer}" if footer else body
    html = template("body.html").render({**full_context, "subject": subject, "text": body})
    return subject, text, html.strip()


def absolute_url(path: str) -> str:
    """Links in emails, which the background worker sends without a request to ask."""
    return path if "://" in path else settings.SITE_URL + path


def _queue_delivery(notification_id: int, *, run_after: datetime | None = None) -> None:
    from levelfield.notifications.tasks import notification_deliver_task

    task = notification_deliver_task
    # The database backend waits until `run_after`; backends that cannot wait (the
    # immediate one in tests) try again at once.
    if run_after is not None and task.get_backend().supports_defer:
        task = task.using(run_after=run_after)
    task.enqueue(notification_id)


# Delivery


def notification_deliver(*, notification_id: int, now: datetime | None = None) -> bool:
    """Email one queued notification. Returns whether it went.

    The row is claimed with one conditional UPDATE (queued -> sending) rather than a
    lock held while talking to the mail server, so two runs of the same task send one
    email and nothing waits on a slow server.
    """
    now = now or timezone.now()
    claimed = Notification.objects.filter(pk=notification_id, status=Status.QUEUED).update(
        status=Status.SENDING, attempts=F("attempts") + 1, last_attempt_at=now
    )
    if not claimed:
        return False
    notification = Notification.objects.select_related("person").get(pk=notification_id)
    try:
        email_message(notification).send()
    except (SMTPException, OSError) as error:
        _delivery_failed(notification, error, now=now)
        return False
    notification.status = Status.SENT
    notification.sent_at = now
    notification.next_attempt_at = None
    _forget_secrets(notification)
    notification.save(
        update_fields=["status", "sent_at", "next_attempt_at", "text", "html", "link"]
    )
    return True


def email_message(notification: Notification) -> EmailMultiAlternatives:
    """The email for a stored notification, with the one-click unsubscribe headers."""
    headers = {}
    if kinds.get(notification.kind).can_unsubscribe:
        link = unsubscribe_url(
            kind=notification.kind, person=notification.person, email=notification.email
        )
        headers["List-Unsubscribe"] = f"<{link}>"
        headers["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
    message = EmailMultiAlternatives(
        subject=notification.subject,
        body=notification.text,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[notification.email],
        headers=headers,
    )
    if notification.html:
        message.attach_alternative(notification.html, "text/html")
    return message


def _delivery_failed(notification: Notification, error: Exception, *, now: datetime) -> None:
    notification.last_error = f"{type(error).__name__}: {error}"[:1000]
    if notification.attempts >= MAX_ATTEMPTS:
        notification.status = Status.FAILED
        notification.next_attempt_at = None
        _forget_secrets(notification)
        notification.save(
            update_fields=["status", "next_attempt_at", "last_error", "text", "html", "link"]
        )
        logger.error(
            "Gave up emailing notification %s (%s) after %s attempts",
            notification.pk,
            notification.kind,
            notification.attempts,
            exc_info=error,
        )
        return
    notification.status = Status.QUEUED
    notification.next_attempt_at = now + RETRY_DELAYS[notification.attempts - 1]
    notification.save(update_fields=["status", "next_attempt_at", "last_error"])
    logger.warning(
        "Could not email notification %s (%s), attempt %s of %s; trying again after %s",
        notification.pk,
        notification.kind,
        notification.attempts,
        MAX_ATTEMPTS,
        notification.next_attempt_at.isoformat(),
        exc_info=error,
    )
    transaction.on_commit(
        partial(_queue_delivery, notification.pk, run_after=notification.next_attempt_at),
        robust=True,
    )


def _forget_secrets(notification: Notification) -> None:
    """Password-reset links and verification codes live only until delivery ends; so
    does every email to someone without an account (a guest), whose body and link
    carry their signed link to manage or cancel their place, and which nobody reads on
    the site."""
    if not kinds.get(notification.kind).keeps_body or notification.person_id is None:
        notification.text = ""
        notification.html = ""
    if notification.person_id is None:
        notification.link = ""


def notifications_forget_delivered_secrets() -> int:
    """Clear what `_forget_secrets` clears from emails whose delivery has ended (those
    stored before it cleared guests' links); idempotent. Returns how many changed."""
    ended = Notification.objects.filter(status__in=[Status.SENT, Status.FAILED])
    secret_kinds = [kind.name for kind in kinds.KINDS.values() if not kind.keeps_body]
    guests = ended.filter(person__isnull=True).exclude(text="", html="", link="")
    keyed = ended.filter(kind__in=secret_kinds).exclude(text="", html="")
    return guests.update(text="", html="", link="") + keyed.update(text="", html="")


def notifications_requeue_overdue(*, now: datetime | None = None) -> int:
    """Queue again the emails whose delivery task was lost. Returns how many.

    An email a dead worker had claimed goes back in the queue: it may reach the person
    twice, which is better than never.
    """
    now = now or timezone.now()
    Notification.objects.filter(
        status=Status.SENDING, last_attempt_at__lt=now - STUCK_AFTER
    ).update(status=Status.QUEUED, next_attempt_at=now - OVERDUE_AFTER)
    overdue = list(
        Notification.objects.filter(
            status=Status.QUEUED, next_attempt_at__lte=now - OVERDUE_AFTER
        ).values_list("pk", flat=True)
    )
    for notification_id in overdue:
        _queue_delivery(notification_id)
    return len(overdue)


# Summaries (digests)


def summary_period_start(frequency: Frequency, now: datetime) -> datetime:
    """The start of the current summary period: today's (or Monday's) SUMMARY_HOUR."""
    local = timezone.localtime(now)
    start = local.replace(hour=SUMMARY_HOUR, minute=0, second=0, microsecond=0)
    if frequency == Frequency.WEEKLY:
        start -= timedelta(days=local.weekday())
    if start > local:
        start -= timedelta(days=7 if frequency == Frequency.WEEKLY else 1)
    return start


def notifications_send_summaries(*, now: datetime | None = None) -> int:
    """Send each daily and weekly summary that is due. Returns how many were queued.

    A summary holds what waited for it from before the start of the current period
    (8:00 each morning; Monday 8:00 for weekly ones) and goes at most once a period,
    so running this every hour, twice at once, or late sends each notice once.
    """
    now = now or timezone.now()
    queued = 0
    for frequency in DIGEST_FREQUENCIES:
        start = summary_period_start(frequency, now)
        person_ids = (
            Notification.objects.filter(
                status=Status.WAITING_FOR_SUMMARY, frequency=frequency, created__lt=start
            )
            .order_by()
            .values_list("person_id", flat=True)
            .distinct()
        )
        for person_id in list(person_ids):
            summary = _summary_send(person_id=person_id, frequency=frequency, start=start, now=now)
            queued += summary is not None
    return queued


def _summary_send(
    *, person_id: int, frequency: Frequency, start: datetime, now: datetime
) -> Notification | None:
    from levelfield.people.models import User

    summary_kind = kinds.SUMMARY_KIND[frequency]
    with transaction.atomic():
        # Locking the person makes two runs at once take turns; the second finds the
        # summary already made. Nothing is sent while the lock is held.
        person = User.objects.select_for_update().filter(pk=person_id).first()
        if person is None:
            return None
        if Notification.objects.filter(
            person=person, kind=summary_kind, created__gte=start
        ).exists():
            return None
        items = list(
            Notification.objects.filter(
                person=person,
                status=Status.WAITING_FOR_SUMMARY,
                frequency=frequency,
                created__lt=start,
            ).order_by("created", "pk")
        )
        if not items:
            return None
        summary = notification_send(
            kind=summary_kind,
            person=person,
            context={"items": items, "frequency": frequency},
            url=reverse("notifications:list"),
            now=now,
        )
        Notification.objects.filter(pk__in=[item.pk for item in items]).update(
            status=Status.IN_SUMMARY, summary=summary
        )
        return summary


# Preferences


def frequency_for(*, person: User, kind: str) -> Frequency:
    """How often the person wants to hear about this kind (the kind's default if unset)."""
    info = kinds.get(kind)
    if not info.can_turn_off:
        return Frequency.IMMEDIATELY
    chosen = (
        Preference.objects.filter(person=person, kind=kind)
        .values_list("frequency", flat=True)
        .first()
    )
    return _frequency_chosen(info, chosen)


def _frequency_chosen(info: Kind, chosen: str | None) -> Frequency:
    """The frequency a person's stored choice (or none) gives for a kind."""
    if not info.can_turn_off:
        return Frequency.IMMEDIATELY
    return Frequency(chosen) if chosen else info.default


def preferences_for(*, person: User) -> dict[str, Frequency]:
    """Every choosable kind with the person's frequency for it, in one query."""
    chosen = dict(Preference.objects.filter(person=person).values_list("kind", "frequency"))
    return {
        kind.name: Frequency(chosen[kind.name]) if kind.name in chosen else kind.default
        for kind in kinds.choosable()
    }


def preferences_save(*, person: User, frequencies: dict[str, str]) -> None:
    """Save the person's choices. Not history: how someone likes their email is theirs."""
    with transaction.atomic():
        for name, frequency in frequencies.items():
            if not kinds.get(name).can_turn_off:
                raise ValueError(f"{name} emails cannot be turned off")
            Preference.objects.update_or_create(
                person=person, kind=name, defaults={"frequency": Frequency(frequency)}
            )


# One-click unsubscribe


@dataclass(frozen=True)
class Unsubscribe:
    """What an unsubscribe link stops: one kind, for a person or an address."""

    kind: Kind
    person: User | None
    email: str

    def kinds_affected(self) -> list[Kind]:
        """A summary's link stops every kind the person gets in that summary."""
        if not self.kind.is_summary or self.person is None:
            return [self.kind]
        frequency = next(f for f, name in kinds.SUMMARY_KIND.items() if name == self.kind.name)
        chosen = preferences_for(person=self.person)
        return [kinds.get(name) for name, value in chosen.items() if value == frequency]


def unsubscribe_token(*, kind: str, person: User | None = None, email: str = "") -> str:
    """A signed token naming the kind and the person (or address). It never expires:
    people unsubscribe from old emails too. It carries no time, so the same person and
    kind always get the same token: the link in an email's text (written when it is
    queued) and in its List-Unsubscribe header (written when it is sent) agree."""
    payload = {"k": kind, "p": person.pk} if person else {"k": kind, "e": email.lower()}
    return signing.Signer(salt=UNSUBSCRIBE_SALT).sign_object(payload, compress=True)


def unsubscribe_url(*, kind: str, person: User | None = None, email: str = "") -> str:
    token = unsubscribe_token(kind=kind, person=person, email=email)
    return absolute_url(reverse("notifications:unsubscribe", args=[token]))


def unsubscribe_read(token: str) -> Unsubscribe | None:
    """The request behind a token, or None if it was altered or no longer applies."""
    from levelfield.people.models import User

    try:
        payload = signing.Signer(salt=UNSUBSCRIBE_SALT).unsign_object(token)
    except (signing.BadSignature, ValueError):
        # A token from an email sent before they stopped carrying a time (whose signed
        # value holds the time, so it does not decode as the newer kind), or a bad one.
        try:
            payload = signing.loads(token, salt=UNSUBSCRIBE_SALT)
        except (signing.BadSignature, ValueError):
            return None
    if not isinstance(payload, dict):
        return None
    info = kinds.KINDS.get(payload.get("k", ""))
    if info is None or not info.can_unsubscribe:
        return None
    if "p" in payload:
        person = User.objects.filter(pk=payload["p"], is_active=True).first()
        return Unsubscribe(info, person, person.email) if person else None
    email = payload.get("e", "")
    return Unsubscribe(info, None, email) if email else None


def unsubscribe_apply(*, request: Unsubscribe) -> None:
    """Stop the emails the link names. Doing it twice changes nothing more."""
    with transaction.atomic():
        if request.person is None:
            Suppression.objects.get_or_create(email=request.email, kind=request.kind.name)
            return
        preferences_save(
            person=request.person,
            frequencies={kind.name: Frequency.OFF for kind in request.kinds_affected()},
        )


# Erasure


def notifications_forget_addresses(*, addresses: Iterable[str]) -> int:
    """Delete notices sent to these addresses before they had an account (invitations).

    For account deletion: a person's own notifications go with their account
    (on_delete=CASCADE); these are the ones stored against the bare address.
    """
    lowered = [address.lower() for address in addresses]
    deleted, _ = Notification.objects.filter(person__isnull=True, email__in=lowered).delete()
    return deleted
