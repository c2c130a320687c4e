"""Payment pages timed through the real app and database at data scale.

Run by bench/run.py inside a throwaway database (bench_django.py). A collective with
200 contributors and 5,000 claims in every state (one line each, bulk-inserted: calling
the services 5,000 times would time the set-up, not the pages); the claim that is
timed, and the policy, rates and categories, are made with the app's own services.
Each page is also fetched in a collective with a handful of claims, so the table shows
that the number of queries does not grow with the data.
"""

from __future__ import annotations

import datetime
import random
import tempfile
from decimal import Decimal

from bench_common import Row
from bench_django import time_page
from bench_pages import BATCH, FEW_ROWS, _row, _shows, entries_fill, logged_in, team_make
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db.models import Max
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from levelfield.collectives.models import Collective
from levelfield.payments import services
from levelfield.payments.models import Batch, Choice, Claim, ClaimLine, Status
from levelfield.people.models import User
from levelfield.places.models import PlaceMembership
from levelfield.projects.models import (
    ActivityKind,
    InvolvementEntry,
    Participation,
    Project,
    Stage,
)

CONTRIBUTORS = 200
CLAIMS = 5_000
BUSY_CLAIMS = 500  # the contributor whose payments page is timed
SEED = 20_261_201
STATUS_WEIGHTS = {
    Status.DRAFT: 5,
    Status.SUBMITTED: 15,
    Status.QUERIED: 5,
    Status.APPROVED: 10,
    Status.REJECTED: 5,
    Status.EXPORTED: 5,
    Status.PAID: 55,
}
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def policy_set(collective: Collective, coordinator: User) -> None:
    """Rates from the start of the data (bench only: the service refuses past dates)
    and two expense categories, through the services."""
    long_ago = timezone.localdate() - datetime.timedelta(days=6 * 365)
    services.rate_add(
        collective=collective,
        actor=coordinator,
        effective_from=long_ago,
        hourly=Decimal(25),
        half_day=Decimal(75),
        day=Decimal(150),
        note="Example rates for the benchmark",
        today=long_ago,
    )
    services.category_add(
        collective=collective,
        actor=coordinator,
        name="Travel",
        limit=Decimal(100),
        receipt_over=Decimal(10),
    )
    services.category_add(
        collective=collective, actor=coordinator, name="Data", limit=Decimal(10), receipt_over=0
    )


def claims_fill(project: Project, people: list[User], count: int, rng: random.Random) -> None:
    """One claim per involvement entry's first participation, in every state."""
    collective = project.collective
    coordinator = people[0]
    participations = list(
        Participation.objects.filter(entry__place__project=project)
        .exclude(person=coordinator)
        .select_related("entry")
        .order_by("entry_id", "pk")
    )
    chosen, seen = [], set()
    for participation in participations:
        if participation.entry_id not in seen and len(chosen) < count:
            seen.add(participation.entry_id)
            chosen.append(participation)
    now = timezone.now()
    batch = Batch.objects.create(
        collective=collective, created_by=coordinator, created_at=now, total=Decimal(0)
    )
    statuses, weights = list(STATUS_WEIGHTS), list(STATUS_WEIGHTS.values())
    claims = []
    for participation in chosen:
        status = rng.choices(statuses, weights)[0]
        fee = Decimal(25) * participation.minutes / 60
        happened = participation.entry.happened_on
        claims.append(
            Claim(
                collective=collective,
                claimant_id=participation.person_id,
                status=status,
                choice=Choice.FEE,
                fee_total=fee.quantize(Decimal("0.01")),
                expense_total=Decimal("4.60"),
                first_activity_on=happened,
                submitted_at=None if status == Status.DRAFT else now,
                decided_at=now
                if status not in (Status.DRAFT, Status.SUBMITTED, Status.QUERIED)
                else None,
                decided_by=coordinator,
                batch=batch if status in (Status.EXPORTED, Status.PAID) else None,
                paid_on=happened + datetime.timedelta(days=rng.randrange(3, 40))
                if status == Status.PAID
                else None,
            )
        )
    Claim.objects.bulk_create(claims, batch_size=BATCH)
    claims = list(Claim.objects.filter(collective=collective).order_by("pk"))
    ClaimLine.objects.bulk_create(
        (
            ClaimLine(
                claim=claim,
                participation=participation,
                title=participation.entry.title,
                happened_on=participation.entry.happened_on,
                minutes=participation.minutes,
                basis="hourly",
                rate=Decimal(25),
                amount=claim.fee_total,
            )
            for claim, participation in zip(claims, chosen, strict=True)
        ),
        batch_size=BATCH,
    )


def own_entries_fill(project: Project, person: User, count: int) -> None:
    """`count` entries of `person`'s alone (after those entries_fill made)."""
    first = (
        InvolvementEntry.objects.filter(place__project=project).aggregate(m=Max("pk"))["m"] or 0
    )
    InvolvementEntry.objects.bulk_create(
        (
            InvolvementEntry(
                place=project.place,
                title=f"Interview practice {number}",
                happened_on=timezone.localdate() - datetime.timedelta(days=number % 700),
                stage=Stage.DESIGN,
                kind=ActivityKind.MEETING,
                recorded_by=person,
            )
            for number in range(count)
        ),
        batch_size=BATCH,
    )
    Participation.objects.bulk_create(
        (
            Participation(entry_id=entry_id, person=person, minutes=90)
            for entry_id in InvolvementEntry.objects.filter(
                place__project=project, pk__gt=first
            ).values_list("pk", flat=True)
        ),
        batch_size=BATCH,
    )


def timed_claim(project: Project, person: User) -> Claim:
    """A claim made, sent, queried and answered through the services (so its history
    has rows), with a receipt."""
    participations = list(
        Participation.objects.filter(
            entry__place__project=project, person=person, claim_line__isnull=True
        )[:3]
    )
    claim = services.claim_create(
        collective=project.collective, claimant=person, participations=participations
    )
    category = project.collective.payment_policy.expense_categories.get(name="Travel")
    services.claim_expense_add(
        claim=claim,
        actor=person,
        category=category,
        description="Bus there and back",
        amount=Decimal("12.40"),
        receipt=SimpleUploadedFile("bus.pdf", PDF),
    )
    services.claim_submit(claim=claim, actor=person)
    coordinator = project.collective.own_place.memberships.get(
        coordinator_since__isnull=False
    ).person
    services.claim_query(claim=claim, actor=coordinator, question="Which bus was it?")
    services.claim_answer(claim=claim, actor=person, answer="The number 56.")
    return claim


def payment_world(prefix: str, claims: int, rng: random.Random) -> dict:
    project, people = team_make(prefix, CONTRIBUTORS if claims > FEW_ROWS else FEW_ROWS, rng)
    coordinator, contributor = people[0], people[1]
    PlaceMembership.objects.bulk_create(
        (PlaceMembership(place=project.collective.own_place, person=p) for p in people[1:]),
        batch_size=BATCH,
    )
    policy_set(project.collective, coordinator)
    busy = BUSY_CLAIMS if claims > FEW_ROWS else 0
    entries_fill(project, people, max(claims - busy, FEW_ROWS), rng)
    # The contributor's own entries come last: `busy` of them claimed, 10 not yet.
    own_entries_fill(project, contributor, busy + 10)
    claims_fill(project, people, claims, rng)
    claim = timed_claim(project, contributor)
    return {
        "slug": project.collective.slug,
        "coordinator": logged_in(coordinator),
        "contributor": logged_in(contributor),
        "claim": claim,
    }


def payment_pages() -> list[Row]:
    """The approvers' claim queue, a claim and a contributor's payments page, with
    5,000 claims in the collective."""
    # The two receipts go nowhere lasting.
    with (
        tempfile.TemporaryDirectory(prefix="levelfield-bench-media-") as media,
        override_settings(MEDIA_ROOT=media),
    ):
        return _payment_pages()


def _payment_pages() -> list[Row]:
    rng = random.Random(SEED)
    big = payment_world("payer", CLAIMS, rng)
    small = payment_world("fewpayer", FEW_ROWS, rng)

    def both(name: str, *, who: str, check: tuple[str, ...]) -> tuple:
        return tuple(
            time_page(
                world[who],
                reverse(f"payments:{name}", args=[world["slug"]] if name in SLUGGED else []),
                check=_shows(*check),
            )
            for world in (big, small)
        )

    queue = both("approvals", who="coordinator", check=("Waiting for approval",))
    page = [
        time_page(
            world["coordinator"],
            reverse("payments:claim", args=[world["claim"].pk]),
            check=_shows("The number 56.", "Bus there and back"),
        )
        for world in (big, small)
    ]
    home = both("home", who="contributor", check=("Your claims",))
    policy = both("collective", who="contributor", check=("Our payment policy",))
    return [
        _row("payments:approvals (the claim queue)", CLAIMS, *queue),
        _row("payments:claim, as the approver", CLAIMS, *page),
        _row(f"payments:home, a contributor with {BUSY_CLAIMS} claims", CLAIMS, *home),
        _row("payments:collective (the policy and what you would be paid)", CLAIMS, *policy),
    ]


SLUGGED = {"approvals", "collective"}
