"""Template helpers used on every page (loaded as builtins, no {% load %} needed)."""

from __future__ import annotations

import datetime

from django import template
from django.conf import settings
from django.forms import BoundField
from django.template.loader import render_to_string
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

from levelfield.lib import words

register = template.Library()

_INPUT_CLASS = {
    "textarea": "govuk-textarea",
    "select": "govuk-select",
    "nullbooleanselect": "govuk-select",
    "timezoneselect": "govuk-select",
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
def file_to_choose_again(field: BoundField) -> str:
    """The name of the file someone chose in a form that came back with a problem
    elsewhere: browsers never keep a chosen file when the page comes back, so the form
    says so and names it, rather than dropping it silently ("" when there is none)."""
    form = field.form
    if not form.is_bound or not form.errors or field.errors:
        return ""
    chosen = form.files.get(field.html_name) if form.files else None
    return str(getattr(chosen, "name", "") or "")


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
    """{{ moment|when }} -> '3 November 2026 at 14:00' ('3 November 2026' for a date)."""
    if not moment:
        return ""
    if isinstance(moment, datetime.datetime):
        return words.when(moment)
    return words.day(moment)


@register.simple_tag
def tag(text: str, colour: str = "") -> SafeString:
    css = f"govuk-tag govuk-tag--{colour}" if colour else "govuk-tag"
    return format_html('<strong class="{}">{}</strong>', css, text)


# The layout's fixed parts (head links, service navigation, footer links) hold no
# per-person data: each depends only on whether someone is signed in and which section
# the page is in. Rendering them (a dozen URL reversals and static-file look-ups) cost
# about a third of a millisecond on every page, so each variant is rendered once per
# process and kept (never in DEBUG, so edited templates show at once).
_FRAGMENTS: dict[tuple[object, ...], SafeString] = {}
_FRAGMENTS_LIMIT = 256  # a safety net: there are about twenty variants in all
# The navigation item each address belongs to, as base.html always matched them.
_SECTIONS = (
    ("/collectives/", "collectives"),
    ("/projects/", "projects"),
    ("/events/", "events"),
    ("/me/", "profile"),
    ("/payments/", "payments"),
    ("/notifications/", "notifications"),
)


def _fragment(template_name: str, **variables: bool | str | int) -> SafeString:
    """`template_name` rendered with only `variables`, once per process for each set of
    values, language and URL prefix (the links are reversed)."""
    key = (
        template_name,
        get_language(),
        get_script_prefix(),
        get_urlconf(),
        *sorted(variables.items()),
    )
    html = _FRAGMENTS.get(key)
    if html is None:
        html = mark_safe(render_to_string(template_name, variables))  # noqa: S308
        if not settings.DEBUG:
            if len(_FRAGMENTS) >= _FRAGMENTS_LIMIT:
                _FRAGMENTS.clear()
            _FRAGMENTS[key] = html
    return html


def _signed_in(context: template.Context) -> bool:
    user = context.get("user")
    return bool(getattr(user, "is_authenticated", False))


def navigation_section(path: str) -> str:
    """Which navigation item a page's address makes current ("" for none)."""
    if path == reverse("home"):
        return "home"
    for prefix, section in _SECTIONS:
        if path.startswith(prefix):
            return section
    return ""


# Objects that belong to a place, as views pass them to their templates.
_PLACED = ("decision", "event", "document", "conversation", "round", "checkin_round", "entry")


def _section_of_place(context: template.Context) -> str:
    """The header item a feature page belongs to, from the place its view passed (a
    project's pages under "Projects", a collective's or a group's under "Collectives"),
    so the header says where you are on /decisions/..., /documents/... too. Reads only the
    place's own kind, already loaded: no query."""
    place = context.get("place")
    if place is None:
        for name in _PLACED:
            # Only a place already loaded with the object (Django's cache of fetched
            # relations): following the key here would cost a query on every page.
            state = getattr(context.get(name), "_state", None)
            place = getattr(state, "fields_cache", {}).get("place")
            if place is not None:
                break
    kind = getattr(place, "kind", None)
    if kind == "project":
        return "projects"
    if kind in ("collective", "group"):
        return "collectives"
    return ""


@register.simple_tag(takes_context=True)
def site_navigation(context: template.Context) -> SafeString:
    request = context.get("request")
    signed_in = _signed_in(context)
    active = navigation_section(request.path) if signed_in and request is not None else ""
    if signed_in and not active:
        active = _section_of_place(context)
    # What needs the person, as last counted (levelfield/home/header.py); 0 shows nothing.
    needs = min(int(context.get("needs_count") or 0), 99) if signed_in else 0
    return _fragment(
        "includes/site_navigation.html", signed_in=signed_in, active=active, needs=needs
    )


@register.simple_tag(takes_context=True)
def site_footer_links(context: template.Context) -> SafeString:
    return _fragment("includes/site_footer_links.html", signed_in=_signed_in(context))


@register.simple_tag
def site_head() -> SafeString:
    return _fragment("includes/site_head.html")


@register.simple_tag
def stored_language() -> str:
    """The language of what Levelfield wrote down for keeps (history, a report's prepared
    figures and statements): the site's, whoever was reading. A page in another language
    marks such text with it (`lang`), so screen readers pronounce it rightly."""
    return settings.LANGUAGE_CODE
