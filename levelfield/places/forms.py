"""Forms for places: starting a group; choosing who took part in an involvement entry
and recording it for them."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError

from levelfield.people.models import User
from levelfield.projects.forms import InvolvementEntryForm, _minutes_from_hours


class GroupForm(forms.Form):
    name = forms.CharField(
        label="Group name",
        max_length=120,
        help_text="For example: Allies Group, or Young People's Advisory Group.",
        error_messages={
            "required": "Enter a name for the group",
            "max_length": "Keep the group name under 120 characters",
        },
    )
    purpose = forms.CharField(
        label="What the group is for",
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="A few sentences in plain English, so people can tell whether to join.",
        error_messages={
            "required": "Say what the group is for",
            "max_length": "Keep what the group is for under 2,000 characters",
        },
    )

    def clean_name(self) -> str:
        name = " ".join(self.cleaned_data["name"].split())
        if not name:
            raise forms.ValidationError("Enter a name for the group")
        return name


# Recording involvement in a big place: choosing who took part (step 1), then the time
# and details for the people chosen (step 2). See levelfield/places/choosing.py.

CHOOSE_ACTIONS = (
    "add",
    "remove",
    "put_back",
    "add_perspective",
    "add_group",
    "remove_group",
    "clear",
    "continue",
)


class ChooseForm(forms.Form):
    """One change to who has been chosen: the button pressed (`action`) and what it is
    about. Which of `person`, `perspective` and `group` is needed depends on the action;
    the view checks that a person or a group belongs to the place."""

    action = forms.ChoiceField(
        choices=[(action, action) for action in CHOOSE_ACTIONS],
        error_messages={
            "required": "Choose what to do: add or take out someone, or a group",
            "invalid_choice": "Choose what to do: add or take out someone, or a group",
        },
    )
    person = forms.IntegerField(
        required=False,
        min_value=1,
        error_messages={
            "invalid": "Choose a person from the list",
            "min_value": "Choose a person from the list",
        },
    )
    perspective = forms.ChoiceField(
        label="Perspective",
        required=False,
        choices=[],
        error_messages={"invalid_choice": "Choose a perspective from the list"},
    )
    group = forms.CharField(required=False, max_length=100)
    # Where to come back to: the search and its page, kept as they were.
    q = forms.CharField(required=False, max_length=100)
    page = forms.IntegerField(
        required=False,
        min_value=1,
        error_messages={
            "invalid": "Page must be a whole number, like 2",
            "min_value": "Page must be 1 or more",
        },
    )

    def __init__(self, *args: Any, perspectives: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["perspective"].choices = [("", "Choose a perspective"), *perspectives]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        action = cleaned.get("action")
        person_missing = not cleaned.get("person") and "person" not in self.errors
        if action in {"add", "remove", "put_back"} and person_missing:
            self.add_error("person", "Choose a person from the list")
        perspective_missing = not cleaned.get("perspective") and "perspective" not in self.errors
        if action == "add_perspective" and perspective_missing:
            self.add_error("perspective", "Choose a perspective")
        if action in {"add_group", "remove_group"} and not cleaned.get("group"):
            self.add_error("group", "Choose a meeting")
        return cleaned


class ChosenEntryForm(InvolvementEntryForm):
    """The entry form for the people chosen in step 1: the entry's details, the hours
    for everyone ("same for everyone") and, for up to `choosing.ROWS_SHOWN` people, a
    box each for someone whose time was different (left empty: the same as everyone).
    Rows are named by account id (hours_12), as in the form that lists everyone."""

    same_hours = forms.DecimalField(
        label="Hours each person spent",
        required=False,
        help_text="The same for everyone, including getting ready and travelling. For "
        "example, 1.5 for an hour and a half.",
        widget=forms.TextInput(attrs={"inputmode": "decimal", "spellcheck": "false"}),
        error_messages={"invalid": "Enter the hours each person spent as a number, like 1.5"},
    )

    def __init__(
        self, *args: Any, chosen: list[User], count: int, rows: bool, **kwargs: Any
    ) -> None:
        """`chosen`: the people chosen, when `rows` (few enough for a row each) or when
        the form is sent (everyone gets the time); `count`: how many they are."""
        super().__init__(*args, people=[], **kwargs)
        self.chosen = chosen
        self.count = count
        self.rows = rows
        if rows:
            for person in chosen:
                self.fields[f"hours_{person.pk}"] = forms.DecimalField(
                    label=f"Hours {person.name} spent",
                    required=False,
                    widget=forms.TextInput(attrs={"inputmode": "decimal", "size": 5}),
                    error_messages={
                        "invalid": f"Enter the hours {person.name} spent as a number, like 1.5"
                    },
                )

    def main_fields(self) -> list[forms.BoundField]:
        names = ("title", "description", "happened_on", "stage", "kind")
        return [self[name] for name in names if name in self.fields]

    def person_rows(self) -> list[tuple[User, forms.BoundField]]:
        if not self.rows:
            return []
        return [(person, self[f"hours_{person.pk}"]) for person in self.chosen]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        if not self.count:
            raise ValidationError("Choose at least one person who took part")
        same = self._checked("same_hours", "each person")
        participants: dict[User, int] = {}
        missing = False
        for person in self.chosen:
            field = f"hours_{person.pk}"
            own = self._checked(field, person.name) if field in self.fields else None
            if field in self.errors:
                continue
            minutes = own if own is not None else same
            if minutes is None:
                missing = True
            else:
                participants[person] = minutes
        if missing and "same_hours" not in self.errors:
            self.add_error("same_hours", "Enter the hours each person spent, like 1.5")
        self.participants = participants
        return cleaned

    def _checked(self, field: str, who: str) -> int | None:
        """The minutes in `field`, or None when it is empty or wrong (wrong: an error)."""
        if field in self.errors:
            return None
        hours = self.cleaned_data.get(field)
        if hours is None:
            return None
        if hours <= 0:
            self.add_error(field, f"The hours {who} spent must be more than 0")
            return None
        if hours > 24:
            self.add_error(field, f"The hours {who} spent must be 24 or fewer")
            return None
        minutes = _minutes_from_hours(hours)
        if minutes < 1:
            self.add_error(field, f"The time {who} spent must be at least 1 minute")
            return None
        return minutes
