"""Reading a project's analysis: a source cut into paragraphs and sentences, who coded
which sentences, agreement between coders, and whose perspectives lie behind a theme.

Each function asks the database a fixed number of times whatever the size of the
source or the number of segments, so the coding and agreement pages stay flat.
A source's text never changes once confirmed, so its cut into sentences is cached by
the source's id and confirmation time (`lib.cache.versioned`).
"""

from __future__ import annotations

import bisect
import re
from array import array
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from fractions import Fraction

from django.db.models import Count, Max
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from levelfield.analysis import agreement
from levelfield.analysis.models import Code, Segment, Source
from levelfield.lib import cache
from levelfield.people.models import Perspective, PerspectiveKind

PARAGRAPH = re.compile(r"[^\n]+")
DAY = 24 * 60 * 60


@dataclass
class Sentence:
    index: int
    start: int
    end: int
    text: str = ""
    codes: list[str] = field(default_factory=list)


@dataclass
class Paragraph:
    index: int
    start: int
    end: int
    sentences: list[Sentence]


def paragraph_spans(text: str) -> list[tuple[int, int]]:
    """Each non-empty line is a paragraph (transcripts give each turn its own line)."""
    return [(m.start(), m.end()) for m in PARAGRAPH.finditer(text) if m.group().strip()]


def _cut(text: str) -> tuple[array[int], array[int]]:
    """The spans flattened into two arrays of offsets: kept so, a long source's
    thousands of sentences load from the cache in microseconds, not milliseconds of
    unpickling tuples."""
    return (
        array("q", [offset for span in paragraph_spans(text) for offset in span]),
        array("q", [offset for span in agreement.sentence_units(text) for offset in span]),
    )


def _pairs(offsets: array[int]) -> list[tuple[int, int]]:
    return list(zip(offsets[0::2], offsets[1::2], strict=True))


def offsets(source: Source) -> tuple[array[int], array[int]]:
    """The source's paragraph and sentence spans, each flattened into one array of
    offsets (start, end, start, end, ...); `source.text` is read only when they are not
    kept."""
    version = (source.pk, source.confirmed_at.timestamp() if source.confirmed_at else 0)
    return cache.versioned("analysis:cut-offsets", version, lambda: _cut(source.text), seconds=DAY)


def cut(source: Source) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    """(paragraph spans, sentence spans) of the source's de-identified text."""
    spans, sentences = offsets(source)
    return _pairs(spans), _pairs(sentences)


def paragraphs_numbered(
    cut_offsets: tuple[array[int], array[int]], numbers: Iterable[int]
) -> list[Paragraph]:
    """The paragraphs numbered `numbers` (a page of them), each with its sentences'
    spans but not their text (`fill_text`): from the offsets as `offsets` keeps them,
    without making pairs of the whole source's (thousands of sentences a page)."""
    spans, sentences = cut_offsets
    starts = sentences[0::2]
    found = []
    for number in numbers:
        start, end = spans[2 * number], spans[2 * number + 1]
        first = bisect.bisect_left(starts, start)
        last = bisect.bisect_left(starts, end)
        found.append(
            Paragraph(
                number,
                start,
                end,
                [Sentence(i, sentences[2 * i], sentences[2 * i + 1]) for i in range(first, last)],
            )
        )
    return found


def fill_text(shown: Iterable[Paragraph], text: str) -> None:
    """Give each sentence of `shown` its text (only where the page is rendered afresh)."""
    for paragraph in shown:
        for sentence in paragraph.sentences:
            sentence.text = text[sentence.start : sentence.end]


def passages(source: Source, segments: Sequence[Segment]) -> None:
    """Set each segment's `passage`, its stretch of the source's text: kept per source,
    confirmation and span (a confirmed source's text never changes, so these are its
    exact key), so a page of coding does not read the whole transcript each time."""
    confirmed = source.confirmed_at.timestamp() if source.confirmed_at else 0
    found = cache.digested_many(
        "analysis:passage",
        [
            (
                (source.pk, confirmed, segment.start, segment.end),
                lambda segment=segment: source.text[segment.start : segment.end],
            )
            for segment in segments
        ],
        seconds=DAY,
    )
    for segment, passage in zip(segments, found, strict=True):
        segment.passage = passage


def covered(segments: Iterable[tuple[int, int]], units: Sequence[tuple[int, int]]) -> set[int]:
    """Indexes of the units each segment overlaps, by bisection (the same rule as
    `agreement.coded_units`, in time that grows with the segments, not their product
    with the units)."""
    return Overlaps(units).of(segments)


class Overlaps:
    """Which of some units (sorted, not overlapping) a span overlaps, by bisection."""

    def __init__(self, units: Sequence[tuple[int, int]]) -> None:
        self.starts = [start for start, _end in units]
        self.ends = [end for _start, end in units]

    def of(self, segments: Iterable[tuple[int, int]]) -> set[int]:
        found: set[int] = set()
        for start, end in segments:
            first = bisect.bisect_right(self.ends, start)
            last = bisect.bisect_left(self.starts, end)
            found.update(range(first, last))
        return found


def visible_segments(
    source: Source, person: object, *, everyone: bool, start: int = 0, end: int | None = None
) -> list[Segment]:
    """The segments a person sees on a stretch of the source: their own, or everyone's
    when the team shares coding; with their coders and their codes' names in order
    (`code_list`), in two queries that read only what the coding page shows."""
    rows = Segment.objects.filter(source=source)
    if not everyone:
        rows = rows.filter(coder=person)
    if end is not None:
        rows = rows.filter(start__lt=end, end__gt=start)
    segments = list(
        rows.select_related("coder").only(
            "coder_id", "start", "end", "memo", "coder__display_name", "coder__email"
        )
    )
    names: dict[int, list[str]] = defaultdict(list)
    for segment_id, name in (
        Segment.codes.through.objects.filter(segment__in=[segment.pk for segment in segments])
        .order_by("code__name", "code_id")
        .values_list("segment_id", "code__name")
    ):
        names[segment_id].append(name)
    for segment in segments:
        segment.code_list = names[segment.pk]
    return segments


def mark(paragraphs_shown: list[Paragraph], segments: Sequence[Segment], person: object) -> None:
    """Write on each sentence the codes applied to it ("Trust (you)", "Trust (Sam)"), and
    on each segment its codes' names (its passage: `passages`)."""
    sentences = [s for p in paragraphs_shown for s in p.sentences]
    overlaps = Overlaps([(s.start, s.end) for s in sentences])
    for segment in segments:
        who = (
            _("you")
            if segment.coder_id == getattr(person, "pk", None)
            else (segment.coder.name if segment.coder else _("a former member"))
        )
        names = segment.code_list
        segment.code_names = ", ".join(names)
        for index in overlaps.of([(segment.start, segment.end)]):
            sentences[index].codes.extend(f"{name} ({who})" for name in names)


@dataclass(frozen=True)
class CodeAgreement:
    code: str
    coders: int
    measure: str  # "Cohen’s kappa" or "Krippendorff’s alpha"
    value: float | None
    coded_units: int

    @property
    def reading(self) -> str:
        """A plain-English prompt for discussion, never a score of people."""
        if self.value is None:
            return _("Not enough to compare yet: talk about how each of you reads this code.")
        if self.value >= 0.8:
            return _("You mostly read this code the same way.")
        if self.value >= 0.4:
            return _("You partly agree: worth talking through the passages where you differ.")
        return _("You read this code quite differently: a good one to talk about together.")


def alpha_from_counts(coders: int, yes_counts: Counter[int], units: int) -> float | None:
    """Krippendorff's alpha (nominal) for yes/no ratings where every one of `coders` rated
    every one of `units`, from how many units got k yes-ratings (`yes_counts[k]`; units
    missing from it got none). Exactly `agreement.krippendorff_alpha` of the full table
    (a test checks they agree), in time that grows with the coders, not the units: a
    unit's part of the coincidence matrix depends only on its number of yes-ratings."""
    m = coders
    if m < 2 or units == 0:
        return None
    histogram = Counter(yes_counts)
    histogram[0] = units - sum(count for k, count in histogram.items() if k)
    yes_yes = no_no = yes_no = Fraction(0)
    for k, count in histogram.items():
        if not count:
            continue
        yes_yes += Fraction(count * k * (k - 1), m - 1)
        no_no += Fraction(count * (m - k) * (m - k - 1), m - 1)
        yes_no += Fraction(count * k * (m - k), m - 1)
    yes_total, no_total = yes_yes + yes_no, no_no + yes_no
    n = yes_total + no_total
    expected_pairs = n * n - yes_total * yes_total - no_total * no_total
    if n < 2 or expected_pairs == 0:
        return None
    return float(1 - (n - 1) * 2 * yes_no / expected_pairs)


def _segments_version(source: Source) -> tuple[object, ...]:
    """What changes whenever coding of the source changes: how many segments and code
    links it has and the newest of each (ids only grow), in one query."""
    row = Segment.codes.through.objects.filter(segment__source=source).aggregate(
        links=Count("pk"), last_link=Max("pk"), segments=Count("segment", distinct=True)
    )
    return (source.pk, row["links"], row["last_link"], row["segments"])


def agreement_for(source: Source) -> tuple[list[str], list[CodeAgreement]]:
    """Per code, agreement at sentence level among everyone who coded the source: Cohen's
    kappa for two coders, Krippendorff's alpha for more. Worked out once per version of
    the source's coding (`lib.cache.versioned`), in three queries."""
    coders, results = cache.versioned(
        "analysis:agreement",
        _segments_version(source),
        lambda: _agreement(source),
        seconds=DAY,
    )
    # Kept without words (the cache is shared by every language): named here.
    return [name or _("a former member") for name in coders], results


def _agreement(source: Source) -> tuple[list[str], list[CodeAgreement]]:
    _spans, units = cut(source)
    rows = (
        Segment.codes.through.objects.filter(segment__source=source)
        .values_list("code__name", "segment__coder_id", "segment__start", "segment__end")
        .order_by()
    )
    by_code: dict[str, dict[int, list[tuple[int, int]]]] = defaultdict(lambda: defaultdict(list))
    coders: set[int] = set()
    for name, coder, start, end in rows:
        coder = coder or 0
        coders.add(coder)
        by_code[name][coder].append((start, end))
    names = dict(
        Segment.objects.filter(source=source, coder__isnull=False)
        .values_list("coder_id", "coder__display_name")
        .distinct()
    )
    order = sorted(coders)
    overlaps = Overlaps(units)
    results = []
    for name in sorted(by_code):
        sets = [overlaps.of(by_code[name].get(coder, ())) for coder in order]
        if len(order) == 2:
            a, b = ([i in chosen for i in range(len(units))] for chosen in sets)
            value, measure = agreement.cohens_kappa(a, b), gettext_noop("Cohen’s kappa")
        else:
            yes_counts = Counter(index for chosen in sets for index in chosen)
            value = alpha_from_counts(len(order), Counter(yes_counts.values()), len(units))
            measure = gettext_noop("Krippendorff’s alpha")
        results.append(CodeAgreement(name, len(order), measure, value, len(set().union(*sets))))
    return [names.get(coder) or "" for coder in order], results


@dataclass(frozen=True)
class Voice:
    label: str
    segments: int
    share: int  # per cent


def theme_voices(codes: Sequence[Code]) -> tuple[list[Voice], str]:
    """Which perspectives coded the passages behind a theme's codes (as the coders share
    them with their teammates), and a sentence saying whose reading it mostly is."""
    per_coder = Counter(
        Segment.objects.filter(codes__in=codes, coder__isnull=False)
        .values_list("coder_id", flat=True)
        .order_by()
    )
    kinds: dict[int, list[str]] = defaultdict(list)
    for person_id, kind in (
        Perspective.objects.shared_with_teammates()
        .filter(person_id__in=list(per_coder))
        .values_list("person_id", "kind")
    ):
        kinds[person_id].append(kind)
    counts: Counter[str] = Counter()
    for coder, count in per_coder.items():
        for kind in kinds.get(coder) or ["unsaid"]:
            counts[kind] += count
    total = sum(per_coder.values())
    labels = dict(PerspectiveKind.choices)
    unsaid = _("Perspective not shared")
    voices = (
        [
            Voice(str(labels.get(kind, unsaid)), count, round(100 * count / total))
            for kind, count in counts.most_common()
        ]
        if total
        else []
    )
    if not voices:
        return [], _("Nobody has coded passages behind this theme yet.")
    top = voices[0]
    if top.label != unsaid and top.share > 50:
        return voices, _(
            "This theme was seen mostly by people with the perspective “%(perspective)s”."
        ) % {"perspective": top.label}
    return voices, _("This theme was seen by people with several perspectives.")
