"""Pages for events: the list, an event and its agenda, places, the organisers' pages,
the public page and a guest's own place, calendars, and making an event from a time poll.

Every page starts with a helper from `access.py`; the services re-check the actor.
"""

from __future__ import annotations

import datetime
import functools
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Exists, OuterRef, QuerySet
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from levelfield.decisions.access import decision_for_member
from levelfield.events import access, listing, services, voice
from levelfield.events.calendar import calendar_bytes
from levelfield.events.forms import (
    AgendaArrangeForm,
    AgendaItemForm,
    AttendanceForm,
    BreakoutForm,
    CancelEventForm,
    EventForm,
    FeedbackForm,
    FilterForm,
    FromDecisionForm,
    GuestForm,
    MaterialForm,
    MemberSearchForm,
    MinutesCommentForm,
    MinutesForm,
    NotesForm,
    RegistrationForm,
    WalkInForm,
    audience_default,
    event_initial,
)
from levelfield.events.models import (
    AgendaItem,
    AgendaStatus,
    AgendaSupport,
    BreakoutGroup,
    CalendarFeed,
    Event,
    Minutes,
    MinutesComment,
    Registration,
    RegistrationStatus,
    WalkIn,
)
from levelfield.lib import cache as lib_cache
from levelfield.lib.forms import posted, posted_files
from levelfield.lib.paging import page_or_404
from levelfield.people.models import User
from levelfield.places.access import place_member_ids
from levelfield.places.models import Place, PlaceKind
from levelfield.translations.shown import shown_for

PAGE_SIZE = 25


def _error_text(error: ValidationError) -> str:
    return " ".join(error.messages)


# The list


@functools.lru_cache(maxsize=8)
def _empty_filters(language: str) -> SafeString:
    """The list's filter fields before anyone filters: the same for every person reading
    in `language`, so rendered once per process and language rather than on every
    request (the four widgets were a tenth of the list's time)."""
    return render_to_string("events/includes/list_filters.html", {"form": FilterForm()})


@login_required
@require_safe
def event_list(request: HttpRequest) -> HttpResponse:
    """Events the person may join, coming up or past, filtered by kind, format, topic."""
    form = FilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    now = timezone.now()
    events = access.events_for(request.user)
    if filters.get("kind"):
        events = events.filter(kind=filters["kind"])
    if filters.get("format"):
        events = events.filter(format=filters["format"])
    if filters.get("topic"):
        events = events.filter(topics__icontains=filters["topic"])
    past = filters.get("when") == "past"
    events = events.past(now) if past else events.upcoming(now)
    page = listing.events_page(request, events, request.user, PAGE_SIZE)
    listing.rows_prepare(page.object_list, past=past)
    return render(
        request,
        "events/list.html",
        {
            "form": form,
            "empty_filters": "" if form.is_bound else _empty_filters(get_language()),
            "page": page,
            "past": past,
            "now": now,
        },
    )


@login_required
@require_safe
def place_events(request: HttpRequest, place_pk: int) -> HttpResponse:
    """A place's meetings and events (a collective's, a group's or a project's), coming
    up or past, for its members."""
    place = access.place_for_events(request.user, place_pk)
    now = timezone.now()
    past = request.GET.get("when") == "past"
    events = Event.objects.in_place(place)
    events = events.past(now) if past else events.upcoming(now)
    mine = Registration.objects.active().filter(event=OuterRef("pk"), person=request.user)
    events = events.annotate(
        has_place=Exists(mine.filter(status=RegistrationStatus.REGISTERED)),
        is_waiting=Exists(mine.filter(status=RegistrationStatus.WAITING)),
    )
    page = page_or_404(request, events, PAGE_SIZE)
    return render(
        request,
        "events/place_list.html",
        {"place": place, "page": page, "past": past, "now": now},
    )


# Planning and changing events


def _place_from_query(request: HttpRequest) -> Place:
    """The place an event is planned in: `?place=<pk>`. Links from before places
    (`?project=<pk>`, `?collective=<slug>`) still work: they name the project's place or
    the collective's own place. 404 unless the person is a member of it."""
    if "place" in request.GET:
        return access.place_for_events(request.user, request.GET["place"], organise=True)
    project_pk = request.GET.get("project", "")
    slug = request.GET.get("collective", "")
    places = Place.objects.values_list("pk", flat=True)
    if project_pk.isdigit():
        pk = places.filter(project_id=int(project_pk)).first()
    elif slug:
        pk = places.filter(kind=PlaceKind.COLLECTIVE, collective__slug=slug).first()
    else:
        raise Http404("Plan an event from a collective's, a group's or a project's page.")
    return access.place_for_events(request.user, pk, organise=True)


@login_required
def event_create(request: HttpRequest) -> HttpResponse:
    place = _place_from_query(request)
    form = EventForm(
        posted(request),
        place=place,
        besides=request.user,
        initial={"audience": audience_default(place)},
    )
    if request.method == "POST" and form.is_valid():
        try:
            event = services.event_create(
                place=place,
                actor=request.user,
                values=form.values(),
                organisers=form.members_chosen("organisers"),
                repeat=form.cleaned_data.get("repeat", ""),
                repeat_until=form.cleaned_data.get("repeat_until"),
            )
        except ValidationError as error:
            form.add_error(None, _error_text(error))
        else:
            if event.series_id:
                count = event.series.events.count()
                messages.success(
                    request,
                    _("“%(title)s” is planned: %(count)s dates so far.")
                    % {"title": event.title, "count": count},
                )
            else:
                messages.success(request, _("“%(title)s” is planned.") % {"title": event.title})
            return redirect(event)
    return render(request, "events/form.html", {"form": form, "place": place})


@login_required
def event_edit(request: HttpRequest, pk: int) -> HttpResponse:
    event = access.event_for_organiser(request.user, pk)
    form = EventForm(
        posted(request),
        place=event.place,
        besides=request.user,
        editing=event,
        initial=event_initial(event),
    )
    if request.method == "POST" and form.is_valid():
        # The form offers organisers "besides you": saving it keeps you one.
        organisers = form.members_chosen("organisers")
        if request.user.pk in form.initial["organisers"]:  # read by `event_initial`
            organisers.append(request.user)
        try:
            changed = services.event_update(
                event=event,
                actor=request.user,
                values=form.values(),
                organisers=organisers,
                all_future=form.cleaned_data.get("scope") == "future",
            )
        except ValidationError as error:
            form.add_error(None, _error_text(error))
        else:
            if len(changed) > 1:
                messages.success(
                    request,
                    _("%(count)s dates of “%(title)s” changed.")
                    % {"count": len(changed), "title": event.title},
                )
            else:
                messages.success(request, _("The event is changed."))
            return redirect(event)
    return render(
        request,
        "events/form.html",
        {"form": form, "event": event, "place": event.place},
    )


@login_required
def event_cancel(request: HttpRequest, pk: int) -> HttpResponse:
    event = access.event_for_organiser(request.user, pk)
    form = CancelEventForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            services.event_cancel(
                event=event, actor=request.user, reason=form.cleaned_data["reason"]
            )
        except ValidationError as error:
            form.add_error(None, _error_text(error))
        else:
            messages.success(request, _("The event is cancelled and everyone is told."))
            return redirect(event)
    return render(
        request, "events/cancel.html", {"event": event, "place": event.place, "form": form}
    )


# One event


@login_required
@require_safe
def event_detail(request: HttpRequest, pk: int) -> HttpResponse:
    # In the reader's language where a member translated it (at most one query).
    translated = shown_for(request, access.event_page_for_member(request.user, pk))
    # Whether the reader may translate it (a member of its place) was read with it.
    translated.may_translate = (
        translated.declared is not None and translated.original.is_place_member
    )
    event = translated.obj
    now = timezone.now()
    registration = event.mine
    kept = _kept(event)
    organisers = kept["events:organisers"]
    organiser = access.is_organiser(
        event, request.user, organisers, coordinator=event.is_coordinator
    )
    items = kept["events:agenda"]
    context = {
        "event": event,
        "place": event.place,
        "now": now,
        "registration": registration,
        "position": services.waiting_position(registration) if registration else None,
        "is_organiser": organiser,
        "organisers": organisers,
        "agenda": [item for item in items if item["status"] == AgendaStatus.TAKEN],
        "proposed_count": sum(1 for item in items if item["status"] != AgendaStatus.TAKEN),
        "sees_link": organiser or (registration is not None and registration.has_place),
        "series_dates": _series_dates(event, now),
        "attendance": voice.attendance_by_perspective(event)
        if event.attendance_recorded_at
        else [],
        "feedback": voice.feedback_summary(event) if event.has_ended(now) else None,
        "may_give_feedback": registration is not None
        and registration.has_place
        and registration.attended is not False
        and not registration.feedback_given
        and event.feedback_open(now),
        "public_url": request.build_absolute_uri(
            reverse("events:public", args=[event.public_code])
        )
        if event.is_public
        else "",
        "registration_open": event.registration_open(now),
        "started": event.has_started(now),
        "translated": translated,
    } | _meeting_context(event, request.user, kept, organiser=organiser, registration=registration)
    return render(request, "events/detail.html", context)


# How long an event's page keeps its pieces at one `shown_version`: what the version does
# not see (an organiser who renamed themselves or was erased) shows within this.
KEPT_SECONDS = 10 * 60

# Who sees which of a meeting's materials (`access.materials_visible`), as kept.
_MATERIALS_SEEN_BY = {
    "organisers": {"organiser": True, "has_place": False},
    "places": {"organiser": False, "has_place": True},
    "everyone": {"organiser": False, "has_place": False},
}


def _kept(event: Event) -> dict[str, Any]:
    """The parts of an event's page that are the same for everyone who may see it (its
    organisers, agenda, materials for each kind of reader, and minutes), kept per its
    `shown_version`, which every service changing them moves in its transaction: one
    round trip to the cache instead of four queries on the busiest page of events."""
    version = (event.pk, event.shown_version)
    return lib_cache.versioned_many(
        [
            (
                "events:organisers",
                version,
                lambda _kept: list(event.organisers.only("id", "display_name", "email")),
            ),
            (
                "events:agenda",
                version,
                lambda _kept: list(
                    AgendaItem.objects.filter(event=event)
                    .order_by("position", "created_at", "id")
                    .values("title", "reason", "status")
                ),
            ),
            (
                "events:materials",
                version,
                lambda _kept: {
                    readers: list(access.materials_visible(event, **seen))
                    for readers, seen in _MATERIALS_SEEN_BY.items()
                },
            ),
            (
                "events:minutes",
                version,
                lambda _kept: (
                    Minutes.objects.filter(event=event)
                    .select_related("agreed_by")
                    .only(
                        "event",
                        "text",
                        "agreed_at",
                        "agreed_by__display_name",
                        "agreed_by__email",
                    )
                    .first()
                ),
            ),
        ],
        seconds=KEPT_SECONDS,
    )


def _meeting_context(
    event: Event,
    person: User,
    kept: dict[str, Any],
    *,
    organiser: bool,
    registration: Registration | None,
) -> dict[str, Any]:
    """The meeting's materials, minutes and breakout themes as this person may see them
    (whether they walked in was read with the event; the materials and minutes kept)."""
    walked_in = event.walked_in
    has_place = walked_in or (registration is not None and registration.has_place)
    came = access.came_to(event, person, registration, walked_in=walked_in)
    minutes = kept["events:minutes"]
    readers = "organisers" if organiser else "places" if has_place else "everyone"
    return {
        "materials": kept["events:materials"][readers],
        "minutes": minutes,
        "reads_draft_minutes": minutes is not None and (organiser or came),
        "walked_in": walked_in,
        "breakouts": list(BreakoutGroup.objects.filter(event=event)) if organiser or came else [],
        "may_record_themes": organiser or came,
    }


def _series_dates(event: Event, now: Any) -> list[Event]:
    if not event.series_id:
        return []
    return list(
        Event.objects.filter(series_id=event.series_id, ends_at__gt=now)
        .exclude(pk=event.pk)
        .order_by("starts_at")[:6]
    )


def _agenda_items(event: Event, person: User) -> list[AgendaItem]:
    return list(
        AgendaItem.objects.filter(event=event)
        .select_related("proposed_by")
        .annotate(
            support_count=Count("supports"),
            supported=Exists(AgendaSupport.objects.filter(item=OuterRef("pk"), person=person)),
        )
        .order_by("position", "created_at", "id")
    )


@login_required
def event_register(request: HttpRequest, pk: int) -> HttpResponse:
    event = access.event_for_member(request.user, pk)
    form = RegistrationForm(
        posted(request),
        # A posted form shows what was posted, so its first perspective is not asked.
        initial={} if request.method == "POST" else _registration_initial(request.user),
        profile_needs=request.user.access_needs,
    )
    if request.method == "POST" and form.is_valid():
        try:
            registration = services.registration_create(
                event=event, person=request.user, **_registration_values(form)
            )
        except ValidationError as error:
            form.add_error(None, _error_text(error))
        else:
            if registration.has_place:
                messages.success(request, _("You have a place. We have emailed you the details."))
            else:
                messages.success(request, _("The event is full, so you are on the waiting list."))
            return redirect(event)
    return render(
        request,
        "events/register.html",
        {
            "event": event,
            "place": event.place,
            "form": form,
            "fields": _registration_fields(form),
            "registration_open": event.registration_open(timezone.now()),
        },
    )


# How long the fields of the empty form are kept (they change only with the code).
FIELDS_SECONDS = 60 * 60


def _registration_fields(form: RegistrationForm) -> SafeString | str:
    """The empty form's fields, the same for everyone who brings the same first
    perspective (the form's only starting value) and reads in the same language: kept
    for a digest of it rather than rendered each time (a quarter of the page's CPU).
    "" for a posted form (its values and errors are the person's) and for a person
    whose profile has access needs (the fields quote them: not kept in the shared
    cache); the template renders those."""
    if form.is_bound or form.profile_needs:
        return ""

    def render() -> str:
        return render_to_string("events/includes/registration_fields.html", {"form": form})

    shown = (form.initial.get("perspective", ""),)
    [html] = lib_cache.digested_many(
        "events:registration-fields", [(shown, render)], seconds=FIELDS_SECONDS
    )
    return mark_safe(html)  # noqa: S308 -- rendered by the template, which escapes


def _registration_initial(person: User) -> dict[str, Any]:
    first = person.perspectives.first()
    return {"perspective": first.kind if first else ""}


def _registration_values(form: RegistrationForm) -> dict[str, Any]:
    data = form.cleaned_data
    return {
        "perspective": data.get("perspective", ""),
    } | form.access_values()


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def registration_cancel(request: HttpRequest, pk: int) -> HttpResponse:
    """Giving up a place asks to confirm on its own page first: it cannot be undone, and the
    place may go to the next person waiting."""
    # Their place, read with the event (one query): having one is enough to see it.
    registration = access.registration_at(request.user, pk)
    event = registration.event if registration else access.event_for_member(request.user, pk)
    if request.method == "POST":
        if registration is None:
            messages.info(request, _("You do not have a place at this event."))
            return redirect(event)
        try:
            services.registration_cancel(registration=registration)
        except ValidationError as error:
            messages.error(request, _error_text(error))
        else:
            messages.success(request, _("Your place is cancelled. Thank you for letting us know."))
        return redirect(event)
    return render(
        request,
        "events/leave.html",
        {"event": event, "place": event.place, "registration": registration},
    )


@login_required
@require_safe
def event_ics(request: HttpRequest, pk: int) -> HttpResponse:
    event = access.event_for_member(request.user, pk)
    registration = access.registration_of(event, request.user)
    sees_link = access.is_organiser(event, request.user) or (
        registration is not None and registration.has_place
    )
    body = calendar_bytes([event], with_link={event.pk} if sees_link else set())
    return _calendar_response(body, f"event-{event.pk}.ics")


def _calendar_response(body: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


# The organisers' pages


@login_required
@require_safe
def event_people(request: HttpRequest, pk: int) -> HttpResponse:
    """Who is coming and what they need: only for the organisers."""
    event = access.event_for_organiser(request.user, pk)
    registrations = list(
        event.registrations.active()
        .select_related("person")
        .order_by("status", "waiting_since", "registered_at", "id")
    )
    return render(
        request,
        "events/people.html",
        {
            "event": event,
            "place": event.place,
            "registered": [r for r in registrations if r.has_place],
            "waiting": [r for r in registrations if r.is_waiting],
            "needs": voice.access_need_totals(r for r in registrations if r.has_place),
        },
    )


@login_required
def agenda_arrange(request: HttpRequest, pk: int) -> HttpResponse:
    event = access.event_for_organiser(request.user, pk)
    items = _agenda_items(event, request.user)
    form = AgendaArrangeForm(posted(request), items=items)
    if request.method == "POST" and form.is_valid():
        choices = [
            services.AgendaChoice(
                item=item,
                status=form.cleaned_data[f"status_{item.pk}"],
                position=form.cleaned_data[f"position_{item.pk}"],
                reason=form.cleaned_data[f"reason_{item.pk}"],
            )
            for item in items
        ]
        try:
            services.agenda_arrange(event=event, actor=request.user, choices=choices)
        except ValidationError as error:
            form.add_error(None, _error_text(error))
        else:
            messages.success(request, _("The agenda is arranged."))
            return redirect("events:agenda", pk=event.pk)
    return render(
        request, "events/arrange.html", {"event": event, "place": event.place, "form": form}
    )


@login_required
def attendance(request: HttpRequest, pk: int) -> HttpResponse:
    event = access.event_for_organiser(request.user, pk)
    registrations = list(event.registrations.registered().select_related("person"))
    came = [
        str(r.pk)
        for r in registrations
        if r.attended or (r.attended is None and r.attendance_confirmed_at)
    ]
    form = AttendanceForm(posted(request), registrations=registrations, initial={"attended": came})
    if request.method == "POST" and form.is_valid():
        try:
            services.attendance_record(
                event=event,
                actor=request.user,
                attended={int(pk) for pk in form.cleaned_data["attended"]},
            )
        except ValidationError as error:
            form.add_error(None, _error_text(error))
        else:
            messages.success(
                request,
                _("Attendance is saved in the %(kind)s's involvement log.")
                % {"kind": event.place.kind_word},
            )
            return redirect(event)
    return render(
        request,
        "events/attendance.html",
        {
            "event": event,
            "place": event.place,
            "form": form,
            "started": event.has_started(timezone.now()),
        },
    )


@login_required
def notes(request: HttpRequest, pk: int) -> HttpResponse:
    event = access.event_for_organiser(request.user, pk)
    form = NotesForm(posted(request), initial={"notes": event.notes})
    if request.method == "POST" and form.is_valid():
        services.event_notes_publish(
            event=event, actor=request.user, notes=form.cleaned_data["notes"]
        )
        messages.success(request, _("The notes are published."))
        return redirect(event)
    return render(
        request, "events/notes.html", {"event": event, "place": event.place, "form": form}
    )


# The agenda, attendance and feedback, for everyone at the event


@login_required
def agenda(request: HttpRequest, pk: int) -> HttpResponse:
    event = access.event_for_member(request.user, pk)
    now = timezone.now()
    registration = access.registration_of(event, request.user)
    organiser = access.is_organiser(event, request.user)
    may_shape = (registration is not None and registration.has_place) or organiser
    form = AgendaItemForm(posted(request))
    if request.method == "POST":
        if not may_shape:
            raise PermissionDenied(_("Take a place at the event to add to its agenda."))
        if form.is_valid():
            try:
                services.agenda_item_propose(
                    event=event, person=request.user, **form.cleaned_data, now=now
                )
            except ValidationError as error:
                form.add_error(None, _error_text(error))
            else:
                messages.success(request, _("Your item is on the list of proposals."))
                return redirect("events:agenda", pk=event.pk)
    items = _agenda_items(event, request.user)
    return render(
        request,
        "events/agenda.html",
        {
            "event": event,
            "place": event.place,
            "form": form,
            "items": items,
            "taken": [i for i in items if i.status == AgendaStatus.TAKEN],
            "proposed": [i for i in items if i.status == AgendaStatus.PROPOSED],
            "not_taken": [i for i in items if i.status == AgendaStatus.NOT_TAKEN],
            "by_perspective": voice.agenda_by_perspective(items),
            "may_shape": may_shape and not event.has_started(now) and not event.is_cancelled,
            "is_organiser": organiser,
            "now_started": event.has_started(now),
        },
    )


@login_required
@require_POST
def agenda_support(request: HttpRequest, pk: int, item_pk: int) -> HttpResponse:
    event = access.event_for_member(request.user, pk)
    item = access.agenda_item_in(event, item_pk)
    item.event = event
    try:
        supported = services.agenda_support_toggle(item=item, person=request.user)
    except ValidationError as error:
        messages.error(request, _error_text(error))
    else:
        messages.success(
            request,
            _("You support “%(title)s”.") % {"title": item.title}
            if supported
            else _("You no longer support “%(title)s”.") % {"title": item.title},
        )
    return redirect("events:agenda", pk=event.pk)


@login_required
@require_POST
def attendance_confirm(request: HttpRequest, pk: int) -> HttpResponse:
    event = access.event_for_member(request.user, pk)
    registration = access.registration_of(event, request.user)
    if registration is None:
        raise Http404("You do not have a place at this event.")
    registration.event = event
    try:
        services.attendance_confirm(registration=registration)
    except ValidationError as error:
        messages.error(request, _error_text(error))
    else:
        messages.success(request, _("Thank you. The organisers will confirm it."))
    return redirect(event)


@login_required
def feedback(request: HttpRequest, pk: int) -> HttpResponse:
    event = access.event_for_member(request.user, pk)
    registration = access.registration_of(event, request.user)
    if registration is None or not registration.has_place:
        raise Http404("Only people who had a place give feedback.")
    form = FeedbackForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            services.feedback_give(registration=registration, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, _error_text(error))
        else:
            messages.success(request, _("Thank you for your feedback."))
            return redirect(event)
    return render(
        request,
        "events/feedback.html",
        {
            "event": event,
            "place": event.place,
            "form": form,
            "given": registration.feedback_given,
            "started": event.has_started(timezone.now()),
            "closed": not event.feedback_open(timezone.now()),
        },
    )


# The public page and guests


@require_http_methods(["GET", "HEAD", "POST"])
def public_page(request: HttpRequest, code: str) -> HttpResponse:
    """An "anyone with the link" event, with no log-in: guests take a place here."""
    translated = shown_for(request, access.event_public(code))
    event = translated.obj
    now = timezone.now()
    signed_in = request.user.is_authenticated
    registration = access.registration_of(event, request.user) if signed_in else None
    form_class = RegistrationForm if signed_in else GuestForm
    form = form_class(
        posted(request), profile_needs=request.user.access_needs if signed_in else ""
    )
    if request.method == "POST" and form.is_valid():
        values = _registration_values(form)
        if not signed_in:
            values |= {
                "guest_name": form.cleaned_data["guest_name"],
                "guest_email": form.cleaned_data["guest_email"],
            }
        try:
            created = services.registration_create(
                event=event, person=request.user if signed_in else None, **values
            )
        except ValidationError as error:
            form.add_error(None, _error_text(error))
        else:
            if created.has_place:
                messages.success(request, _("You have a place. We have emailed you the details."))
            else:
                messages.success(request, _("The event is full, so you are on the waiting list."))
            if signed_in:
                return redirect(event)
            return redirect("events:public", code=code)
    return render(
        request,
        "events/public.html",
        {
            "event": event,
            "place": event.place,
            "form": form,
            "registration": registration,
            "registration_open": event.registration_open(now),
            "now": now,
            "translated": translated,
        },
    )


@require_safe
def public_ics(request: HttpRequest, code: str) -> HttpResponse:
    event = access.event_public(code)
    return _calendar_response(
        calendar_bytes([event], with_link=set(), public=True), f"event-{event.pk}.ics"
    )


@require_safe
def guest(request: HttpRequest, token: str) -> HttpResponse:
    registration = access.registration_for_guest(token)
    return render(
        request,
        "events/guest.html",
        {
            "registration": registration,
            "event": registration.event,
            "token": token,
            "position": services.waiting_position(registration),
            "now": timezone.now(),
        },
    )


@require_http_methods(["GET", "HEAD", "POST"])
def guest_cancel(request: HttpRequest, token: str) -> HttpResponse:
    """A guest gives up their place from their own link, after confirming on its own
    page (the place may go to the next person waiting)."""
    registration = access.registration_for_guest(token)
    if request.method != "POST":
        waiting = registration.is_waiting
        context = {
            "caption": registration.event.title,
            "question": _("Leave the waiting list?") if waiting else _("Cancel your place?"),
            "explanation": _("You can take a place again later if there is one.")
            if waiting
            else _(
                "Your place may go to someone on the waiting list. You can take a place "
                "again later if there is still one."
            ),
            "button": _("Yes, leave the waiting list") if waiting else _("Yes, cancel my place"),
            "back_url": reverse("events:guest", args=[token]),
            "back_text": _("No, keep my place") if not waiting else _("No, stay on the list"),
        }
        return render(request, "confirm.html", context)
    try:
        services.registration_cancel(registration=registration)
    except ValidationError as error:
        messages.error(request, _error_text(error))
    else:
        messages.success(request, _("Your place is cancelled. Thank you for letting us know."))
    return redirect("events:guest", token=token)


@require_safe
def guest_ics(request: HttpRequest, token: str) -> HttpResponse:
    registration = access.registration_for_guest(token)
    event = registration.event
    with_link = {event.pk} if registration.has_place else set()
    return _calendar_response(
        calendar_bytes([event], with_link=with_link, public=True), f"event-{event.pk}.ics"
    )


# Calendars


@login_required
@require_safe
def calendar_page(request: HttpRequest) -> HttpResponse:
    feed = CalendarFeed.objects.filter(person=request.user).first()
    feed_url = (
        request.build_absolute_uri(reverse("events:feed", args=[feed.token])) if feed else ""
    )
    return render(request, "events/calendar.html", {"feed": feed, "feed_url": feed_url})


@login_required
@require_POST
def calendar_reset(request: HttpRequest) -> HttpResponse:
    had = CalendarFeed.objects.filter(person=request.user).exists()
    services.calendar_feed_reset(person=request.user)
    messages.success(
        request,
        _("Your calendar has a new address; the old one no longer works.")
        if had
        else _("Your calendar address is ready."),
    )
    return redirect("events:calendar")


@require_safe
def calendar_feed(request: HttpRequest, token: str) -> HttpResponse:
    """A person's private feed: the events they have a place at, from 90 days ago."""
    feed = access.feed_for_token(token)
    since = timezone.now() - datetime.timedelta(days=90)
    events = _events_with_place(feed.person).filter(ends_at__gte=since).order_by("starts_at")
    body = calendar_bytes(
        events, with_link={event.pk for event in events}, name=_("Levelfield events")
    )
    return _calendar_response(body, "levelfield-events.ics")


def _events_with_place(person: User) -> QuerySet[Event]:
    places = Registration.objects.registered().filter(person=person).values("event_id")
    return Event.objects.filter(pk__in=places)


# From a decision


@login_required
def from_decision(request: HttpRequest, pk: int) -> HttpResponse:
    decision = decision_for_member(request.user, pk)
    existing = Event.objects.filter(from_decision=decision).first()
    if existing is not None:
        return redirect(existing)
    outcome = getattr(decision, "outcome", None)
    chosen = outcome.chosen_option if outcome else None
    if chosen is None or chosen.starts_at is None:
        raise Http404("This decision has not chosen a time.")
    form = FromDecisionForm(posted(request), initial={"title": decision.title})
    if request.method == "POST" and form.is_valid():
        try:
            event = services.event_from_decision(
                decision=decision, actor=request.user, values=form.cleaned_data
            )
        except ValidationError as error:
            form.add_error(None, _error_text(error))
        else:
            messages.success(
                request, _("The event is planned and the people who answered are invited.")
            )
            return redirect(event)
    return render(
        request,
        "events/from_decision.html",
        {"decision": decision, "chosen": chosen, "form": form},
    )


# Meetings with their materials


@login_required
def materials(request: HttpRequest, pk: int) -> HttpResponse:
    """The organisers add files (checked by their content) and see every one."""
    event = access.event_for_organiser(request.user, pk)
    form = MaterialForm(posted(request), posted_files(request))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            material = services.material_add(
                event=event,
                actor=request.user,
                upload=data["file"],
                title=data["title"],
                kind=data["kind"],
                visible_to=data["visible_to"],
            )
        except ValidationError as error:
            form.add_error("file", _error_text(error))
        else:
            messages.success(request, _("“%(title)s” is added.") % {"title": material.title})
            return redirect("events:materials", pk=event.pk)
    return render(
        request,
        "events/materials.html",
        {
            "event": event,
            "place": event.place,
            "form": form,
            "materials": list(
                access.materials_visible(event, organiser=True, has_place=True).select_related(
                    "uploaded_by"
                )
            ),
        },
    )


@login_required
@require_safe
def material_file(request: HttpRequest, pk: int, material_pk: int) -> FileResponse:
    """A meeting's file, only for the people it is shown to, as a download of the type
    its content showed (never a public media address)."""
    material = access.material_for_member(request.user, pk, material_pk)
    try:
        handle = material.file.open("rb")
    except FileNotFoundError:
        raise Http404("The file is missing.") from None
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=material.file_name or material.file.name.rsplit("/", 1)[-1],
        content_type=material.file_type or "application/octet-stream",
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def material_remove(request: HttpRequest, pk: int, material_pk: int) -> HttpResponse:
    """Removing a file asks to confirm on its own page: it cannot be undone."""
    material = access.material_for_organiser(request.user, pk, material_pk)
    event = material.event
    if request.method == "POST":
        services.material_remove(material=material, actor=request.user)
        messages.success(request, _("“%(title)s” is removed.") % {"title": material.title})
        return redirect("events:materials", pk=event.pk)
    return render(
        request,
        "confirm.html",
        {
            "caption": event.title,
            "question": _("Remove “%(title)s”?") % {"title": material.title},
            "explanation": _(
                "Nobody will be able to download it any more. You can upload it again later."
            ),
            "button": _("Yes, remove the file"),
            "back_url": reverse("events:materials", args=[event.pk]),
            "back_text": _("No, keep it"),
        },
    )


WALK_IN_MEMBERS_SHOWN = 50
COMMENTS_PAGE_SIZE = 50


@login_required
def walk_ins(request: HttpRequest, pk: int) -> HttpResponse:
    """The organisers record people who came without booking: a member found by name,
    or a guest's name."""
    event = access.event_for_organiser(request.user, pk)
    search = MemberSearchForm(request.GET or None)
    query = search.cleaned_data.get("q", "").strip() if search.is_valid() else ""
    members = User.objects.filter(pk__in=place_member_ids(event.place))
    booked = event.registrations.registered().filter(person__isnull=False).values("person_id")
    already = WalkIn.objects.filter(event=event, person__isnull=False).values("person_id")
    candidates = members.exclude(pk__in=booked).exclude(pk__in=already)
    if query:
        candidates = candidates.filter(display_name__icontains=query)
    shown = list(candidates.order_by("display_name", "pk")[: WALK_IN_MEMBERS_SHOWN + 1])
    form = WalkInForm(posted(request), members=members, shown=shown[:WALK_IN_MEMBERS_SHOWN])
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        member = data["who"] == "member"
        try:
            walk_in = services.walk_in_add(
                event=event,
                actor=request.user,
                person=data["person"] if member else None,
                guest_name="" if member else data["guest_name"],
                guest_email="" if member else data["guest_email"],
            )
        except ValidationError as error:
            form.add_error(None, _error_text(error))
        else:
            messages.success(
                request,
                _("%(name)s is recorded as coming.") % {"name": walk_in.name}
                if walk_in.is_guest
                else _(
                    "%(name)s is recorded as coming. Their time is in the %(kind)s's "
                    "involvement log."
                )
                % {"name": walk_in.name, "kind": event.place.kind_word},
            )
            return redirect("events:walk_ins", pk=event.pk)
    return render(
        request,
        "events/walk_ins.html",
        {
            "event": event,
            "place": event.place,
            "form": form,
            "search": search,
            "query": query,
            "more": len(shown) > WALK_IN_MEMBERS_SHOWN,
            "walk_ins": list(
                WalkIn.objects.filter(event=event).select_related("person", "added_by")
            ),
            "started": event.has_started(timezone.now()),
        },
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def walk_in_remove(request: HttpRequest, pk: int, walk_in_pk: int) -> HttpResponse:
    """Removing someone who walked in asks to confirm: a member's time leaves the log."""
    walk_in = access.walk_in_for_organiser(request.user, pk, walk_in_pk)
    event = walk_in.event
    if request.method == "POST":
        try:
            services.walk_in_remove(walk_in=walk_in, actor=request.user)
        except ValidationError as error:
            messages.error(request, _error_text(error))
        else:
            messages.success(request, _("%(name)s is removed.") % {"name": walk_in.name})
        return redirect("events:walk_ins", pk=event.pk)
    return render(
        request,
        "confirm.html",
        {
            "caption": event.title,
            "question": _("Remove %(name)s?") % {"name": walk_in.name},
            "explanation": _(
                "Only if they did not come: they will no longer be recorded as coming."
            )
            if walk_in.is_guest
            else _(
                "Only if they did not come: they will no longer be recorded as coming, "
                "and their time leaves the %(kind)s's involvement log."
            )
            % {"kind": event.place.kind_word},
            "button": _("Yes, remove them"),
            "back_url": reverse("events:walk_ins", args=[event.pk]),
            "back_text": _("No, keep them"),
        },
    )


def _minutes_or_404(event: Event, person: User, *, organiser: bool) -> Minutes:
    """The event's minutes, if `person` may read them: agreed minutes for everyone who
    can see the event; a draft for the organisers and the people who came."""
    minutes = Minutes.objects.filter(event=event).select_related("agreed_by").first()
    if minutes is None:
        raise Http404("There are no minutes yet.")
    if not minutes.is_agreed and not (organiser or access.came_to(event, person)):
        raise Http404("There are no minutes yet.")
    return minutes


@login_required
def minutes(request: HttpRequest, pk: int) -> HttpResponse:
    """The minutes and their comments; people who came comment until they are agreed."""
    event = access.event_for_member(request.user, pk)
    organiser = access.is_organiser(event, request.user)
    record = _minutes_or_404(event, request.user, organiser=organiser)
    may_comment = not record.is_agreed and (organiser or access.came_to(event, request.user))
    form = MinutesCommentForm(posted(request))
    if request.method == "POST":
        if not may_comment:
            raise PermissionDenied(_("Comments on these minutes are closed."))
        if form.is_valid():
            try:
                services.minutes_comment(
                    event=event, person=request.user, text=form.cleaned_data["text"]
                )
            except ValidationError as error:
                form.add_error(None, _error_text(error))
            else:
                messages.success(request, _("Your comment is added."))
                return redirect("events:minutes", pk=event.pk)
    return render(
        request,
        "events/minutes.html",
        {
            "event": event,
            "place": event.place,
            "minutes": record,
            "comments": page_or_404(
                request,
                MinutesComment.objects.filter(minutes=record).select_related("author"),
                COMMENTS_PAGE_SIZE,
            ),
            "form": form,
            "may_comment": may_comment,
            "is_organiser": organiser,
        },
    )


@login_required
def minutes_write(request: HttpRequest, pk: int) -> HttpResponse:
    event = access.event_for_organiser(request.user, pk)
    record = Minutes.objects.filter(event=event).first()
    if record is not None and record.is_agreed:
        messages.info(request, _("The minutes are agreed, so they cannot change."))
        return redirect("events:minutes", pk=event.pk)
    form = MinutesForm(posted(request), initial={"text": record.text if record else ""})
    if request.method == "POST" and form.is_valid():
        ask = "ready" in request.POST
        try:
            services.minutes_save(event=event, actor=request.user, text=form.cleaned_data["text"])
            if ask:
                services.minutes_ready(event=event, actor=request.user)
        except ValidationError as error:
            form.add_error(None, _error_text(error))
        else:
            messages.success(
                request,
                _(
                    "The draft minutes are saved, and the people who came are asked by email "
                    "to comment."
                )
                if ask
                else _("The draft minutes are saved. The people who came can comment."),
            )
            return redirect("events:minutes", pk=event.pk)
    return render(
        request,
        "events/minutes_write.html",
        {"event": event, "place": event.place, "form": form, "minutes": record},
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def minutes_agree(request: HttpRequest, pk: int) -> HttpResponse:
    """Agreeing the minutes asks to confirm: they are frozen and comments close."""
    event = access.event_for_organiser(request.user, pk)
    record = Minutes.objects.filter(event=event).first()
    if record is None:
        raise Http404("There are no minutes yet.")
    if request.method == "POST":
        try:
            services.minutes_agree(event=event, actor=request.user)
        except ValidationError as error:
            messages.error(request, _error_text(error))
        else:
            messages.success(request, _("The minutes are agreed."))
        return redirect("events:minutes", pk=event.pk)
    if record.is_agreed:
        return redirect("events:minutes", pk=event.pk)
    count = record.comments.count()
    return render(
        request,
        "confirm.html",
        {
            "caption": event.title,
            "question": _("Agree the minutes?"),
            "explanation": ngettext(
                "Once agreed, the minutes cannot change and comments close. They have "
                "%(count)s comment. Everyone who can see the event will be able to read them.",
                "Once agreed, the minutes cannot change and comments close. They have "
                "%(count)s comments. Everyone who can see the event will be able to read them.",
                count,
            )
            % {"count": count},
            "button": _("Yes, agree the minutes"),
            "back_url": reverse("events:minutes", args=[event.pk]),
            "back_text": _("No, go back to the draft"),
        },
    )


@login_required
def breakouts(request: HttpRequest, pk: int) -> HttpResponse:
    """Breakout groups' themes: recorded by people who came and shown to all of them."""
    event = access.event_for_member(request.user, pk)
    organiser = access.is_organiser(event, request.user)
    if not (organiser or access.came_to(event, request.user)):
        raise Http404("Only people who came see the groups' themes.")
    started = event.has_started(timezone.now())
    form = BreakoutForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            services.breakout_record(event=event, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, _error_text(error))
        else:
            messages.success(request, _("The group's themes are recorded for everyone who came."))
            return redirect("events:breakouts", pk=event.pk)
    return render(
        request,
        "events/breakouts.html",
        {
            "event": event,
            "place": event.place,
            "form": form,
            "groups": list(BreakoutGroup.objects.filter(event=event)),
            "started": started,
        },
    )
