"""Documents for `manage.py seed_scale`: drafts written together in the big project.

Ten documents started through `document_start` (which splits, renders and numbers the
paragraphs, and records the history); the first, of 600 paragraphs, gets 6,000
comments from the project's members at the large size, bulk-inserted on its paragraphs
with each paragraph's lineage, as `comment_add` writes them.
"""

from __future__ import annotations

import datetime
import random

from django.utils import timezone

from levelfield.documents import services
from levelfield.documents.models import Comment, Document, ParagraphKind
from levelfield.lib.scale import batches, scaled
from levelfield.people.models import User
from levelfield.people.scale import people_in_order
from levelfield.places.models import PlaceMembership
from levelfield.projects.scale import big_project

DOCUMENTS = 10
SECTIONS = 100
PER_SECTION = 6
COMMENTS = 6_000
WORDS = ["pay", "time", "travel", "care", "receipts", "meetings", "papers", "fair", "week"]


def _text(sections: int, rng: random.Random) -> str:
    blocks = []
    for section in range(sections):
        blocks.append(f"## Part {section + 1}")
        for number in range(PER_SECTION):
            words = " ".join(rng.choice(WORDS) for _ in range(30))
            blocks.append(f"Paragraph {section + 1}.{number + 1}: we {words}.")
    return "\n\n".join(blocks)


def scale_seed(*, size: str, rng: random.Random) -> None:
    project = big_project()
    place = project.place
    founder = User.objects.get(pk=people_in_order()[0])
    today = timezone.localdate()
    for number in range(DOCUMENTS):
        services.document_start(
            started_by=founder,
            place=place,
            title=f"Our payment policy, part {number + 1}",
            purpose="So everyone is paid fairly and on time.",
            text=_text(scaled(size, SECTIONS, least=2) if number == 0 else 3, rng),
            questions=["Is anything missing?"],
            opens_on=today,
            closes_on=today + datetime.timedelta(days=30),
        )
    busy = Document.objects.in_place(place).order_by("pk").first()
    paragraphs = list(
        busy.versions.get()
        .paragraphs.filter(kind=ParagraphKind.PARAGRAPH)
        .values_list("pk", "lineage")
    )
    members = list(PlaceMembership.objects.of_project(project).values_list("person_id", flat=True))
    now = timezone.now()

    def comment() -> Comment:
        paragraph, lineage = rng.choice(paragraphs)
        return Comment(
            paragraph_id=paragraph,
            document=busy,
            lineage=lineage,
            author_id=rng.choice(members),
            text=" ".join(rng.choice(WORDS) for _ in range(25)),
            created_at=now,
            published_at=now,
        )

    for chunk in batches(comment() for _ in range(scaled(size, COMMENTS, least=5))):
        Comment.objects.bulk_create(chunk)
    services.page_changed(busy.pk)  # as comment_add does
