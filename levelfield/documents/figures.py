"""How much feedback each paragraph has and from whose perspectives.

A fixed number of queries for the whole document, whatever its size: comments and
amendments are grouped by paragraph (their `lineage`) in the database, and the
perspectives of everyone who took part are fetched once. Only perspectives people
share with their teams count (the people app's one rule), and a perspective held by
fewer than `settings.MINIMUM_ANONYMOUS_GROUP` of a paragraph's contributors is not
named: those people are counted together as "in smaller groups", so nobody's
perspective can be read off a paragraph with two comments.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection
from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import Count, Q

from levelfield.documents.models import Amendment, AmendmentStatus, Comment, Document
from levelfield.people.models import Perspective, PerspectiveKind

LABELS = dict(PerspectiveKind.choices)


@dataclass
class Voices:
    """Who gave feedback: how many people, and the perspectives big enough to name."""

    people: int = 0
    groups: list[tuple[str, int]] = field(default_factory=list)
    in_small_groups: int = 0
    not_shared: int = 0

    @property
    def only_professionals(self) -> bool:
        """Every named group is a research profession and nobody else is counted."""
        public = {LABELS[k] for k in PerspectiveKind.public_kinds()}
        return (
            self.people >= settings.MINIMUM_ANONYMOUS_GROUP
            and bool(self.groups)
            and not any(label in public for label, _ in self.groups)
            and not self.in_small_groups
            and not self.not_shared
        )


@dataclass
class ParagraphFigures:
    comments: int = 0
    amendments: int = 0
    open_amendments: int = 0
    voices: Voices = field(default_factory=Voices)


def _voices(people: set[int], kinds_of: dict[int, set[str]]) -> Voices:
    counts: Counter[str] = Counter()
    not_shared = 0
    for person in people:
        kinds = kinds_of.get(person)
        if not kinds:
            not_shared += 1
        counts.update(kinds or ())
    minimum = settings.MINIMUM_ANONYMOUS_GROUP
    named = [(LABELS[k], counts[k]) for k in PerspectiveKind.values if counts[k] >= minimum]
    small = {
        p for p in people if kinds_of.get(p) and all(counts[k] < minimum for k in kinds_of[p])
    }
    return Voices(
        people=len(people),
        groups=named,
        in_small_groups=len(small),
        not_shared=not_shared,
    )


def document_figures(
    document: Document, *, lineages: Collection[int] | None = None
) -> tuple[dict[int, ParagraphFigures], Voices]:
    """Figures per paragraph lineage, and for the whole document (3 queries, 5 with
    `lineages`).

    With `lineages`, per-paragraph voices are worked out only for those paragraphs
    (the ones on the page shown); the document's voices still count everyone."""
    figures: dict[int, ParagraphFigures] = {}
    contributors: dict[int, set[int]] = {}
    everyone: set[int] = set()
    on_page = {} if lineages is None else {"lineage__in": lineages}
    comments = (
        Comment.objects.filter(document=document, hidden_at__isnull=True, **on_page)
        .values("lineage", "author_id")
        .annotate(n=Count("pk"))
    )
    for row in comments:
        item = figures.setdefault(row["lineage"], ParagraphFigures())
        item.comments += row["n"]
        if row["author_id"]:
            contributors.setdefault(row["lineage"], set()).add(row["author_id"])
    amendments = (
        Amendment.objects.filter(document=document, **on_page)
        .values("lineage", "proposed_by_id")
        .annotate(n=Count("pk"), waiting=Count("pk", filter=Q(status=AmendmentStatus.OPEN)))
    )
    for row in amendments:
        item = figures.setdefault(row["lineage"], ParagraphFigures())
        item.amendments += row["n"]
        item.open_amendments += row["waiting"]
        if row["proposed_by_id"]:
            contributors.setdefault(row["lineage"], set()).add(row["proposed_by_id"])
    if lineages is None:
        for people in contributors.values():
            everyone |= people
    else:
        # The whole document's people without grouping every paragraph in Python.
        everyone = set(
            Comment.objects.filter(document=document, hidden_at__isnull=True, author__isnull=False)
            .order_by()
            .values_list("author_id", flat=True)
            .distinct()
        ) | set(
            Amendment.objects.filter(document=document, proposed_by__isnull=False)
            .order_by()
            .values_list("proposed_by_id", flat=True)
            .distinct()
        )
    kinds_of: dict[int, set[str]] = {}
    # The contributors as subqueries, not a list of thousands of ids.
    commenters = Comment.objects.filter(document=document, hidden_at__isnull=True)
    amenders = Amendment.objects.filter(document=document)
    shared = Perspective.objects.shared_with_teammates().filter(
        Q(person__in=commenters.values("author_id"))
        | Q(person__in=amenders.values("proposed_by_id"))
    )
    for person_id, kind in shared.values_list("person_id", "kind"):
        kinds_of.setdefault(person_id, set()).add(kind)
    for lineage, people in contributors.items():
        figures[lineage].voices = _voices(people, kinds_of)
    return figures, _voices(everyone, kinds_of)
