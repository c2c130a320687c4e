"""The analysis as files: the codebook and coded segments as CSV and XLSX (through the
one spreadsheet writer, `lib.spreadsheets`), the whole project as a REFI-QDA `.qdpx`
(`qdpx.write`), and quotes for a paper with their source reference, where a quote
from a source whose speaker did not agree to quotation is refused."""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Prefetch
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from levelfield.analysis.models import Code, Segment, Source, TeamMember, Theme
from levelfield.analysis.queries import paragraph_spans
from levelfield.lib.spreadsheets import Cell
from levelfield.places.models import Place

CODEBOOK_HEADER = [
    gettext_lazy("Theme"),
    gettext_lazy("Code"),
    gettext_lazy("Definition"),
    gettext_lazy("Example"),
    gettext_lazy("Coded passages"),
]
SEGMENT_HEADER = [
    gettext_lazy("Source"),
    gettext_lazy("Coder"),
    gettext_lazy("Start"),
    gettext_lazy("End"),
    gettext_lazy("Codes"),
    gettext_lazy("Passage"),
    gettext_lazy("Memo"),
]
# Stable identifiers in the .qdpx file: the same row always gets the same GUID.
NAMESPACE = uuid.UUID("6f1b1c4e-7a56-4d4e-9a51-3b8f7f2d4a10")


def guid(kind: str, pk: int) -> str:
    return str(uuid.uuid5(NAMESPACE, f"{kind}:{pk}")).upper()


def codebook_rows(place: Place) -> list[list[Cell]]:
    from django.db.models import Count

    codes = (
        Code.objects.in_place(place)
        .select_related("theme")
        .annotate(passages=Count("segments"))
        .order_by("theme__name", "name")
    )
    return [[str(cell) for cell in CODEBOOK_HEADER]] + [
        [c.theme.name if c.theme else "", c.name, c.definition, c.example, c.passages]
        for c in codes
    ]


def _segments(place: Place) -> Iterable[Segment]:
    return (
        Segment.objects.filter(source__place=place, source__confirmed_at__isnull=False)
        .select_related("source", "coder")
        .prefetch_related(Prefetch("codes", queryset=Code.objects.only("pk", "name")))
        .order_by("source__title", "start", "id")
    )


def segment_rows(place: Place) -> list[list[Cell]]:
    rows: list[list[Cell]] = [[str(cell) for cell in SEGMENT_HEADER]]
    for s in _segments(place):
        rows.append(
            [
                s.source.title,
                s.coder.name if s.coder else _("A former member"),
                s.start,
                s.end,
                "; ".join(sorted(code.name for code in s.codes.all())),
                s.source.text[s.start : s.end],
                s.memo,
            ]
        )
    return rows


def qdpx_bytes(place: Place) -> bytes:
    """The whole analysis as a REFI-QDA project: coders, codes under their themes,
    de-identified sources and every coder's selections."""
    from levelfield.analysis import qdpx

    users = {
        m.person_id: qdpx.QdaUser(guid("user", m.person_id), m.person.name)
        for m in TeamMember.objects.filter(place=place).select_related("person")
    }
    codes = list(Code.objects.in_place(place).order_by("name"))
    themed: dict[int, list] = {}
    loose = []
    for code in codes:
        entry = qdpx.QdaCode(guid("code", code.pk), code.name, code.definition, "", [])
        (themed.setdefault(code.theme_id, []) if code.theme_id else loose).append(entry)
    tree = [
        qdpx.QdaCode(guid("theme", t.pk), t.name, t.description, "", themed.get(t.pk, []))
        for t in Theme.objects.in_place(place)
    ] + loose
    sources = []
    by_source: dict[int, list] = {}
    for s in _segments(place):
        if s.coder_id is not None and s.coder_id not in users:
            users[s.coder_id] = qdpx.QdaUser(guid("user", s.coder_id), s.coder.name)
        by_source.setdefault(s.source_id, []).append(
            qdpx.QdaSelection(
                guid("segment", s.pk),
                s.source.text[s.start : s.end][:60],
                s.start,
                s.end,
                users[s.coder_id].guid if s.coder_id else "",
                [guid("code", code.pk) for code in s.codes.all()],
                s.memo,
            )
        )
    for source in Source.objects.in_place(place).filter(confirmed_at__isnull=False):
        sources.append(
            qdpx.QdaSource(
                guid("source", source.pk), source.title, source.text, by_source.get(source.pk, [])
            )
        )
    project = qdpx.QdaProject(place.name, list(users.values()), tree, sources)
    return qdpx.write(project)


@dataclass(frozen=True)
class Quote:
    text: str
    reference: str
    allowed: bool


class QuoteRefused(Exception):
    """The speaker did not agree to be quoted in publications."""


def reference(segment: Segment, paragraph: int | None = None) -> str:
    values = {"title": segment.source.title, "consent": segment.source.consent_reference}
    if paragraph:
        return _("%(title)s, paragraph %(paragraph)s, consent %(consent)s") % {
            **values,
            "paragraph": paragraph,
        }
    return _("%(title)s, consent %(consent)s") % values


def quote(segment: Segment) -> Quote:
    """The passage as a quote for a paper, or QuoteRefused when its source's consent
    says no quotes."""
    if not segment.source.quotes_allowed:
        raise QuoteRefused(
            _(
                "This passage from “%(title)s” cannot be quoted: the person did "
                "not agree to quotes in publications."
            )
            % {"title": segment.source.title}
        )
    paragraph = len(paragraph_spans(segment.source.text[: segment.start + 1]))
    text = segment.source.text[segment.start : segment.end].strip()
    return Quote(text, reference(segment, paragraph), True)


def quotes_for(code: Code) -> list[Quote]:
    """Every passage coded with `code`, refused ones marked (not quoted)."""
    found = []
    for segment in (
        code.segments.select_related("source")
        .filter(source__confirmed_at__isnull=False)
        .order_by("source__title", "start")
    ):
        try:
            found.append(quote(segment))
        except QuoteRefused:
            found.append(Quote("", segment.source.title, False))
    return found


def quotes_by_code(codes: Iterable[Code], limit: int | None = None) -> dict[int, list[Quote]]:
    """The quotes of each of `codes` (at most `limit` each), in the order `quotes_for`
    gives them, from one query for all the codes, so a theme page stays flat however
    many codes it has."""
    found: dict[int, list[Quote]] = {code.pk: [] for code in codes}
    links = (
        Segment.codes.through.objects.filter(
            code_id__in=list(found), segment__source__confirmed_at__isnull=False
        )
        .select_related("segment__source")
        .order_by("segment__source__title", "segment__start", "segment_id")
    )
    for link in links:
        quotes = found[link.code_id]
        if limit is not None and len(quotes) >= limit:
            continue
        try:
            quotes.append(quote(link.segment))
        except QuoteRefused:
            quotes.append(Quote("", link.segment.source.title, False))
    return found


def quotes_text(code: Code) -> str:
    """The quotes a paper may use, each with its source reference."""
    lines = [_("Quotes coded “%(code)s”") % {"code": code.name}, ""]
    for q in quotes_for(code):
        if q.allowed:
            lines += [f"“{q.text}”", f"({q.reference})", ""]
    return "\n".join(lines)
