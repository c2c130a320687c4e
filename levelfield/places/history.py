"""A place's change history in words: (what, before, after) rows for each change."""

from __future__ import annotations

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from levelfield.history.models import Change
from levelfield.history.words import value_words
from levelfield.templatetags.levelfield import hours

FIELD_LABELS = {
    "title": _("Title"),
    "summary": _("Summary"),
    "topics": _("Topics"),
    "stage": _("Stage"),
    "member": _("Member"),
    "coordinator": _("Coordinator job"),
    "email": _("Email"),
    "expires": _("Works until"),
    "status": _("Status"),
    "description": _("More detail"),
    "date": _("Date"),
    "kind": _("Kind of activity"),
    "what_changed": _("What changed because of it"),
    "participants": _("Who took part"),
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
        name = item["person"] if "person" in item else gettext("A former member")
        return gettext("%(name)s: %(time)s") % {"name": name, "time": hours(item["minutes"])}
    return str(item)
