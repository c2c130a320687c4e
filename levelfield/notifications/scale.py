"""Notices for `manage.py seed_scale`: a year of what Levelfield told everyone.

At the large size each of the 20,000 people has 10 notices and each of the load
benchmark's people 300 (15 pages of the notices list); one in five went out in a weekly
summary, whose own row the list leaves out. Every notice has been dealt with (emailed,
or gathered into a summary that was emailed), so seeding never leaves an email for the
delivery worker. Rows are bulk-inserted as the services leave them once delivered: the
subject with its prefix, the plain text, a link within the site, a gathered notice
pointing at its summary.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from levelfield.lib.scale import batches, scaled
from levelfield.notifications.kinds import SUBJECT_PREFIX, WEEKLY_SUMMARY, Frequency
from levelfield.notifications.models import Notification, Status
from levelfield.people.models import User
from levelfield.people.scale import LOAD_PEOPLE, people_in_order
from levelfield.projects.scale import big_project

EACH = 10  # notices for every person at the large size (about 280,000 rows in all)
LOAD_PERSON_EACH = 300  # for each of the load benchmark's people: many pages of them
IN_SUMMARY_EVERY = 5  # one notice in five went out in a weekly summary
PEOPLE_AT_ONCE = 250  # people whose notices are inserted together

# (kind, subject, link) of the notices people get most.
Sample = tuple[str, str, str]


def _samples() -> list[Sample]:
    """The notices, leading into the big project, where the load's people are members."""
    place = big_project().place.pk
    return [
        (
            "decision_reminder",
            "A decision closes in 2 days",
            reverse("decisions:place_log", args=[place]),
        ),
        ("hours_changed", "Your hours were changed", reverse("places:log", args=[place])),
        ("payment_claim", "Your claim was approved", reverse("payments:home")),
        (
            "checkin_reminder",
            "A check-in closes tomorrow",
            reverse("reflection:place_rounds", args=[place]),
        ),
        (
            "join_request",
            "Someone asks to join your project",
            reverse("places:members", args=[place]),
        ),
        ("event_reminder", "Your event is tomorrow", reverse("events:list")),
    ]


def _notices(
    person_id: int,
    address: str,
    count: int,
    samples: list[Sample],
    rng: random.Random,
    *,
    summary_link: str,
) -> Iterator[tuple[Notification, Notification | None]]:
    """`count` notices for one person, one to three days apart, newest first, each with
    the weekly summary that carried it (None for those emailed on their own), which
    leads to `summary_link`."""
    when = timezone.now()
    for number in range(count):
        when -= timedelta(days=rng.randint(1, 3), minutes=rng.randint(0, 600))
        kind, subject, link = samples[number % len(samples)]
        gathered = number % IN_SUMMARY_EVERY == IN_SUMMARY_EVERY - 1
        notice = Notification(
            person_id=person_id,
            email=address,
            kind=kind,
            frequency=Frequency.WEEKLY if gathered else Frequency.IMMEDIATELY,
            subject=SUBJECT_PREFIX + subject,
            text=f"{subject}.\n\nSee it on Levelfield: {link}",
            link=link,
            created=when,
            status=Status.IN_SUMMARY if gathered else Status.SENT,
            sent_at=None if gathered else when + timedelta(minutes=1),
            attempts=0 if gathered else 1,
        )
        summary = None
        if gathered:  # sent the next day
            summary = Notification(
                person_id=person_id,
                email=address,
                kind=WEEKLY_SUMMARY,
                frequency=Frequency.IMMEDIATELY,
                subject=SUBJECT_PREFIX + "Your week on Levelfield",
                text=f"What happened this week:\n- {subject}",
                link=summary_link,
                created=when + timedelta(days=1),
                status=Status.SENT,
                sent_at=when + timedelta(days=1, minutes=1),
                attempts=1,
            )
        yield notice, summary


def scale_seed(*, size: str, rng: random.Random) -> None:
    samples = _samples()
    summary_link = reverse("notifications:list")
    ids = people_in_order()
    load_people = set(ids[1 : LOAD_PEOPLE + 1])
    addresses = dict(User.objects.filter(pk__in=ids).values_list("pk", "email"))
    each = scaled(size, EACH, least=2)
    load_each = scaled(size, LOAD_PERSON_EACH, least=60)
    for people in batches(ids, PEOPLE_AT_ONCE):
        notices, summaries = [], []
        for pk in people:
            count = load_each if pk in load_people else each
            made = _notices(pk, addresses[pk], count, samples, rng, summary_link=summary_link)
            for notice, summary in made:
                notices.append(notice)
                if summary is not None:
                    summaries.append((notice, summary))
        Notification.objects.bulk_create([summary for _notice, summary in summaries])
        for notice, summary in summaries:
            notice.summary = summary  # its id is known once inserted
        Notification.objects.bulk_create(notices)
