"""Forms for partner organisations; every message names the field (GOV.UK style). The
services check the rules again."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from levelfield.events.models import Event
from levelfield.partners.models import (
    Organisation,
    OrganisationKind,
    Relationship,
    WorkKind,
)
from levelfield.places.member_fields import MemberChoosing, MemberField
from levelfield.places.models import Place
from levelfield.projects.models import Project

DATE_FORMATS = ["%Y-%m-%d", "%d %m %Y", "%d/%m/%Y", "%d-%m-%Y"]
DATE_HELP = _("For example, 27 3 2027 or 2027-03-27.")
# Events offered for linking: a year and a half back to a year ahead (a list of every
# event the collective ever held would be too long to choose from).
EVENTS_BACK = datetime.timedelta(days=548)
EVENTS_AHEAD = datetime.timedelta(days=366)


class OrganisationForm(forms.Form):
    name = forms.CharField(
        label=_("Name of the organisation"),
        max_length=200,
        error_messages={
            "required": _("Enter the name of the organisation."),
            "max_length": _("Keep the name to 200 characters or fewer."),
        },
    )
    kind = forms.ChoiceField(
        label=_("What kind of organisation is it?"),
        choices=OrganisationKind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose what kind of organisation it is.")},
    )
    relationships = forms.MultipleChoiceField(
        label=_("How do we work with them?"),
        help_text=_("Choose all that apply."),
        choices=Relationship.choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose at least one way we work with them.")},
    )
    website = forms.URLField(
        label=_("Website (optional)"),
        required=False,
        max_length=300,
        assume_scheme="https",
        help_text=_("For example, https://www.example.org."),
        error_messages={
            "invalid": _(
                "Enter the website address in the right format, like https://www.example.org."
            ),
            "max_length": _("Keep the website address to 300 characters or fewer."),
        },
    )
    notes = forms.CharField(
        label=_("Notes (optional)"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "What the collective’s members should know. Do not write anyone’s health "
            "or personal details here."
        ),
        error_messages={"max_length": _("Keep the notes to 5,000 characters or fewer.")},
    )
    active = forms.TypedChoiceField(
        label=_("Do we work with them now?"),
        choices=[("yes", _("Yes")), ("no", _("No, not at the moment"))],
        coerce=lambda value: value == "yes",
        initial="yes",
        widget=forms.RadioSelect,
        error_messages={"required": _("Say whether we work with them now.")},
    )

    @classmethod
    def initial_from(cls, organisation: Organisation) -> dict:
        return {
            "name": organisation.name,
            "kind": organisation.kind,
            "relationships": [row.relationship for row in organisation.relationships.all()],
            "website": organisation.website,
            "notes": organisation.notes,
            "active": "yes" if organisation.active else "no",
        }

    def values(self) -> dict:
        data = self.cleaned_data
        return {
            "name": data["name"].strip(),
            "kind": data["kind"],
            "website": data["website"],
            "notes": data["notes"],
            "active": data["active"],
        }


class ContactForm(MemberChoosing, forms.Form):
    """Someone at the organisation: a member of the collective (`place`, its own place)
    or someone without an account here, by name."""

    person = MemberField(
        empty_label=_("No, they do not have an account"),
        label=_("A member with an account here (optional)"),
        required=False,
        help_text=_(
            "Choose them if they are in the collective; otherwise enter their name below."
        ),
        error_messages={"invalid_choice": _("Choose a member of the collective from the list.")},
    )
    name = forms.CharField(
        label=_("Name"),
        required=False,
        max_length=150,
        help_text=_("Needed when they have no account here."),
        error_messages={"max_length": _("Keep the name to 150 characters or fewer.")},
    )
    role = forms.CharField(
        label=_("Role or job title (optional)"),
        required=False,
        max_length=150,
        error_messages={"max_length": _("Keep the role to 150 characters or fewer.")},
    )
    email = forms.EmailField(
        label=_("Email address (optional)"),
        required=False,
        max_length=254,
        error_messages={
            "invalid": _("Enter the email address in the right format, like name@example.org."),
            "max_length": _("Keep the email address to 254 characters or fewer."),
        },
    )
    phone = forms.RegexField(
        label=_("Phone number (optional)"),
        required=False,
        max_length=40,
        regex=r"^[0-9 +()\-]{6,40}$",
        error_messages={
            "invalid": _(
                "Enter the phone number using numbers, spaces and +, like 0113 496 0000."
            ),
            "max_length": _("Keep the phone number to 40 characters or fewer."),
        },
    )

    def __init__(self, *args: Any, place: Place, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.offer_members("person", place)

    def clean(self) -> dict:
        data = super().clean()
        if not data.get("person") and not (data.get("name") or "").strip() and "name" in data:
            self.add_error("name", _("Enter the contact’s name, or choose them from the members."))
        return data


class WorkForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("What kind of work was it?"),
        choices=WorkKind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose what kind of work it was.")},
    )
    title = forms.CharField(
        label=_("What we did"),
        max_length=200,
        help_text=_("For example, Co-production training for the policy unit’s researchers."),
        error_messages={
            "required": _("Enter what we did."),
            "max_length": _("Keep what we did to 200 characters or fewer."),
        },
    )
    started_on = forms.DateField(
        label=_("From"),
        input_formats=DATE_FORMATS,
        help_text=DATE_HELP,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={
            "required": _("Enter the date the work started."),
            "invalid": _("Enter the start date as a real date, like 27 3 2027."),
        },
    )
    ended_on = forms.DateField(
        label=_("To (optional)"),
        required=False,
        input_formats=DATE_FORMATS,
        help_text=_("Leave empty if it was one day or is still going on."),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"invalid": _("Enter the end date as a real date, like 27 3 2027.")},
    )
    project = forms.ModelChoiceField(
        label=_("Linked project (optional)"),
        queryset=Project.objects.none(),
        required=False,
        empty_label=_("No project"),
        error_messages={"invalid_choice": _("Choose one of the collective’s projects.")},
    )
    event = forms.ModelChoiceField(
        label=_("Linked event (optional)"),
        queryset=Event.objects.none(),
        required=False,
        empty_label=_("No event"),
        help_text=_("Events from the last year and a half and the year ahead."),
        error_messages={"invalid_choice": _("Choose one of the collective’s events.")},
    )
    income = forms.DecimalField(
        label=_("Income (£, optional)"),
        required=False,
        max_digits=12,
        decimal_places=2,
        min_value=Decimal("0"),
        help_text=_("What they paid us for it, in pounds and pence, like 1250.00."),
        widget=forms.TextInput(attrs={"inputmode": "decimal", "spellcheck": "false"}),
        error_messages={
            "invalid": _("Enter the income as an amount in pounds and pence, like 1250.00."),
            "min_value": _("Income cannot be less than £0."),
            "max_digits": _("Enter an income under £10,000,000,000."),
            "max_decimal_places": _(
                "Enter the income in pounds and pence, with at most 2 numbers after the point."
            ),
            "max_whole_digits": _("Enter an income under £10,000,000,000."),
        },
    )
    notes = forms.CharField(
        label=_("Notes (optional)"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"max_length": _("Keep the notes to 5,000 characters or fewer.")},
    )

    def __init__(self, *args: object, place: Place | None = None, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        if place is not None:
            self.fields["project"].queryset = Project.objects.filter(
                collective_id=place.collective_id
            ).order_by("title", "id")
            now = timezone.now()
            self.fields["event"].queryset = (
                Event.objects.in_collective(place.collective_id)
                .filter(starts_at__range=(now - EVENTS_BACK, now + EVENTS_AHEAD))
                .order_by("-starts_at", "-id")
            )
            self.fields["event"].label_from_instance = lambda event: (
                f"{event.title}, {timezone.localdate(event.starts_at):%-d %B %Y}"
            )

    def clean(self) -> dict:
        data = super().clean()
        started, ended = data.get("started_on"), data.get("ended_on")
        if started and ended and ended < started:
            self.add_error("ended_on", _("The end date must be on or after the start date."))
        return data
