"""Changes to events, their places, agendas, attendance and feedback.

Every change of places (registering, cancelling, promoting from the waiting list,
changing the number of places) first locks the event's row (`_locked`), so they
happen one after another; the event keeps the count of places taken and the database
refuses a count above the capacity. Emails go through `notification_send` inside the
transaction, so they leave only once it commits.
"""

from __future__ import annotations

import datetime
import logging
import uuid
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.db.models import Exists, F, Max, OuterRef, QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from levelfield.collectives import roles
from levelfield.decisions.models import Decision
from levelfield.events import access, recurrence
from levelfield.events.models import (
    ACCESS_NEEDS_KEPT_FOR,
    FEEDBACK_OPEN_FOR,
    AgendaItem,
    AgendaStatus,
    AgendaSupport,
    Audience,
    BreakoutGroup,
    CalendarFeed,
    Event,
    EventKind,
    EventSeries,
    Feedback,
    Material,
    Minutes,
    MinutesComment,
    Registration,
    RegistrationStatus,
    ReminderSent,
    WalkIn,
)
from levelfield.history.services import change_record
from levelfield.notifications.services import (
    absolute_url,
    notification_send,
    notifications_send_each,
)
from levelfield.people.models import User
from levelfield.places.models import Place, PlaceKind
from levelfield.places.services import EntryValues, involvement_entry_write
from levelfield.projects.models import ActivityKind, Participation
from levelfield.sealing import sealed as sealing

logger = logging.getLogger(__name__)
# Every sealed feedback answer is this size, whatever the comment (up to the form's
# 2,000 characters, each up to 6 bytes as JSON).
FEEDBACK_SEALED_SIZE = 16 * 1024
# Fields an organiser sets; copied from one occurrence to the next in a series.
EVENT_FIELDS = (
    "title",
    "description",
    "kind",
    "format",
    "timezone_name",
    "topics",
    "stage",
    "audience",
    "joining_link",
    "venue_name",
    "venue_address",
    "step_free",
    "hearing_loop",
    "accessible_toilets",
    "quiet_room",
    "venue_notes",
    "capacity",
    "perspective_caps",
    "paid",
    "preparation_minutes",
    "reminder_hours",
)
# Changes that people with a place are told about.
NOTIFIED_FIELDS = ("starts_at", "ends_at", "format", "venue_name", "venue_address", "joining_link")


def _check_values(values: Mapping[str, Any], *, place: Place) -> None:
    if values["ends_at"] <= values["starts_at"]:
        raise ValidationError(_("The event must end after it starts."))
    if values.get("audience") == Audience.MEMBERS and place.kind == PlaceKind.COLLECTIVE:
        raise ValidationError(
            _(
                "Only a group's or a project's event can be for its members only: choose "
                "members of the collective or anyone with the link."
            )
        )
    closes = values.get("registration_closes_at")
    if closes is not None and closes > values["starts_at"]:
        raise ValidationError(_("Registration must close before the event starts."))


def _check_organisers(organisers: Iterable[User], place: Place) -> list[User]:
    people = list(organisers)
    for person in people:
        if not roles.may(person, roles.Action.ORGANISE_EVENT, place.owner):
            raise ValidationError(
                _("%(name)s is not a member of the %(kind)s, so cannot organise.")
                % {"name": person.name, "kind": place.kind_word}
            )
    return people


def _snapshot(event: Event) -> dict[str, str]:
    return {
        "title": event.title,
        "starts": event.starts_at.isoformat(),
        "ends": event.ends_at.isoformat(),
        "places": "no limit" if event.capacity is None else str(event.capacity),
        "format": event.get_format_display(),
        "venue": event.venue_name,
    }


# Creating and changing events


def event_create(
    *,
    place: Place,
    actor: User,
    values: Mapping[str, Any],
    organisers: Iterable[User] = (),
    repeat: str = "",
    repeat_until: datetime.date | None = None,
    from_decision: Decision | None = None,
    now: datetime.datetime | None = None,
) -> Event:
    """Plan an event in `place` (a collective's, a group's or a project's), or, with
    `repeat`, a series and its first occurrences. Returns the (first) event. `values`
    holds `EVENT_FIELDS`, `starts_at`, `ends_at` and `registration_closes_at`."""
    roles.require(actor, roles.Action.ORGANISE_EVENT, place.owner)
    now = now or timezone.now()
    _check_values(values, place=place)
    people = _check_organisers([actor, *organisers], place)
    with transaction.atomic():
        series = None
        if repeat:
            start = values["starts_at"]
            series = EventSeries.objects.create(
                place=place,
                rule=recurrence.rule_for(
                    repeat, start.astimezone(_zone(values)).date(), until=repeat_until
                ),
                first_start=start,
                timezone_name=values["timezone_name"],
                ends_on=repeat_until,
                created_by=actor,
            )
        event = _event_new(
            place=place, actor=actor, values=values, series=series, from_decision=from_decision
        )
        event.organisers.set(people)
        change_record(
            actor=actor,
            action="event_created",
            summary=f"{actor.name} planned “{event.title}”"
            + (
                f", repeating {recurrence.describe(series.rule, event.local_start.date())}"
                if series
                else ""
            ),
            subject=event,
            after=_snapshot(event),
            **event.place.history_scope(),
        )
        if series is not None:
            series_extend(series=series, now=now)
    return event


def _zone(values: Mapping[str, Any]) -> Any:
    from zoneinfo import ZoneInfo

    return ZoneInfo(values["timezone_name"])


def _event_new(
    *,
    place: Place,
    actor: User | None,
    values: Mapping[str, Any],
    series: EventSeries | None = None,
    series_start: datetime.datetime | None = None,
    from_decision: Decision | None = None,
) -> Event:
    fields = {name: values[name] for name in EVENT_FIELDS if name in values}
    return Event.objects.create(
        place=place,
        **fields,
        starts_at=values["starts_at"],
        ends_at=values["ends_at"],
        registration_closes_at=values.get("registration_closes_at"),
        series=series,
        series_start=(series_start or values["starts_at"]) if series else None,
        from_decision=from_decision,
        created_by=actor,
    )


def series_extend(*, series: EventSeries, now: datetime.datetime | None = None) -> int:
    """Make the series' occurrences up to `recurrence.HORIZON` ahead, copying the latest
    one (so "change all future events" carries on). Idempotent: returns how many it made."""
    now = now or timezone.now()
    with transaction.atomic():
        latest = (
            Event.objects.select_for_update(of=("self",))
            .filter(series=series)
            .order_by("-series_start")
            .with_place()
            .first()
        )
        if latest is None:
            return 0
        zone = latest.zone
        starts = recurrence.starts(
            series.rule,
            series.first_start.astimezone(zone),
            zone,
            after=latest.series_start,
            before=now + recurrence.HORIZON,
        )
        length = latest.ends_at - latest.starts_at
        closes_before = (
            latest.starts_at - latest.registration_closes_at
            if latest.registration_closes_at
            else None
        )
        organisers = list(latest.organisers.all())
        made = 0
        for start in starts:
            values = {name: getattr(latest, name) for name in EVENT_FIELDS}
            # The latest occurrence's local time of day, on the rule's date.
            local = latest.local_start
            start = start.replace(hour=local.hour, minute=local.minute)
            values |= {
                "starts_at": start,
                "ends_at": start + length,
                "registration_closes_at": start - closes_before if closes_before else None,
            }
            event = _event_new(
                place=latest.place,
                actor=series.created_by,
                values=values,
                series=series,
                series_start=_rule_start(series, start),
            )
            event.organisers.set(organisers)
            made += 1
        return made


def _rule_start(series: EventSeries, start: datetime.datetime) -> datetime.datetime:
    """The rule's own start for an occurrence on `start`'s date (its key in the series),
    which stays the same when the series' time of day changes."""
    zone = start.tzinfo
    first = series.first_start.astimezone(zone)
    return start.replace(hour=first.hour, minute=first.minute)


def series_extend_all(*, now: datetime.datetime | None = None) -> int:
    """Every open series made up to the horizon (the `events_due` command)."""
    now = now or timezone.now()
    series_list = EventSeries.objects.exclude(ends_on__lt=now.date())
    return sum(series_extend(series=series, now=now) for series in series_list)


def event_update(
    *,
    event: Event,
    actor: User,
    values: Mapping[str, Any],
    organisers: Iterable[User] | None = None,
    all_future: bool = False,
    now: datetime.datetime | None = None,
) -> list[Event]:
    """Change an event, or (`all_future`) it and every later occurrence in its series:
    each keeps its own date and takes the new time of day, length and details.
    Returns the events changed."""
    now = now or timezone.now()
    if not access.is_organiser(event, actor):
        raise PermissionDenied(_("Only the event's organisers may change it."))
    _check_values(values, place=event.place)
    people = _check_organisers(organisers, event.place) if organisers is not None else None
    with transaction.atomic():
        targets = [_locked(event)]
        if all_future and event.series_id:
            targets += list(
                Event.objects.select_for_update(of=("self",))
                .filter(
                    series_id=event.series_id,
                    starts_at__gt=event.starts_at,
                    cancelled_at__isnull=True,
                )
                .with_place()
                .order_by("starts_at")
            )
        first = targets[0]
        zone = _zone(values)
        new_local_start = values["starts_at"].astimezone(zone)
        length = values["ends_at"] - values["starts_at"]
        closes_before = (
            values["starts_at"] - values["registration_closes_at"]
            if values.get("registration_closes_at")
            else None
        )
        for target in targets:
            if target is first:
                start = values["starts_at"]
            else:
                day = target.starts_at.astimezone(zone).date()
                start = recurrence.at_local_time(day, new_local_start.time(), zone)
            capacity = values.get("capacity")
            if capacity is not None and capacity < target.places_taken:
                raise ValidationError(
                    _(
                        "%(count)s people already have a place on %(day)s, so the number "
                        "of places cannot be below %(count)s."
                    )
                    % {
                        "count": target.places_taken,
                        "day": date_format(target.local_start, "j F Y"),
                    }
                )
            before = _snapshot(target)
            notified_before = [getattr(target, name) for name in NOTIFIED_FIELDS]
            for name in EVENT_FIELDS:
                if name in values:
                    setattr(target, name, values[name])
            target.starts_at = start
            target.ends_at = start + length
            target.registration_closes_at = start - closes_before if closes_before else None
            target.save()
            if people is not None:
                target.organisers.set(people)
                _shown_changed(target)
            _promote(target, now=now)
            after = _snapshot(target)
            if after != before:
                change_record(
                    actor=actor,
                    action="event_updated",
                    summary=f"{actor.name} changed “{target.title}”",
                    subject=target,
                    before=before,
                    after=after,
                    **target.place.history_scope(),
                )
            if notified_before != [getattr(target, name) for name in NOTIFIED_FIELDS]:
                _tell_everyone(target, what="changed")
    return targets


def event_cancel(
    *, event: Event, actor: User, reason: str = "", now: datetime.datetime | None = None
) -> Event:
    """Call an event off and tell everyone with a place or waiting for one."""
    now = now or timezone.now()
    if not access.is_organiser(event, actor):
        raise PermissionDenied(_("Only the event's organisers may cancel it."))
    with transaction.atomic():
        event = _locked(event)
        if event.is_cancelled:
            return event
        if event.has_started(now):
            raise ValidationError(_("The event has already started, so it cannot be cancelled."))
        event.cancelled_at = now
        event.cancelled_reason = reason
        event.save(update_fields=["cancelled_at", "cancelled_reason", "updated_at"])
        change_record(
            actor=actor,
            action="event_cancelled",
            summary=f"{actor.name} cancelled “{event.title}”",
            subject=event,
            after={"reason": reason},
            **event.place.history_scope(),
        )
        _tell_everyone(event, what="cancelled")
    return event


def _tell_everyone(event: Event, *, what: str) -> None:
    registrations = event.registrations.active().select_related("person")
    for registration in registrations:
        _notify(registration, kind="event_update", what=what)


def _shown_changed(event: Event) -> None:
    shown_changed(Event.objects.filter(pk=event.pk))


def shown_changed(events: QuerySet[Event]) -> None:
    """Move the events' `shown_version`, in the caller's transaction: the pieces their
    pages keep under it (organisers, agenda, materials and minutes: `views._kept`) are
    worked out afresh by the next reader, on every server at once."""
    events.update(shown_version=F("shown_version") + 1)


# Places and the waiting list


def _locked(event: Event, *, person: User | None = None) -> Event:
    """The event's row, locked until the transaction ends: every change of places
    takes this lock first, so they happen one after another. With `person`, whether the
    event is open to them (`open_to_person`, the one access rule `access.events_for`)
    is read in the same query, one query fewer a registration; not asked again when the
    caller read the event through that rule for them in this request
    (`access.event_for_member` notes it as `open_to`): building that subquery again was
    about a seventh of a registration's CPU. Their registrations are not read here: a subquery
    keeps the snapshot taken before waiting for the lock, so it would miss a place the
    same person took while this one waited. The place (and its collective or project)
    the caller read with the event is kept rather than joined again: only the event's
    row is locked, and a join is most of this query's planning."""
    place = event.place if Event.place.is_cached(event) else None
    events = Event.objects.select_for_update(of=("self",))
    if place is None:
        events = events.with_place()
    checked = person is not None and getattr(event, "open_to", None) == person.pk
    if person is not None and not checked:
        events = events.annotate(
            open_to_person=Exists(access.events_for(person).filter(pk=OuterRef("pk")))
        )
    locked = events.get(pk=event.pk)
    if checked:
        locked.open_to_person = True
    if place is not None and locked.place_id == place.pk:
        locked.place = place
    return locked


def _has_room(event: Event, perspective: str) -> bool:
    if event.capacity is not None and event.places_taken >= event.capacity:
        return False
    cap = event.cap_for(perspective)
    if cap is None:
        return True
    taken = event.registrations.registered().filter(perspective=perspective).count()
    return taken < cap


def registration_create(
    *,
    event: Event,
    person: User | None = None,
    guest_name: str = "",
    guest_email: str = "",
    perspective: str = "",
    access_needs: str = "",
    access_need_kinds: Iterable[str] = (),
    share_access_needs: bool = False,
    notify: bool = True,
    now: datetime.datetime | None = None,
) -> Registration:
    """Take a place, or a place on the waiting list when the event (or the places for
    the person's perspective) is full. `person` for an account holder, otherwise a
    guest's name and email address (only for events open to anyone with the link).
    `notify=False` when the caller tells the person once for many places (a course's
    cohort registers for every date of its series)."""
    now = now or timezone.now()
    guest_email = guest_email.strip().lower()
    if person is None and not (guest_name.strip() and guest_email):
        raise ValidationError(_("A guest needs a name and an email address."))
    kinds = list(dict.fromkeys(access_need_kinds))
    if not share_access_needs:
        access_needs, kinds = "", []
    with transaction.atomic():
        event = _locked(event, person=person)
        _check_open(event, now=now)
        if person is not None:
            if not event.open_to_person and not event.is_public:
                raise PermissionDenied(_("This event is not open to you."))
            existing = (
                event.registrations.active()
                .filter(person=person)
                .values_list("status", flat=True)
                .first()
            )
        else:
            if not event.is_public:
                raise PermissionDenied(_("Only events open to anyone with the link take guests."))
            existing = (
                event.registrations.active()
                .filter(person__isnull=True, guest_email=guest_email)
                .values_list("status", flat=True)
                .first()
            )
        if existing is not None:
            raise ValidationError(
                _("You already have a place at this event.")
                if existing == RegistrationStatus.REGISTERED
                else _("You are already on the waiting list for this event.")
            )
        has_room = _has_room(event, perspective)
        registration = Registration.objects.create(
            event=event,
            person=person,
            guest_name=guest_name.strip() if person is None else "",
            guest_email=guest_email if person is None else "",
            status=RegistrationStatus.REGISTERED if has_room else RegistrationStatus.WAITING,
            perspective=perspective,
            registered_at=now,
            waiting_since=None if has_room else now,
            access_needs=access_needs.strip(),
            access_need_kinds=kinds,
            access_needs_shared_at=now if (access_needs.strip() or kinds) else None,
        )
        counter = "places_taken" if has_room else "waiting_count"
        Event.objects.filter(pk=event.pk).update(**{counter: F(counter) + 1})
        change_record(
            actor=person,
            action="registration_created",
            summary=f"{registration.name} "
            + ("took a place at" if has_room else "joined the waiting list for")
            + f" “{event.title}”",
            subject=registration,
            **event.place.history_scope(),
        )
        registration.event = event
        if notify:
            _notify(registration, kind="event_registration")
    return registration


def _check_open(event: Event, *, now: datetime.datetime) -> None:
    if event.is_cancelled:
        raise ValidationError(_("This event has been cancelled, so you cannot register."))
    if event.has_started(now):
        raise ValidationError(_("This event has already started, so registration has closed."))
    if event.registration_closes_at and now >= event.registration_closes_at:
        raise ValidationError(_("Registration for this event has closed."))


def registration_cancel(
    *, registration: Registration, now: datetime.datetime | None = None
) -> list[Registration]:
    """Give up a place (or a place on the waiting list). The first people waiting who
    fit are promoted and told; returns them. Cancelling twice changes nothing."""
    now = now or timezone.now()
    with transaction.atomic():
        event = _locked(registration.event)
        registration = (
            Registration.objects.select_for_update(of=("self",))
            .select_related("person")
            .get(pk=registration.pk)
        )
        if registration.status == RegistrationStatus.CANCELLED:
            return []
        if event.has_ended(now):
            raise ValidationError(_("The event is over, so the place cannot be cancelled."))
        counter = "places_taken" if registration.has_place else "waiting_count"
        registration.status = RegistrationStatus.CANCELLED
        registration.cancelled_at = now
        # Nobody needs the access needs of someone who is not coming.
        registration.access_needs = ""
        registration.access_need_kinds = []
        registration.save(
            update_fields=["status", "cancelled_at", "access_needs", "access_need_kinds"]
        )
        Event.objects.filter(pk=event.pk).update(**{counter: F(counter) - 1})
        # The row is locked and was read under the lock, so this is what it now holds.
        setattr(event, counter, getattr(event, counter) - 1)
        change_record(
            actor=registration.person,
            action="registration_cancelled",
            summary=f"{_name(registration)} gave up their place at “{event.title}”",
            subject=registration,
            **event.place.history_scope(),
        )
        return _promote(event, now=now)


def registrations_release_for(*, person: User, now: datetime.datetime | None = None) -> int:
    """Give up every place (and place on a waiting list) `person` holds at events still
    to come, promoting the people waiting, before their account is deleted. Returns how
    many places it gave up."""
    now = now or timezone.now()
    theirs = Registration.objects.active().filter(person=person, event__ends_at__gt=now)
    released = 0
    for registration in theirs.select_related("event"):
        registration_cancel(registration=registration, now=now)
        released += 1
    return released


def registrations_export(*, person: User) -> list[dict[str, Any]]:
    """The person's places at events, with what they shared, for their data download."""
    rows = Registration.objects.filter(person=person).select_related("event")
    return [
        {
            "event": r.event.title,
            "starts": r.event.starts_at.isoformat(),
            "status": r.get_status_display(),
            "perspective_you_brought": r.get_perspective_display(),
            "access_needs_shared": r.access_needs,
            "access_needs_chosen": r.access_need_labels(),
            "access_needs_deleted": r.access_needs_deleted_at.isoformat()
            if r.access_needs_deleted_at
            else "",
            "attended": r.attended,
            "minutes": r.attended_minutes,
        }
        for r in rows.order_by("registered_at", "pk")
    ]


def _name(registration: Registration) -> str:
    if registration.person_id:
        return registration.person.name
    return registration.guest_name


def _promote(event: Event, *, now: datetime.datetime) -> list[Registration]:
    """Give free places to the people waiting longest who fit (their perspective's places
    too). The caller holds the event's lock and read the event under it, so its counters
    are current; they are kept so here as places are given, without reading them again."""
    if event.is_cancelled or event.has_started(now):
        return []
    if event.is_full:  # no place to give: the loop below would stop at once
        return []
    promoted = []
    for waiting in event.registrations.waiting().select_related("person"):
        if event.capacity is not None and event.places_taken >= event.capacity:
            break
        if not _has_room(event, waiting.perspective):
            continue
        waiting.status = RegistrationStatus.REGISTERED
        waiting.save(update_fields=["status"])
        Event.objects.filter(pk=event.pk).update(
            places_taken=F("places_taken") + 1, waiting_count=F("waiting_count") - 1
        )
        event.places_taken += 1
        event.waiting_count -= 1
        change_record(
            actor=None,
            action="registration_promoted",
            summary=f"{_name(waiting)} was given a place at “{event.title}” from the waiting list",
            subject=waiting,
            **event.place.history_scope(),
        )
        waiting.event = event
        _notify(waiting, kind="event_place")
        promoted.append(waiting)
    return promoted


def registration_cancel_by_guest(*, token: str, now: datetime.datetime | None = None) -> None:
    registration_cancel(registration=access.registration_for_guest(token), now=now)


def waiting_position(registration: Registration) -> int | None:
    if not registration.is_waiting:
        return None
    ahead = Registration.objects.waiting().filter(event_id=registration.event_id)
    ids = list(ahead.values_list("id", flat=True))
    return ids.index(registration.pk) + 1 if registration.pk in ids else None


# Emails


def manage_path(registration: Registration) -> str:
    """Where the person manages their place: the event page, or a guest's signed link."""
    if registration.is_guest:
        return reverse("events:guest", args=[access.guest_token(registration)])
    return reverse("events:detail", args=[registration.event_id])


def _notify(registration: Registration, *, kind: str, what: str = "") -> None:
    """Tell the person about their place. The joining link goes only to people with a
    place at an event that is going ahead."""
    event = registration.event
    path = manage_path(registration)
    context = {
        "event": event,
        "registration": registration,
        "what": what,
        "joining_link": event.joining_link
        if registration.has_place and not event.is_cancelled
        else "",
        "manage_url": absolute_url(path),
    }
    notification_send(
        kind=kind,
        context=context,
        person=registration.person,
        email=registration.guest_email,
        url=path,
    )


def event_reminders_send_due(*, now: datetime.datetime | None = None) -> int:
    """Send the reminders that are due (by default 2 days and 2 hours before) to people
    with a place. Never twice (a database constraint), never after someone cancelled.
    Returns how many emails it sent."""
    now = now or timezone.now()
    longest = 14 * 24
    events = Event.objects.filter(
        cancelled_at__isnull=True,
        starts_at__gt=now,
        starts_at__lte=now + datetime.timedelta(hours=longest),
    )
    sent = 0
    for event in events:
        due = {
            hours
            for hours in event.reminder_hours
            if now >= event.starts_at - datetime.timedelta(hours=int(hours))
        }
        if not due:
            continue
        for registration_id in event.registrations.registered().values_list("id", flat=True):
            sent += _remind(registration_id, due, now=now)
    return sent


def _remind(registration_id: int, due: set[int], *, now: datetime.datetime) -> int:
    try:
        with transaction.atomic():
            registration = (
                Registration.objects.select_for_update(of=("self",))
                .select_related("event", "person")
                .get(pk=registration_id)
            )
            if not registration.has_place or registration.event.is_cancelled:
                return 0
            already = set(registration.reminders.values_list("hours_before", flat=True))
            new = due - already
            if not new:
                return 0
            ReminderSent.objects.bulk_create(
                ReminderSent(registration=registration, hours_before=hours, sent_at=now)
                for hours in sorted(new)
            )
            _notify(registration, kind="event_reminder")
    except IntegrityError:
        # Another worker sent it a moment ago.
        return 0
    return 1


def access_needs_forget_due(*, now: datetime.datetime | None = None) -> int:
    """Delete access needs shared for events that ended 30 days ago or more. Idempotent;
    returns how many registrations it cleared."""
    now = now or timezone.now()
    return Registration.objects.filter(
        event__ends_at__lte=now - ACCESS_NEEDS_KEPT_FOR,
        access_needs_shared_at__isnull=False,
        access_needs_deleted_at__isnull=True,
    ).update(access_needs="", access_need_kinds=[], access_needs_deleted_at=now)


# Calendar feed


def calendar_feed_reset(*, person: User) -> CalendarFeed:
    """Make (or make anew) the person's private calendar address; the old one stops."""
    with transaction.atomic():
        feed, created = CalendarFeed.objects.select_for_update().get_or_create(person=person)
        if not created:
            feed.token = CalendarFeed._meta.get_field("token").default()
            feed.reset_at = timezone.now()
            feed.save(update_fields=["token", "reset_at"])
    return feed


# The agenda


def _may_shape_agenda(event: Event, person: User) -> bool:
    registration = access.registration_of(event, person)
    return (registration is not None and registration.has_place) or access.is_organiser(
        event, person
    )


def agenda_item_propose(
    *,
    event: Event,
    person: User,
    title: str,
    detail: str = "",
    now: datetime.datetime | None = None,
) -> AgendaItem:
    now = now or timezone.now()
    if not _may_shape_agenda(event, person):
        raise PermissionDenied(_("Take a place at the event to add to its agenda."))
    if event.has_started(now) or event.is_cancelled:
        raise ValidationError(_("The event has started, so its agenda is settled."))
    registration = access.registration_of(event, person)
    with transaction.atomic():
        position = event.agenda_items.aggregate(last=Max("position"))["last"] or 0
        item = AgendaItem.objects.create(
            event=event,
            title=title.strip(),
            detail=detail.strip(),
            proposed_by=person,
            proposer_perspective=registration.perspective if registration else "",
            position=position + 1,
        )
        AgendaSupport.objects.create(item=item, person=person)
        _shown_changed(event)
    return item


def agenda_support_toggle(
    *, item: AgendaItem, person: User, now: datetime.datetime | None = None
) -> bool:
    """Support an item, or take the support back. Returns whether they now support it."""
    now = now or timezone.now()
    if not _may_shape_agenda(item.event, person):
        raise PermissionDenied(_("Take a place at the event to support agenda items."))
    if item.event.has_started(now):
        raise ValidationError(_("The event has started, so its agenda is settled."))
    with transaction.atomic():
        deleted, _by_model = AgendaSupport.objects.filter(item=item, person=person).delete()
        if deleted:
            return False
        AgendaSupport.objects.get_or_create(item=item, person=person)
        return True


@dataclass(frozen=True)
class AgendaChoice:
    item: AgendaItem
    status: str
    position: int
    reason: str


def agenda_arrange(*, event: Event, actor: User, choices: Iterable[AgendaChoice]) -> None:
    """The organisers order the agenda and say why each item is or is not on it."""
    if not access.is_organiser(event, actor):
        raise PermissionDenied(_("Only the event's organisers arrange the agenda."))
    with transaction.atomic():
        for choice in choices:
            if choice.item.event_id != event.pk:
                raise PermissionDenied(_("That item is not on this event's agenda."))
            if choice.status == AgendaStatus.NOT_TAKEN and not choice.reason.strip():
                raise ValidationError(
                    _("Say why “%(title)s” is not on the agenda.") % {"title": choice.item.title}
                )
            AgendaItem.objects.filter(pk=choice.item.pk).update(
                status=choice.status, position=choice.position, reason=choice.reason.strip()
            )
        _shown_changed(event)
        change_record(
            actor=actor,
            action="agenda_arranged",
            summary=f"{actor.name} arranged the agenda of “{event.title}”",
            subject=event,
            **event.place.history_scope(),
        )


# After the event


def attendance_confirm(
    *, registration: Registration, now: datetime.datetime | None = None
) -> Registration:
    """The person says they came, for the organisers to accept."""
    now = now or timezone.now()
    if not registration.has_place:
        raise ValidationError(_("Only people with a place can say they came."))
    if not registration.event.has_started(now):
        raise ValidationError(_("You can say you came once the event has started."))
    Registration.objects.filter(pk=registration.pk, attendance_confirmed_at__isnull=True).update(
        attendance_confirmed_at=now
    )
    registration.refresh_from_db()
    return registration


def attendance_record(
    *,
    event: Event,
    actor: User,
    attended: Iterable[int],
    now: datetime.datetime | None = None,
) -> Event:
    """Mark who came (registration ids). Each person with an account who came gets the
    event's length plus its preparation time, written to the involvement log of the
    event's place (its collective, group or project): one entry for the event
    (`Event.involvement_entry`) and one participation per person
    (`Registration.participation`). Marking again corrects both."""
    now = now or timezone.now()
    if not access.is_organiser(event, actor):
        raise PermissionDenied(_("Only the event's organisers mark attendance."))
    came = set(attended)
    with transaction.atomic():
        event = _locked(event)
        if event.is_cancelled or not event.has_started(now):
            raise ValidationError(_("Attendance can be marked once the event has started."))
        registrations = list(event.registrations.registered().select_related("person"))
        unknown = came - {registration.pk for registration in registrations}
        if unknown:
            raise ValidationError(_("Some of those people do not have a place at this event."))
        for registration in registrations:
            registration.attended = registration.pk in came
            registration.attended_minutes = (
                event.credited_minutes if registration.attended else None
            )
        Registration.objects.bulk_update(registrations, ["attended", "attended_minutes"])
        _involvement_write(event, registrations, actor=actor)
        first_time = event.attendance_recorded_at is None
        event.attendance_recorded_at = now
        event.save(update_fields=["attendance_recorded_at", "updated_at"])
        change_record(
            actor=actor,
            action="attendance_recorded" if first_time else "attendance_corrected",
            summary=f"{actor.name} marked who came to “{event.title}”: "
            f"{len(came)} of {len(registrations)}",
            subject=event,
            after={"came": str(len(came)), "had a place": str(len(registrations))},
            **event.place.history_scope(),
        )
    return event


def _involvement_write(event: Event, registrations: list[Registration], *, actor: User) -> None:
    """The event's entry in its place's involvement log (a collective's, a group's or a
    project's): attendance at a collective's Cuppa or a group's meeting is claimed and
    reported like a project workshop."""
    place = event.place
    description = f"Attendance at the {event.get_kind_display().lower()} “{event.title}”."
    if event.paid:
        description += " Attendance is paid time under the collective's payment policy."
    values = EntryValues(
        title=event.title,
        description=description,
        happened_on=event.local_start.date(),
        stage=event.stage or (place.project.stage if place.project_id else ""),
        kind=ActivityKind.WORKSHOP
        if event.kind in (EventKind.WORKSHOP, EventKind.TRAINING)
        else ActivityKind.MEETING,
    )
    came = {
        registration.person_id: event.credited_minutes
        for registration in registrations
        if registration.person_id is not None and registration.attended
    }
    # People who walked in without booking count like everyone who came.
    walk_ins = list(WalkIn.objects.filter(event=event, person__isnull=False))
    for walk_in in walk_ins:
        came[walk_in.person_id] = event.credited_minutes
    first_time = event.involvement_entry is None
    entry = involvement_entry_write(
        place=place,
        actor=actor,
        values=values,
        entry=event.involvement_entry,
        participants=came,
        summary=f"{actor.name} {'recorded' if first_time else 'corrected'} “{event.title}” "
        "in the involvement log from the event's attendance",
    )
    if first_time:
        event.involvement_entry = entry
        event.save(update_fields=["involvement_entry"])
    participation_of = dict(
        Participation.objects.filter(entry=entry, person__isnull=False).values_list(
            "person_id", "pk"
        )
    )
    walked_in = {walk_in.person_id for walk_in in walk_ins}
    for registration in registrations:
        if registration.person_id is not None:
            registration.participation_id = (
                participation_of.get(registration.person_id)
                if registration.attended and registration.person_id not in walked_in
                else None
            )
    Registration.objects.bulk_update(registrations, ["participation"])
    for walk_in in walk_ins:
        walk_in.participation_id = participation_of.get(walk_in.person_id)
    WalkIn.objects.bulk_update(walk_ins, ["participation"])


def event_notes_publish(
    *, event: Event, actor: User, notes: str, now: datetime.datetime | None = None
) -> Event:
    now = now or timezone.now()
    if not access.is_organiser(event, actor):
        raise PermissionDenied(_("Only the event's organisers publish its notes."))
    with transaction.atomic():
        event = _locked(event)
        first = event.notes_published_at is None
        event.notes = notes.strip()
        event.notes_published_at = now if event.notes else None
        event.save(update_fields=["notes", "notes_published_at", "updated_at"])
        change_record(
            actor=actor,
            action="notes_published" if first else "notes_updated",
            summary=f"{actor.name} published the notes of “{event.title}”",
            subject=event,
            **event.place.history_scope(),
        )
    return event


def feedback_give(
    *,
    registration: Registration,
    heard: int,
    comment: str = "",
    now: datetime.datetime | None = None,
) -> None:
    """One anonymous answer per person who came, sealed on their registration until the
    feedback closes (`feedback_write_out`): written now as a row of its own, it would
    share their registration's transaction and so name them.

    The event's row is locked first, as the write-out locks it, so an answer is either
    sealed before the answers are written out or refused with the reason."""
    now = now or timezone.now()
    with transaction.atomic():
        event = _locked(registration.event)
        registration = Registration.objects.select_for_update().get(pk=registration.pk)
        if not registration.has_place or registration.attended is False:
            raise ValidationError(_("Only people who came can give feedback."))
        if not event.has_started(now):
            raise ValidationError(_("You can give feedback once the event has started."))
        if registration.feedback_given:
            raise ValidationError(_("You have already given your feedback. Thank you."))
        if not event.feedback_open(now):
            raise ValidationError(_("Feedback for this event has closed."))
        if not 1 <= heard <= 5:
            raise ValidationError(_("Choose a number from 1 to 5."))
        try:
            sealed = _feedback_keys(event, create=True).seal(
                registration.pk,
                {"heard": heard, "comment": comment.strip()},
                size=FEEDBACK_SEALED_SIZE,
            )
        except sealing.TooLong:
            raise ValidationError(_("Shorten your comment and send it again.")) from None
        registration.feedback_given = True
        registration.sealed_feedback = sealed
        registration.save(update_fields=["feedback_given", "sealed_feedback"])


def _feedback_keys(event: Event, *, create: bool = False) -> sealing.Keys:
    return sealing.keys_for(f"event-feedback:{event.pk}", create=create)


def feedback_write_out(*, event: Event, now: datetime.datetime | None = None) -> bool:
    """When the feedback closes, write every sealed answer out unlinked, as a ballot is at
    a decision's closing (levelfield.sealing): opened, shuffled, inserted in one go with
    random ids and no person, the sealed copies wiped and the event's key destroyed, all
    in one transaction. A perspective is kept only if every perspective present has at
    least the minimum group of answers. Safe to call twice. Returns whether it wrote."""
    now = now or timezone.now()
    with transaction.atomic():
        event = _locked(event)
        if event.feedback_closed_at is not None or now < event.feedback_closes_at:
            return False
        keys = _feedback_keys(event)
        sealed = Registration.objects.filter(event=event, sealed_feedback__isnull=False)
        opened: list[tuple[str, dict[str, Any]]] = []
        for pk, perspective, answer in sealed.values_list("pk", "perspective", "sealed_feedback"):
            try:
                opened.append((perspective, keys.open(pk, answer)))
            except sealing.Unreadable:
                logger.error("Sealed feedback for event %s could not be opened.", event.pk)
        sizes = Counter(perspective for perspective, _score in opened)
        # One perspective alone says nothing the registrations do not already say.
        keep = len(sizes) <= 1 or sealing.may_split(sizes.values())
        sealing.shuffle(opened)
        Feedback.objects.bulk_create(
            Feedback(
                id=uuid.uuid4(),
                event=event,
                heard=answer["heard"],
                comment=answer["comment"],
                perspective=perspective if keep else "",
            )
            for perspective, answer in opened
        )
        sealed.update(sealed_feedback=None)
        sealing.keys_destroy(f"event-feedback:{event.pk}")
        event.feedback_closed_at = now
        event.save(update_fields=["feedback_closed_at"])
    return True


def feedback_write_out_due(*, now: datetime.datetime | None = None) -> int:
    """Write out the feedback of every event whose feedback has closed. Idempotent."""
    now = now or timezone.now()
    due = Event.objects.filter(
        feedback_closed_at__isnull=True, ends_at__lte=now - FEEDBACK_OPEN_FOR
    ).order_by("ends_at")
    written = sum(feedback_write_out(event=event, now=now) for event in due)
    sealing.keys_vacuum()  # again, as decisions_close_due does
    return written


# From a decision


def event_from_decision(
    *,
    decision: Decision,
    actor: User,
    values: Mapping[str, Any] | None = None,
    now: datetime.datetime | None = None,
) -> Event:
    """Turn a time poll's chosen time into an event in the same place, and invite the
    people who answered the poll."""
    from levelfield.decisions.access import decision_may_act
    from levelfield.decisions.participation import responder_ids

    now = now or timezone.now()
    if not decision_may_act(decision, actor):
        raise PermissionDenied(_("Only members can make an event from this decision."))
    outcome = getattr(decision, "outcome", None)
    chosen = outcome.chosen_option if outcome else None
    if chosen is None or chosen.starts_at is None:
        raise ValidationError(_("The decision has not chosen a time yet."))
    if Event.objects.filter(from_decision=decision).exists():
        raise ValidationError(_("An event has already been made from this decision."))
    place = decision.place
    base = {
        "title": decision.title,
        "description": outcome.statement,
        "kind": EventKind.MEETING,
        "timezone_name": decision.timezone_name,
        "audience": Audience.COLLECTIVE
        if decision.place.kind == "collective"
        else Audience.MEMBERS,
        "starts_at": chosen.starts_at,
        "ends_at": chosen.ends_at or chosen.starts_at + datetime.timedelta(hours=1),
        "reminder_hours": [48, 2],
    }
    base |= dict(values or {})
    with transaction.atomic():
        event = event_create(
            place=place, actor=actor, values=base, from_decision=decision, now=now
        )
        invited = User.objects.filter(pk__in=responder_ids(decision)).exclude(pk=actor.pk)
        for person in invited:
            notification_send(
                kind="event_invitation",
                context={"event": event, "decision": decision, "invited_by": actor},
                person=person,
                url=event.get_absolute_url(),
            )
    return event


# Meetings with their materials


def _require_organiser(event: Event, actor: User, refusal: str) -> None:
    """`refusal` is the whole sentence, so each translates as one."""
    if not access.is_organiser(event, actor):
        raise PermissionDenied(refusal)


def material_add(
    *,
    event: Event,
    actor: User,
    upload: UploadedFile,
    title: str,
    kind: str,
    visible_to: str,
    now: datetime.datetime | None = None,
) -> Material:
    """Add a file to the meeting. Its content decides what it is (`resources.files`:
    PDF, office documents, PNG or JPEG; the name and declared type are ignored); it is
    stored under a new random name through Django's storage."""
    from levelfield.resources import files

    now = now or timezone.now()
    _require_organiser(event, actor, _("Only the event's organisers add materials."))
    file_type = files.file_type_of(upload)
    with transaction.atomic():
        material = Material(
            event=event,
            title=title.strip(),
            kind=kind,
            visible_to=visible_to,
            file_name=(upload.name or "")[-200:],
            file_type=file_type.content_type,
            size=upload.size or 0,
            uploaded_by=actor,
            uploaded_at=now,
        )
        material.file.save(files.stored_name(file_type), upload, save=False)
        material.save()
        _shown_changed(event)
        change_record(
            actor=actor,
            action="material_added",
            summary=f"{actor.name} added “{material.title}” to “{event.title}”",
            subject=event,
            after={
                "material": material.title,
                "kind": material.get_kind_display(),
                "who may see it": material.get_visible_to_display(),
            },
            **event.place.history_scope(),
        )
    return material


def material_remove(*, material: Material, actor: User) -> None:
    """Take a file off the meeting; the stored file goes once the removal commits."""
    event = material.event
    _require_organiser(event, actor, _("Only the event's organisers remove materials."))
    storage, name = material.file.storage, material.file.name
    with transaction.atomic():
        deleted, _by_model = Material.objects.filter(pk=material.pk).delete()
        if not deleted:
            return
        _shown_changed(event)
        change_record(
            actor=actor,
            action="material_removed",
            summary=f"{actor.name} removed “{material.title}” from “{event.title}”",
            subject=event,
            before={"material": material.title},
            **event.place.history_scope(),
        )
        transaction.on_commit(lambda: storage.delete(name))


def walk_in_add(
    *,
    event: Event,
    actor: User,
    person: User | None = None,
    guest_name: str = "",
    guest_email: str = "",
    now: datetime.datetime | None = None,
) -> WalkIn:
    """Record someone who came without booking: a member of the event's place, whose
    time goes in the involvement log like everyone else's who came (the one path,
    `_involvement_write`), or a named guest without an account."""
    from levelfield.places.access import place_member_ids

    now = now or timezone.now()
    _require_organiser(event, actor, _("Only the event's organisers add people who walked in."))
    guest_name, guest_email = guest_name.strip(), guest_email.strip().lower()
    if person is None and not guest_name:
        raise ValidationError(_("Choose a member or enter the guest's name."))
    with transaction.atomic():
        event = _locked(event)
        if event.is_cancelled or not event.has_started(now):
            raise ValidationError(
                _("People who walked in can be added once the event has started.")
            )
        if person is not None:
            if not place_member_ids(event.place).filter(person_id=person.pk).exists():
                raise ValidationError(
                    _("%(name)s is not a member of the %(kind)s.")
                    % {"name": person.name, "kind": event.place.kind_word}
                )
            if event.registrations.registered().filter(person=person).exists():
                raise ValidationError(
                    _("%(name)s had a place: tick them on the page for marking who came.")
                    % {"name": person.name}
                )
            if WalkIn.objects.filter(event=event, person=person).exists():
                raise ValidationError(
                    _("%(name)s is already recorded as walking in.") % {"name": person.name}
                )
        walk_in = WalkIn.objects.create(
            event=event,
            person=person,
            guest_name="" if person else guest_name,
            guest_email="" if person else guest_email,
            added_by=actor,
            added_at=now,
        )
        change_record(
            actor=actor,
            action="walk_in_added",
            summary=f"{actor.name} recorded that {walk_in.name}"
            + (" (a guest)" if walk_in.is_guest else "")
            + f" came to “{event.title}” without booking",
            subject=event,
            after={"walked in": walk_in.name},
            **event.place.history_scope(),
        )
        if person is not None:
            registrations = list(event.registrations.registered().select_related("person"))
            _involvement_write(event, registrations, actor=actor)
            walk_in.refresh_from_db(fields=["participation"])
    return walk_in


def walk_in_remove(*, walk_in: WalkIn, actor: User) -> None:
    """Take back a walk-in recorded by mistake: a member's time leaves the involvement
    log through the same path, unless they have already claimed it."""
    event = walk_in.event
    _require_organiser(event, actor, _("Only the event's organisers remove people who walked in."))
    with transaction.atomic():
        event = _locked(event)
        walk_in = WalkIn.objects.filter(pk=walk_in.pk, event=event).first()
        if walk_in is None:
            return
        if walk_in.participation_id and hasattr(walk_in.participation, "claim_line"):
            raise ValidationError(
                _("%(name)s has already claimed for this event, so it stays recorded.")
                % {"name": walk_in.name}
            )
        name = walk_in.name
        walk_in.delete()
        change_record(
            actor=actor,
            action="walk_in_removed",
            summary=f"{actor.name} removed {name} from the people who walked in to "
            f"“{event.title}”",
            subject=event,
            before={"walked in": name},
            **event.place.history_scope(),
        )
        if walk_in.person_id is not None and event.involvement_entry_id:
            registrations = list(event.registrations.registered().select_related("person"))
            _involvement_write(event, registrations, actor=actor)


def minutes_save(
    *, event: Event, actor: User, text: str, now: datetime.datetime | None = None
) -> Minutes:
    """Write or change the draft minutes; refused once they are agreed."""
    now = now or timezone.now()
    _require_organiser(event, actor, _("Only the event's organisers write the minutes."))
    with transaction.atomic():
        _locked(event)
        minutes = Minutes.objects.select_for_update().filter(event=event).first()
        if minutes is not None and minutes.is_agreed:
            raise ValidationError(_("The minutes are agreed, so they cannot change."))
        first = minutes is None
        if minutes is None:
            minutes = Minutes(event=event)
        minutes.text = text.strip()
        minutes.written_by = actor
        minutes.updated_at = now
        minutes.save()
        _shown_changed(event)
        change_record(
            actor=actor,
            action="minutes_drafted" if first else "minutes_changed",
            summary=f"{actor.name} {'drafted' if first else 'changed'} the minutes of "
            f"“{event.title}”",
            subject=event,
            **event.place.history_scope(),
        )
    return minutes


def minutes_ready(*, event: Event, actor: User, now: datetime.datetime | None = None) -> Minutes:
    """Ask the people who came to comment on the draft: each is told once (by email as
    they chose, after the change commits), with a link to the minutes. Asking again
    tells nobody twice."""
    now = now or timezone.now()
    _require_organiser(
        event, actor, _("Only the event's organisers ask for comments on the minutes.")
    )
    with transaction.atomic():
        minutes = Minutes.objects.select_for_update().filter(event=event).first()
        if minutes is None or not minutes.text:
            raise ValidationError(_("Write the minutes before asking for comments."))
        if minutes.is_agreed:
            raise ValidationError(_("The minutes are agreed, so comments have closed."))
        if minutes.ready_at is not None:
            return minutes
        minutes.ready_at = now
        minutes.save(update_fields=["ready_at"])
        _shown_changed(event)
        change_record(
            actor=actor,
            action="minutes_ready",
            summary=f"{actor.name} asked the people who came to comment on the minutes of "
            f"“{event.title}”",
            subject=event,
            **event.place.history_scope(),
        )
        path = reverse("events:minutes", args=[event.pk])
        notifications_send_each(
            kind="event_minutes_ready",
            people=access.people_who_came(event).exclude(pk=actor.pk).order_by("pk"),
            context_for=lambda person: {"event": event, "asked_by": actor},
            url=path,
            now=now,
        )
    return minutes


def minutes_comment(
    *, event: Event, person: User, text: str, now: datetime.datetime | None = None
) -> MinutesComment:
    """A comment on the draft minutes by someone who came, or an organiser."""
    now = now or timezone.now()
    if not (access.is_organiser(event, person) or access.came_to(event, person)):
        raise PermissionDenied(_("Only people who came can comment on the minutes."))
    if not text.strip():
        raise ValidationError(_("Enter your comment."))
    with transaction.atomic():
        minutes = Minutes.objects.select_for_update().filter(event=event).first()
        if minutes is None:
            raise ValidationError(_("There are no minutes to comment on yet."))
        if minutes.is_agreed:
            raise ValidationError(_("The minutes are agreed, so comments have closed."))
        comment = MinutesComment.objects.create(
            minutes=minutes, author=person, text=text.strip(), created_at=now
        )
    return comment


def minutes_agree(*, event: Event, actor: User, now: datetime.datetime | None = None) -> Minutes:
    """Agree the minutes: from now on they do not change and comments are closed."""
    now = now or timezone.now()
    _require_organiser(event, actor, _("Only the event's organisers agree the minutes."))
    with transaction.atomic():
        minutes = Minutes.objects.select_for_update().filter(event=event).first()
        if minutes is None or not minutes.text:
            raise ValidationError(_("Write the minutes before agreeing them."))
        if minutes.is_agreed:
            return minutes
        minutes.agreed_at = now
        minutes.agreed_by = actor
        minutes.save(update_fields=["agreed_at", "agreed_by"])
        _shown_changed(event)
        change_record(
            actor=actor,
            action="minutes_agreed",
            summary=f"{actor.name} agreed the minutes of “{event.title}”",
            subject=event,
            after={"agreed": now.isoformat(), "comments": str(minutes.comments.count())},
            **event.place.history_scope(),
        )
    return minutes


def breakout_record(
    *,
    event: Event,
    actor: User,
    name: str,
    themes: str,
    now: datetime.datetime | None = None,
) -> BreakoutGroup:
    """A breakout group's themes, from someone who came or an organiser, once the
    meeting has started."""
    now = now or timezone.now()
    if not (access.is_organiser(event, actor) or access.came_to(event, actor)):
        raise PermissionDenied(_("Only people who came can record a group's themes."))
    if not event.has_started(now):
        raise ValidationError(_("Themes can be recorded once the meeting has started."))
    if not name.strip() or not themes.strip():
        raise ValidationError(_("Enter the group's name and its themes."))
    with transaction.atomic():
        group = BreakoutGroup.objects.create(
            event=event,
            name=name.strip(),
            themes=themes.strip(),
            recorded_by=actor,
            recorded_at=now,
        )
        change_record(
            actor=actor,
            action="breakout_recorded",
            summary=f"{actor.name} recorded the themes of “{group.name}” at “{event.title}”",
            subject=event,
            **event.place.history_scope(),
        )
    return group
