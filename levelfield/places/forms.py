"""Forms for places: starting a group."""

from __future__ import annotations

from django import forms


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
