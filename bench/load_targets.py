"""The Django side of `make bench` (bench/load.py): which pages to load, as whom, and how
many queries each makes. Run in its own process against a seeded database:

    python bench/load_targets.py OUT.json [--sessions N]

Finds each page of the seeded network by the same rule at every size (the big project,
the network, its next event, ...), so the query counts at `small` and `large` are of
the same page. Counts queries in-process with CaptureQueriesContext through the whole
stack (middleware, view, templates) as the load benchmark's person 1. Makes database
sessions for the load benchmark's people (no password log-in: argon2 would time the
hashing). A page whose app has not seeded anything is listed as skipped.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "levelfield.settings")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY  # noqa: E402
from django.contrib.sessions.backends.db import SessionStore  # noqa: E402
from django.db import connection  # noqa: E402
from django.db.models import Count  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.urls import reverse  # noqa: E402
from django.utils import timezone  # noqa: E402

from levelfield.collectives.scale import network  # noqa: E402
from levelfield.people.models import User  # noqa: E402
from levelfield.people.scale import LOAD_PEOPLE, people_in_order  # noqa: E402
from levelfield.places.access import collective_place  # noqa: E402
from levelfield.projects.scale import big_project  # noqa: E402

Finder = Callable[[], str | None]


def _decision(most_responses: bool) -> str | None:
    from levelfield.decisions.models import Decision

    decisions = Decision.objects.filter(place__project=big_project())
    if most_responses:
        decisions = decisions.annotate(n=Count("responses")).order_by("-n", "pk")
    else:
        now = timezone.now()
        decisions = decisions.filter(opens_at__lte=now, closes_at__gt=now).order_by("pk")
    decision = decisions.first()
    return reverse("decisions:detail", args=[decision.pk]) if decision else None


def _event() -> str | None:
    from levelfield.events.models import Event

    event = (
        Event.objects.in_collective(network().pk)
        .filter(starts_at__gt=timezone.now())
        .order_by("starts_at", "pk")
        .first()
    )
    return reverse("events:detail", args=[event.pk]) if event else None


def _conversation_in_big() -> str | None:
    """The big project's first conversation (conversations belong to its place)."""
    from levelfield.deliberation.models import Conversation

    row = Conversation.objects.in_place(big_project().place).order_by("pk").first()
    return reverse("deliberation:detail", args=[row.pk]) if row else None


def _document_in_big() -> str | None:
    """The big project's first document (documents belong to its place)."""
    from levelfield.documents.models import Document

    row = Document.objects.in_place(big_project().place).order_by("pk").first()
    return reverse("documents:detail", args=[row.pk]) if row else None


def _checkin(closed: bool) -> str | None:
    """The big project's latest closed round (its results), or its open round's form."""
    from levelfield.reflection.scale import latest_closed_round, open_round

    if closed:
        row = latest_closed_round()
        return reverse("reflection:detail", args=[row.pk]) if row else None
    return reverse("reflection:answer", args=[open_round().pk])


def _review_request() -> str | None:
    """The network group's first request being reviewed (the queue's order)."""
    from levelfield.reviews.models import ReviewRequest, Status
    from levelfield.reviews.scale import scale_group

    row = (
        ReviewRequest.objects.filter(group=scale_group(), status=Status.REVIEWING)
        .order_by("deadline", "pk")
        .first()
    )
    return reverse("reviews:request", args=[row.pk]) if row else None


def _review_group_place() -> int:
    from levelfield.reviews.scale import scale_group

    return scale_group().place_id


def _priority_questions() -> str | None:
    from levelfield.priorities.scale import scale_partnership

    return reverse("priorities:submissions", args=[scale_partnership().pk])


def _priority_dashboard() -> str | None:
    from levelfield.priorities.scale import scale_partnership

    return reverse("priorities:partnership", args=[scale_partnership().pk])


def _story() -> str | None:
    """The network's newest published story (the one with the most comments)."""
    from levelfield.stories.scale import newest_story

    story = newest_story()
    return reverse("stories:story", args=[network().slug, story.slug]) if story else None


def _report() -> str | None:
    from levelfield.reports.scale import annual_report

    report = annual_report()
    return reverse("reports:detail", args=[report.pk]) if report else None


def _opportunity() -> str | None:
    """The first live opportunity seeded (the one with the most expressions of interest)."""
    from levelfield.opportunities.models import Opportunity, State

    row = Opportunity.objects.filter(state=State.LIVE).order_by("pk").first()
    return reverse("opportunities:detail", args=[row.pk]) if row else None


def _busiest_thread() -> str | None:
    """The big project's longest thread (the one threads' scale data fills with replies)."""
    from levelfield.threads.models import Thread
    from levelfield.threads.scale import BUSY_TITLE

    place = big_project().place
    row = Thread.objects.in_place(place).filter(title=BUSY_TITLE).order_by("pk").first()
    return reverse("threads:detail", args=[place.pk, row.pk]) if row else None


def _source(page: str) -> str | None:
    """The big project's first analysis source (its coding page, or its agreement page);
    person 1 is on the analysis team (analysis's scale data makes people 0 to 4 coders)."""
    from levelfield.analysis.models import Source

    row = Source.objects.filter(place=big_project().place).order_by("pk").first()
    return reverse(f"analysis:{page}", args=[row.pk]) if row else None


def _cohort() -> str | None:
    """The cohort of the network's first course (person 1 is one of its participants)."""
    from levelfield.learning.models import Cohort

    row = (
        Cohort.objects.filter(course__collective=network())
        .select_related("course")
        .order_by("course_id", "pk")
        .first()
    )
    if row is None:
        return None
    return reverse("learning:cohort", args=[network().slug, row.course_id, row.pk])


def _partners_place() -> int:
    from levelfield.partners.scale import scale_place

    return scale_place().pk


def pages() -> dict[str, Finder]:
    """Name -> a function giving the page's path (None when nothing was seeded)."""
    slug = network().slug
    big = big_project().pk
    return {
        "ceiling (health check)": lambda: reverse("health"),
        "home": lambda: reverse("home"),
        "collective home": lambda: reverse("collectives:detail", args=[slug]),
        "project page": lambda: reverse("projects:detail", args=[big]),
        "involvement log": lambda: reverse("places:log", args=[big_project().place.pk]),
        # The big project's 10,000 members, a page at a time.
        "members": lambda: reverse("places:members", args=[big_project().place.pk]),
        "decision, most responses": lambda: _decision(True),
        "decision log": lambda: reverse("decisions:place_log", args=[big_project().place.pk]),
        "events list": lambda: reverse("events:list"),
        "event page": _event,
        "claim queue": lambda: reverse("payments:approvals", args=[slug]),
        "my payments": lambda: reverse("payments:home"),
        # The network's payment policy and the reader's own time not yet claimed.
        "payments policy and your time": lambda: reverse("payments:collective", args=[slug]),
        "resource map": lambda: reverse("resources:map", args=[slug]),
        "check-in rounds": lambda: reverse(
            "reflection:place_rounds", args=[big_project().place.pk]
        ),
        "conversations": lambda: reverse("deliberation:place_list", args=[big_project().place.pk]),
        "a conversation": _conversation_in_big,
        "documents": lambda: reverse("documents:place_list", args=[big_project().place.pk]),
        "a document": _document_in_big,
        "review group": lambda: reverse("reviews:place", args=[collective_place(network().pk).pk]),
        "priority partnerships": lambda: reverse("priorities:index", args=[slug]),
        "courses": lambda: reverse("learning:courses", args=[slug]),
        "notices": lambda: reverse("notifications:list"),
        "public home": lambda: reverse("stories:home", args=[slug]),
        "reports": lambda: reverse("reports:collective_list", args=[slug]),
        "check-in results": lambda: _checkin(True),
        "evidence from the record": lambda: reverse(
            "reflection:place_evidence", args=[big_project().place.pk]
        ),
        "check-in answer form": lambda: _checkin(False),
        "review queue": lambda: reverse("reviews:place", args=[_review_group_place()]),
        "a review request": _review_request,
        "priority questions": _priority_questions,
        # Its steering group's add form listed the network's 20,000 members.
        "a priority partnership": _priority_dashboard,
        "stories list": lambda: reverse("stories:list", args=[slug]),
        "stories desk": lambda: reverse("stories:desk", args=[slug]),
        # Forms that name members: the network's 20,000 and the project's 10,000 are
        # found by name, not listed (places/member_fields.py).
        "new story form": lambda: reverse("stories:new", args=[slug]),
        "a story": _story,
        # Read by someone who reads Welsh (the locust user sends the language cookie):
        # the story is among those the translations' scale data translated.
        "a story, in Welsh": _story,
        "stories list, in Welsh": lambda: reverse("stories:list", args=[slug]),
        "a report": _report,
        "opportunities board": lambda: reverse("opportunities:board"),
        "opportunities board, filtered": lambda: reverse("opportunities:board") + "?paid=yes",
        "an opportunity": _opportunity,
        "tasks": lambda: reverse("tasks:place_list", args=[big_project().place.pk]),
        "new task form": lambda: reverse("tasks:place_create", args=[big_project().place.pk]),
        "threads": lambda: reverse("threads:place_list", args=[big_project().place.pk]),
        "longest thread": _busiest_thread,
        "outputs": lambda: reverse("outputs:place_list", args=[big_project().place.pk]),
        "partners": lambda: reverse("partners:place_list", args=[_partners_place()]),
        "impact": lambda: reverse("impact:place_list", args=[big_project().place.pk]),
        "analysis coding page": lambda: _source("source"),
        "analysis agreement": lambda: _source("agreement"),
        "a cohort": _cohort,
    }


def _survey() -> str | None:
    """The public survey of the network's partnership (open, no account needed)."""
    from levelfield.priorities.scale import scale_partnership

    return reverse("priorities:survey", args=[scale_partnership().survey_token])


def _optional(finder: Callable[..., str | None], *args: object) -> str | None:
    """A write's page, or None when its app seeded nothing (the write is then skipped)."""
    try:
        return finder(*args)
    except Exception:
        return None


def writes() -> dict[str, object]:
    """What the writes need: the big project, the network, an open decision, events."""
    from levelfield.events.models import Event

    events = list(
        Event.objects.in_collective(network().pk)
        .filter(
            starts_at__gt=timezone.now(),
            cancelled_at__isnull=True,
        )
        .order_by("starts_at", "pk")
        .values_list("pk", flat=True)[:64]
    )
    return {
        "checkin": _optional(_checkin, False),
        "survey": _optional(_survey),
        "story": _optional(_story),
        "project": big_project().pk,
        "project_place": big_project().place.pk,
        "collective": network().slug,
        "decision": _decision(False),
        "events": events,
    }


def sessions(count: int) -> tuple[list[str], list[int]]:
    """Session keys for people 1..count, and their ids in the same order."""
    ids = people_in_order()[1 : min(count, LOAD_PEOPLE) + 1]
    keys, people = [], []
    for person in User.objects.filter(pk__in=ids).order_by("email"):
        session = SessionStore()
        session[SESSION_KEY] = str(person.pk)
        session[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[-1]
        session[HASH_SESSION_KEY] = person.get_session_auth_hash()
        session.create()
        keys.append(session.session_key)
        people.append(person.pk)
    return keys, people


def query_counts(found: dict[str, str]) -> dict[str, dict[str, int]]:
    """Queries and status of one request of each page, as person 1, after a warm-up."""
    client = Client(raise_request_exception=False, HTTP_X_FORWARDED_PROTO="https")
    client.force_login(User.objects.get(pk=people_in_order()[1]))
    counts = {}
    for name, path in found.items():
        client.get(path, secure=True)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(path, secure=True)
        counts[name] = {
            "queries": len(queries),
            "status": response.status_code,
            "kb": round(len(response.content) / 1024, 1),
        }
    return counts


def refused(found: dict[str, str], people: list[int]) -> dict[str, str]:
    """Pages that the load's other people cannot open although person 1 can (a page
    seeded for person 1 alone): every locust request of such a page would fail. Asks
    as the second and the last of the load's people, one request each."""
    problems = {}
    # The approvers' queue is asked for as person 1 only (locustfile.APPROVERS_PAGE).
    found = {name: path for name, path in found.items() if name != "claim queue"}
    for pk in sorted(set(people[1:2] + people[-1:])):
        client = Client(raise_request_exception=False, HTTP_X_FORWARDED_PROTO="https")
        client.force_login(User.objects.get(pk=pk))
        for name, path in found.items():
            status = client.get(path, secure=True).status_code
            if status != 200 and name not in problems:
                problems[name] = f"{path} gives {status} to the load's person {pk}"
    return problems


def main() -> int:
    out = Path(sys.argv[1])
    count = int(sys.argv[2]) if len(sys.argv) > 2 else 0
    found, skipped = {}, []
    for name, finder in pages().items():
        try:
            path = finder()
        except Exception as error:  # an app that seeded nothing: say so, go on
            path = None
            print(f"  {name}: skipped ({type(error).__name__}: {error})", file=sys.stderr)
        if path:
            found[name] = path
        else:
            skipped.append(name)
    result = {
        "pages": found,
        "skipped": skipped,
        "queries": query_counts(found),
        "writes": writes(),
    }
    result["sessions"], result["people"] = sessions(count) if count else ([], [])
    result["refused"] = refused(found, result["people"])
    for name, problem in result["refused"].items():
        print(f"  {name}: {problem}; its seeded data must let them in", file=sys.stderr)
    out.write_text(json.dumps(result, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
