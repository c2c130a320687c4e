"""A place's change history in words: (what, before, after) rows for each change."""

from __future__ import annotations

from levelfield.history.models import Change
from levelfield.history.words import value_words
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
        (
            FIELD_LABELS.get(key, key.replace("_", " ").capitalize()),
            _words(key, old),
            _words(key, new),
        )
        for key, old, new in change.changed_fields()
    ]


def _words(key: str, value: object) -> str:
    """A before/after value in words: who took part for how long, otherwise as every
    history page says values (money as £4.80, numbers for people)."""
    if isinstance(value, list) and value and isinstance(value[0], dict):
        return "; ".join(_participant_words(item) for item in value)
    return value_words(key, value)


def _participant_words(item: object) -> str:
    if isinstance(item, dict) and "minutes" in item:
        return f"{item.get('person', 'A former member')}: {hours(item['minutes'])}"
    return str(item)
