"""{{ amount|money }} -> '£1,234.50'."""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from levelfield.payments import money as rules
from levelfield.payments.models import Claim, Status

register = template.Library()

_TAG_COLOURS = {
    Status.PAID: " govuk-tag--green",
    Status.REJECTED: " govuk-tag--red",
    Status.QUERIED: " govuk-tag--orange",
    Status.DRAFT: " govuk-tag--grey",
}


@register.filter
def status_tag(claim: Claim) -> SafeString:
    """The claim's status as a coloured tag. A filter rather than an include, and the
    label looked up directly rather than `get_status_display` (which hashes every lazy
    choice label): it runs once a row in the approvers' queues."""
    colour = _TAG_COLOURS.get(claim.status, " govuk-tag--blue")
    return format_html(
        '<strong class="govuk-tag{}">{}</strong>', colour, Status(claim.status).label
    )


@register.filter
def money(value: Decimal | None) -> str:
    return rules.money(value)


@register.filter
def days(value: float | None) -> str:
    """12.0 -> '12 days', 1 -> '1 day', None -> 'none yet'."""
    if value is None:
        return _("none yet")
    number = int(value) if float(value).is_integer() else value
    # A whole number picks its plural form; a part-day (1.5) reads as plural.
    count = number if isinstance(number, int) else 2
    return ngettext("%(number)s day", "%(number)s days", count) % {"number": number}


@register.filter
def names_or(people: Iterable[object]) -> str:
    """'Amara', 'Amara or Ben', 'Amara, Ben or Cai': the names joined as a sentence
    says them, so the sentence around them translates whole."""
    names = [str(getattr(person, "name", "")) for person in people]
    if len(names) < 2:
        return "".join(names)
    return _("%(names)s or %(last)s") % {"names": ", ".join(names[:-1]), "last": names[-1]}


@register.filter
def place_names(rows: Iterable[dict]) -> str:
    """'Stroke Voices, Carers' Circle': the places in a recognition row list, so the
    sentence they sit in translates whole."""
    return ", ".join(str(row["place"].name) for row in rows)  # type: ignore[index]
