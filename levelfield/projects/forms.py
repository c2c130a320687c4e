"""Forms for projects and the involvement log."""

from __future__ import annotations

import datetime
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from levelfield.collectives.models import Collective
from levelfield.people.models import User
from levelfield.projects.models import ActivityKind, InvolvementEntry, Project, Stage


class ProjectForm(forms.ModelForm):
    class Meta:
        model = Project
        fields = ["title", "summary", "topics", "stage"]
        labels = {
            "title": _("Project title"),
            "summary": _("Plain-English summary"),
            "topics": _("Topics"),
        }
        help_texts = {
            "title": _("A short name people will recognise."),
            "topics": _("For example: dementia, carers, loneliness. Separate topics with commas."),
        }
        widgets = {
            "summary": forms.Textarea(attrs={"rows": 5}),
            "stage": forms.RadioSelect(attrs={"small": True}),
        }
        error_messages = {
            "title": {"required": _("Enter a project title")},
            "summary": {"required": _("Enter a plain-English summary of the project")},
            "stage": {"required": _("Choose the stage the project is at")},
        }


class _CollectiveChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Collective) -> str:
        return obj.name


class ProjectCreateForm(ProjectForm):
    """Start a project in one of the person's own collectives.

    When the collective is already known it travels as a hidden value; otherwise
    the person picks one. Either way only their own collectives are accepted.
    """

    collective = _CollectiveChoiceField(
        queryset=Collective.objects.none(),
        to_field_name="slug",
        empty_label=None,
        label=_("Which collective is the project part of?"),
        error_messages={
            "required": _("Choose the collective the project is part of"),
            "invalid_choice": _(
                "Choose one of your collectives. You can only start a project "
                "in a collective you belong to."
            ),
        },
    )

    class Meta(ProjectForm.Meta):
        fields = ["collective", *ProjectForm.Meta.fields]

    def __init__(
        self, *args: Any, collectives: list[Collective], chosen: Collective | None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["collective"]
        field.queryset = Collective.objects.filter(pk__in=[c.pk for c in collectives])
        self.chosen = chosen
        if chosen is not None:
            field.initial = chosen.slug
            field.widget = forms.HiddenInput()
        else:
            self._show_choice()

    def _show_choice(self) -> None:
        field = self.fields["collective"]
        field.widget = forms.RadioSelect(choices=field.choices)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        if "collective" in self.errors:
            # A refused collective: let the person see and pick from their own.
            self.chosen = None
            self._show_choice()
        return cleaned


def _minutes_from_hours(hours: Decimal) -> int:
    return int((hours * 60).quantize(Decimal("1"), rounding=ROUND_HALF_UP))


def hours_text(minutes: int) -> str:
    """90 -> '1.5', the way a person would type it back in."""
    return f"{(Decimal(minutes) / 60).quantize(Decimal('0.01')).normalize():f}"


class InvolvementEntryForm(forms.ModelForm):
    """An involvement entry plus, for each person, 'took part' and the hours they gave.

    The people's fields are named by account id (took_part_12, hours_12), so a
    change in membership between showing and sending the form cannot move hours
    from one person to another.
    """

    class Meta:
        model = InvolvementEntry
        fields = ["title", "description", "happened_on", "stage", "kind", "what_changed"]
        labels = {"happened_on": _("Date it happened")}
        help_texts = {
            "title": _("For example: Advisory group meeting about the interview questions."),
            "happened_on": _("For example, 27/3/2026. It cannot be in the future."),
        }
        widgets = {
            "description": forms.Textarea(attrs={"rows": 4}),
            "what_changed": forms.Textarea(attrs={"rows": 4}),
            "happened_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "stage": forms.RadioSelect(attrs={"small": True}),
            "kind": forms.RadioSelect(attrs={"small": True}),
        }
        error_messages = {
            "title": {"required": _("Enter what happened")},
            "happened_on": {
                "required": _("Enter the date it happened"),
                "invalid": _("Enter a real date, for example 27/3/2026"),
            },
            "stage": {"required": _("Choose the research stage")},
            "kind": {"required": _("Choose what kind of activity it was")},
        }

    def __init__(
        self,
        *args: Any,
        people: list[tuple[User, str]],
        former_minutes: list[int] | None = None,
        research_stages: bool = True,
        **kwargs: Any,
    ) -> None:
        """`people`: (person, how to name them) for everyone who could have taken part;
        `former_minutes`: time kept from people who have deleted their account;
        `research_stages`: False in a collective, whose own activities have no stage."""
        super().__init__(*args, **kwargs)
        # No empty "---------" radio: a choice is required and nothing is pre-chosen wrongly.
        if research_stages:
            self.fields["stage"].choices = Stage.choices
            self.fields["stage"].label = gettext("Research stage")
            self.fields["stage"].required = True
        else:
            del self.fields["stage"]
        self.fields["kind"].choices = ActivityKind.choices
        self.fields["kind"].label = gettext("What kind of activity was it?")
        self.people = people
        self.former_minutes = former_minutes or []
        existing: dict[int, int] = {}
        if self.instance.pk:
            existing = {
                p.person_id: p.minutes
                for p in self.instance.participations.all()
                if p.person_id is not None
            }
        for person, name in people:
            self.fields[f"took_part_{person.pk}"] = forms.BooleanField(
                label=gettext("%(name)s took part") % {"name": name},
                required=False,
                initial=person.pk in existing,
            )
            self.fields[f"hours_{person.pk}"] = forms.DecimalField(
                label=gettext("Hours %(name)s spent") % {"name": name},
                required=False,
                initial=hours_text(existing[person.pk]) if person.pk in existing else None,
                widget=forms.TextInput(attrs={"inputmode": "decimal", "size": 5}),
                error_messages={
                    "invalid": gettext("Enter the hours %(name)s spent as a number, like 1.5")
                    % {"name": name},
                },
            )
        self.participants: dict[User, int] = {}

    def participant_rows(self) -> list[tuple[str, forms.BoundField, forms.BoundField]]:
        return [
            (name, self[f"took_part_{person.pk}"], self[f"hours_{person.pk}"])
            for person, name in self.people
        ]

    def main_fields(self) -> list[forms.BoundField]:
        names = ("title", "description", "happened_on", "stage", "kind")
        return [self[name] for name in names if name in self.fields]

    def participants_error(self) -> list[str]:
        """Errors about the whole group of people, shown above the table."""
        if not self.people:
            return []
        return list(self.errors.get(f"took_part_{self.people[0][0].pk}", []))

    def clean_happened_on(self) -> datetime.date:
        happened_on = self.cleaned_data["happened_on"]
        # A day of grace, so someone logging late at night in another time zone is not refused.
        if happened_on > timezone.localdate() + datetime.timedelta(days=1):
            raise ValidationError(gettext("The date cannot be in the future"))
        if happened_on.year < 1950:
            raise ValidationError(gettext("Enter a date after 1950"))
        return happened_on

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        participants: dict[User, int] = {}
        for person, name in self.people:
            hours_field = f"hours_{person.pk}"
            if not cleaned.get(f"took_part_{person.pk}") or hours_field in self.errors:
                continue
            minutes = self._minutes(hours_field, name)
            if minutes is not None:
                participants[person] = minutes
        nobody = not any(cleaned.get(f"took_part_{person.pk}") for person, _name in self.people)
        if nobody and not self.former_minutes and self.people:
            self.add_error(
                f"took_part_{self.people[0][0].pk}",
                gettext("Tick at least one person who took part"),
            )
        self.participants = participants
        return cleaned

    def _minutes(self, hours_field: str, name: str) -> int | None:
        hours = self.cleaned_data.get(hours_field)
        if hours is None:
            self.add_error(
                hours_field,
                gettext("Enter how many hours %(name)s spent, like 1.5") % {"name": name},
            )
            return None
        if hours <= 0:
            self.add_error(
                hours_field, gettext("The hours %(who)s spent must be more than 0") % {"who": name}
            )
            return None
        if hours > 24:
            self.add_error(
                hours_field, gettext("The hours %(who)s spent must be 24 or fewer") % {"who": name}
            )
            return None
        minutes = _minutes_from_hours(hours)
        if minutes < 1:
            self.add_error(
                hours_field,
                gettext("The time %(who)s spent must be at least 1 minute") % {"who": name},
            )
            return None
        return minutes


class LogFilterForm(forms.Form):
    """Filters for the involvement log, read from the query string."""

    stage = forms.ChoiceField(
        label=_("Stage"),
        required=False,
        choices=[("", _("All stages")), *Stage.choices],
        error_messages={"invalid_choice": _("Choose a stage from the list")},
    )
    kind = forms.ChoiceField(
        label=_("Kind of activity"),
        required=False,
        choices=[("", _("All kinds")), *ActivityKind.choices],
        error_messages={"invalid_choice": _("Choose a kind of activity from the list")},
    )

    def __init__(self, *args: Any, research_stages: bool = True, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not research_stages:
            del self.fields["stage"]


class JoinRequestForm(forms.Form):
    message = forms.CharField(
        label=_("Message to the project’s members (optional)"),
        help_text=_("For example, why you would like to join or what you could bring."),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"max_length": _("Keep your message under 2,000 characters")},
    )


class JoinRequestDeclineForm(forms.Form):
    reason = forms.CharField(
        label=_("Why not (optional)"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"max_length": _("Keep the reason under 1,000 characters")},
    )
