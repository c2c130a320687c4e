"""A team takes its coding to NVivo, ATLAS.ti, MAXQDA or QualCoder as a REFI-QDA
project (.qdpx) and can bring one back. The XML is checked against what the REFI-QDA
Project standard 1.0 requires, element by element."""

from __future__ import annotations

import io
import re
import zipfile
from xml.etree import ElementTree

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from levelfield.analysis import qdpx
from levelfield.analysis.qdpx import (
    QdaCode,
    QdaProject,
    QdaSelection,
    QdaSource,
    QdaUser,
    QdpxError,
    new_guid,
    read,
    write,
)

Q = "{urn:QDA-XML:project:1.0}"
GUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")

ANA = QdaUser(new_guid(), "Ana Okafor")
BEN = QdaUser(new_guid(), "Ben Ł’Estrange")
ACCESS = QdaCode(new_guid(), "Access", "Getting to services", "#1d70b8")
TRAVEL = QdaCode(new_guid(), "Travel", color="#f47738")
COST = QdaCode(new_guid(), "Cost of travel", "Fares & <taxis>")
TRAVEL.children.append(COST)
ACCESS.children.append(TRAVEL)
TRUST = QdaCode(new_guid(), "Trust")
TEXT = "Zoë: The bus is £4.50 each way.\n\n我们 waited two hours 😀 for the clinic."


def project() -> QdaProject:
    bus = TEXT.index("The bus")
    emoji = TEXT.index("我们")
    return QdaProject(
        name="Getting there: transport & care",
        users=[ANA, BEN],
        codes=[ACCESS, TRUST],
        sources=[
            QdaSource(
                new_guid(),
                "Interview 1",
                TEXT,
                [
                    QdaSelection(
                        new_guid(), "bus fare", bus, bus + 21, ANA.guid, [COST.guid, TRUST.guid]
                    ),
                    QdaSelection(
                        new_guid(),
                        "waiting",
                        emoji,
                        len(TEXT),
                        BEN.guid,
                        [ACCESS.guid],
                        memo="Long waits come up again:\nsee interview 3.",
                    ),
                ],
            ),
            QdaSource(new_guid(), "Empty notes", "", []),
        ],
    )


def parts(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def qde(data: bytes) -> ElementTree.Element:
    return ElementTree.fromstring(parts(data)["project.qde"])  # noqa: S314 (our own output)


def repack(data: bytes, **changes: bytes | None) -> bytes:
    """The same archive with some parts replaced (or removed, with None)."""
    entries = parts(data)
    for name, content in changes.items():
        name = name.replace("__", "/").replace("_qde", ".qde")
        if content is None:
            entries.pop(name, None)
        else:
            entries[name] = content
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, content in entries.items():
            archive.writestr(name, content)
    return buffer.getvalue()


# Round trip


def test_a_project_comes_back_exactly_as_it_was_written() -> None:
    original = project()
    assert read(write(original)) == original


def test_the_coded_passages_point_at_the_same_unicode_text() -> None:
    back = read(write(project()))
    first, second = back.sources[0].selections
    assert back.sources[0].text[first.start : first.end] == "The bus is £4.50 each"
    assert back.sources[0].text[second.start : second.end].startswith("我们 waited two hours 😀")


sources = st.text(max_size=40).flatmap(
    lambda text: st.tuples(
        st.just(text),
        st.lists(
            st.tuples(st.integers(0, len(text)), st.integers(0, len(text))).map(sorted),
            max_size=3,
        ),
    )
)


@settings(max_examples=40)
@given(st.text(min_size=1, max_size=30), sources, st.text(max_size=20))
def test_any_names_texts_and_memos_survive_the_round_trip(
    name: str, source: tuple[str, list[list[int]]], memo: str
) -> None:
    # XML 1.0 cannot hold most control characters; the standard cannot either.
    assume_xml = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff\r]")
    if assume_xml.search(name + source[0] + memo):
        return
    text, spans = source
    user = QdaUser(new_guid(), name)
    code = QdaCode(new_guid(), name, memo)
    original = QdaProject(
        name,
        [user],
        [code],
        [
            QdaSource(
                new_guid(),
                name,
                text,
                [
                    QdaSelection(new_guid(), name, start, end, user.guid, [code.guid], memo)
                    for start, end in spans
                ],
            )
        ],
    )
    assert read(write(original)) == original


# The structure the standard requires


def test_the_archive_holds_project_qde_and_one_utf8_text_per_source() -> None:
    original = project()
    files = parts(write(original))
    assert set(files) == {"project.qde"} | {f"sources/{s.guid}.txt" for s in original.sources}
    assert files[f"sources/{original.sources[0].guid}.txt"].decode("utf-8") == TEXT
    assert files["project.qde"].startswith(b"<?xml version='1.0' encoding='utf-8'?>")


def test_the_root_is_a_project_in_the_refi_qda_namespace_with_children_in_order() -> None:
    root = qde(write(project()))
    assert root.tag == Q + "Project"
    assert root.get("name") == "Getting there: transport & care"
    assert [child.tag for child in root] == [
        Q + "Users",
        Q + "CodeBook",
        Q + "Sources",
        Q + "Notes",
    ]
    # Every element is in the standard's namespace.
    assert all(element.tag.startswith(Q) for element in root.iter())


def test_users_have_a_guid_and_a_name() -> None:
    users = qde(write(project())).findall(f"{Q}Users/{Q}User")
    assert [(u.get("guid"), u.get("name")) for u in users] == [
        (ANA.guid, ANA.name),
        (BEN.guid, BEN.name),
    ]
    assert all(GUID.match(u.get("guid", "")) for u in users)


def test_codes_have_the_required_attributes_and_nest() -> None:
    codes = qde(write(project())).findall(f"{Q}CodeBook/{Q}Codes/{Q}Code")
    assert [code.get("name") for code in codes] == ["Access", "Trust"]
    access = codes[0]
    assert access.attrib == {
        "guid": ACCESS.guid,
        "name": "Access",
        "isCodable": "true",
        "color": "#1d70b8",
    }
    assert access.findtext(Q + "Description") == "Getting to services"
    # The schema's order inside a Code: Description, then the sub-codes.
    assert [child.tag for child in access] == [Q + "Description", Q + "Code"]
    cost = access.find(f"{Q}Code/{Q}Code")
    assert cost is not None and cost.get("name") == "Cost of travel"
    assert cost.findtext(Q + "Description") == "Fares & <taxis>"
    assert "color" not in codes[1].attrib


def test_a_colour_the_standard_would_refuse_is_left_out() -> None:
    code = QdaCode(new_guid(), "Odd", color="blue")
    data = write(QdaProject("p", [], [code], []))
    element = qde(data).find(f"{Q}CodeBook/{Q}Codes/{Q}Code")
    assert element is not None and "color" not in element.attrib


def test_text_sources_point_at_their_internal_file_and_hold_the_selections() -> None:
    original = project()
    source = qde(write(original)).find(f"{Q}Sources/{Q}TextSource")
    assert source is not None
    guid = original.sources[0].guid
    assert source.attrib == {
        "guid": guid,
        "name": "Interview 1",
        "plainTextPath": f"internal://{guid}.txt",
    }
    first, second = source.findall(Q + "PlainTextSelection")
    expected = original.sources[0].selections[0]
    assert first.attrib == {
        "guid": expected.guid,
        "name": "bus fare",
        "startPosition": str(expected.start),
        "endPosition": str(expected.end),
        "creatingUser": ANA.guid,
    }
    codings = first.findall(Q + "Coding")
    assert [c.find(Q + "CodeRef").get("targetGUID") for c in codings] == [  # type: ignore[union-attr]
        COST.guid,
        TRUST.guid,
    ]
    for coding in codings:
        assert GUID.match(coding.get("guid", ""))
        assert coding.get("creatingUser") == ANA.guid
        assert [child.tag for child in coding] == [Q + "CodeRef"]
    # The memo: a NoteRef in the selection, after its codings, to a Note in Notes.
    assert [child.tag for child in second] == [Q + "Coding", Q + "NoteRef"]
    note_ref = second.find(Q + "NoteRef")
    assert note_ref is not None
    notes = qde(write(original)).findall(f"{Q}Notes/{Q}Note")
    assert len(notes) == 1


def test_a_memo_is_a_note_with_plain_text_content() -> None:
    root = qde(write(project()))
    (note,) = root.findall(f"{Q}Notes/{Q}Note")
    ref = root.find(f".//{Q}PlainTextSelection/{Q}NoteRef")
    assert ref is not None and ref.get("targetGUID") == note.get("guid")
    assert GUID.match(note.get("guid", "")) and note.get("name") == "Memo: waiting"
    assert note.get("creatingUser") == BEN.guid
    assert note.findtext(Q + "PlainTextContent") == "Long waits come up again:\nsee interview 3."


def test_an_empty_project_is_still_a_valid_project() -> None:
    data = write(QdaProject("Nothing yet", [], [], []))
    root = qde(data)
    assert root.tag == Q + "Project" and list(root) == []
    assert read(data) == QdaProject("Nothing yet", [], [], [])


# Reading what other tools write


def other_tool(body: str, **files: bytes) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(
            "project.qde",
            f'<?xml version="1.0" encoding="utf-8"?><Project xmlns="urn:QDA-XML:project:1.0" '
            f'name="From elsewhere" origin="Some tool">{body}</Project>',
        )
        for name, content in files.items():
            archive.writestr(name.replace("__", "/"), content)
    return buffer.getvalue()


G1, G2, G3 = "{4E5D8E23-0C55-4B7C-8E3A-2F0D6C7E1A01}", new_guid(), new_guid()


def test_inline_text_braced_guids_and_a_capital_sources_folder_are_read() -> None:
    body = (
        f'<CodeBook><Codes><Code guid="{G1}" name="A" isCodable="true"/></Codes></CodeBook>'
        f'<Sources><TextSource guid="{G2}" name="inline"><PlainTextContent>Hello there'
        f'</PlainTextContent><PlainTextSelection guid="{G3}" startPosition="0" endPosition="5">'
        f'<Coding guid="{new_guid()}"><CodeRef targetGUID="{G1}"/></Coding>'
        "</PlainTextSelection></TextSource>"
        f'<TextSource guid="{G3}" name="file" plainTextPath="internal://T.txt"/></Sources>'
    )
    back = read(other_tool(body, **{"Sources__T.txt": "Ça va".encode()}))
    assert back.codes == [QdaCode(G1, "A")]
    inline, from_file = back.sources
    assert inline.text == "Hello there"
    assert inline.selections == [QdaSelection(G3, "", 0, 5, "", [G1])]
    assert from_file.text == "Ça va"


def test_a_file_without_project_qde_is_refused() -> None:
    data = repack(write(project()), project_qde=None)
    with pytest.raises(QdpxError, match="no project.qde"):
        read(data)


def test_not_a_zip_is_refused() -> None:
    with pytest.raises(QdpxError, match="may be damaged"):
        read(b"not a zip at all")


def test_xml_with_entities_is_refused() -> None:
    bomb = (
        b'<?xml version="1.0"?><!DOCTYPE p [<!ENTITY a "aaaaaaaaaa">'
        b'<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>'
        b'<Project xmlns="urn:QDA-XML:project:1.0" name="&b;"/>'
    )
    with pytest.raises(QdpxError, match="not valid XML"):
        read(repack(write(project()), project_qde=bomb))


def test_a_zip_bomb_is_refused() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("project.qde", b" " * (20 * 1024 * 1024))
    with pytest.raises(QdpxError, match="unpacks to far more than its size"):
        read(buffer.getvalue())


def test_another_xml_document_is_refused() -> None:
    data = repack(write(project()), project_qde=b'<CodeBook xmlns="urn:QDA-XML:codebook:1.0"/>')
    with pytest.raises(QdpxError, match="not a REFI-QDA project"):
        read(data)


@pytest.mark.parametrize(
    ("selection", "message"),
    [
        (f'guid="{G3}" startPosition="0" endPosition="99"', "outside its text"),
        (f'guid="{G3}" startPosition="-1" endPosition="2"', "not a whole number"),
        (f'guid="{G3}" startPosition="0"', "no endPosition"),
        ('guid="not-a-guid" startPosition="0" endPosition="1"', "is not a GUID"),
    ],
    # Named by what is wrong: the GUIDs are new each run, and pytest-xdist's workers must
    # collect the same test names.
    ids=["outside its text", "not a whole number", "no endPosition", "not a GUID"],
)
def test_selections_that_break_the_standard_are_refused(selection: str, message: str) -> None:
    body = (
        f'<Sources><TextSource guid="{G2}" name="s"><PlainTextContent>Short</PlainTextContent>'
        f"<PlainTextSelection {selection}/></TextSource></Sources>"
    )
    with pytest.raises(QdpxError, match=message):
        read(other_tool(body))


def test_a_source_whose_text_is_missing_is_refused() -> None:
    body = f'<Sources><TextSource guid="{G2}" name="s" plainTextPath="internal://gone.txt"/></Sources>'
    with pytest.raises(QdpxError, match="no source text gone.txt"):
        read(other_tool(body))


def test_a_source_outside_the_file_is_refused() -> None:
    body = (
        f'<Sources><TextSource guid="{G2}" name="s" plainTextPath="relative:///a.txt"/></Sources>'
    )
    with pytest.raises(QdpxError, match="outside the file"):
        read(other_tool(body))


def test_new_guids_are_unique_uuids() -> None:
    guids = {new_guid() for _ in range(100)}
    assert len(guids) == 100 and all(GUID.match(g) for g in guids)
    assert qdpx.NAMESPACE == "urn:QDA-XML:project:1.0"


def test_codes_nested_thousands_deep_are_refused() -> None:
    depth = 5000
    codes = (
        "".join(f'<Code guid="{new_guid()}" name="c" isCodable="true">' for _ in range(depth))
        + "</Code>" * depth
    )
    with pytest.raises(QdpxError, match="nested too deeply"):
        read(other_tool(f"<CodeBook><Codes>{codes}</Codes></CodeBook>"))


def test_a_selection_outside_its_text_is_not_written() -> None:
    source = QdaSource(new_guid(), "s", "abc", [QdaSelection(new_guid(), "x", 2, 4, "", [])])
    with pytest.raises(ValueError, match="outside"):
        write(QdaProject("p", [], [], [source]))


def test_characters_xml_cannot_hold_are_dropped_from_names_and_memos() -> None:
    user = QdaUser(new_guid(), "Ana\x0bOkafor")
    source = QdaSource(
        new_guid(), "Notes\x0c", "Text\x0bkept in the file", [
            QdaSelection(new_guid(), "s", 0, 4, user.guid, [], memo="a\x01b")
        ]
    )  # fmt: skip
    back = read(write(QdaProject("P\x00", [user], [], [source])))
    assert back.name == "P" and back.users[0].name == "AnaOkafor"
    assert back.sources[0].name == "Notes"
    assert back.sources[0].text == "Text\x0bkept in the file"
    assert back.sources[0].selections[0].memo == "ab"


def test_a_guid_that_is_not_one_is_not_written() -> None:
    with pytest.raises(ValueError, match="not a GUID"):
        write(QdaProject("p", [QdaUser("user-1", "Ana")], [], []))
