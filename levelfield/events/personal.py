"""The events app's part of a person's data download and erasure (see manifest.py)."""

from __future__ import annotations

import datetime
from typing import Any

from django.db.models import Exists, OuterRef, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from levelfield.events import services
from levelfield.events.models import (
    AgendaItem,
    AgendaSupport,
    BreakoutGroup,
    CalendarFeed,
    Event,
    EventSeries,
    Material,
    Minutes,
    MinutesComment,
    Registration,
    RegistrationStatus,
    WalkIn,
)
from levelfield.lib.manifests import NEEDS_SHOWN, ErasureContext, Happening, Need, export_rows
from levelfield.lib.words import FORMER_MEMBER


def export(person: Any) -> dict[str, list[dict]]:
    return {
        "event_places": services.registrations_export(person=person),
        "events_you_organise_or_made": export_rows(
            Event.objects.filter(Q(organisers=person) | Q(created_by=person)).distinct(),
            event="title",
            starts="starts_at",
        ),
        "event_series_you_made": export_rows(
            EventSeries.objects.filter(created_by=person), rule="rule", created="created_at"
        ),
        "agenda_items_you_proposed": export_rows(
            AgendaItem.objects.filter(proposed_by=person),
            event="event__title",
            title="title",
            detail="detail",
            reason="reason",
            proposed="created_at",
        ),
        "agenda_items_you_supported": export_rows(
            AgendaSupport.objects.filter(person=person),
            event="item__event__title",
            item="item__title",
        ),
        "meeting_files_you_added": export_rows(
            Material.objects.filter(uploaded_by=person),
            event="event__title",
            title="title",
            file="file_name",
            added="uploaded_at",
        ),
        "meetings_you_walked_in_to": export_rows(
            WalkIn.objects.filter(person=person), event="event__title", recorded="added_at"
        ),
        "walk_ins_you_recorded": export_rows(
            WalkIn.objects.filter(added_by=person), event="event__title", recorded="added_at"
        ),
        "minutes_you_wrote": export_rows(
            Minutes.objects.filter(Q(written_by=person) | Q(agreed_by=person)),
            event="event__title",
            minutes="text",
            agreed="agreed_at",
        ),
        "comments_on_minutes": export_rows(
            MinutesComment.objects.filter(author=person),
            event="minutes__event__title",
            comment="text",
            written="created_at",
        ),
        "breakout_themes_you_recorded": export_rows(
            BreakoutGroup.objects.filter(recorded_by=person),
            event="event__title",
            group="name",
            themes="themes",
        ),
        "calendar_feed": [
            {"private_address_made": True, "last_reset": row["reset"]}
            for row in export_rows(CalendarFeed.objects.filter(person=person), reset="reset_at")
        ],
    }


def erase(context: ErasureContext) -> None:
    """Places at events to come go to the people waiting (events keep counts); the
    person's registrations, walk-ins, access needs, agenda support and calendar address
    go with them (on_delete=CASCADE). A place they once held as a guest keeps no name or address.
    Agenda items and event text keep no name of theirs."""
    services.registrations_release_for(person=context.person)
    Registration.objects.filter(
        person__isnull=True, guest_email__in=list(context.addresses)
    ).update(guest_name=FORMER_MEMBER, guest_email="", access_needs="")
    events = Event.objects.filter(
        context.places(project="place__project", collective="place__collective")
    )
    context.forget(events, ["title", "description", "notes", "cancelled_reason", "venue_notes"])
    context.forget(AgendaItem.objects.filter(event__in=events), ["title", "detail", "reason"])
    context.forget(
        Registration.objects.filter(event__in=events, person__isnull=True), ["guest_name"]
    )
    WalkIn.objects.filter(person__isnull=True, guest_email__in=list(context.addresses)).update(
        guest_name=FORMER_MEMBER, guest_email=""
    )
    context.forget(Material.objects.filter(event__in=events), ["title"])
    context.forget(WalkIn.objects.filter(event__in=events, person__isnull=True), ["guest_name"])
    context.forget(Minutes.objects.filter(event__in=events), ["text"])
    context.forget(MinutesComment.objects.filter(minutes__event__in=events), ["text"])
    context.forget(BreakoutGroup.objects.filter(event__in=events), ["name", "themes"])
    # An event page keeps its organisers' names, agenda, files and minutes per the
    # event's `shown_version`: moved here, so what was forgotten, and the person as an
    # organiser, leave every kept page at once (erasure runs before the account goes).
    shown = Q(pk__in=events.values("pk")) | Q(
        pk__in=Event.organisers.through.objects.filter(user=context.person).values("event_id")
    )
    services.shown_changed(Event.objects.filter(shown))


def needs(person: Any) -> list[Need]:
    """Places the person holds, or waits for, at events to come."""
    booked = (
        Registration.objects.active()
        .filter(person=person, event__starts_at__gt=timezone.now(), event__cancelled_at=None)
        .select_related("event__place__project", "event__place__collective")
        .only(
            "status",
            "event__title",
            "event__starts_at",
            "event__place__kind",
            "event__place__group_name",
            "event__place__project__title",
            "event__place__collective__name",
        )
        .order_by("event__starts_at", "pk")[:NEEDS_SHOWN]
    )
    return [
        Need(
            label=(
                _("On the waiting list: %(title)s") % {"title": registration.event.title}
                if registration.status == RegistrationStatus.WAITING
                else _("You have a place: %(title)s") % {"title": registration.event.title}
            ),
            url=reverse("events:detail", args=[registration.event_id]),
            place=registration.event.place.name,
            due=registration.event.starts_at,
            kind="event",
        )
        for registration in booked
    ]


COMING_UP_DAYS = 28


def coming_up(person: Any) -> list[Happening]:
    """Meetings in the next four weeks in the person's places (and those of their
    collectives open to everyone in it) that they have not booked: booked ones are
    already on their home as things that need them."""
    now = timezone.now()
    booked = Registration.objects.active().filter(event=OuterRef("pk"), person=person)
    events = (
        Event.objects.for_member(person)
        .filter(cancelled_at=None, starts_at__gt=now)
        .filter(starts_at__lte=now + datetime.timedelta(days=COMING_UP_DAYS))
        .exclude(Exists(booked))
        .with_place()
        .only(
            "title",
            "starts_at",
            "place__kind",
            "place__group_name",
            "place__project__title",
            "place__collective__name",
        )
        .order_by("starts_at", "pk")[:NEEDS_SHOWN]
    )
    return [
        Happening(
            label=_("Meeting: %(title)s") % {"title": event.title},
            url=reverse("events:detail", args=[event.pk]),
            when=event.starts_at,
            place=event.place.name,
            kind="event",
        )
        for event in events
    ]
