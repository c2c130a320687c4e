"""Template filters for event pages: `{% load events %}`."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from django import template
from django.utils.formats import date_format
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

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
    """Day and month names come from Django's formats, so they follow the language."""
    zone = ZoneInfo(zone_name)
    start, end = starts_at.astimezone(zone), ends_at.astimezone(zone)
    day = date_format(start, "l j F Y")
    if start.date() == end.date():
        span = _("%(day)s, %(start)s to %(end)s") % {
            "day": day,
            "start": f"{start:%H:%M}",
            "end": f"{end:%H:%M}",
        }
    else:
        span = _("%(day)s, %(start)s to %(end_day)s, %(end)s") % {
            "day": day,
            "start": f"{start:%H:%M}",
            "end_day": date_format(end, "l j F Y"),
            "end": f"{end:%H:%M}",
        }
    return f"{span} ({zone_name}, {start:%Z})"


@register.filter
def local_when(moment: datetime | None, zone_name: str) -> str:
    """'27 February 2027 at 17:00 (Europe/London)'."""
    if moment is None:
        return ""
    local = moment.astimezone(ZoneInfo(zone_name))
    return _("%(day)s at %(time)s (%(zone)s)") % {
        "day": date_format(local, "j F Y"),
        "time": f"{local:%H:%M}",
        "zone": zone_name,
    }
