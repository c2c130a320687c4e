"""What the events app adds to the whole: see levelfield/lib/manifests.py."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext_lazy

from levelfield.events import access, personal, who_came
from levelfield.events.models import Event
from levelfield.lib.manifests import (
    AppManifest,
    EasyReadable,
    Erasure,
    NavigationEntry,
    PersonField,
    Term,
    Translatable,
    demo_module,
    scale_module,
)

GLOSSARY = (
    Term(
        gettext_lazy("Waiting list"),
        gettext_lazy(
            "When a meeting is full, people can wait for a place. If someone cancels, the first "
            "person waiting gets their place and is told."
        ),
    ),
    Term(
        gettext_lazy("Series"),
        gettext_lazy("Meetings that repeat, such as a Cuppa on the first Monday of every month."),
    ),
    Term(
        gettext_lazy("Agenda item"),
        gettext_lazy(
            "Something to talk about at a meeting. Any member may suggest one, and others can "
            "support it."
        ),
    ),
)


def may_translate_event(person: Any, event: Event) -> bool:
    """Members of the event's place, who plan it (readers from elsewhere only read it)."""
    from levelfield.places.access import is_place_member

    return is_place_member(person, event.place_id)


TRANSLATABLE = (
    Translatable(
        model="events.Event",
        fields=("title", "description"),
        label=gettext_lazy("event"),
        find=access.event_for_member,
        may_translate=may_translate_event,
    ),
)


EASY_READ = (
    EasyReadable(
        model="events.Event",
        label=gettext_lazy("event"),
        find=access.event_for_member,
        may_write=may_translate_event,
        source_fields=("title", "description"),
    ),
)


MANIFEST = AppManifest(
    label="events",
    translatable=TRANSLATABLE,
    easy_read=EASY_READ,
    people_groups=who_came.people_groups,
    people_in_group=who_came.people_in_group,
    glossary=GLOSSARY,
    export=personal.export,
    erase=personal.erase,
    needs=personal.needs,
    coming_up=personal.coming_up,
    navigation=(
        NavigationEntry(
            label=gettext_lazy("Meetings and events"),
            section="meet",
            url=lambda place: reverse("events:place_list", args=[place.pk]),
            hint=gettext_lazy(
                "Plan a meeting, take a place, and record who came so they can claim it."
            ),
            order=10,
        ),
    ),
    person_fields=(
        PersonField("events.EventSeries.created_by", "event_series_you_made", Erasure.ANONYMISE),
        PersonField("events.Event.created_by", "events_you_organise_or_made", Erasure.ANONYMISE),
        PersonField("events.Event.organisers", "events_you_organise_or_made", Erasure.DELETE),
        PersonField(
            "events.Registration.person",
            "event_places",
            Erasure.DELETE,
            (
                "places at events to come go to people waiting; attendance stays in the "
                "involvement log as a former member's"
            ),
        ),
        PersonField(
            "events.AgendaItem.proposed_by", "agenda_items_you_proposed", Erasure.ANONYMISE
        ),
        PersonField("events.AgendaSupport.person", "agenda_items_you_supported", Erasure.DELETE),
        PersonField("events.CalendarFeed.person", "calendar_feed", Erasure.DELETE),
        PersonField("events.Material.uploaded_by", "meeting_files_you_added", Erasure.ANONYMISE),
        PersonField(
            "events.WalkIn.person",
            "meetings_you_walked_in_to",
            Erasure.DELETE,
            "attendance stays in the involvement log as a former member's",
        ),
        PersonField("events.WalkIn.added_by", "walk_ins_you_recorded", Erasure.ANONYMISE),
        PersonField("events.Minutes.written_by", "minutes_you_wrote", Erasure.ANONYMISE),
        PersonField("events.Minutes.agreed_by", "minutes_you_wrote", Erasure.ANONYMISE),
        PersonField("events.MinutesComment.author", "comments_on_minutes", Erasure.ANONYMISE),
        PersonField(
            "events.BreakoutGroup.recorded_by", "breakout_themes_you_recorded", Erasure.ANONYMISE
        ),
    ),
    demo=demo_module("levelfield.events.demo"),
    demo_after=("places", "projects"),
    scale=scale_module("levelfield.events.scale"),
    scale_after=("collectives",),
)
