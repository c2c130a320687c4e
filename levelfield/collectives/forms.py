"""Forms for collectives: every error message says what to do, in plain English."""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError

from levelfield.collectives.invitation_forms import (
    MOST_INVITATIONS_AT_ONCE,
    EmailInvitationForm,
)
from levelfield.collectives.models import MAXIMUM_DECISION_DAYS, Collective

EXPIRY_CHOICES = [(7, "1 week"), (14, "2 weeks"), (30, "30 days")]


def _default_expiry_days() -> int:
    days = settings.INVITATION_DAYS
    return days if days in dict(EXPIRY_CHOICES) else 14


def _expiry_field() -> forms.TypedChoiceField:
    return forms.TypedChoiceField(
        label="How long the invitation works",
        choices=EXPIRY_CHOICES,
        coerce=int,
        initial=_default_expiry_days,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose how long the invitation works"},
    )


class CollectiveForm(forms.ModelForm):
    """Starting a collective: what it is called, what kind it is, what it is for."""

    class Meta:
        model = Collective
        fields = ["name", "kind", "description"]
        labels = {"name": "Name", "kind": "What kind of group is it?"}
        help_texts = {"name": "For example: Leeds Carers Research Collective."}
        widgets = {"kind": forms.RadioSelect, "description": forms.Textarea(attrs={"rows": 4})}
        error_messages = {
            "name": {
                "required": "Enter the collective's name",
                "max_length": "The name must be 120 characters or fewer",
            },
            "kind": {"required": "Choose what kind of group it is"},
        }

    def clean_name(self) -> str:
        # One line of text: a name with line breaks would break email subjects.
        name = " ".join(self.cleaned_data["name"].split())
        if not name:
            raise ValidationError("Enter the collective's name")
        return name


class CollectiveSettingsForm(CollectiveForm):
    minimum_decision_days = forms.IntegerField(
        label="Minimum decision period in days",
        help_text="The shortest time a decision stays open, so people who need time are "
        f"not rushed. Between 1 and {MAXIMUM_DECISION_DAYS} days.",
        min_value=1,
        max_value=MAXIMUM_DECISION_DAYS,
        widget=forms.NumberInput(attrs={"class": "govuk-input--width-3", "inputmode": "numeric"}),
        error_messages={
            "required": "Enter the minimum decision period in days",
            "invalid": "Enter the minimum decision period as a whole number of days, like 7",
            "min_value": f"The minimum decision period must be between 1 and "
            f"{MAXIMUM_DECISION_DAYS} days",
            "max_value": f"The minimum decision period must be between 1 and "
            f"{MAXIMUM_DECISION_DAYS} days",
        },
    )

    class Meta(CollectiveForm.Meta):
        fields = ["name", "description", "kind", "minimum_decision_days"]


class InviteForm(EmailInvitationForm):
    invalid_address = (
        "“%(address)s” is not a valid email address. Write one address per line, "
        "like name@example.org"
    )
    too_many = f"You can invite up to {MOST_INVITATIONS_AT_ONCE} people at a time"
    help_texts = {
        "emails": "One address per line.",
        "message": "We put this in the email, under your name.",
    }
    days = _expiry_field()


class InvitationLinkForm(forms.Form):
    days = _expiry_field()

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, prefix="link", **kwargs)


class LeaveForm(forms.Form):
    def __init__(self, *args: Any, last_member: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if last_member:
            self.fields["understood"] = forms.BooleanField(
                label="I understand that nobody will be able to open this collective, its "
                "projects or its history after I leave",
                error_messages={
                    "required": "Confirm that you understand nobody will be able to open "
                    "the collective after you leave"
                },
            )
