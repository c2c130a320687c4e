"""Review requests for `manage.py seed_scale`: the network's research partners group with
2,000 requests at the large size, in every state.

Person 0 sets the group up through `group_set_up` (its place, its history); its members
are the load benchmark's people (so they see the queue) and a few hundred more, who do
the reviewing. Researchers are people from the end of the list. Requests are
bulk-inserted as `request_submit` leaves them, each with its "review_requested" history
row; those being reviewed have two reviewers signed up; those sent have submitted reviews
and the group's sent response, and some the researcher's report back. Reviewers' time is
not written to the group's involvement log (the projects' scale data fills the logs).
"""

from __future__ import annotations

import datetime
import random

from django.utils import timezone

from levelfield.collectives.scale import network
from levelfield.history.models import Change
from levelfield.lib.scale import batches, scaled
from levelfield.people.models import User
from levelfield.people.scale import LOAD_PEOPLE, people_in_order
from levelfield.places.models import Place, PlaceMembership
from levelfield.places.services import place_members_recount
from levelfield.projects.models import Stage
from levelfield.reviews import services
from levelfield.reviews.models import (
    Impact,
    Rating,
    ReportBack,
    Response,
    Review,
    ReviewGroup,
    ReviewRequest,
    Status,
)

REQUESTS = 2_000
MEMBERS = 300  # in the group: the load people first, then reviewers
RESEARCHERS = 500
GROUP_NAME = "Scale research partners group"
# One request in STATE_SPREAD of each state, in this order, over and over.
STATES = [
    Status.WAITING,
    Status.REVIEWING,
    Status.REVIEWING,
    Status.DRAFTING,
    Status.SENT,
    Status.SENT,
    Status.REPORTED,
    Status.WITHDRAWN,
]
TOPICS = ["dementia", "mental health", "young carers", "diabetes", "stroke", "loneliness"]


def scale_group() -> ReviewGroup:
    return ReviewGroup.objects.select_related("place").get(collective=network())


def scale_seed(*, size: str, rng: random.Random) -> None:
    ids = people_in_order()
    founder = User.objects.get(pk=ids[0])
    group = services.group_set_up(
        collective=network(),
        actor=founder,
        name=GROUP_NAME,
        about="We read researchers' plans and say how to involve people well.",
        form_guidance="Send us your plan at least three weeks before you need our answer.",
        report_back_days=90,
    )
    members = ids[1 : 1 + scaled(size, MEMBERS, least=LOAD_PEOPLE + 20)]
    PlaceMembership.objects.bulk_create(
        PlaceMembership(place=group.place, person_id=person_id) for person_id in members
    )
    place_members_recount(places=Place.objects.filter(pk=group.place.pk))
    reviewers = members[LOAD_PEOPLE:]  # the load people sign up themselves
    researchers = ids[-scaled(size, RESEARCHERS, least=20) :]
    _requests_add(group, researchers, scaled(size, REQUESTS, least=16), rng)
    # Inserted in bulk, past the services: the group's kept page is worked out afresh.
    services.group_requests_moved(group.pk)
    _work_add(group, reviewers, rng)


def _requests_add(
    group: ReviewGroup, researchers: list[int], count: int, rng: random.Random
) -> None:
    now = timezone.now()
    today = timezone.localdate()

    def request(number: int) -> ReviewRequest:
        status = STATES[number % len(STATES)]
        is_open = status in (Status.WAITING, Status.REVIEWING, Status.DRAFTING)
        submitted = now - datetime.timedelta(days=rng.randint(1, 30) if is_open else 60 + number)
        sent = submitted + datetime.timedelta(days=20)
        done = status in (Status.SENT, Status.REPORTED)
        return ReviewRequest(
            group=group,
            researcher_id=rng.choice(researchers),
            organisation="University of Somewhere",
            project_title=f"A study of {rng.choice(TOPICS)} ({number + 1})",
            project_summary="We want to find out what helps people stay well at home.",
            stage=rng.choice(Stage.values),
            involvement_plan="Two public contributors on the steering group, paid.",
            questions="Is our plan for involving people meaningful?",
            deadline=(today + datetime.timedelta(days=rng.randint(7, 90)))
            if is_open
            else (submitted + datetime.timedelta(days=30)).date(),
            status=status,
            submitted_at=submitted,
            response_sent_at=sent if done else None,
            report_back_due=sent + datetime.timedelta(days=group.report_back_days)
            if done
            else None,
            withdrawn_at=submitted + datetime.timedelta(days=3)
            if status == Status.WITHDRAWN
            else None,
        )

    for chunk in batches(request(number) for number in range(count)):
        ReviewRequest.objects.bulk_create(chunk)
    names = dict(User.objects.filter(pk__in=researchers).values_list("pk", "display_name"))
    rows = ReviewRequest.objects.filter(group=group).order_by("pk")
    for chunk in batches(
        Change(
            actor_id=researcher_id,
            collective_id=group.collective_id,
            subject_type="reviewrequest",
            subject_id=pk,
            action="review_requested",
            summary=f"{names[researcher_id]} asked the {GROUP_NAME} to review “{title}”",
        )
        for pk, researcher_id, title in rows.values_list(
            "pk", "researcher_id", "project_title"
        ).iterator(5_000)
    ):
        Change.objects.bulk_create(chunk)


def _work_add(group: ReviewGroup, reviewers: list[int], rng: random.Random) -> None:
    """Two reviewers on each request past waiting; submitted reviews and the response
    on those sent; a report back on those reported."""
    rows = list(
        ReviewRequest.objects.filter(group=group)
        .exclude(status__in=[Status.WAITING, Status.WITHDRAWN])
        .order_by("pk")
        .values_list("pk", "status", "submitted_at", "response_sent_at")
    )
    team = {pk: rng.sample(reviewers, 2) for pk, *_ in rows}

    def reviews():
        for pk, status, submitted_at, _ in rows:
            submitted = status in (Status.DRAFTING, Status.SENT, Status.REPORTED)
            for reviewer in team[pk]:
                yield Review(
                    request_id=pk,
                    reviewer_id=reviewer,
                    signed_up_at=submitted_at + datetime.timedelta(days=2),
                    meaningful=rng.choice(Rating.values) if submitted else "",
                    paid=rng.choice(Rating.values) if submitted else "",
                    plain_language=rng.choice(Rating.values) if submitted else "",
                    missing="How people will hear about the results." if submitted else "",
                    minutes=rng.choice([60, 90, 120]) if submitted else None,
                    submitted_at=submitted_at + datetime.timedelta(days=10) if submitted else None,
                )

    for chunk in batches(reviews()):
        Review.objects.bulk_create(chunk)
    for chunk in batches(
        Response(
            request_id=pk,
            lead_id=team[pk][0],
            text="Thank you for asking us. Pay people for their time and explain the words.",
            version=1,
            updated_at=sent_at or submitted_at + datetime.timedelta(days=12),
            sent_at=sent_at,
        )
        for pk, status, submitted_at, sent_at in rows
        if status != Status.REVIEWING
    ):
        Response.objects.bulk_create(chunk)
    for chunk in batches(
        ReportBack(
            request_id=pk,
            what_changed="We now pay contributors and rewrote the leaflet.",
            reported_at=sent_at + datetime.timedelta(days=40),
            impact=rng.choice(Impact.values),
        )
        for pk, status, _, sent_at in rows
        if status == Status.REPORTED
    ):
        ReportBack.objects.bulk_create(chunk)
