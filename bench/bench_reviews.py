"""The research partners group's pages at data scale: a group of 12 with 2,000 requests (300 open,
each with two reviewers) — the group page with its queue and loads, and one request.

Run by bench/run.py inside a throwaway database. Requests and reviews are
bulk-inserted (the services, with their history and notices, would measure the
set-up). Each page is also fetched with a handful of requests, so the table shows
that the number of queries does not grow with the data.
"""

from __future__ import annotations

import datetime
import random

from bench_common import Row
from bench_django import time_page
from bench_pages import _row, _shows, logged_in, people_add
from django.urls import reverse
from django.utils import timezone

from levelfield.collectives.models import CollectiveKind
from levelfield.collectives.services import collective_create
from levelfield.places.models import PlaceMembership
from levelfield.projects.models import Stage
from levelfield.reviews import services
from levelfield.reviews.models import Review, ReviewRequest, Status

REQUESTS = 2_000
OPEN = 300
FEW = 5
SEED = 20_261_202


def _group_make(prefix: str, size: int, rng: random.Random) -> tuple[int, int, object]:
    people = people_add(prefix, 14, rng)
    coordinator, researcher, *members = people
    collective = collective_create(
        name=f"Bench reviews {prefix}",
        kind=CollectiveKind.COLLECTIVE,
        description="People timing the review group.",
        created_by=coordinator,
    )
    PlaceMembership.objects.of_collective(collective).filter(person=coordinator).update(
        coordinator_since=timezone.now()
    )
    PlaceMembership.objects.bulk_create(
        PlaceMembership(place=collective.own_place, person=person) for person in members
    )
    group = services.group_set_up(
        collective=collective,
        actor=coordinator,
        name="Research partners group",
        about="We review plans.",
        form_guidance="Send us your plan.",
        report_back_days=90,
    )
    PlaceMembership.objects.bulk_create(
        PlaceMembership(place=group.place, person=person) for person in members
    )
    today = timezone.localdate()
    requests = ReviewRequest.objects.bulk_create(
        ReviewRequest(
            group=group,
            researcher=researcher,
            project_title=f"Study {number}",
            project_summary="A study.",
            stage=rng.choice(Stage.values),
            involvement_plan="A plan.",
            questions="Is it meaningful?",
            deadline=today + datetime.timedelta(days=rng.randint(7, 90)),
            status=Status.REVIEWING if number < min(OPEN, size) else Status.WITHDRAWN,
        )
        for number in range(size)
    )
    Review.objects.bulk_create(
        Review(request=review_request, reviewer=person)
        for review_request in requests
        for person in rng.sample(members, 2)
    )
    return group.place_id, requests[0].pk, logged_in(members[0])


def review_pages() -> list[Row]:
    rng = random.Random(SEED)
    place_pk, pk, member = _group_make("rev", REQUESTS, rng)
    few_place_pk, few_pk, few_member = _group_make("fewrev", FEW, rng)
    return [
        _row(
            "reviews:place, queue and loads",
            REQUESTS,
            time_page(member, reverse("reviews:place", args=[place_pk]), check=_shows("Study")),
            time_page(
                few_member, reverse("reviews:place", args=[few_place_pk]), check=_shows("Study")
            ),
        ),
        _row(
            "reviews:request",
            REQUESTS,
            time_page(member, reverse("reviews:request", args=[pk]), check=_shows("Reviewers")),
            time_page(
                few_member, reverse("reviews:request", args=[few_pk]), check=_shows("Reviewers")
            ),
        ),
    ]
