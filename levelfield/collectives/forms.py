"""Forms for collectives: every error message says what to do, in plain English."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.text import format_lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from levelfield.collectives.models import MAXIMUM_DECISION_DAYS, Collective


class CollectiveForm(forms.ModelForm):
    """Starting a collective: what it is called, what kind it is, what it is for."""

    class Meta:
        model = Collective
        fields = ["name", "kind", "description"]
        labels = {"name": _("Name"), "kind": _("What kind of group is it?")}
        help_texts = {"name": _("For example: Leeds Carers Research Collective.")}
        widgets = {"kind": forms.RadioSelect, "description": forms.Textarea(attrs={"rows": 4})}
        error_messages = {
            "name": {
                "required": _("Enter the collective's name"),
                "max_length": _("The name must be 120 characters or fewer"),
            },
            "kind": {"required": _("Choose what kind of group it is")},
        }

    def clean_name(self) -> str:
        # One line of text: a name with line breaks would break email subjects.
        name = " ".join(self.cleaned_data["name"].split())
        if not name:
            raise ValidationError(gettext("Enter the collective's name"))
        return name


# Kept apart so the limit stays a placeholder in the Welsh as well as the English.
_BETWEEN_DAYS = format_lazy(
    _("The minimum decision period must be between 1 and {maximum} days"),
    maximum=MAXIMUM_DECISION_DAYS,
)


class CollectiveSettingsForm(CollectiveForm):
    minimum_decision_days = forms.IntegerField(
        label=_("Minimum decision period in days"),
        help_text=format_lazy(
            _(
                "The shortest time a decision stays open, so people who need time are not "
                "rushed. Between 1 and {maximum} days."
            ),
            maximum=MAXIMUM_DECISION_DAYS,
        ),
        min_value=1,
        max_value=MAXIMUM_DECISION_DAYS,
        widget=forms.NumberInput(attrs={"class": "govuk-input--width-3", "inputmode": "numeric"}),
        error_messages={
            "required": _("Enter the minimum decision period in days"),
            "invalid": _("Enter the minimum decision period as a whole number of days, like 7"),
            "min_value": _BETWEEN_DAYS,
            "max_value": _BETWEEN_DAYS,
        },
    )

    class Meta(CollectiveForm.Meta):
        fields = ["name", "description", "kind", "area", "minimum_decision_days", "listed"]
        labels = {
            **CollectiveForm.Meta.labels,
            "area": _("Where the collective is (optional)"),
            "listed": _("List the collective in the directory of collectives"),
        }
        error_messages = {
            **CollectiveForm.Meta.error_messages,
            "area": {"max_length": _("Where the collective is must be 120 characters or fewer")},
        }

    def __init__(self, *args: Any, may_list: bool = True, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not may_list:
            # Listing makes the collective findable by anyone: a coordinator's call.
            del self.fields["listed"]


class JoinCollectiveForm(forms.Form):
    """Asking to join a collective found in the directory."""

    message = forms.CharField(
        label=_("Message to the coordinators"),
        help_text=_("A few words on who you are and why you would like to join."),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={
            "required": _("Enter a short message to the coordinators"),
            "max_length": _("The message to the coordinators must be 1,000 characters or fewer"),
        },
    )


class LeaveForm(forms.Form):
    def __init__(self, *args: Any, last_member: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if last_member:
            self.fields["understood"] = forms.BooleanField(
                label=_(
                    "I understand that nobody will be able to open this collective, its "
                    "projects or its history after I leave"
                ),
                error_messages={
                    "required": _(
                        "Confirm that you understand nobody will be able to open "
                        "the collective after you leave"
                    )
                },
            )
