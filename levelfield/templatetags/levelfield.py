"""Template helpers used on every page (loaded as builtins, no {% load %} needed)."""

from __future__ import annotations

from django import template
from django.forms import BoundField
from django.utils.html import format_html
from django.utils.safestring import SafeString

from levelfield.lib import words

register = template.Library()

_INPUT_CLASS = {
    "textarea": "govuk-textarea",
    "select": "govuk-select",
    "nullbooleanselect": "govuk-select",
    "clearablefile": "govuk-file-upload",
    "file": "govuk-file-upload",
}
_ERROR_CLASS = {
    "govuk-input": "govuk-input--error",
    "govuk-textarea": "govuk-textarea--error",
    "govuk-select": "govuk-select--error",
    "govuk-file-upload": "govuk-file-upload--error",
}


def _described_by(field: BoundField) -> str:
    ids = []
    if field.help_text:
        ids.append(f"{field.auto_id}-hint")
    if field.errors:
        ids.append(f"{field.auto_id}-error")
    return " ".join(ids)


@register.filter
def govuk_widget(field: BoundField) -> SafeString:
    """Render a text-like widget with GOV.UK classes and hint/error descriptions."""
    css = _INPUT_CLASS.get(field.widget_type, "govuk-input")
    classes = [css, field.field.widget.attrs.get("class", "")]
    if field.errors:
        classes.append(_ERROR_CLASS[css])
    attrs = {"class": " ".join(c for c in classes if c)}
    described_by = _described_by(field)
    if described_by:
        attrs["aria-describedby"] = described_by
    return field.as_widget(attrs=attrs)


@register.filter
def described_by(field: BoundField) -> str:
    return _described_by(field)


@register.filter
def hours(minutes: int | None) -> str:
    """120 -> '2 hours', 90 -> '1.5 hours', 20 -> '0.33 hours'."""
    return words.hours(minutes)


@register.filter
def plural(number: int, word: str) -> str:
    """{{ count|plural:"person" }} -> '1 person', '2 people'."""
    return words.plural(number, word)


@register.filter
def day(moment: object) -> str:
    """{{ moment|day }} -> '3 November 2026'."""
    return words.day(moment) if moment else ""


@register.filter
def when(moment: object) -> str:
    """{{ moment|when }} -> '3 November 2026 at 14:00'."""
    return words.when(moment) if moment else ""


@register.simple_tag
def tag(text: str, colour: str = "") -> SafeString:
    css = f"govuk-tag govuk-tag--{colour}" if colour else "govuk-tag"
    return format_html('<strong class="{}">{}</strong>', css, text)
