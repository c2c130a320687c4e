"""Forms for the resource map: filtering, searching, suggesting and declining."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.text import format_lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from levelfield.resources import files
from levelfield.resources.models import Audience, Cost, Format, Stage, Topic

ANY = [("", _("Any"))]


class MapFilterForm(forms.Form):
    """The map's filters. Sent with GET, so a filtered map is a link people can share."""

    audience = forms.ChoiceField(
        label=_("Who it is for"), choices=ANY + Audience.choices, required=False
    )
    topic = forms.ChoiceField(label=_("Topic"), choices=ANY + Topic.choices, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.error_messages["invalid_choice"] = gettext(
                "Choose %(thing)s from the list, or “Any”"
            ) % {"thing": str(field.label).lower()}

    def chosen(self) -> dict[str, str]:
        """The filters that are set and valid (invalid ones are shown as errors, and
        the map shows everything rather than nothing)."""
        if not self.is_valid():
            return {}
        return {name: value for name, value in self.cleaned_data.items() if value}


class SearchForm(MapFilterForm):
    q = forms.CharField(
        label=_("Search the resources"),
        required=False,
        max_length=200,
        help_text=_(
            "Words from the title or summary, for example “payment” or “remote meetings”."
        ),
        error_messages={"max_length": _("Search for 200 characters or fewer")},
    )
    stage = forms.ChoiceField(
        label=_("Research stage"), choices=ANY + Stage.choices, required=False
    )
    format = forms.ChoiceField(label=_("Format"), choices=ANY + Format.choices, required=False)

    field_order = ["q", "stage", "audience", "topic", "format"]


class SuggestForm(forms.Form):
    title = forms.CharField(
        label=_("Title"),
        max_length=200,
        error_messages={"required": _("Enter the resource’s title")},
    )
    url = forms.URLField(
        label=_("Web address"),
        required=False,
        max_length=500,
        assume_scheme="https",
        help_text=_(
            "Where people can find it, for example https://www.example.org/guide. "
            "Leave empty if you upload a file instead."
        ),
        error_messages={"invalid": _("Enter a web address, like https://www.example.org/guide")},
    )
    file = forms.FileField(
        label=_("Or upload a file"),
        required=False,
        help_text=format_lazy(
            _("If it is not on the web: {kinds}, smaller than 20 MB."),
            kinds=files.ACCEPTED_DESCRIPTION,
        ),
    )
    summary = forms.CharField(
        label=_("Plain-English summary"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=2000,
        help_text=_("What it is and who it helps, in a few sentences anyone can follow."),
        error_messages={"required": _("Enter a plain-English summary")},
    )
    stages = forms.MultipleChoiceField(
        label=_("Which research stages does it help with?"),
        choices=Stage.choices,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Choose all that apply."),
        error_messages={"required": _("Choose at least one research stage")},
    )
    audiences = forms.MultipleChoiceField(
        label=_("Who is it for?"),
        choices=Audience.choices,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Choose all that apply."),
        error_messages={"required": _("Choose who it is for")},
    )
    topics = forms.MultipleChoiceField(
        label=_("Topics"),
        choices=Topic.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("Choose any that apply."),
    )
    format = forms.ChoiceField(
        label=_("Format"),
        choices=Format.choices,
        widget=forms.RadioSelect(attrs={"small": True}),
        error_messages={"required": _("Choose the format")},
    )
    cost = forms.ChoiceField(
        label=_("Cost"),
        choices=Cost.choices,
        widget=forms.RadioSelect(attrs={"small": True}),
        error_messages={"required": _("Choose what it costs")},
    )
    reason = forms.CharField(
        label=_("Why do you suggest it? (optional)"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("For the coordinator who looks at suggestions."),
    )

    def clean_file(self) -> Any:
        upload = self.cleaned_data.get("file")
        if upload:
            self.file_type = files.file_type_of(upload)
        return upload

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        has_url, has_file = bool(data.get("url")), bool(data.get("file"))
        if not has_url and not has_file and "file" not in self.errors:
            self.add_error("url", gettext("Enter a web address or upload a file"))
        if has_url and has_file:
            self.add_error("file", gettext("Give a web address or a file, not both"))
        return data


class DeclineForm(forms.Form):
    reason = forms.CharField(
        label=_("Why is it not going on the map?"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=2000,
        help_text=_("The person who suggested it will see this, so be kind and specific."),
        error_messages={"required": _("Say why the resource is not going on the map")},
    )

    def clean_reason(self) -> str:
        reason = self.cleaned_data["reason"].strip()
        if not reason:
            raise ValidationError(gettext("Say why the resource is not going on the map"))
        return reason
