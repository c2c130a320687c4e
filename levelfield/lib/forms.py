"""GOV.UK-style form rendering: `{{ form.field.as_field_group }}` gives the label,
hint, error message and input in GOV.UK Frontend markup."""

from __future__ import annotations

from django import forms
from django.forms.renderers import TemplatesSetting
from django.http import HttpRequest, QueryDict
from django.utils.datastructures import MultiValueDict
from django.utils.translation import gettext_lazy


class GovukFormRenderer(TemplatesSetting):
    form_template_name = "forms/form.html"
    field_template_name = "forms/field.html"


def posted(request: HttpRequest) -> QueryDict | None:
    """The data to bind a form to: the POST's (even an empty one, which is still a
    submission to validate and show errors for), or None on GET so the form is unbound.
    The one way views bind forms; `request.POST or None` would treat an empty POST as GET."""
    return request.POST if request.method == "POST" else None


def posted_files(request: HttpRequest) -> MultiValueDict | None:
    """The uploaded files to bind a form to, as `posted` does for its data."""
    return request.FILES if request.method == "POST" else None


HONEYPOT_FIELD = "website"


class HoneypotForm(forms.Form):
    """A field people never see or reach (the template hides it from sight, screen
    readers and the keyboard) that simple bots fill in: the one honeypot, for public
    forms that take no CAPTCHA (which would shut out disabled people)."""

    website = forms.CharField(
        required=False, max_length=200, label=gettext_lazy("Leave this empty")
    )

    def is_spam(self) -> bool:
        return bool((self.data.get(HONEYPOT_FIELD) or "").strip())
