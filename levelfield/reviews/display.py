"""What the group's reviews page shows, read in few queries.

The figures and lists that are the same for every member (what the group has done, each
reviewer's load, the queue's requests with their reviewer counts, the responses sent)
are kept per `ReviewGroup.requests_version`, which every service that changes them moves
in the same transaction (`services.group_requests_moved`): a visit pays no aggregate over
the group's thousands of requests. They hold ids, titles, dates and counts, never
people's names: names are read afresh on every visit (a renamed person shows at once),
and so is what is the viewer's own (the requests they are reviewing).

The members table is shown a page at a time, in the order it always had (the database's
order of names, then who joined first), read in one query that returns only the page.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from django.db.models import Count, OuterRef, QuerySet, Subquery

from levelfield.lib import cache as lib_cache
from levelfield.people.models import User
from levelfield.places.models import PlaceMembership
from levelfield.reviews import services
from levelfield.reviews.models import OPEN, Review, ReviewGroup, ReviewRequest, Status

QUEUE_SIZE = 50
DONE_SIZE = 20
MEMBERS_PER_PAGE = 50
# A backstop only: every change the page shows moves the version.
FIGURES_SECONDS = 60 * 60


@dataclass(frozen=True)
class GroupFigures:
    """The part of the group's page that is the same for every member, as plain values."""

    counts: dict[str, int]
    loads: dict[int, int]  # reviewer id: reviews on now
    # (pk, researcher id, title, organisation, stage, deadline, status, reviewers)
    queue: list[tuple[int, int | None, str, str, str, date, str, int]]
    done: list[tuple[int, str, datetime | None, str]]  # (pk, title, sent at, status)


@dataclass
class QueueItem:
    """A row of the members' queue, as `queue_rows` draws it."""

    pk: int
    researcher_id: int | None
    project_title: str
    organisation: str
    stage: str
    deadline: date
    status: str
    reviewer_count: int
    researcher_name: str = ""
    stage_label: str = ""
    mine: bool = False


@dataclass(frozen=True)
class DoneItem:
    """An item of the "Responses sent" list, as `done_rows` draws it."""

    pk: int
    project_title: str
    response_sent_at: datetime | None
    status: str


def group_figures(group: ReviewGroup) -> GroupFigures:
    """The group's figures and lists at its current `requests_version`."""
    return lib_cache.versioned(
        "reviews:group-figures",
        (group.pk, group.requests_version),
        lambda: _figures_count(group),
        seconds=FIGURES_SECONDS,
    )


def _figures_count(group: ReviewGroup) -> GroupFigures:
    requests = ReviewRequest.objects.filter(group=group)
    counts = services.group_counts(group)
    loads = dict(
        Review.objects.filter(request__group=group, request__status__in=OPEN)
        .values("reviewer_id")
        .annotate(load=Count("id"))
        .order_by()
        .values_list("reviewer_id", "load")
    )
    queue = list(
        requests.filter(status__in=OPEN)
        .order_by("deadline", "pk")
        .values_list(
            "pk", "researcher_id", "project_title", "organisation", "stage", "deadline", "status"
        )[:QUEUE_SIZE]
    )
    reviewers = dict(
        Review.objects.filter(request__in=[row[0] for row in queue])
        .values("request_id")
        .annotate(count=Count("id"))
        .order_by()
        .values_list("request_id", "count")
    )
    done = list(
        requests.filter(status__in=(Status.SENT, Status.REPORTED))
        .order_by("-response_sent_at", "-pk")
        .values_list("pk", "project_title", "response_sent_at", "status")[:DONE_SIZE]
    )
    return GroupFigures(
        counts=counts,
        loads=loads,
        queue=[(*row, reviewers.get(row[0], 0)) for row in queue],
        done=[tuple(row) for row in done],
    )


def member_rows(group: ReviewGroup) -> QuerySet:
    """The group's members in the table's order, as (person id, name, email): the name
    and email read per membership by the account's key. Joined to the accounts instead,
    PostgreSQL reads all 20,000 of them to hash them (20 ms on the large data); this way
    a page is 0.7 ms (EXPLAIN ANALYZE) and only the page's emails are read."""
    account = User.objects.filter(pk=OuterRef("person_id"))
    return (
        PlaceMembership.objects.filter(place_id=group.place_id)
        .annotate(
            name=Subquery(account.values("display_name")[:1]),
            address=Subquery(account.values("email")[:1]),
        )
        .order_by("name", "pk")
        .values_list("person_id", "name", "address")
    )


def researcher_names(ids: set[int]) -> dict[int, str]:
    """The researchers' names as `User.name` gives them, read as plain rows by id."""
    return {
        pk: name or email.split("@")[0]
        for pk, name, email in User.objects.filter(pk__in=ids).values_list(
            "pk", "display_name", "email"
        )
    }
