"""GOV.UK-style form rendering: `{{ form.field.as_field_group }}` gives the label,
hint, error message and input in GOV.UK Frontend markup."""

from __future__ import annotations

from django.forms.renderers import TemplatesSetting


class GovukFormRenderer(TemplatesSetting):
    form_template_name = "forms/form.html"
    field_template_name = "forms/field.html"
