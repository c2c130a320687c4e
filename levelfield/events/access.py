"""Who may reach an event and what is in it: the one access rule, used by every view.

- Planning an event: members of its place (a collective, a group or a project), through
  `places.access.place_for_member` with `Action.ORGANISE_EVENT`.
- An event's page: members of its place; members of its collective too, unless the event
  is only for the place's members (a group's or a project's own meeting); its
  organisers; and anyone who has a place at it.
- The public page: anyone holding the event's secret link, for "anyone with the link".
- The organisers' pages (who is coming, access needs, attendance, notes, the agenda's
  order): the organisers the event names, and the place's coordinators, whose job
  includes the logistics of every event (`roles.Action.RUN_EVENT_LOGISTICS`).
- A guest's own place: only through the signed link emailed to them.
- A meeting's materials: each says who may see it (`materials_visible`): everyone who
  can see the event, only people with a place, or only the organisers. Files are
  served only through a view that asks this first.
- Draft minutes: the organisers and the people who came (`came_to`), who may comment
  until the minutes are agreed; agreed minutes: everyone who can see the event.

Each helper returns the object or raises Http404, so someone outside learns nothing.
"""

from __future__ import annotations

from django.core import signing
from django.db.models import Exists, FilteredRelation, OuterRef, Q, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404

from levelfield.collectives import roles
from levelfield.events.models import (
    AgendaItem,
    Audience,
    CalendarFeed,
    Event,
    EventQuerySet,
    Material,
    MaterialAudience,
    Registration,
    RegistrationStatus,
    WalkIn,
    member_q,
)
from levelfield.people.models import User
from levelfield.places.access import place_for_member
from levelfield.places.models import Place, PlaceMembership

GUEST_SALT = "levelfield.events.guest"


def events_for(person: User) -> EventQuerySet:
    """Every event `person` may open: `Event.objects.for_member` and those they have a
    place at (a link event in another collective)."""
    if not getattr(person, "is_authenticated", False):
        return Event.objects.none()
    theirs = Registration.objects.active().filter(person=person).values("event_id")
    return Event.objects.filter(member_q(person) | Q(pk__in=theirs))


def event_for_member(person: User, pk: int) -> Event:
    """The event, with its place, if `person` may see it. It notes whom it was read for
    (`open_to`), so taking a place in the same request (`services.registration_create`)
    need not ask `events_for` again inside its lock."""
    event = get_object_or_404(events_for(person).with_place().select_related("series"), pk=pk)
    event.open_to = person.pk
    return event


def event_page_for_member(person: User, pk: int) -> Event:
    """`event_for_member` with what the event's page asks about `person` read in the same
    query (four fewer on the busiest page of events): their place or place on the
    waiting list (`mine`, or None, as `registration_of`), whether they walked in
    (`walked_in`), are a member of its place (`is_place_member`, who may translate it) or
    its place's coordinator (`is_coordinator`, see `is_organiser`). Its series and
    minutes are not joined: each join costs PostgreSQL more planning than a query."""
    if not getattr(person, "is_authenticated", False):
        raise Http404("No such event.")
    memberships = PlaceMembership.objects.filter(place=OuterRef("place_id"), person=person)
    events = (
        events_for(person)
        .with_place()
        .annotate(
            mine=FilteredRelation(
                "registrations",
                condition=Q(registrations__person=person)
                & ~Q(registrations__status=RegistrationStatus.CANCELLED),
            ),
            walked_in=Exists(WalkIn.objects.filter(event=OuterRef("pk"), person=person)),
            is_place_member=Exists(memberships),
            is_coordinator=Exists(memberships.filter(coordinator_since__isnull=False)),
        )
        .select_related("mine")
    )
    event = get_object_or_404(events, pk=pk)
    mine = getattr(event, "mine", None)
    if mine is not None:
        mine.event = event
    event.mine = mine
    return event


def event_public(code: str) -> Event:
    """An "anyone with the link" event, by its secret code."""
    return get_object_or_404(
        Event.objects.with_place(),
        public_code=code,
        audience=Audience.ANYONE,
    )


def is_organiser(
    event: Event,
    person: User,
    organisers: list[User] | None = None,
    *,
    coordinator: bool | None = None,
) -> bool:
    """Whether `person` organises the event: named by it, or a coordinator of its place.
    Pass the event's `organisers` when the caller has read them already, and whether
    `person` is its place's `coordinator` when it is known (`event_page_for_member`):
    `RUN_EVENT_LOGISTICS` is the coordinator's, and a place's roles are asked of its own
    memberships (`roles.memberships_of(place.owner)`)."""
    if not getattr(person, "is_authenticated", False):
        return False
    if organisers is not None:
        if any(organiser.pk == person.pk for organiser in organisers):
            return True
    elif event.organisers.filter(pk=person.pk).exists():
        return True
    if coordinator is not None:
        return coordinator
    return roles.may(person, roles.Action.RUN_EVENT_LOGISTICS, event.place.owner)


def event_for_organiser(person: User, pk: int) -> Event:
    """The event, if `person` organises it; 404 for everyone else (even members)."""
    event = event_for_member(person, pk)
    if not is_organiser(event, person):
        raise Http404("No such event.")
    return event


def registration_of(event: Event, person: User) -> Registration | None:
    """`person`'s place (or place on the waiting list) at the event, if any."""
    if not getattr(person, "is_authenticated", False):
        return None
    return event.registrations.active().filter(person=person).first()


def registration_at(person: User, pk: int) -> Registration | None:
    """`person`'s place (or place on the waiting list) at the event `pk`, with the event
    and its place, or None. Having one is enough to see the event (`events_for`), so
    cancelling needs no other check when there is one."""
    if not getattr(person, "is_authenticated", False):
        return None
    registration = (
        Registration.objects.active()
        .filter(person=person, event_id=pk)
        .select_related("event__place__collective", "event__place__project", "event__series")
        .first()
    )
    if registration is not None:
        registration.event.open_to = person.pk
    return registration


def guest_token(registration: Registration) -> str:
    """The secret in a guest's link: the place's id, signed with the site's key (the same
    link every time, so each email carries the one link)."""
    return signing.Signer(salt=GUEST_SALT).sign_object(registration.pk)


def registration_for_guest(token: str) -> Registration:
    """A guest's registration from the signed link in their email; a tampered or
    made-up link is a 404."""
    try:
        pk = signing.Signer(salt=GUEST_SALT).unsign_object(token)
    except signing.BadSignature:
        raise Http404("No such place.") from None
    return get_object_or_404(
        Registration.objects.select_related("event__place__collective", "event__place__project"),
        pk=pk,
        person__isnull=True,
    )


def feed_for_token(token: str) -> CalendarFeed:
    return get_object_or_404(CalendarFeed.objects.select_related("person"), token=token)


def agenda_item_in(event: Event, item_pk: int) -> AgendaItem:
    return get_object_or_404(AgendaItem.objects.filter(event=event), pk=item_pk)


def registration_in(event: Event, registration_pk: int) -> Registration:
    return get_object_or_404(
        Registration.objects.filter(event=event).exclude(status=RegistrationStatus.CANCELLED),
        pk=registration_pk,
    )


def place_for_events(person: User, pk: int | str | None, *, organise: bool = False) -> Place:
    """The place whose events `person` looks at (or, with `organise`, plans in): 404 for a
    place they are not a member of or an id that is not one, 403 when they may not
    organise there."""
    if pk is None or not str(pk).isdigit():
        raise Http404("No such place.")
    action = roles.Action.ORGANISE_EVENT if organise else None
    return place_for_member(person, int(pk), action=action)


class _Ask:
    """Not passed: look it up."""


ASK = _Ask()


def came_to(
    event: Event,
    person: User,
    registration: Registration | None | _Ask = ASK,
    *,
    walked_in: bool | None = None,
) -> bool:
    """Whether `person` came to the event (or, before attendance is marked, has a place):
    who reads and comments on draft minutes and sees the breakout themes. Pass their
    `registration` (None when they have none) and whether they `walked_in` when the
    caller already has them, saving the queries."""
    if not getattr(person, "is_authenticated", False):
        return False
    if isinstance(registration, _Ask):
        registration = registration_of(event, person)
    if registration is not None and registration.has_place and registration.attended is not False:
        return True
    if walked_in is not None:
        return walked_in
    return WalkIn.objects.filter(event=event, person=person).exists()


def people_who_came(event: Event) -> QuerySet[User]:
    """The account holders who came (`came_to` for many at once): a place not marked
    absent, or a walk-in. Guests without an account cannot sign in to comment."""
    registered = (
        Registration.objects.filter(
            event=event, status=RegistrationStatus.REGISTERED, person__isnull=False
        )
        .exclude(attended=False)
        .values("person_id")
    )
    walked_in = WalkIn.objects.filter(event=event, person__isnull=False).values("person_id")
    return User.objects.filter(Q(pk__in=registered) | Q(pk__in=walked_in), is_active=True)


def materials_visible(event: Event, *, organiser: bool, has_place: bool) -> QuerySet[Material]:
    """The event's materials someone may see: organisers see every one; people with a
    place (or who walked in) those for everyone and for people with a place; everyone
    else who can see the event only those for everyone."""
    materials = Material.objects.filter(event=event)
    if organiser:
        return materials
    if has_place:
        return materials.exclude(visible_to=MaterialAudience.ORGANISERS)
    return materials.filter(visible_to=MaterialAudience.EVENT)


def has_place_or_walked_in(event: Event, person: User) -> bool:
    registration = registration_of(event, person)
    if registration is not None and registration.has_place:
        return True
    return WalkIn.objects.filter(event=event, person=person).exists()


def material_for_member(person: User, pk: int, material_pk: int) -> Material:
    """A material `person` may see (404 for anyone it is not shown to)."""
    event = event_for_member(person, pk)
    organiser = is_organiser(event, person)
    visible = materials_visible(
        event,
        organiser=organiser,
        has_place=not organiser and has_place_or_walked_in(event, person),
    )
    material = get_object_or_404(visible, pk=material_pk)
    material.event = event
    return material


def material_for_organiser(person: User, pk: int, material_pk: int) -> Material:
    event = event_for_organiser(person, pk)
    material = get_object_or_404(Material.objects.filter(event=event), pk=material_pk)
    material.event = event
    return material


def walk_in_for_organiser(person: User, pk: int, walk_in_pk: int) -> WalkIn:
    event = event_for_organiser(person, pk)
    walk_in = get_object_or_404(
        WalkIn.objects.filter(event=event).select_related("person", "participation"),
        pk=walk_in_pk,
    )
    walk_in.event = event
    return walk_in
