from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.functional import lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

# Signing off asks the same questions as adopting a document (how, and until when), so
# the documents app's form is used as it is.
from levelfield.documents.forms import AdoptionForm as SignoffForm
from levelfield.reports.services import TEXT_MAX_LENGTH

__all__ = ["AnnualReportForm", "SectionForm", "SignoffForm"]

FIRST_YEAR = 2020


def _too_long_words() -> str:
    return _("Keep the section under %(limit)s characters.") % {"limit": f"{TEXT_MAX_LENGTH:,}"}


# In the reader's language, worked out when the error is shown.
_too_long = lazy(_too_long_words, str)


class AnnualReportForm(forms.Form):
    year = forms.TypedChoiceField(
        label=gettext_lazy("Which year?"),
        coerce=int,
        choices=[],
        error_messages={"required": gettext_lazy("Choose the year the report covers.")},
    )

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        this_year = timezone.localdate().year
        self.fields["year"].choices = [("", _("Choose a year"))] + [
            (year, str(year)) for year in range(this_year, FIRST_YEAR - 1, -1)
        ]


class SectionForm(forms.Form):
    text = forms.CharField(
        label=gettext_lazy("The text"),
        required=False,
        max_length=TEXT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 16}),
        error_messages={"max_length": _too_long()},
    )
    based_on = forms.IntegerField(widget=forms.HiddenInput)
    confirm_empty = forms.BooleanField(
        label=gettext_lazy("Yes, leave this section empty"), required=False
    )

    def clean(self) -> dict:
        cleaned = super().clean()
        if not cleaned.get("text") and not cleaned.get("confirm_empty"):
            self.add_error(
                "text", _("Write the section, or tick the box below to leave it empty.")
            )
        return cleaned
