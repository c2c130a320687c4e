"""What the events app adds to the whole: see levelfield/lib/manifests.py."""

from __future__ import annotations

from levelfield.lib.manifests import AppManifest, demo_module, scale_module

MANIFEST = AppManifest(
    label="events",
    person_fields=(
        "events.EventSeries.created_by",
        "events.Event.created_by",
        "events.Event.organisers",
        "events.Registration.person",
        "events.AgendaItem.proposed_by",
        "events.AgendaSupport.person",
        "events.CalendarFeed.person",
    ),
    demo=demo_module("levelfield.events.demo"),
    scale=scale_module("levelfield.events.scale"),
    scale_after=("collectives",),
)
