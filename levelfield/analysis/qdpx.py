"""A team's coding as a REFI-QDA project (.qdpx), the exchange format that NVivo,
ATLAS.ti, MAXQDA and QualCoder read and write, so that work done here can move to a
desktop tool (and back) without retyping.

What the REFI-QDA Project standard 1.0 (schema "urn:QDA-XML:project:1.0") asks for, and
what we write:

- a zip archive with ``project.qde`` (the XML below) at its root and each text source's
  plain text, UTF-8, as ``sources/<guid>.txt`` (the standard's "internal://" files;
  reading, we find them in "sources/" or "Sources/", as tools differ);
- ``<Project name="...">`` as the root element, its children in the order the schema
  fixes: ``Users``, ``CodeBook``, ``Sources``, ``Notes``;
- ``<User guid name>`` for every coder;
- ``<CodeBook><Codes><Code guid name isCodable="true" color>`` with an optional
  ``<Description>`` and child ``<Code>`` elements for sub-codes (the code tree);
- ``<TextSource guid name plainTextPath="internal://<guid>.txt">`` holding a
  ``<PlainTextSelection guid name startPosition endPosition creatingUser>`` for each
  coded passage, with one ``<Coding guid creatingUser><CodeRef targetGUID/></Coding>``
  for each code applied to it. Positions count characters (code points) from the start
  of the source's text, end excluded, as Python slices do;
- a memo on a selection as a ``<Note guid name creatingUser>`` with
  ``<PlainTextContent>`` under the project's ``<Notes>``, and ``<NoteRef targetGUID>``
  in the selection pointing at it (notes are shared objects in the standard, not text
  inside the selection).

GUIDs are UUIDs (the schema's pattern accepts 8-4-4-4-12 hexadecimal, optionally in
braces). Colours must be "#rrggbb" or "#rgb"; anything else is left out rather than
making a file other tools refuse.

Reading parses strangers' files, so: the archive goes through levelfield/lib/archives.py
(zip bomb checks) with caps on each part, and the XML through defusedxml (no DTDs, no
entity expansion). Anything we cannot use raises `QdpxError` with a plain sentence.
Writing builds the XML with the standard library's ElementTree, which escapes text
and attributes; it parses nothing.

Reading keeps what this app holds: users, the code tree, text sources with their coded
passages and the memos on them. Other kinds of source (PDF, picture, audio, video),
cases, variables, sets, links and graphs are skipped. Code references are returned as
written, even to codes the file does not define: the caller decides what to do with
them.
"""

from __future__ import annotations

import io
import re
import uuid
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from xml.etree import ElementTree

from defusedxml import ElementTree as SafeElementTree
from defusedxml.common import DefusedXmlException
from django.utils.translation import gettext as _

from levelfield.lib import archives

NAMESPACE = "urn:QDA-XML:project:1.0"
Q = "{" + NAMESPACE + "}"
PROJECT_FILE = "project.qde"
SOURCES_FOLDER = "sources"
INTERNAL = "internal://"
ORIGIN = "Levelfield"
# Parsed XML takes roughly ten times its size in memory, so the XML is kept to what a
# large real project needs (hundreds of transcripts' coding), not what a zip can hold.
MAX_QDE_BYTES = 10 * 1024 * 1024
MAX_SOURCE_BYTES = 20 * 1024 * 1024
GUID = re.compile(
    r"^\{?[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\}?$"
)
# Reads the text of an "internal://" source file.
_TextLoader = Callable[[str], str]
COLOR = re.compile(r"^#(?:[0-9A-Fa-f]{6}|[0-9A-Fa-f]{3})$")


class QdpxError(ValueError):
    """The file is not a REFI-QDA project we can read; `str()` says why, plainly."""


@dataclass
class QdaUser:
    guid: str
    name: str


@dataclass
class QdaCode:
    guid: str
    name: str
    description: str = ""
    color: str = ""
    children: list[QdaCode] = field(default_factory=list)


@dataclass
class QdaSelection:
    """A coded passage: text[start:end] of its source, coded with `code_guids`."""

    guid: str
    name: str
    start: int
    end: int
    creator_guid: str
    code_guids: list[str]
    memo: str = ""


@dataclass
class QdaSource:
    guid: str
    name: str
    text: str
    selections: list[QdaSelection]


@dataclass
class QdaProject:
    name: str
    users: list[QdaUser]
    codes: list[QdaCode]
    sources: list[QdaSource]


def new_guid() -> str:
    """A GUID in the form the standard's schema accepts."""
    return str(uuid.uuid4())


# Writing


def write(project: QdaProject) -> bytes:
    """The .qdpx file (zip bytes) for `project`. ValueError if a selection lies outside
    its source's text (other tools would refuse the file, or worse, shift the coding)."""
    for source in project.sources:
        for selection in source.selections:
            if not 0 <= selection.start <= selection.end <= len(source.text):
                raise ValueError(f"Selection {selection.guid} is outside “{source.name}”")
    # Elements are built unqualified under an explicit default namespace: ElementTree's own
    # default_namespace option refuses the (rightly unqualified) attributes.
    root = ElementTree.Element(
        "Project", {"xmlns": NAMESPACE, "name": _xml_text(project.name), "origin": ORIGIN}
    )
    if project.users:
        users = ElementTree.SubElement(root, "Users")
        for user in project.users:
            ElementTree.SubElement(
                users, "User", {"guid": _checked(user.guid), "name": _xml_text(user.name)}
            )
    if project.codes:
        codes = ElementTree.SubElement(ElementTree.SubElement(root, "CodeBook"), "Codes")
        for code in project.codes:
            _write_code(codes, code)
    notes: list[ElementTree.Element] = []
    if project.sources:
        sources = ElementTree.SubElement(root, "Sources")
        for source in project.sources:
            _write_source(sources, source, notes)
    if notes:
        ElementTree.SubElement(root, "Notes").extend(notes)
    qde = ElementTree.tostring(root, encoding="utf-8", xml_declaration=True)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(PROJECT_FILE, qde)
        for source in project.sources:
            archive.writestr(f"{SOURCES_FOLDER}/{source.guid}.txt", source.text.encode("utf-8"))
    return buffer.getvalue()


def _write_code(parent: ElementTree.Element, code: QdaCode) -> None:
    attributes = {"guid": _checked(code.guid), "name": _xml_text(code.name), "isCodable": "true"}
    if COLOR.match(code.color):
        attributes["color"] = code.color
    element = ElementTree.SubElement(parent, "Code", attributes)
    if code.description:
        ElementTree.SubElement(element, "Description").text = _xml_text(code.description)
    for child in code.children:
        _write_code(element, child)


def _write_source(
    parent: ElementTree.Element, source: QdaSource, notes: list[ElementTree.Element]
) -> None:
    element = ElementTree.SubElement(
        parent,
        "TextSource",
        {
            "guid": _checked(source.guid),
            "name": _xml_text(source.name),
            "plainTextPath": f"{INTERNAL}{source.guid}.txt",
        },
    )
    for selection in source.selections:
        attributes = {
            "guid": _checked(selection.guid),
            "name": _xml_text(selection.name),
            "startPosition": str(selection.start),
            "endPosition": str(selection.end),
        }
        if selection.creator_guid:
            attributes["creatingUser"] = _checked(selection.creator_guid)
        chosen = ElementTree.SubElement(element, "PlainTextSelection", attributes)
        for code_guid in selection.code_guids:
            coding_attributes = {"guid": new_guid()}
            if selection.creator_guid:
                coding_attributes["creatingUser"] = _checked(selection.creator_guid)
            coding = ElementTree.SubElement(chosen, "Coding", coding_attributes)
            ElementTree.SubElement(coding, "CodeRef", {"targetGUID": _checked(code_guid)})
        if selection.memo:
            note_guid = new_guid()
            note_attributes = {
                "guid": note_guid,
                "name": _xml_text(f"Memo: {selection.name}"[:200]),
            }
            if selection.creator_guid:
                note_attributes["creatingUser"] = _checked(selection.creator_guid)
            note = ElementTree.Element("Note", note_attributes)
            ElementTree.SubElement(note, "PlainTextContent").text = _xml_text(selection.memo)
            notes.append(note)
            ElementTree.SubElement(chosen, "NoteRef", {"targetGUID": note_guid})


# Characters XML 1.0 cannot hold at all (most control characters, lone surrogates): a
# vertical tab pasted from Word would otherwise make a file no tool can open.
NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def _xml_text(text: str) -> str:
    return NOT_XML.sub("", text)


def _checked(guid: str) -> str:
    if not GUID.match(guid):
        raise ValueError(f"“{guid}” is not a GUID (use qdpx.new_guid())")
    return guid


# Reading


def read(data: bytes) -> QdaProject:
    """The project in a .qdpx file's bytes; QdpxError if it is not one we can read."""
    try:
        with archives.open_archive(io.BytesIO(data)) as archive:
            names = {name.lower(): name for name in archive.namelist()}
            if PROJECT_FILE not in names:
                raise QdpxError(_("The file is not a REFI-QDA project: it has no project.qde"))
            qde = archives.read_entry(archive, names[PROJECT_FILE], limit=MAX_QDE_BYTES)
            root = _parse(qde)
            try:
                return _project(root, lambda path: _source_text(archive, names, path))
            except RecursionError:
                # Codes nested thousands deep: made to crash us, not exported by a tool.
                # (Caught here: open_archive would call it a damaged archive.)
                raise QdpxError(_("The project’s codes are nested too deeply to read")) from None
    except archives.ArchiveError as error:
        if error.bomb:
            raise QdpxError(archives.bomb_message(_("The file"))) from None
        raise QdpxError(
            _("The file is not a REFI-QDA project (.qdpx): it may be damaged")
        ) from None


def _parse(qde: bytes) -> ElementTree.Element:
    try:
        root = SafeElementTree.fromstring(qde)
    except (DefusedXmlException, SafeElementTree.ParseError):
        raise QdpxError(_("The project.qde in the file is not valid XML")) from None
    if root.tag != Q + "Project":
        raise QdpxError(_("The project.qde in the file is not a REFI-QDA project"))
    return root


def _source_text(archive: zipfile.ZipFile, names: dict[str, str], path: str) -> str:
    if not path.startswith(INTERNAL):
        raise QdpxError(
            _("A source’s text is outside the file (%(path)s): export it again inside")
            % {"path": path}
        )
    file_name = path[len(INTERNAL) :].lstrip("/").lower()
    for candidate in (f"{SOURCES_FOLDER}/{file_name}", file_name):
        if candidate in names:
            raw = archives.read_entry(archive, names[candidate], limit=MAX_SOURCE_BYTES)
            try:
                return raw.decode("utf-8-sig")
            except UnicodeDecodeError:
                raise QdpxError(
                    _("The source text %(file_name)s is not UTF-8") % {"file_name": file_name}
                ) from None
    raise QdpxError(_("The file has no source text %(file_name)s") % {"file_name": file_name})


def _project(root: ElementTree.Element, source_text: _TextLoader) -> QdaProject:
    notes = {
        note.get("guid", ""): note.findtext(Q + "PlainTextContent", default="")
        for note in root.iterfind(f"{Q}Notes/{Q}Note")
    }
    return QdaProject(
        name=root.get("name", ""),
        users=[
            QdaUser(_guid(user), user.get("name", ""))
            for user in root.iterfind(f"{Q}Users/{Q}User")
        ],
        codes=[_code(code) for code in root.iterfind(f"{Q}CodeBook/{Q}Codes/{Q}Code")],
        sources=[
            _source(source, source_text, notes)
            for source in root.iterfind(f"{Q}Sources/{Q}TextSource")
        ],
    )


def _code(element: ElementTree.Element) -> QdaCode:
    return QdaCode(
        guid=_guid(element),
        name=_required(element, "name"),
        description=element.findtext(Q + "Description", default=""),
        color=element.get("color", ""),
        children=[_code(child) for child in element.iterfind(Q + "Code")],
    )


def _source(
    element: ElementTree.Element, source_text: _TextLoader, notes: dict[str, str]
) -> QdaSource:
    inline = element.find(Q + "PlainTextContent")
    path = element.get("plainTextPath")
    if inline is not None:
        text = inline.text or ""
    elif path:
        text = source_text(path)
    else:
        raise QdpxError(_("The source “%(name)s” has no text") % {"name": element.get("name", "")})
    selections = []
    for chosen in element.iterfind(Q + "PlainTextSelection"):
        start, end = _position(chosen, "startPosition"), _position(chosen, "endPosition")
        if not 0 <= start <= end <= len(text):
            raise QdpxError(
                _("A coded passage in “%(name)s” is outside its text")
                % {"name": element.get("name", "")}
            )
        memo = "\n\n".join(
            notes[ref.get("targetGUID", "")]
            for ref in chosen.iterfind(Q + "NoteRef")
            if ref.get("targetGUID", "") in notes
        )
        selections.append(
            QdaSelection(
                guid=_guid(chosen),
                name=chosen.get("name", ""),
                start=start,
                end=end,
                creator_guid=chosen.get("creatingUser", ""),
                code_guids=[
                    ref.get("targetGUID", "") for ref in chosen.iterfind(f"{Q}Coding/{Q}CodeRef")
                ],
                memo=memo,
            )
        )
    return QdaSource(_guid(element), element.get("name", ""), text, selections)


def _guid(element: ElementTree.Element) -> str:
    guid = _required(element, "guid")
    if not GUID.match(guid):
        raise QdpxError(
            _("“%(guid)s” is not a GUID, as the REFI-QDA standard requires") % {"guid": guid}
        )
    return guid


def _required(element: ElementTree.Element, attribute: str) -> str:
    value = element.get(attribute)
    if value is None:
        tag = element.tag.removeprefix(Q)
        raise QdpxError(
            _("A %(tag)s in the project has no %(attribute)s, which the standard requires")
            % {"tag": tag, "attribute": attribute}
        )
    return value


def _position(element: ElementTree.Element, attribute: str) -> int:
    value = _required(element, attribute)
    if not value.isdigit():
        raise QdpxError(
            _("A coded passage has %(attribute)s “%(value)s”, not a whole number")
            % {"attribute": attribute, "value": value}
        )
    return int(value)
