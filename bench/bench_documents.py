"""The documents app's pages at data scale: a draft of 600 paragraphs (100 sections)
in two versions, with 6,000 comments and 600 amendments from 300 people, most of whom
share a perspective.

Run by bench/run.py inside a throwaway database. The document and its second version
are made with the services (splitting, rendering and matching paragraphs is part of
what is measured: the "publish" row); comments and amendments are bulk-inserted (the
services would measure the set-up). Each page is also fetched for a document of a few
paragraphs and comments, so the table shows the queries do not grow with the data.
"""

from __future__ import annotations

import random
import time

from bench_common import Row
from bench_django import time_page
from bench_pages import _row, _shows, logged_in, people_add
from django.db.models import Count
from django.urls import reverse
from django.utils import timezone

from levelfield.collectives.models import CollectiveKind
from levelfield.collectives.services import collective_create
from levelfield.documents import services
from levelfield.documents.models import Amendment, Comment, Document, ParagraphKind
from levelfield.places.access import collective_place
from levelfield.places.models import PlaceMembership

SECTIONS = 100
PER_SECTION = 6
PEOPLE = 300
COMMENTS = 6_000
AMENDMENTS = 600
SEED = 20_261_216
WORDS = ["pay", "time", "travel", "care", "receipts", "meetings", "papers", "fair", "week"]


def _text(sections: int, per_section: int, rng: random.Random) -> str:
    blocks = []
    for section in range(sections):
        blocks.append(f"## Part {section + 1}")
        for number in range(per_section):
            words = " ".join(rng.choice(WORDS) for _ in range(30))
            blocks.append(f"Paragraph {section + 1}.{number + 1}: we {words}.")
    return "\n\n".join(blocks)


def _document_make(
    prefix: str, sections: int, per_section: int, people: int, comments: int, amendments: int
) -> tuple[Document, object, float]:
    rng = random.Random(SEED)
    team = people_add(prefix, people, rng)
    collective = collective_create(
        name=f"Bench documents {prefix}",
        kind=CollectiveKind.COLLECTIVE,
        description="People timing documents.",
        created_by=team[0],
    )
    PlaceMembership.objects.bulk_create(
        [PlaceMembership(place=collective.own_place, person=p) for p in team[1:]],
        ignore_conflicts=True,
    )
    today = timezone.localdate()
    document = services.document_start(
        started_by=team[0],
        place=collective_place(collective.pk),
        title=f"Payment policy {prefix}",
        purpose="Timing.",
        text=_text(sections, per_section, rng),
        questions=["Is anything missing?"],
        opens_on=today,
        closes_on=today + timezone.timedelta(days=30),
    )
    version = document.versions.get()
    paragraphs = list(version.paragraphs.filter(kind=ParagraphKind.PARAGRAPH))
    now = timezone.now()
    Comment.objects.bulk_create(
        [
            Comment(
                paragraph=(p := rng.choice(paragraphs)),
                document=document,
                lineage=p.lineage,
                author=rng.choice(team),
                text=" ".join(rng.choice(WORDS) for _ in range(25)),
                created_at=now,
            )
            for _ in range(comments)
        ],
        batch_size=2_000,
    )
    Amendment.objects.bulk_create(
        [
            Amendment(
                paragraph=(p := rng.choice(paragraphs)),
                document=document,
                lineage=p.lineage,
                base_text=p.text,
                text=p.text.replace("pay", "pay promptly", 1),
                reason="Clearer.",
                proposed_by=rng.choice(team),
                proposed_at=now,
            )
            for _ in range(amendments)
        ],
        batch_size=2_000,
    )
    # Version 2 rewords every tenth paragraph: the publish service splits, renders and
    # matches every paragraph to its lineage.
    changed = "\n\n".join(
        text + (" Reworded." if n % 10 == 0 else "")
        for n, text in enumerate(
            version.paragraphs.order_by("position").values_list("text", flat=True)
        )
    )
    started = time.perf_counter()
    services.version_publish(
        document=document, actor=team[0], text=changed, note="Reworded.", based_on=1
    )
    publish_ms = (time.perf_counter() - started) * 1000
    return document, logged_in(team[0]), publish_ms


def document_pages() -> list[Row]:
    big, member, publish_ms = _document_make(
        "docs", SECTIONS, PER_SECTION, PEOPLE, COMMENTS, AMENDMENTS
    )
    small, few_member, _ = _document_make("fewdocs", 2, 2, 6, 8, 2)
    busiest = (
        Comment.objects.filter(document=big)
        .values("lineage")
        .annotate(n=Count("pk"))
        .order_by("-n")
        .first()
    )
    paragraph = big.versions.get(number=2).paragraphs.get(lineage=busiest["lineage"])
    small_paragraph = small.versions.get(number=2).paragraphs.filter(kind="paragraph").first()
    paragraphs = SECTIONS * (PER_SECTION + 1)
    rows = [
        _row(
            "documents:detail (the whole text with figures)",
            paragraphs,
            time_page(
                member, reverse("documents:detail", args=[big.pk]), check=_shows("Part 100")
            ),
            time_page(
                few_member, reverse("documents:detail", args=[small.pk]), check=_shows("Part 2")
            ),
        ),
        _row(
            f"documents:paragraph (busiest: {busiest['n']} comments)",
            busiest["n"],
            time_page(
                member,
                reverse("documents:paragraph", args=[big.pk, paragraph.pk]),
                check=_shows("Comments ("),
            ),
            time_page(
                few_member,
                reverse("documents:paragraph", args=[small.pk, small_paragraph.pk]),
                check=_shows("Comments ("),
            ),
        ),
        _row(
            "documents:compare (version 1 with 2)",
            paragraphs,
            time_page(
                member, reverse("documents:compare", args=[big.pk]), check=_shows("changed")
            ),
            time_page(
                few_member, reverse("documents:compare", args=[small.pk]), check=_shows("changed")
            ),
        ),
        _row(
            "documents:export_csv (every comment and amendment)",
            COMMENTS + AMENDMENTS,
            time_page(member, reverse("documents:export_csv", args=[big.pk])),
            time_page(few_member, reverse("documents:export_csv", args=[small.pk])),
        ),
    ]
    rows.append(
        Row("documents: publishing version 2 (services.version_publish)", paragraphs, publish_ms)
    )
    return rows
