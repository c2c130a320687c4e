"""Invitations and notifications at data scale: a collective's invitation list with
2,000 invitations (emailed, links, used, withdrawn), and a person's notices page with
5,000 notifications.

Run by bench/run.py inside a throwaway database. Rows are bulk-inserted (sending 2,000
invitations through the service would time the emails, not the page). Each page is also
fetched with a handful of rows, so the table shows the number of queries does not grow.
"""

from __future__ import annotations

import random
from datetime import timedelta

from bench_common import Row
from bench_django import time_page
from bench_pages import _row, _shows, logged_in, people_add
from django.urls import reverse
from django.utils import timezone

from levelfield.collectives.models import CollectiveKind
from levelfield.collectives.services import collective_create
from levelfield.invitations.models import Invitation, invitation_token_new
from levelfield.notifications.kinds import Frequency
from levelfield.notifications.models import Notification, Status

INVITATIONS = 2_000
NOTIFICATIONS = 5_000
FEW = 5
SEED = 20_261_201


def _invitations_make(prefix: str, count: int, rng: random.Random) -> tuple[str, object]:
    inviter = people_add(prefix, 1, rng)[0]
    collective = collective_create(
        name=f"Bench invitations {prefix}",
        kind=CollectiveKind.COLLECTIVE,
        description="People timing the invitation list.",
        created_by=inviter,
    )
    now = timezone.now()
    rows = []
    for number in range(count):
        invitation = Invitation(
            place=collective.own_place,
            email="" if number % 10 == 0 else f"{prefix}-invitee-{number}@bench.example.org",
            invited_by=inviter,
            created_at=now - timedelta(minutes=number),
            expires_at=now + timedelta(days=14),
            revoked_at=now if number % 7 == 0 else None,
        )
        invitation.set_token(invitation_token_new())
        rows.append(invitation)
    Invitation.objects.bulk_create(rows, batch_size=1_000)
    return collective.slug, logged_in(inviter)


def _notifications_make(prefix: str, count: int, rng: random.Random) -> object:
    person = people_add(prefix, 1, rng)[0]
    now = timezone.now()
    Notification.objects.bulk_create(
        (
            Notification(
                person=person,
                email=person.email,
                kind=rng.choice(["invitation", "decision_reminder", "event_reminder"]),
                frequency=Frequency.IMMEDIATELY,
                subject=f"Levelfield: notice {number}",
                text="Something happened.",
                link="/",
                created=now - timedelta(minutes=number),
                status=Status.SENT,
                sent_at=now,
            )
            for number in range(count)
        ),
        batch_size=1_000,
    )
    return logged_in(person)


def inbox_pages() -> list[Row]:
    rng = random.Random(SEED)
    slug, inviter = _invitations_make("inv", INVITATIONS, rng)
    few_slug, few_inviter = _invitations_make("fewinv", FEW, rng)
    reader = _notifications_make("inbox", NOTIFICATIONS, rng)
    few_reader = _notifications_make("fewinbox", FEW, rng)
    rows = []
    for label, page in [("first page", ""), ("last page", "?page=last")]:
        last = -(-INVITATIONS // 50)
        query = page.replace("last", str(last))
        rows.append(
            _row(
                f"collectives:invitations, {label}",
                INVITATIONS,
                time_page(
                    inviter,
                    reverse("collectives:invitations", args=[slug]) + query,
                    check=_shows("Invitations"),
                ),
                time_page(few_inviter, reverse("collectives:invitations", args=[few_slug])),
            )
        )
    rows.append(
        _row(
            "collectives:invite",
            INVITATIONS,
            time_page(inviter, reverse("collectives:invite", args=[slug])),
            time_page(few_inviter, reverse("collectives:invite", args=[few_slug])),
        )
    )
    for label, query in [("first page", ""), ("last page", f"?page={-(-NOTIFICATIONS // 20)}")]:
        rows.append(
            _row(
                f"notifications:list, {label}",
                NOTIFICATIONS,
                time_page(
                    reader,
                    reverse("notifications:list") + query,
                    check=_shows("notice"),
                ),
                time_page(few_reader, reverse("notifications:list")),
            )
        )
    rows.append(
        _row(
            "notifications:settings",
            NOTIFICATIONS,
            time_page(reader, reverse("notifications:settings")),
            time_page(few_reader, reverse("notifications:settings")),
        )
    )
    return rows
