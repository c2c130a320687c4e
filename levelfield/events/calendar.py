"""Calendar files (RFC 5545, written with the icalendar library): one event's .ics and a
person's private feed. The joining link goes only into calendars of people with a place."""

from __future__ import annotations

from collections.abc import Iterable

import icalendar
from django.utils import timezone
from django.utils.translation import gettext as _

from levelfield.events.models import Event
from levelfield.notifications.services import absolute_url


def calendar_bytes(
    events: Iterable[Event], *, with_link: set[int], name: str = "", public: bool = False
) -> bytes:
    """A calendar of `events`; only those whose id is in `with_link` carry the joining
    link. `public` links to the public page instead of the members' page."""
    calendar = icalendar.Calendar()
    calendar.add("prodid", "-//Levelfield//Events//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    if name:
        calendar.add("x-wr-calname", name)
    for event in events:
        calendar.add_component(_component(event, with_link=event.pk in with_link, public=public))
    return calendar.to_ical()


def _component(event: Event, *, with_link: bool, public: bool) -> icalendar.Event:
    component = icalendar.Event()
    component.add("uid", f"event-{event.pk}@levelfield")
    component.add("dtstamp", event.updated_at or timezone.now())
    component.add("dtstart", event.local_start)
    component.add("dtend", event.local_end)
    component.add("summary", event.title)
    page = (
        absolute_url(f"/events/e/{event.public_code}/")
        if public
        else absolute_url(event.get_absolute_url())
    )
    lines = [event.description.strip()] if event.description.strip() else []
    if with_link and event.joining_link:
        lines.append(_("Joining link: %(link)s") % {"link": event.joining_link})
    lines.append(_("Details: %(page)s") % {"page": page})
    component.add("description", "\n\n".join(lines))
    component.add("url", page)
    if event.is_in_person and event.venue_name:
        component.add("location", ", ".join(filter(None, [event.venue_name, event.venue_address])))
    elif with_link and event.joining_link:
        component.add("location", event.joining_link)
    component.add("status", "CANCELLED" if event.is_cancelled else "CONFIRMED")
    return component
