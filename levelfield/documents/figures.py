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

import hashlib
from collections import Counter
from collections.abc import Collection
from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import Count, Q

from levelfield.documents.models import Amendment, AmendmentStatus, Comment, Document
from levelfield.lib.cache import versioned
from levelfield.people.models import Perspective, PerspectiveKind

LABELS = dict(PerspectiveKind.choices)


@dataclass
class Voices:
    """Who gave feedback: how many people, and the perspectives big enough to name."""

    people: int = 0
    groups: list[tuple[str, int]] = field(default_factory=list)
    in_small_groups: int = 0
    not_shared: int = 0
    # Every named group is a research profession and nobody else is counted (worked
    # out once in `_voices`, not each time a template asks).
    only_professionals: bool = False


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
    named = [(k, counts[k]) for k in PerspectiveKind.values if counts[k] >= minimum]
    small = {
        p for p in people if kinds_of.get(p) and all(counts[k] < minimum for k in kinds_of[p])
    }
    public = PerspectiveKind.public_kinds()
    return Voices(
        people=len(people),
        groups=[(str(LABELS[k]), n) for k, n in named],
        in_small_groups=len(small),
        not_shared=not_shared,
        only_professionals=(
            len(people) >= minimum
            and bool(named)
            and not any(k in public for k, _ in named)
            and not small
            and not not_shared
        ),
    )


def document_figures(
    document: Document, *, lineages: Collection[int] | None = None
) -> tuple[dict[int, ParagraphFigures], Voices]:
    """Figures per paragraph lineage, and for the whole document (3 queries; none with
    `lineages` when kept, up to 5 when not).

    With `lineages`, figures are worked out only for those paragraphs (the ones on the
    page shown), and both they and the document's voices are kept per feedback version
    (`feedback_version`): grouping thousands of comments and their authors'
    perspectives was most of the page's time."""
    if lineages is None:
        figures, contributors = _paragraph_figures(document, None)
        kinds_of = _shared_kinds(document)
        everyone: set[int] = set().union(*contributors.values()) if contributors else set()
        for lineage, people in contributors.items():
            figures[lineage].voices = _voices(people, kinds_of)
        return figures, _voices(everyone, kinds_of)
    version = feedback_version(document)
    return page_figures(document, lineages, version=version), document_voices(
        document, version=version
    )


def page_figures(
    document: Document, lineages: Collection[int], *, version: tuple[object, ...]
) -> dict[int, ParagraphFigures]:
    """The figures of the paragraphs `lineages` (a page's), kept per feedback version."""
    page = hashlib.sha256(",".join(map(str, sorted(lineages))).encode()).hexdigest()[:20]
    return versioned(
        "documents:figures",
        (document.pk, *version, page),
        lambda: _page_figures(document, lineages),
        seconds=VOICES_SECONDS,
    )


def document_voices(document: Document, *, version: tuple[object, ...]) -> Voices:
    """The whole document's voices, kept per feedback version."""
    return versioned(
        "documents:voices",
        (document.pk, *version),
        lambda: voices_counted(document),
        seconds=VOICES_SECONDS,
    )


def _paragraph_figures(
    document: Document, lineages: Collection[int] | None
) -> tuple[dict[int, ParagraphFigures], dict[int, set[int]]]:
    """Counts per paragraph lineage and who took part in each (2 queries)."""
    figures: dict[int, ParagraphFigures] = {}
    contributors: dict[int, set[int]] = {}
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
    return figures, contributors


def _page_figures(document: Document, lineages: Collection[int]) -> dict[int, ParagraphFigures]:
    """The figures of the page's paragraphs, reading only their contributors'
    perspectives (3 queries)."""
    figures, contributors = _paragraph_figures(document, lineages)
    people = set().union(*contributors.values()) if contributors else set()
    kinds_of = _shared_kinds(document, people=people) if people else {}
    for lineage, taking_part in contributors.items():
        figures[lineage].voices = _voices(taking_part, kinds_of)
    return figures


# How long figures are kept: what the feedback version cannot see
# (a contributor sharing a perspective, or deleting their account) shows after this.
VOICES_SECONDS = 300


def feedback_version(document: Document) -> tuple[object, ...]:
    """What moves whenever the figures can change: the document's `page_version`, moved
    by every service that adds, hides or restores a comment or makes or answers an
    amendment (read with the document: counting its comments was most of the database's
    time for the page)."""
    return (document.page_version,)


def voices_counted(document: Document) -> Voices:
    """The whole document's voices, everyone who commented or proposed counted once."""
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
    return _voices(everyone, _shared_kinds(document))


def _shared_kinds(
    document: Document, *, people: Collection[int] | None = None
) -> dict[int, set[str]]:
    """The perspectives each contributor shares with teammates: of `people`, or of
    everyone who took part (as subqueries, not a list of thousands of ids)."""
    if people is not None:
        shared = Perspective.objects.shared_with_teammates().filter(person__in=people)
    else:
        commenters = Comment.objects.filter(document=document, hidden_at__isnull=True)
        amenders = Amendment.objects.filter(document=document)
        shared = Perspective.objects.shared_with_teammates().filter(
            Q(person__in=commenters.values("author_id"))
            | Q(person__in=amenders.values("proposed_by_id"))
        )
    kinds_of: dict[int, set[str]] = {}
    for person_id, kind in shared.values_list("person_id", "kind"):
        kinds_of.setdefault(person_id, set()).add(kind)
    return kinds_of
