"""CSL-JSON and BibTeX exports: the shape reference managers read, checked against the
CSL-JSON schema's documented rules and hand-worked BibTeX."""

from __future__ import annotations

import datetime
import json
import re
from typing import Any

import pytest

from levelfield.outputs import services
from levelfield.outputs.exports import bibtex, bibtex_escape, csl_json, split_name
from levelfield.outputs.models import Kind, Output
from levelfield.outputs.tests.factories import output_make

pytestmark = pytest.mark.django_db

# From the CSL-JSON schema's documentation (csl-data.json): an array of item objects;
# each needs "id" (string or number) and "type", one of these; names are arrays of
# objects with string parts; dates carry "date-parts", an array of 1 to 3 numbers or
# strings inside an array. (The type list is the subset our kinds use, checked to be in
# the schema's list by hand.)
CSL_TYPES_IN_SCHEMA = {"article-journal", "speech", "document", "report", "motion_picture"}
NAME_PARTS = {"family", "given", "literal", "dropping-particle", "non-dropping-particle", "suffix"}
STRING_FIELDS = {"title", "DOI", "URL", "abstract", "container-title", "event-title",
                 "publisher", "genre"}  # fmt: skip


def _check_csl(data: Any) -> None:
    assert isinstance(data, list)
    ids = set()
    for item in data:
        assert isinstance(item, dict)
        assert isinstance(item["id"], str | int)
        assert item["id"] not in ids
        ids.add(item["id"])
        assert item["type"] in CSL_TYPES_IN_SCHEMA
        for name in item.get("author", []):
            assert isinstance(name, dict) and name
            assert set(name) <= NAME_PARTS
            assert all(isinstance(part, str) and part for part in name.values())
        parts = item["issued"]["date-parts"]
        assert isinstance(parts, list) and len(parts) == 1
        assert 1 <= len(parts[0]) <= 3 and all(isinstance(p, int | str) for p in parts[0])
        for key in STRING_FIELDS & set(item):
            assert isinstance(item[key], str)


def _with_people(output: Output) -> Output:
    return Output.objects.prefetch_related("contributors").get(pk=output.pk)


@pytest.fixture
def paper(world):
    output = output_make(
        place=world.project_place,
        actor=world.member,
        title="50% of R&D: {young} people_s #1 ~ view^ \\ cost $5",
        summary="Short.",
        url="https://example.org/a%20paper",
    )
    services.contributor_add(actor=world.member, output=output, person=world.member)
    services.contributor_add(
        actor=world.member, output=output, name="Kai Turner", orcid="0000-0002-1825-0097"
    )
    services.contributor_add(actor=world.member, output=output, name="Research and Care Group")
    return _with_people(output)


def test_csl_json_has_the_schema_shape_for_every_kind(world) -> None:
    outputs = []
    for kind in Kind:
        output = output_make(place=world.project_place, actor=world.member, kind=kind)
        services.contributor_add(actor=world.member, output=output, name="Jade Williams")
        outputs.append(_with_people(output))
    data = json.loads(csl_json(outputs))
    _check_csl(data)
    assert len(data) == len(Kind)


def test_csl_json_of_a_paper(paper) -> None:
    [item] = json.loads(csl_json([paper]))
    _check_csl([item])
    assert item["type"] == "article-journal"
    assert item["title"] == paper.title
    assert item["container-title"] == "Research Involvement and Engagement"
    assert item["DOI"] == "10.1186/s40900-026-00001-2"
    assert item["issued"] == {"date-parts": [[2026, 3, 12]]}
    assert item["author"][1] == {"family": "Turner", "given": "Kai"}
    assert item["author"][0] == {"literal": "Mo"}  # a one-word name


def test_a_talk_names_its_event_and_genre(world) -> None:
    talk = output_make(
        place=world.project_place, actor=world.member, kind=Kind.TALK, venue="INVOLVE 2026"
    )
    [item] = json.loads(csl_json([_with_people(talk)]))
    assert item["type"] == "speech"
    assert item["genre"] == "Talk"
    assert item["event-title"] == "INVOLVE 2026"


def test_bibtex_escapes_every_special_character_worked_by_hand() -> None:
    assert bibtex_escape("50% of R&D") == r"50\% of R\&D"
    assert bibtex_escape("{a}_#~^$\\") == (
        r"\{a\}\_\#\textasciitilde{}\textasciicircum{}\$\textbackslash{}"
    )
    assert bibtex_escape("Zoë’s café") == "Zoë’s café"  # UTF-8 stays


def test_bibtex_of_a_paper_worked_by_hand(paper) -> None:
    expected = (
        f"@article{{levelfield{paper.pk},\n"
        "  author = {{Mo} and Turner, Kai and {Group}, {Research and Care}},\n"
        r"  title = {50\% of R\&D: \{young\} people\_s \#1 \textasciitilde{} view"
        r"\textasciicircum{} \textbackslash{} cost \$5},"
        "\n"
        "  year = {2026},\n"
        "  month = {3},\n"
        "  journal = {Research Involvement and Engagement},\n"
        r"  doi = {10.1186/s40900-026-00001-2},"
        "\n"
        r"  url = {https://example.org/a\%20paper},"
        "\n"
        "  abstract = {Short.}\n"
        "}\n"
    )
    assert bibtex([paper]) == expected


def _parse_bibtex(text: str) -> dict[str, str]:
    """A small reader of one entry as BibTeX reads it: each field's braced value up to
    its matching brace (escaped braces do not count)."""
    fields = {}
    for match in re.finditer(r"^  (\w+) = \{", text, re.MULTILINE):
        depth, index = 1, match.end()
        while depth:
            if text[index] == "\\":
                index += 2
                continue
            depth += {"{": 1, "}": -1}.get(text[index], 0)
            index += 1
        fields[match.group(1)] = text[match.end() : index - 1]
    return fields


def _unescape(value: str) -> str:
    words = {r"\textbackslash{}": "\\", r"\textasciitilde{}": "~", r"\textasciicircum{}": "^"}
    for escaped, character in words.items():
        value = value.replace(escaped, character)
    return re.sub(r"\\([{}#$%&_])", r"\1", value)


def test_bibtex_reads_back_to_what_was_recorded(paper) -> None:
    fields = _parse_bibtex(bibtex([paper]))
    assert _unescape(fields["title"]) == paper.title
    assert _unescape(fields["journal"]) == paper.venue
    authors = re.split(r" and (?![^{]*\})", fields["author"])
    assert len(authors) == 3  # "and" inside the group's braced name does not split it


def test_a_name_is_split_at_its_last_word_or_its_comma() -> None:
    assert split_name("Jade Williams") == ("Williams", "Jade")
    assert split_name("Mary Ann O’Neill") == ("O’Neill", "Mary Ann")
    assert split_name("van Dijk, Anna") == ("van Dijk", "Anna")
    assert split_name("Mo") == ("Mo", "")


def test_a_report_and_a_video_are_the_right_entry_types(world) -> None:
    report = output_make(
        place=world.project_place, actor=world.member, kind=Kind.REPORT, venue="NIHR"
    )
    video = output_make(
        place=world.project_place,
        actor=world.member,
        kind=Kind.VIDEO,
        date=datetime.date(2025, 1, 2),
        venue="",
    )
    text = bibtex([_with_people(report), _with_people(video)])
    assert f"@techreport{{levelfield{report.pk}," in text
    assert "institution = {NIHR}" in text
    assert f"@misc{{levelfield{video.pk}," in text
    assert "note = {Video}" in text
