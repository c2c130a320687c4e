"""Outputs as reference managers read them: CSL-JSON (Zotero, Pandoc, citeproc) and
BibTeX (LaTeX).

CSL-JSON follows the Citation Style Language's csl-data.json: an array of items, each
with a string `id` and a `type` from its list, names as objects (`family`/`given`, or
`literal` for a one-word name), dates as `{"date-parts": [[year, month, day]]}`.

BibTeX: every value is braced and its special characters escaped (`{`, `}`, `\\`, `#`,
`$`, `%`, `&`, `_`, `~`, `^`), so a title such as "50% of R&D" stays text; "and" inside
a name is braced so it is not read as a second author. Text stays UTF-8 (biber and
BibTeX with inputenc read it).

A place's every output (`place_csl_json`, `place_bibtex`) is made in the background
(background.py): a project with thousands of outputs takes longer than a request may.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from django.db.models import Prefetch, QuerySet

from levelfield.outputs.models import Contributor, Kind, Output
from levelfield.places.models import Place

CSL_JSON_TYPE = "application/vnd.citationstyles.csl+json"
BIBTEX_TYPE = "application/x-bibtex; charset=utf-8"
# A place's outputs are read this many at a time, and progress is told after each batch.
BATCH = 500

# The CSL item type for each kind of output (csl-data.json's "type" list).
CSL_TYPES: dict[str, str] = {
    Kind.PAPER: "article-journal",
    Kind.POSTER: "speech",
    Kind.TALK: "speech",
    Kind.LAY_SUMMARY: "document",
    Kind.REPORT: "report",
    Kind.RESOURCE: "document",
    Kind.VIDEO: "motion_picture",
    Kind.OTHER: "document",
}
# CSL's "genre" says what a speech or document is.
CSL_GENRES: dict[str, str] = {
    Kind.POSTER: "Poster",
    Kind.TALK: "Talk",
    Kind.LAY_SUMMARY: "Lay summary",
    Kind.RESOURCE: "Resource",
}
BIBTEX_TYPES: dict[str, str] = {Kind.PAPER: "article", Kind.REPORT: "techreport"}
BIBTEX_SPECIAL = {
    "\\": r"\textbackslash{}",
    "{": r"\{",
    "}": r"\}",
    "#": r"\#",
    "$": r"\$",
    "%": r"\%",
    "&": r"\&",
    "_": r"\_",
    "~": r"\textasciitilde{}",
    "^": r"\textasciicircum{}",
}


def split_name(name: str) -> tuple[str, str]:
    """(family, given) from a name as credited: the last word is the family name; a
    one-word name has no given name. (A name given as "Family, Given" is split there.)"""
    if "," in name:
        family, given = name.split(",", 1)
        return family.strip(), given.strip()
    words = name.split()
    if len(words) < 2:
        return name.strip(), ""
    return words[-1], " ".join(words[:-1])


def _csl_name(contributor: Contributor) -> dict[str, str]:
    family, given = split_name(contributor.name)
    return {"family": family, "given": given} if given else {"literal": family}


def csl_item(output: Output, contributors: Iterable[Contributor]) -> dict[str, Any]:
    item: dict[str, Any] = {
        "id": f"levelfield-output-{output.pk}",
        "type": CSL_TYPES[output.kind],
        "title": output.title,
        "author": [_csl_name(contributor) for contributor in contributors],
        "issued": {"date-parts": [[output.date.year, output.date.month, output.date.day]]},
    }
    if output.kind in CSL_GENRES:
        item["genre"] = CSL_GENRES[output.kind]
    if output.venue:
        key = "event-title" if output.kind in (Kind.TALK, Kind.POSTER) else "container-title"
        if output.kind == Kind.REPORT:
            key = "publisher"
        item[key] = output.venue
    if output.doi:
        item["DOI"] = output.doi
    if output.url:
        item["URL"] = output.url
    if output.summary:
        item["abstract"] = output.summary
    return item


def csl_json(outputs: Iterable[Output]) -> str:
    """The outputs (with `contributors` prefetched) as one CSL-JSON array."""
    items = [csl_item(output, output.contributors.all()) for output in outputs]
    return json.dumps(items, ensure_ascii=False, indent=2)


def bibtex_escape(text: str) -> str:
    return "".join(BIBTEX_SPECIAL.get(character, character) for character in text)


def _bibtex_name(contributor: Contributor) -> str:
    family, given = split_name(contributor.name)
    family, given = bibtex_escape(family), bibtex_escape(given)
    # A name containing the word "and" would split into two authors: brace it.
    if " and " in f" {family} " or " and " in f" {given} ":
        family, given = f"{{{family}}}", f"{{{given}}}" if given else ""
    return f"{family}, {given}" if given else f"{{{family}}}"


def bibtex_entry(output: Output, contributors: Iterable[Contributor]) -> str:
    entry_type = BIBTEX_TYPES.get(output.kind, "misc")
    fields: list[tuple[str, str]] = [
        ("author", " and ".join(_bibtex_name(contributor) for contributor in contributors)),
        ("title", bibtex_escape(output.title)),
        ("year", str(output.date.year)),
        ("month", str(output.date.month)),
    ]
    if output.venue:
        venue_field = {"article": "journal", "techreport": "institution"}.get(
            entry_type, "howpublished"
        )
        fields.append((venue_field, bibtex_escape(output.venue)))
    if entry_type == "misc":
        fields.append(("note", bibtex_escape(output.get_kind_display())))
    if output.doi:
        fields.append(("doi", bibtex_escape(output.doi)))
    if output.url:
        # The url field is read verbatim by the url package; only braces and % matter.
        fields.append(("url", output.url.replace("%", r"\%")))
    if output.summary:
        fields.append(("abstract", bibtex_escape(output.summary)))
    body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields if value)
    return f"@{entry_type}{{levelfield{output.pk},\n{body}\n}}\n"


def bibtex(outputs: Iterable[Output]) -> str:
    """The outputs (with `contributors` prefetched) as a .bib file."""
    return "\n".join(bibtex_entry(output, output.contributors.all()) for output in outputs)


def with_people(outputs: QuerySet[Output]) -> QuerySet[Output]:
    """The outputs with their contributors in credit order (one more query)."""
    return outputs.prefetch_related(
        Prefetch("contributors", queryset=Contributor.objects.order_by("position", "id"))
    )


def _place_outputs(place: Place, progress: Callable[[int, int], None] | None) -> Iterator[Output]:
    """Every output of the place, however many (a reference list missing some would be
    wrong), newest first, read BATCH at a time with their contributors; `progress(done,
    total)` is told before the first and after each batch."""
    outputs = with_people(Output.objects.in_place(place))
    total = outputs.count() if progress else 0
    if progress:
        progress(0, total)
    for done, output in enumerate(outputs.iterator(chunk_size=BATCH), start=1):
        yield output
        if progress and (done % BATCH == 0 or done == total):
            progress(done, total)


def place_filename(place: Place, extension: str) -> str:
    return f"outputs-{place.pk}.{extension}"


def place_csl_json(place: Place, progress: Callable[[int, int], None] | None = None) -> bytes:
    """The place's every output as the CSL-JSON file people download (UTF-8)."""
    return csl_json(_place_outputs(place, progress)).encode("utf-8")


def place_bibtex(place: Place, progress: Callable[[int, int], None] | None = None) -> bytes:
    """The place's every output as the .bib file people download (UTF-8)."""
    return bibtex(_place_outputs(place, progress)).encode("utf-8")
