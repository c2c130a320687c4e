"""Forms for impact records, with GOV.UK messages that name the field."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from levelfield.impact.models import ForWhom, Impact, Kind, Status
from levelfield.outputs.models import Output
from levelfield.projects.models import InvolvementEntry
from levelfield.resources import files

DATE_FORMATS = ["%Y-%m-%d", "%d %m %Y", "%d/%m/%Y", "%d-%m-%Y"]
YES_NO = [("yes", _("Yes")), ("no", _("No"))]


class ImpactForm(forms.ModelForm):
    happened_on = forms.DateField(
        label=_("When did it change?"),
        input_formats=DATE_FORMATS,
        help_text=_("When the change happened or was first seen. For example, 27 3 2027."),
        error_messages={
            "required": _("Enter the date it changed."),
            "invalid": _("Enter a real date, like 27 3 2027."),
        },
    )
    evidence_url = forms.URLField(
        label=_("Web address of the evidence (optional)"),
        required=False,
        max_length=500,
        assume_scheme="https",
        help_text=_("A published report, a new leaflet, a changed policy, a news story."),
        error_messages={
            "invalid": _("Enter the web address of the evidence in full, starting https://"),
            "max_length": _("Enter a web address of 500 characters or fewer."),
        },
    )
    evidence_file = forms.FileField(
        label=_("A file of evidence (optional)"),
        required=False,
        help_text=format_lazy(
            _(
                "For example a letter, minutes or a new leaflet: {files}, at most 20 MB. "
                "Only members of this place can open it."
            ),
            files=files.ACCEPTED_DESCRIPTION,
        ),
        error_messages={"invalid": _("The selected file could not be read: choose it again.")},
    )
    remove_file = forms.BooleanField(
        label=_("Remove the file now attached"), required=False, widget=forms.CheckboxInput
    )
    show_publicly = forms.ChoiceField(
        label=_("Show it on the collective’s public page once published?"),
        choices=YES_NO,
        widget=forms.RadioSelect,
        help_text=_(
            "Anyone can then read its title, what changed and for whom. The evidence "
            "file is never shown in public."
        ),
        error_messages={"required": _("Say whether to show it on the public page.")},
    )

    class Meta:
        model = Impact
        fields = [
            "title",
            "what_changed",
            "for_whom",
            "for_whom_detail",
            "kind",
            "happened_on",
            "evidence",
            "evidence_url",
            "show_publicly",
        ]
        labels = {
            "title": _("Title"),
            "what_changed": _("What changed?"),
            "for_whom": _("Who was it for?"),
            "for_whom_detail": _("Who exactly? (optional)"),
            "kind": _("What kind of change was it?"),
            "evidence": _("How do you know? (optional)"),
        }
        help_texts = {
            "title": _("A few words people will recognise, like “Clinic letters rewritten”."),
            "what_changed": _(
                "In plain words: what is different now, and what involvement had to do with it."
            ),
            "for_whom_detail": _("For example “young people waiting for a first appointment”."),
            "evidence": _("What shows it changed: feedback, figures, a decision, a quote."),
        }
        widgets = {
            "for_whom": forms.RadioSelect,
            "kind": forms.RadioSelect,
            "what_changed": forms.Textarea(attrs={"rows": 5}),
            "evidence": forms.Textarea(attrs={"rows": 4}),
        }
        error_messages = {
            "title": {
                "required": _("Enter a title."),
                "max_length": _("Enter a title of 200 characters or fewer."),
            },
            "what_changed": {"required": _("Enter what changed.")},
            "for_whom": {
                "required": _("Choose who the change was for."),
                "invalid_choice": _("Choose who the change was for."),
            },
            "for_whom_detail": {"max_length": _("Enter who exactly in 200 characters or fewer.")},
            "kind": {
                "required": _("Choose what kind of change it was."),
                "invalid_choice": _("Choose what kind of change it was."),
            },
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["for_whom"].choices = ForWhom.choices
        self.fields["kind"].choices = Kind.choices
        if not (self.instance.pk and self.instance.evidence_file):
            del self.fields["remove_file"]
        if self.instance.pk and not self.is_bound:
            self.initial["show_publicly"] = "yes" if self.instance.show_publicly else "no"

    def clean_title(self) -> str:
        title = self.cleaned_data["title"].strip()
        if not title:
            raise ValidationError(_("Enter a title."))
        return title

    def clean_what_changed(self) -> str:
        text = self.cleaned_data["what_changed"].strip()
        if not text:
            raise ValidationError(_("Enter what changed."))
        return text

    def clean_evidence_file(self) -> Any:
        upload = self.cleaned_data.get("evidence_file")
        if upload:
            files.file_type_of(upload)  # by its content: a ValidationError says what we take
        return upload

    def clean_show_publicly(self) -> bool:
        return self.cleaned_data["show_publicly"] == "yes"


class FilterForm(forms.Form):
    """The list's filters: always valid (an unknown choice is ignored)."""

    for_whom = forms.ChoiceField(
        label=_("For whom"),
        required=False,
        choices=[("", _("Anyone")), *ForWhom.choices],
        widget=forms.Select(attrs={"class": "govuk-select"}),
    )
    kind = forms.ChoiceField(
        label=_("Kind of change"),
        required=False,
        choices=[("", _("Any kind")), *Kind.choices],
        widget=forms.Select(attrs={"class": "govuk-select"}),
    )
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("Drafts and published")), *Status.choices],
        widget=forms.Select(attrs={"class": "govuk-select"}),
    )

    def chosen(self) -> dict[str, str]:
        """The filters to apply, leaving out any that are empty or not a choice."""
        if not self.is_bound:
            return {}
        return {
            name: self.data[name]
            for name, field in self.fields.items()
            if self.data.get(name) and self.data[name] in dict(field.choices)
        }


# The most of each the link page offers (the newest, and any already linked).
LINK_CHOICES = 200


class LinkForm(forms.Form):
    """Which outputs and which involvement entries (those that say what changed) of the
    impact's place it is linked to."""

    outputs = forms.ModelMultipleChoiceField(
        label=_("Outputs that carried the change"),
        queryset=Output.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("The papers, summaries, talks or resources through which it happened."),
        error_messages={"invalid_choice": _("Choose outputs from the list.")},
    )
    entries = forms.ModelMultipleChoiceField(
        label=_("Involvement that led to it"),
        queryset=InvolvementEntry.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Entries in the involvement log that say what changed because of them."),
        error_messages={"invalid_choice": _("Choose involvement entries from the list.")},
    )

    def __init__(self, *args: Any, impact: Impact, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        linked_outputs = list(impact.outputs.values_list("pk", flat=True))
        linked_entries = list(impact.entries.values_list("pk", flat=True))
        outputs = Output.objects.in_place(impact.place_id)
        newest = list(outputs.values_list("pk", flat=True)[:LINK_CHOICES])
        self.fields["outputs"].queryset = outputs.filter(pk__in=newest + linked_outputs)
        entries = InvolvementEntry.objects.filter(place_id=impact.place_id).exclude(
            what_changed=""
        )
        newest = list(entries.values_list("pk", flat=True)[:LINK_CHOICES])
        self.fields["entries"].queryset = entries.filter(pk__in=newest + linked_entries)
        self.fields["outputs"].label_from_instance = lambda output: (
            f"{output.title} ({output.get_kind_display().lower()}, {output.date:%Y})"
        )
        self.fields["entries"].label_from_instance = lambda entry: (
            f"{entry.title} ({entry.happened_on:%-d %B %Y}): {entry.what_changed[:120]}"
        )
        if not self.is_bound:
            self.initial = {"outputs": linked_outputs, "entries": linked_entries}
