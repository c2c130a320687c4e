"""The fields for inviting people, shared by collectives and projects.

The rules are the same everywhere (real addresses, each once, at most 50 at a time);
each app's subclass words the hints and errors for its own page.
"""

from __future__ import annotations

import re
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import validate_email

MOST_INVITATIONS_AT_ONCE = 50


class EmailInvitationForm(forms.Form):
    """Addresses to invite and a personal message. A subclass adds its `days` field and
    sets the words below."""

    separators = r"[\n,;]+"  # what may stand between two addresses
    invalid_address: str  # names the address as %(address)s
    too_many: str
    help_texts: dict[str, str] = {}
    rows = 5

    emails = forms.CharField(
        label="Email addresses",
        widget=forms.Textarea(attrs={"spellcheck": "false", "autocomplete": "off"}),
        error_messages={"required": "Enter at least one email address"},
    )
    message = forms.CharField(
        label="Personal message (optional)",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"max_length": "The message must be 2,000 characters or fewer"},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["emails"].widget.attrs["rows"] = self.rows
        for name, text in self.help_texts.items():
            self.fields[name].help_text = text

    def clean_emails(self) -> list[str]:
        """Every address, lower-cased and once each; the error names each bad one."""
        parts = re.split(self.separators, self.cleaned_data["emails"])
        addresses = [part.strip() for part in parts if part.strip()]
        if not addresses:
            raise ValidationError("Enter at least one email address")
        errors = []
        for address in addresses:
            try:
                validate_email(address)
            except ValidationError:
                errors.append(ValidationError(self.invalid_address, params={"address": address}))
        if errors:
            raise ValidationError(errors)
        unique = list(dict.fromkeys(address.lower() for address in addresses))
        if len(unique) > MOST_INVITATIONS_AT_ONCE:
            raise ValidationError(self.too_many)
        return unique
