"""Pages timed through the real app and database at data scale.

Run by bench/run.py inside a throwaway database (bench_django.py). The data is made
with the app's own services where they are cheap enough (collectives, projects,
decisions, closing) and bulk-inserted where calling a service ten thousand times would
measure the set-up rather than the page (people, memberships, responses, involvement
entries). Every response payload passes `methods.payload_validate` and the reasons
rule, as a response sent through the form would.

Each page is fetched by a logged-in member with django.test.Client: one warm-up, then
the best of 3, counting the SQL queries. Each is also fetched with little data, so the
table shows that the number of queries does not grow with the data.
"""

from __future__ import annotations

import datetime
import random
import time
from collections import Counter
from collections.abc import Callable, Sequence
from typing import Any

from bench_common import Row
from bench_django import PageTiming, time_page, time_prepared
from django.contrib.auth.hashers import make_password
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from levelfield.collectives.models import CollectiveKind
from levelfield.collectives.services import collective_create
from levelfield.decisions import methods, services
from levelfield.decisions.ballots import ballot_seal
from levelfield.decisions.methods.stance import STANCES
from levelfield.decisions.models import Decision, Method, Option, Outcome, Response, Voter
from levelfield.people.models import Perspective, PerspectiveKind, User, Visibility
from levelfield.places.models import PlaceMembership
from levelfield.projects.models import (
    ActivityKind,
    InvolvementEntry,
    Participation,
    Project,
    Stage,
)
from levelfield.projects.services import project_create

RESPONSES = 10_000  # people, each responding once to each decision
LOG_DECISIONS = 1_000
LOG_MEMBERS = 10
PROJECT_MEMBERS = 200
PROJECT_ENTRIES = 5_000
PEOPLE_PER_ENTRY = 3
FEW = 10  # people (so responses) in the small version of a decision page
FEW_ROWS = 4  # decisions or entries in the small version of a log (one of each kind)
SEED = 20_240_602
BATCH = 2_000

OPTIONS = ["Tea", "Coffee", "Juice", "Water", "Hot chocolate", "Soup"]
TIME_SLOTS = 8
STANCE_WEIGHTS = {
    Method.PROPOSAL: [50, 15, 25, 10],
    Method.CONSENT: [80, 20],
    Method.GRADIENTS: [25, 20, 15, 10, 10, 10, 7, 3],
}
SHARED_KINDS = [
    PerspectiveKind.LIVED_EXPERIENCE,
    PerspectiveKind.CARER,
    PerspectiveKind.YOUNG_PERSON,
    PerspectiveKind.RESEARCHER,
    PerspectiveKind.PRACTITIONER,
]
FIRST_NAMES = ["Alex", "Sam", "Priya", "Tom", "Aisha", "Jo", "Mei", "Kwame", "Ruth", "Dev"]
REASONS = [
    "It is what we heard most often at the community meetings.",
    "I worry the evening sessions would leave out people who care for someone.",
    "Fine by me, as long as the papers come out a week before.",
    "We tried something like this before and nobody came.",
]
REASON_EVERY = 10  # one response in ten gives a reason


# People and teams


def people_add(prefix: str, count: int, rng: random.Random) -> list[User]:
    """`count` people with one or two perspectives each, most shared with their teams.
    No password anyone could use and no email address row: the benchmark logs in with
    force_login."""
    unusable = make_password(None)
    User.objects.bulk_create(
        (
            User(
                email=f"{prefix}-{number:05d}@bench.example.org",
                display_name=f"{rng.choice(FIRST_NAMES)} {prefix.title()} {number}",
                password=unusable,
                perspectives_visibility=Visibility.MY_TEAMS
                if rng.random() < 0.8
                else Visibility.ONLY_ME,
            )
            for number in range(count)
        ),
        batch_size=BATCH,
    )
    people = list(User.objects.filter(email__startswith=f"{prefix}-").order_by("email"))
    Perspective.objects.bulk_create(
        (
            Perspective(person=person, kind=kind)
            for person in people
            for kind in rng.sample(SHARED_KINDS, rng.choice([1, 1, 1, 2]))
        ),
        batch_size=BATCH,
    )
    return people


def team_make(prefix: str, size: int, rng: random.Random) -> tuple[Project, list[User]]:
    """A collective and a project (through their services) with `size` members."""
    people = people_add(prefix, size, rng)
    collective = collective_create(
        name=f"Bench {prefix}",
        kind=CollectiveKind.COLLECTIVE,
        description="People timing Levelfield's pages.",
        created_by=people[0],
    )
    project = project_create(
        collective=collective,
        created_by=people[0],
        title=f"Bench project: {prefix}",
        summary="A project with a lot of data in it.",
        stage=Stage.DESIGN,
    )
    PlaceMembership.objects.bulk_create(
        (PlaceMembership(place=project.place, person=person) for person in people[1:]),
        batch_size=BATCH,
    )
    return project, people


def logged_in(person: User) -> Client:
    client = Client()
    client.force_login(person)
    return client


# Decisions and responses


def decision_start(
    project: Project,
    starter: User,
    method: str,
    *,
    now: datetime.datetime,
    results_hidden: bool = False,
    anonymous: bool = False,
) -> Decision:
    """A decision started through the service, as the form would: six options, or
    eight proposed times for a time poll. Open from `now` for 8 days."""
    values: dict[str, Any] = {}
    if method == Method.TIME_POLL:
        first_day = timezone.localtime(now + datetime.timedelta(days=10))
        starts = [
            first_day.replace(hour=hour, minute=0, second=0, microsecond=0)
            + datetime.timedelta(days=day)
            for day in range(TIME_SLOTS // 2)
            for hour in (10, 14)
        ]
        values["times"] = [
            services.ProposedTime(start, start + datetime.timedelta(hours=2)) for start in starts
        ]
    elif methods.family(method).has_options:
        values["options"] = OPTIONS
    if method == Method.MULTIPLE_CHOICE:
        values["max_choices"] = 3
    return services.decision_create(
        created_by=starter,
        place=project.place,
        method=method,
        title=f"What should we choose? ({Method(method).label})",
        background="We need to settle this before the next meeting.",
        opens_at=now,
        closes_at=now + datetime.timedelta(days=8),
        results_hidden=results_hidden,
        anonymous=anonymous,
        now=now,
        **values,
    )


def payload_make(
    decision: Decision, option_ids: list[int], camps: list[list[int]], rng: random.Random
) -> dict[str, Any]:
    """One person's answer in the shape methods/ describes, with the lopsided
    spread of real polls (some options and stances far more popular than others)."""
    method = decision.method
    weights = [30, 25, 20, 12, 8, 5][: len(option_ids)] + [5] * max(0, len(option_ids) - 6)
    if method in STANCES:
        stances = [key for key, _ in STANCES[method]]
        return {"stance": rng.choices(stances, STANCE_WEIGHTS[method])[0]}
    if method == Method.SINGLE_CHOICE:
        return {"options": rng.choices(option_ids, weights)[:1]}
    if method == Method.MULTIPLE_CHOICE:
        return {"options": rng.sample(option_ids, rng.randint(1, decision.max_choices))}
    if method == Method.RANKED:
        ranking = list(rng.choices(camps, [35, 25, 20, 12, 8][: len(camps)])[0])
        for _ in range(rng.choice([0, 0, 1, 1, 2])):
            i = rng.randrange(len(ranking) - 1)
            ranking[i], ranking[i + 1] = ranking[i + 1], ranking[i]
        return {"ranking": ranking[: rng.randint(1, len(ranking))]}
    if method == Method.DOT_VOTE:
        budget = decision.dot_budget
        dots = Counter(rng.choices(option_ids, weights, k=rng.randint(budget // 2, budget)))
        return {"dots": {str(option): number for option, number in dots.items()}}
    if method == Method.SCORE:
        low, high = decision.score_min, decision.score_max
        scores = {
            str(option): rng.randint(low, high) for option in option_ids if rng.random() > 0.1
        }
        return {"scores": scores or {str(option_ids[0]): high}}
    return {
        "answers": {
            str(option): rng.choices(["yes", "if_need_be", "no"], [5, 2, 3])[0]
            for option in option_ids
        }
    }


def responses_add(
    decision: Decision, people: Sequence[User], rng: random.Random, *, now: datetime.datetime
) -> int:
    """One response from each person, checked as response_submit checks them, then
    bulk-inserted. An open anonymous decision gets a voter row holding the sealed answer
    (as response_submit stores it); a closed one a voter row and a response with no name."""
    option_ids = list(decision.options.values_list("id", flat=True))
    camps = [rng.sample(option_ids, len(option_ids)) for _ in range(5)] if option_ids else []
    responses, voters = [], []
    for person in people:
        raw = payload_make(decision, option_ids, camps, rng)
        payload = methods.payload_validate(decision, option_ids, raw)
        reason = rng.choice(REASONS) if rng.randrange(REASON_EVERY) == 0 else ""
        problem = services.reason_problem_for(decision, payload, reason)
        if problem:
            raise ValueError(problem)
        if decision.anonymous and decision.closed_at is None:
            sealed = ballot_seal(
                decision_id=decision.pk, person_id=person.pk, payload=payload, reason=reason
            )
            voters.append(Voter(decision=decision, person=person, sealed_ballot=sealed))
        elif decision.anonymous:
            voters.append(Voter(decision=decision, person=person))
            responses.append(Response(decision=decision, payload=payload, reason=reason))
        else:
            responses.append(
                Response(
                    decision=decision,
                    person=person,
                    payload=payload,
                    reason=reason,
                    updated_at=now,
                )
            )
    Voter.objects.bulk_create(voters, batch_size=BATCH)
    Response.objects.bulk_create(responses, batch_size=BATCH)
    # Bulk inserts skip the services, so fill the kept counts as they would have.
    services.tallies_rebuild(decisions=Decision.objects.filter(pk=decision.pk))
    return len(people)


def _detail_url(decision: Decision) -> str:
    return reverse("decisions:detail", args=[decision.pk])


def _shows(*texts: str) -> Callable[[str], bool]:
    return lambda html: all(text in html for text in texts)


def _row(label: str, count: int, big: PageTiming, small: PageTiming | None) -> Row:
    return Row(
        label,
        count,
        big.ms,
        queries=big.queries,
        small_queries=small.queries if small else None,
        kb=big.size / 1024,
    )


# `make bench` times the closed page for three methods that differ most (stances, the
# ranked tallies, the long time labels) to stay within about three minutes; the
# `decision-pages-closed` benchmark times all nine.
CLOSED_BY_DEFAULT = (Method.PROPOSAL, Method.RANKED, Method.TIME_POLL)


class DecisionPages:
    """A project of 10,000 members and one of 10, and a member of each logged in."""

    def __init__(self) -> None:
        self.rng = random.Random(SEED)
        self.now = timezone.now()
        self.project, self.people = team_make("voter", RESPONSES, self.rng)
        self.few_project, self.few_people = team_make("few", FEW, self.rng)
        self.member, self.few_member = logged_in(self.people[0]), logged_in(self.few_people[0])

    def pair(
        self, method: str, *, now: datetime.datetime, results_hidden: bool = False
    ) -> tuple[Decision, Decision, int]:
        """The same decision in both projects, everyone responded."""
        big = decision_start(
            self.project, self.people[0], method, now=now, results_hidden=results_hidden
        )
        count = responses_add(big, self.people, self.rng, now=now)
        small = decision_start(
            self.few_project, self.few_people[0], method, now=now, results_hidden=results_hidden
        )
        responses_add(small, self.few_people, self.rng, now=now)
        return big, small, count

    def row(self, label: str, big: Decision, small: Decision, shows: str) -> Row:
        count = big.responses.count()
        return _row(
            label,
            count,
            time_page(self.member, _detail_url(big), check=_shows(shows.format(count))),
            time_page(self.few_member, _detail_url(small), check=_shows(shows.format(FEW))),
        )

    def open_rows(self) -> list[Row]:
        rows = []
        for method in Method:
            big, small, _ = self.pair(method, now=self.now)
            rows.append(
                self.row(f"{method.label}: open, results shown", big, small, "{} responses so far")
            )
            if method == Method.PROPOSAL:
                rows.append(self.people_row(big, small))
        # Results hidden while open: the page does not load the responses at all.
        big, small, _ = self.pair(Method.RANKED, now=self.now, results_hidden=True)
        rows.append(
            self.row(
                "Ranked choice: open, results hidden until closing",
                big,
                small,
                "Results are hidden",
            )
        )
        return rows

    def people_row(self, big: Decision, small: Decision) -> Row:
        """The paged list of who responded, with answers and reasons (page 1 of 200)."""
        return _row(
            "Proposal: who has responded (paged list)",
            big.responses.count(),
            time_page(
                self.member,
                reverse("decisions:people", args=[big.pk]),
                check=_shows(f"{RESPONSES} in all"),
            ),
            time_page(
                self.few_member,
                reverse("decisions:people", args=[small.pk]),
                check=_shows(f"{FEW} in all"),
            ),
        )

    def anonymous_rows(self) -> list[Row]:
        """An anonymous proposal answered by everyone while open (sealed ballots), closed
        now: closing opens, shuffles and writes out 10,000 ballots, timed once."""
        past = self.now - datetime.timedelta(days=30)
        big = decision_start(
            self.project, self.people[0], Method.PROPOSAL, now=past, anonymous=True
        )
        count = responses_add(big, self.people, self.rng, now=past)
        small = decision_start(
            self.few_project, self.few_people[0], Method.PROPOSAL, now=past, anonymous=True
        )
        responses_add(small, self.few_people, self.rng, now=past)
        rows = [_close_timed(big, count, "writes out the sealed ballots")]
        services.decision_close(decision=small, now=self.now)
        rows.append(self.row("Proposal: anonymous, closed", big, small, "{} responses."))
        return rows

    def closed_rows(self, chosen: Sequence[str]) -> list[Row]:
        """Decisions that hid their results until closing, started a month ago and
        closed now; the first closing is timed too."""
        rows = []
        past = self.now - datetime.timedelta(days=30)
        for number, method in enumerate(chosen):
            big, small, count = self.pair(method, now=past, results_hidden=True)
            if number == 0:
                rows.append(_close_timed(big, count))
            else:
                services.decision_close(decision=big, now=self.now)
            services.decision_close(decision=small, now=self.now)
            label = f"{Method(method).label}: closed, results were hidden"
            rows.append(self.row(label, big, small, "{} responses."))
        return rows


def decision_pages() -> list[Row]:
    """The decision page of a project of 10,000 people who have all responded: every
    method open with results shown, three closed after hiding their results, and an
    anonymous one closed (its sealed ballots written out)."""
    pages = DecisionPages()
    return pages.open_rows() + pages.closed_rows(CLOSED_BY_DEFAULT) + pages.anonymous_rows()


def decision_pages_closed() -> list[Row]:
    """The closed decision page (results were hidden until closing) for every method."""
    return DecisionPages().closed_rows(list(Method))


def _close_timed(decision: Decision, count: int, what: str = "once") -> Row:
    """Closing (services.decision_close) a decision of 10,000 members, once: it fixes
    the voice check and writes the involvement log entry."""
    with CaptureQueriesContext(connection) as queries:
        started = time.perf_counter()
        services.decision_close(decision=decision, now=timezone.now())
        ms = (time.perf_counter() - started) * 1000
    label = f"{Method(decision.method).label}: closing it (decision_close, {what})"
    return Row(label, count, ms, queries=len(queries.captured_queries))


# The decision log


def log_fill(
    project: Project, people: list[User], count: int, rng: random.Random, now: datetime.datetime
) -> None:
    """`count` decisions of every method over about three years (at most 5 days
    apart): most closed (half with an outcome), a few open, the last few not open yet.
    One in ten is anonymous, one in four hid its results. Everyone responded."""
    spacing = min(datetime.timedelta(days=3 * 365) / count, datetime.timedelta(days=5))
    upcoming = max(1, count // 200)
    decisions = []
    for number in range(count):
        method = Method.values[number % len(Method.values)]
        opens_at = now + spacing * (number - (count - upcoming)) + datetime.timedelta(hours=1)
        closes_at = opens_at + datetime.timedelta(days=8)
        anonymous = number % 10 == 3
        decisions.append(
            Decision(
                place=project.place,
                method=method,
                title=f"Decision {number}: should we change how we work?",
                background="Raised at the monthly meeting.",
                has_discussion=opens_at > now,
                opens_at=opens_at,
                closes_at=closes_at,
                closed_at=closes_at if closes_at <= now else None,
                anonymous=anonymous,
                results_hidden=anonymous or number % 4 == 0,
                max_choices=2 if method == Method.MULTIPLE_CHOICE else 1,
                created_by=rng.choice(people),
            )
        )
    Decision.objects.bulk_create(decisions, batch_size=BATCH)
    decisions = list(Decision.objects.filter(place__project=project).order_by("opens_at", "id"))
    options = []
    for decision in decisions:
        if not methods.family(decision.method).has_options:
            continue
        for position, label in enumerate(OPTIONS[:3]):
            starts_at = ends_at = None
            if decision.method == Method.TIME_POLL:
                starts_at = decision.closes_at + datetime.timedelta(days=position + 1)
                ends_at = starts_at + datetime.timedelta(hours=2)
            options.append(
                Option(
                    decision=decision,
                    label=label,
                    position=position,
                    starts_at=starts_at,
                    ends_at=ends_at,
                )
            )
    Option.objects.bulk_create(options, batch_size=BATCH)
    for decision in decisions:
        if decision.opens_at <= now:
            responses_add(decision, people, rng, now=decision.opens_at)
    services.tallies_rebuild(decisions=Decision.objects.filter(place__project=project, tally=None))
    Outcome.objects.bulk_create(
        (
            Outcome(
                decision=decision,
                statement="We agreed to try it for three months and then look again.",
                written_by=rng.choice(people),
                written_at=decision.closes_at,
                updated_at=decision.closes_at,
            )
            for number, decision in enumerate(decisions)
            if decision.closed_at and number % 2 == 0
        ),
        batch_size=BATCH,
    )


def decision_log() -> list[Row]:
    """The decision log of a project with 1,000 decisions (10 responses each)."""
    rng = random.Random(SEED + 1)
    now = timezone.now()
    project, people = team_make("logger", LOG_MEMBERS, rng)
    log_fill(project, people, LOG_DECISIONS, rng, now)
    few_project, few_people = team_make("fewlog", LOG_MEMBERS, rng)
    log_fill(few_project, few_people, FEW_ROWS, rng, now)
    member, few_member = logged_in(people[0]), logged_in(few_people[0])
    log = reverse("decisions:place_log", args=[project.place.pk])
    few_log = reverse("decisions:place_log", args=[few_project.place.pk])
    export = reverse("decisions:place_export_csv", args=[project.place.pk])
    last_page = -(-LOG_DECISIONS // 25)
    filters = "?q=should&status=closed&outcome=missing"
    return [
        _row(
            "decision log, first page",
            LOG_DECISIONS,
            time_page(member, log, check=_shows(f"All decisions ({LOG_DECISIONS})")),
            time_page(few_member, few_log, check=_shows(f"All decisions ({FEW_ROWS})")),
        ),
        _row(
            f"decision log, last page (page {last_page})",
            LOG_DECISIONS,
            time_page(
                member,
                f"{log}?page={last_page}",
                check=_shows(f'aria-current="page">{last_page}</a>'),
            ),
            None,
        ),
        _row(
            "decision log, filtered (title, closed, no outcome)",
            LOG_DECISIONS,
            time_page(member, log + filters, check=_shows("Decisions matching your choice")),
            time_page(few_member, few_log + filters, check=_shows("matching your choice")),
        ),
        _row(
            "decision log as a spreadsheet (CSV, every decision; background job)",
            LOG_DECISIONS,
            time_prepared(member, export, check=lambda csv: csv.count(b"\n") == LOG_DECISIONS + 1),
            None,
        ),
    ]


# Projects and the involvement log


def entries_fill(project: Project, people: list[User], count: int, rng: random.Random) -> None:
    """`count` involvement entries over about five years, each with three people."""
    today = timezone.localdate()
    InvolvementEntry.objects.bulk_create(
        (
            InvolvementEntry(
                place=project.place,
                title=f"Advisory group meeting {number}",
                description="We went through the interview questions together.",
                happened_on=today - datetime.timedelta(days=rng.randrange(5 * 365)),
                stage=rng.choice(Stage.values),
                kind=rng.choice(ActivityKind.values),
                what_changed="We reworded two questions." if number % 3 else "",
                recorded_by=rng.choice(people),
            )
            for number in range(count)
        ),
        batch_size=BATCH,
    )
    entry_ids = InvolvementEntry.objects.filter(place__project=project).values_list(
        "id", flat=True
    )
    Participation.objects.bulk_create(
        (
            Participation(entry_id=entry_id, person=person, minutes=rng.choice([30, 60, 90, 120]))
            for entry_id in entry_ids
            for person in rng.sample(people, min(PEOPLE_PER_ENTRY, len(people)))
        ),
        batch_size=BATCH,
    )


def project_pages() -> list[Row]:
    """A project's page and its involvement log with 200 members and 5,000 entries of
    3 people each."""
    rng = random.Random(SEED + 2)
    project, people = team_make("member", PROJECT_MEMBERS, rng)
    entries_fill(project, people, PROJECT_ENTRIES, rng)
    few_project, few_people = team_make("fewmember", FEW_ROWS, rng)
    entries_fill(few_project, few_people, FEW_ROWS, rng)
    member, few_member = logged_in(people[0]), logged_in(few_people[0])

    def urls(name: str, query: str = "") -> tuple[str, str]:
        if name == "log":  # the log is the project's place's
            return (
                reverse("places:log", args=[project.place.pk]) + query,
                reverse("places:log", args=[few_project.place.pk]) + query,
            )
        return (
            reverse(f"projects:{name}", args=[project.pk]) + query,
            reverse(f"projects:{name}", args=[few_project.pk]) + query,
        )

    detail, few_detail = urls("detail")
    log, few_log = urls("log")
    last_page = -(-PROJECT_ENTRIES // 25)
    # A stage the small project has entries in, so both pages list some.
    chosen = InvolvementEntry.objects.filter(place__project=few_project).values_list("stage")[0][0]
    stage, few_stage = urls("log", f"?stage={chosen}")
    return [
        _row(
            f"projects:detail, {PROJECT_MEMBERS} members",
            PROJECT_ENTRIES,
            time_page(member, detail, check=_shows(f"{PROJECT_ENTRIES} entries so far")),
            time_page(few_member, few_detail, check=_shows(f"{FEW_ROWS} entries so far")),
        ),
        _row(
            "places:log, first page",
            PROJECT_ENTRIES,
            time_page(member, log, check=_shows(f"All entries ({PROJECT_ENTRIES})")),
            time_page(few_member, few_log, check=_shows(f"All entries ({FEW_ROWS})")),
        ),
        _row(
            f"places:log, last page (page {last_page})",
            PROJECT_ENTRIES,
            time_page(member, f"{log}?page={last_page}", check=_shows("All entries")),
            None,
        ),
        _row(
            "places:log, one stage",
            PROJECT_ENTRIES,
            time_page(member, stage, check=_shows("Entries matching your choice")),
            time_page(few_member, few_stage, check=_shows("matching your choice")),
        ),
    ]
