"""Template helpers the events pages load to recognise first-timers (partners/first_timers.py).

{% load first_timers %}
{% first_timers event registered as new %}   the ids of the people coming for the first time
{% cuppa_welcome event registration %}       a welcome on a Cuppa's page for a newcomer
"""

from __future__ import annotations

from typing import Any

from django import template
from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe

from levelfield.partners.first_timers import first_timer_ids, is_first_timer

register = template.Library()


@register.simple_tag
def first_timers(event: Any, registrations: Any) -> set[int]:
    return first_timer_ids(event, [registration.person_id for registration in registrations])


@register.simple_tag
def cuppa_welcome(event: Any, registration: Any) -> SafeString:
    """A welcome for someone with a place at a Cuppa who has never come to anything in
    the collective before; nothing for anyone else."""
    from levelfield.events.models import EventKind

    if (
        registration is None
        or not registration.has_place
        or registration.person_id is None
        or event.kind != EventKind.CUPPA
        or not is_first_timer(event, registration.person)
    ):
        return mark_safe("")  # noqa: S308 - empty
    return mark_safe(  # noqa: S308 - a template with autoescape
        render_to_string("partners/first_timers/welcome.html", {"event": event})
    )
