"""The forms of the tasks pages, with GOV.UK-style messages that name the field."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from levelfield.places.member_fields import MemberChoosing, MemberField
from levelfield.places.models import Place, PlaceKind
from levelfield.projects.models import ActivityKind, Stage
from levelfield.tasks.services import MOST_MINUTES, TaskValues

DATE_HELP = _("For example, 27 3 2027 or 2027-03-27. Leave it empty if there is no date.")
DATE_FORMATS = ["%Y-%m-%d", "%d %m %Y", "%d/%m/%Y", "%d-%m-%Y"]


class TaskForm(MemberChoosing, forms.Form):
    title = forms.CharField(
        label=_("What needs doing"),
        max_length=200,
        error_messages={
            "required": _("Enter what needs doing."),
            "max_length": _("Keep what needs doing to 200 characters or fewer."),
        },
    )
    details = forms.CharField(
        label=_("Details (optional)"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Anything the person doing it needs to know."),
        error_messages={"max_length": _("Keep the details to 5,000 characters or fewer.")},
    )
    owner = MemberField(
        empty_label=_("Anyone (nobody yet)"),
        label=_("Who will do it"),
        required=False,
        help_text=_("Leave it with anyone and someone in the place can pick it up."),
        error_messages={"invalid_choice": _("Choose someone in this place, or anyone.")},
    )
    due_on = forms.DateField(
        label=_("Due by (optional)"),
        required=False,
        input_formats=DATE_FORMATS,
        help_text=DATE_HELP,
        error_messages={"invalid": _("Enter a real date, for example 27 3 2027.")},
    )
    stage = forms.ChoiceField(
        label=_("Research stage (optional)"),
        required=False,
        choices=[("", _("No particular stage")), *Stage.choices],
        help_text=_("The list groups a project's tasks by the stage they belong to."),
        error_messages={"invalid_choice": _("Choose a research stage from the list.")},
    )

    def __init__(self, *args: Any, place: Place, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.offer_members("owner", place)
        if place.kind != PlaceKind.PROJECT:
            del self.fields["stage"]

    def values(self) -> TaskValues:
        data = self.cleaned_data
        return TaskValues(
            title=data["title"].strip(),
            details=data["details"].strip(),
            owner=self.member_chosen("owner"),
            due_on=data["due_on"],
            stage=data.get("stage", ""),
        )


class DoneForm(forms.Form):
    """Marking a task done, with the time it took if the person wants it recorded."""

    hours = forms.IntegerField(
        label=_("Hours"),
        required=False,
        min_value=0,
        max_value=24,
        widget=forms.NumberInput(attrs={"class": "govuk-input--width-3"}),
        error_messages={
            "invalid": _("Enter the hours as a whole number, like 2."),
            "min_value": _("Enter hours of 0 or more."),
            "max_value": _("Enter 24 hours or fewer."),
        },
    )
    minutes = forms.IntegerField(
        label=_("Minutes"),
        required=False,
        min_value=0,
        max_value=59,
        widget=forms.NumberInput(attrs={"class": "govuk-input--width-3"}),
        error_messages={
            "invalid": _("Enter the minutes as a whole number, like 30."),
            "min_value": _("Enter minutes of 0 or more."),
            "max_value": _("Enter 59 minutes or fewer."),
        },
    )
    activity = forms.ChoiceField(
        label=_("What kind of work was it"),
        required=False,
        choices=ActivityKind.choices,
        initial=ActivityKind.OTHER,
        error_messages={"invalid_choice": _("Choose what kind of work it was from the list.")},
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        total = (data.get("hours") or 0) * 60 + (data.get("minutes") or 0)
        if total > MOST_MINUTES:
            self.add_error("hours", _("Enter a time of 24 hours or less."))
        data["total_minutes"] = total
        data["activity"] = data.get("activity") or ActivityKind.OTHER
        return data


class DropForm(forms.Form):
    reason = forms.CharField(
        label=_("Why is it dropped"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "So everyone knows: for example, “the meeting was cancelled” or “we decided not to”."
        ),
        error_messages={
            "required": _("Say why the task is dropped."),
            "max_length": _("Keep the reason to 2,000 characters or fewer."),
        },
    )
