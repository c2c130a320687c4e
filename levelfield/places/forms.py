"""Forms for places: starting a group; choosing who took part in an involvement entry
and recording it for them."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from levelfield.people.models import User
from levelfield.projects.forms import InvolvementEntryForm, _minutes_from_hours


class GroupForm(forms.Form):
    name = forms.CharField(
        label=_("Group name"),
        max_length=120,
        help_text=_("For example: Allies Group, or Young People's Advisory Group."),
        error_messages={
            "required": _("Enter a name for the group"),
            "max_length": _("Keep the group name under 120 characters"),
        },
    )
    purpose = forms.CharField(
        label=_("What the group is for"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("A few sentences in plain English, so people can tell whether to join."),
        error_messages={
            "required": _("Say what the group is for"),
            "max_length": _("Keep what the group is for under 2,000 characters"),
        },
    )

    def clean_name(self) -> str:
        name = " ".join(self.cleaned_data["name"].split())
        if not name:
            raise forms.ValidationError(gettext("Enter a name for the group"))
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
            "required": _("Choose what to do: add or take out someone, or a group"),
            "invalid_choice": _("Choose what to do: add or take out someone, or a group"),
        },
    )
    person = forms.IntegerField(
        required=False,
        min_value=1,
        error_messages={
            "invalid": _("Choose a person from the list"),
            "min_value": _("Choose a person from the list"),
        },
    )
    perspective = forms.ChoiceField(
        label=_("Perspective"),
        required=False,
        choices=[],
        error_messages={"invalid_choice": _("Choose a perspective from the list")},
    )
    group = forms.CharField(required=False, max_length=100)
    # Where to come back to: the search and its page, kept as they were.
    q = forms.CharField(required=False, max_length=100)
    page = forms.IntegerField(
        required=False,
        min_value=1,
        error_messages={
            "invalid": _("Page must be a whole number, like 2"),
            "min_value": _("Page must be 1 or more"),
        },
    )

    def __init__(self, *args: Any, perspectives: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["perspective"].choices = [("", gettext("Choose a perspective")), *perspectives]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        action = cleaned.get("action")
        person_missing = not cleaned.get("person") and "person" not in self.errors
        if action in {"add", "remove", "put_back"} and person_missing:
            self.add_error("person", gettext("Choose a person from the list"))
        perspective_missing = not cleaned.get("perspective") and "perspective" not in self.errors
        if action == "add_perspective" and perspective_missing:
            self.add_error("perspective", gettext("Choose a perspective"))
        if action in {"add_group", "remove_group"} and not cleaned.get("group"):
            self.add_error("group", gettext("Choose a meeting"))
        return cleaned


class ChosenEntryForm(InvolvementEntryForm):
    """The entry form for the people chosen in step 1: the entry's details, the hours
    for everyone ("same for everyone") and, for up to `choosing.ROWS_SHOWN` people, a
    box each for someone whose time was different (left empty: the same as everyone).
    Rows are named by account id (hours_12), as in the form that lists everyone."""

    same_hours = forms.DecimalField(
        label=_("Hours each person spent"),
        required=False,
        help_text=_(
            "The same for everyone, including getting ready and travelling. For "
            "example, 1.5 for an hour and a half."
        ),
        widget=forms.TextInput(attrs={"inputmode": "decimal", "spellcheck": "false"}),
        error_messages={"invalid": _("Enter the hours each person spent as a number, like 1.5")},
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
                    label=gettext("Hours %(name)s spent") % {"name": person.name},
                    required=False,
                    widget=forms.TextInput(attrs={"inputmode": "decimal", "size": 5}),
                    error_messages={
                        "invalid": gettext("Enter the hours %(name)s spent as a number, like 1.5")
                        % {"name": person.name}
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
            raise ValidationError(gettext("Choose at least one person who took part"))
        same = self._checked("same_hours", gettext("each person"))
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
            self.add_error("same_hours", gettext("Enter the hours each person spent, like 1.5"))
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
            self.add_error(
                field, gettext("The hours %(who)s spent must be more than 0") % {"who": who}
            )
            return None
        if hours > 24:
            self.add_error(
                field, gettext("The hours %(who)s spent must be 24 or fewer") % {"who": who}
            )
            return None
        minutes = _minutes_from_hours(hours)
        if minutes < 1:
            self.add_error(
                field, gettext("The time %(who)s spent must be at least 1 minute") % {"who": who}
            )
            return None
        return minutes
