"""A place's change history in words: (what, before, after) rows for each change."""

from __future__ import annotations

from levelfield.history.models import Change
from levelfield.templatetags.levelfield import hours

FIELD_LABELS = {
    "title": "Title",
    "summary": "Summary",
    "topics": "Topics",
    "stage": "Stage",
    "member": "Member",
    "coordinator": "Coordinator job",
    "email": "Email",
    "expires": "Works until",
    "status": "Status",
    "description": "More detail",
    "date": "Date",
    "kind": "Kind of activity",
    "what_changed": "What changed because of it",
    "participants": "Who took part",
}


def change_rows(change: Change) -> list[tuple[str, str, str]]:
    """(what, before, after) in words for each value a change altered."""
    return [
        (FIELD_LABELS.get(key, key.replace("_", " ").capitalize()), _words(old), _words(new))
        for key, old, new in change.changed_fields()
    ]


def _words(value: object) -> str:
    if value in (None, "", []):
        return "(none)"
    if isinstance(value, list):
        return "; ".join(_participant_words(item) for item in value)
    if isinstance(value, bool):
        return "yes" if value else "no"
    return str(value)


def _participant_words(item: object) -> str:
    if isinstance(item, dict) and "minutes" in item:
        return f"{item.get('person', 'A former member')}: {hours(item['minutes'])}"
    return str(item)
