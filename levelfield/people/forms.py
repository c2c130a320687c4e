from __future__ import annotations

from django import forms


class SignupForm(forms.Form):
    """Extra fields on allauth's sign-up form."""

    display_name = forms.CharField(
        label="Name you want to be called",
        max_length=80,
        help_text="Shown to people in your collectives and projects.",
    )

    def signup(self, request: object, user: object) -> None:
        user.display_name = self.cleaned_data["display_name"]
        user.save(update_fields=["display_name"])
