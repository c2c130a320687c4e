"""Form fields for choosing members of a place (a story's co-authors, the public page's
editors, who will do a task, who joins the analysis team), at any size of place.

A small team ticks names on a list of everyone, as these forms always did. A place of
thousands cannot list everyone (the story form of a 20,000-member collective had 20,000
checkboxes and took 1.9 s), so there the field lists only the people already chosen
and those a search found, with a box to find members by name a page at a time: the
same search as choosing who took part in an involvement entry (`places.choosing`).

Searching works without JavaScript: the Find button submits the whole form, which comes
back with everything typed kept, the people found offered, no messages about the
other fields and nothing saved (`MemberChoosing.is_valid` is False while finding).
Pressing Enter in another box with the search box empty still saves, as people expect.
"""

from __future__ import annotations

from collections.abc import Collection
from typing import Any

from django import forms
from django.forms.utils import ErrorDict
from django.utils.translation import gettext, ngettext

from levelfield.people.models import User
from levelfield.places import choosing
from levelfield.places.models import Place

# At most this many of the people a search finds are offered at once; more words narrow it.
FOUND_SHOWN = 20
# The submit button that finds instead of saving; its value is the field's name.
FIND_BUTTON = "find"


class _FindBox:
    """What the box to find members shows (`forms/member_find.html`): the words typed
    and what the search found, in words."""

    find_words = ""
    found_note = ""


class MemberCheckboxes(_FindBox, forms.CheckboxSelectMultiple):
    """Checkboxes for the chosen and found members, under the box to find more
    (`templates/forms/field.html` with `forms/member_find.html`)."""


class MemberRadios(_FindBox, forms.RadioSelect):
    """Radios for one member among the chosen and found, with the box to find more."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.attrs["small"] = True


class MembersField(forms.TypedMultipleChoiceField):
    """Several members of a place; `MemberChoosing.offer_members` fills in who."""

    widget = forms.CheckboxSelectMultiple

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(coerce=int, **kwargs)


class MemberField(forms.TypedChoiceField):
    """One member of a place, or nobody (`empty_label`, a choice of its own) when the
    field is optional; `placeholder` is the first line of a small place's list when
    nobody is not a choice."""

    widget = forms.Select

    def __init__(
        self, *, empty_label: str | None = None, placeholder: str | None = None, **kwargs: Any
    ) -> None:
        super().__init__(coerce=int, empty_value=None, **kwargs)
        self.empty_label = empty_label
        self.placeholder = placeholder


def _found_note(found: int, words: str) -> str:
    if not found:
        return gettext(
            "No member’s name has “%(words)s” in it. Check the spelling, or try part of "
            "their name."
        ) % {"words": words}
    if found > FOUND_SHOWN:
        return gettext(
            "%(found)s members found; the first %(shown)s are shown. Add more of their "
            "name to narrow it."
        ) % {"found": f"{found:,}", "shown": FOUND_SHOWN}
    return ngettext(
        "%(found)s member found. Choose from the list, then save.",
        "%(found)s members found. Choose from the list, then save.",
        found,
    ) % {"found": found}


class MemberChoosing:
    """Mixed into a form with member fields. In its `__init__`, call `offer_members` for
    each; read what was chosen with `members_chosen` / `member_chosen`. While the person
    is finding someone (`finding`) the form is not checked and never valid."""

    fields: dict[str, forms.Field]
    data: Any
    is_bound: bool
    prefix: str | None
    cleaned_data: dict[str, Any]
    initial: dict[str, Any]
    _errors: ErrorDict | None

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._people: dict[str, dict[int, User]] = {}

    def offer_members(self, name: str, place: Place, *, leave_out: Collection[int] = ()) -> None:
        """Fill field `name` with who may be chosen from `place`: everyone in a small
        place, else those chosen (sent with the form, or the field's `initial` before it
        is sent) and those found; `leave_out` are people not to offer, such as those
        already on a team. An account that is switched off is offered only where it is
        already chosen (a task's owner stays its owner until someone changes it)."""
        field = self.fields[name]
        multiple = isinstance(field, MembersField)
        everyone = choosing.few_members(place)
        if everyone is not None:
            people = sorted(
                (p for p in everyone if p.pk not in leave_out),
                key=lambda p: (p.name.casefold(), p.pk),
            )
        else:
            widget = MemberCheckboxes() if multiple else MemberRadios()
            widget.find_words = self._words(name)
            people, found = self._chosen_and_found(name, place, widget.find_words, set(leave_out))
            if widget.find_words:
                widget.found_note = _found_note(found, widget.find_words)
            field.widget = widget
        before = set(_ids(self.initial.get(name)))
        people = [p for p in people if p.is_active or p.pk in before]
        self._people[name] = {person.pk: person for person in people}
        choices: list[tuple[Any, str]] = [(person.pk, person.name) for person in people]
        if isinstance(field, MemberField) and (
            field.empty_label is not None or everyone is not None
        ):
            first = field.empty_label or field.placeholder or gettext("Choose someone")
            choices.insert(0, ("", first))
        field.choices = choices  # type: ignore[attr-defined]

    def _words(self, name: str) -> str:
        """The words typed in field `name`'s search box (at most 100 characters)."""
        if not self.is_bound:
            return ""
        typed = self.data.get(f"{self._html_name(name)}-find", "")
        return " ".join(str(typed).split())[:100]

    def _html_name(self, name: str) -> str:
        return f"{self.prefix}-{name}" if self.prefix else name

    def _chosen_and_found(
        self, name: str, place: Place, words: str, leave_out: set[int]
    ) -> tuple[list[User], int]:
        """The people chosen and the first `FOUND_SHOWN` the search for `words` found (one
        query whatever the place's size), and how many it found."""
        if self.is_bound:
            key = self._html_name(name)
            sent = self.data.getlist(key) if hasattr(self.data, "getlist") else self.data.get(key)
        else:
            sent = self.initial.get(name)
        ids = [pk for pk in _ids(sent) if pk not in leave_out]
        found = choosing.member_search_ids(place, words) if words else []
        found = [pk for pk in found if pk not in leave_out]
        already = set(ids)
        offered = [pk for pk in found if pk not in already][:FOUND_SHOWN]
        return choosing.members_named(place, ids + offered), len(found)

    @property
    def finding(self) -> bool:
        """True when the person pressed a Find button with words to find: the form comes
        back with the people found, and nothing is saved."""
        if not self.is_bound:
            return False
        pressed = str(self.data.get(FIND_BUTTON, ""))
        return any(pressed == self._html_name(name) and self._words(name) for name in self._people)

    def full_clean(self) -> None:
        """A form sent to find members is not checked: the person has not finished it,
        so it comes back without messages about the other fields."""
        if self.finding:
            self._errors = ErrorDict()
            self.cleaned_data = {}
            return
        super().full_clean()  # type: ignore[misc]

    def is_valid(self) -> bool:
        """Never valid while finding, so no view saves a form sent to find members."""
        return not self.finding and super().is_valid()  # type: ignore[misc]

    def members_chosen(self, name: str) -> list[User]:
        """The members chosen in field `name` of a valid form."""
        people = self._people.get(name, {})
        return [people[pk] for pk in self.cleaned_data.get(name) or [] if pk in people]

    def member_chosen(self, name: str) -> User | None:
        """The member chosen in field `name` of a valid form, or None for nobody."""
        pk = self.cleaned_data.get(name)
        return self._people.get(name, {}).get(pk) if pk is not None else None


def _ids(sent: object) -> list[int]:
    """The whole numbers among what was sent (a list, or one value for a field of one
    person), in order, once each; anything else is not a member and is simply not
    offered (the field's own check then says so)."""
    found: dict[int, None] = {}
    for value in sent if isinstance(sent, list | tuple) else [sent]:
        text = str(value).strip()
        if text.isdigit() and 0 < int(text) < 2**31:
            found[int(text)] = None
    return list(found)[:500]
