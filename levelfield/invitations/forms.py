"""The forms on the invite page, the same for collectives and projects: addresses to
invite by email, how long a shareable link works, and (projects only) someone from the
project's collective to add straight away."""

from __future__ import annotations

import re
from collections.abc import Collection
from typing import Any

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from levelfield.places.member_fields import MemberChoosing, MemberField
from levelfield.places.models import Place

MOST_INVITATIONS_AT_ONCE = 50
OFFERED_DAYS = (7, 14, 30)


def _days_field(label: str, required_message: str) -> forms.TypedChoiceField:
    """How long an invitation works. The site's INVITATION_DAYS is offered and chosen
    first, so a site that wants three weeks gets three weeks everywhere."""
    days = sorted({*OFFERED_DAYS, settings.INVITATION_DAYS})
    return forms.TypedChoiceField(
        label=label,
        choices=[
            (str(number), ngettext("%(days)s day", "%(days)s days", number) % {"days": number})
            for number in days
        ],
        coerce=int,
        initial=lambda: str(settings.INVITATION_DAYS),
        widget=forms.RadioSelect(attrs={"small": True}),
        error_messages={"required": required_message},
    )


class EmailInvitationForm(forms.Form):
    """Addresses to invite, a personal message and how long the invitations work."""

    emails = forms.CharField(
        label=_("Email addresses"),
        help_text=_(
            "One or more addresses. Put each on its own line or separate them with commas."
        ),
        widget=forms.Textarea(attrs={"rows": 3, "spellcheck": "false", "autocomplete": "off"}),
        error_messages={"required": _("Enter at least one email address")},
    )
    message = forms.CharField(
        label=_("Personal message (optional)"),
        help_text=_(
            "We put this in the email, under your name. Say why you would like them "
            "to join, in your own words."
        ),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"max_length": _("The message must be 2,000 characters or fewer")},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, prefix="email", **kwargs)
        self.fields["days"] = _days_field(
            gettext("How long should the invitation work?"),
            gettext("Choose how long the invitation should work"),
        )

    def clean_emails(self) -> list[str]:
        """Every address, lower-cased and once each; the error names each bad one."""
        parts = re.split(r"[\s,;]+", self.cleaned_data["emails"])
        addresses = [part for part in parts if part]
        if not addresses:
            raise ValidationError(gettext("Enter at least one email address"))
        errors = []
        for address in addresses:
            try:
                validate_email(address)
            except ValidationError:
                errors.append(
                    ValidationError(
                        gettext(
                            "“%(address)s” is not an email address. Enter addresses like "
                            "name@example.org"
                        ),
                        params={"address": address},
                    )
                )
        if errors:
            raise ValidationError(errors)
        unique = list(dict.fromkeys(address.lower() for address in addresses))
        if len(unique) > MOST_INVITATIONS_AT_ONCE:
            raise ValidationError(
                gettext("You can invite up to %(most)s people at a time")
                % {"most": MOST_INVITATIONS_AT_ONCE}
            )
        return unique


class LinkForm(forms.Form):
    """A shareable link: only how long it works."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, prefix="link", **kwargs)
        self.fields["days"] = _days_field(
            gettext("How long should the link work?"),
            gettext("Choose how long the link should work"),
        )


class MemberAddForm(MemberChoosing, forms.Form):
    """Someone already in the project's collective, to add to the project at once: from
    the members of the collective's `place` (in a big collective, those found by name),
    but those in `leave_out`."""

    person = MemberField(
        placeholder=_("Choose a person"),
        label=_("Person"),
        error_messages={
            "required": _("Choose the person to add"),
            "invalid_choice": _(
                "Choose someone from the collective who is not yet in the project"
            ),
        },
    )

    def __init__(
        self, *args: Any, place: Place, leave_out: Collection[int] = (), **kwargs: Any
    ) -> None:
        super().__init__(*args, prefix="member", **kwargs)
        self.offer_members("person", place, leave_out=leave_out)

    def clean_person(self) -> int | None:
        """An account that has been switched off is not added (a big collective's
        search finds everyone in it)."""
        person = self.member_chosen("person")
        if person is not None and not person.is_active:
            raise ValidationError(self.fields["person"].error_messages["invalid_choice"])
        return self.cleaned_data["person"]
