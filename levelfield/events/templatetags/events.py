"""Template filters for event pages: `{% load events %}`."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from django import template
from django.utils.safestring import SafeString

from levelfield.events.models import Event
from levelfield.events.text import render_markdown

register = template.Library()


@register.filter
def markdown(text: str) -> SafeString:
    return render_markdown(text)


@register.filter
def event_time(event: Event) -> str:
    """'Monday 1 March 2027, 10:00 to 11:30 (Europe/London, GMT)': the zone named."""
    return time_range(event.starts_at, event.ends_at, event.timezone_name)


def time_range(starts_at: datetime, ends_at: datetime, zone_name: str) -> str:
    zone = ZoneInfo(zone_name)
    start, end = starts_at.astimezone(zone), ends_at.astimezone(zone)
    day = f"{start:%A} {start.day} {start:%B %Y}"
    if start.date() == end.date():
        span = f"{day}, {start:%H:%M} to {end:%H:%M}"
    else:
        span = f"{day}, {start:%H:%M} to {end:%A} {end.day} {end:%B %Y}, {end:%H:%M}"
    return f"{span} ({zone_name}, {start:%Z})"


@register.filter
def local_when(moment: datetime | None, zone_name: str) -> str:
    """'27 February 2027 at 17:00 (Europe/London)'."""
    if moment is None:
        return ""
    local = moment.astimezone(ZoneInfo(zone_name))
    return f"{local.day} {local:%B %Y} at {local:%H:%M} ({zone_name})"
