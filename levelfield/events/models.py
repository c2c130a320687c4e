"""Events and meetings: a monthly Cuppa, a project meeting, a workshop.

An `Event` belongs to a place (`levelfield.places.models.Place`): a collective's own
place, a standing group inside it (a Young People's Advisory Group's meetings) or a
project.
Events that repeat belong to an `EventSeries`, whose RFC 5545 rule made them; each
occurrence is its own row, so one date can change without touching the others.

People take a place with a `Registration` (an account holder, or a guest with only a
name and an email address). The event row is the lock every change of places takes
(`select_for_update`), and it keeps the count of places taken, so the database itself
refuses more registrations than places (`events_places_within_capacity`).

Attendance writes the involvement log of the event's place (see
`services.attendance_record`): one `InvolvementEntry` linked from
`Event.involvement_entry`, with one `Participation` per attendee linked from
`Registration.participation`.
"""

from __future__ import annotations

import secrets
import uuid
from datetime import datetime, timedelta
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils.translation import gettext, gettext_lazy

from levelfield.people.models import PerspectiveKind
from levelfield.places.models import Place, PlaceMembership
from levelfield.places.querysets import PlaceOwnedQuerySet
from levelfield.projects.models import Stage

if TYPE_CHECKING:
    from levelfield.people.models import User

DEFAULT_TIMEZONE = "Europe/London"
DEFAULT_REMINDER_HOURS = [48, 2]
# Access needs shared for one event are deleted this long after it ends.
ACCESS_NEEDS_KEPT_FOR = timedelta(days=30)
# Feedback stays sealed until this long after the event ends, then is written out
# together (services.feedback_write_out): time to answer, and no answer alone.
FEEDBACK_OPEN_FOR = timedelta(days=14)
MAXIMUM_PREPARATION_MINUTES = 8 * 60


def _public_code() -> str:
    return secrets.token_urlsafe(12)


def _feed_token() -> str:
    return secrets.token_urlsafe(24)


class EventKind(models.TextChoices):
    CUPPA = "cuppa", gettext_lazy("Cuppa (an open conversation)")
    MEETING = "meeting", gettext_lazy("Meeting")
    WORKSHOP = "workshop", gettext_lazy("Workshop")
    TRAINING = "training", gettext_lazy("Training")
    LEARNING_CIRCLE = "learning_circle", gettext_lazy("Learning circle")


class EventFormat(models.TextChoices):
    ONLINE = "online", gettext_lazy("Online")
    IN_PERSON = "in_person", gettext_lazy("In person")
    HYBRID = "hybrid", gettext_lazy("Hybrid (in person and online)")


class Audience(models.TextChoices):
    ANYONE = "anyone", gettext_lazy("Anyone with the link, including people without an account")
    COLLECTIVE = "collective", gettext_lazy("Members of the collective")
    # Only the members of the event's own place (a group's or a project's members).
    MEMBERS = "members", gettext_lazy("Only the members of this group or project")


class AccessNeed(models.TextChoices):
    """Common needs, counted for organisers ("3 people asked for captions")."""

    CAPTIONS = "captions", gettext_lazy("Captions or a transcript")
    BSL = "bsl", gettext_lazy("A British Sign Language interpreter")
    STEP_FREE = "step_free", gettext_lazy("Step-free access")
    HEARING_LOOP = "hearing_loop", gettext_lazy("A hearing loop")
    QUIET_ROOM = "quiet_room", gettext_lazy("A quiet room or space")
    BREAKS = "breaks", gettext_lazy("Regular breaks")
    PAPERS_EARLY = "papers_early", gettext_lazy("Papers a week before")
    EASY_READ = "easy_read", gettext_lazy("Easy read papers")
    LARGE_PRINT = "large_print", gettext_lazy("Large print papers")


def member_q(person: User) -> Q:
    """The condition of `EventQuerySet.for_member`, for an authenticated `person`: a
    condition rather than a subquery so callers can OR more onto it (`access.events_for`)
    without nesting one more subquery to compile and plan on every page. The places of
    the person's collectives are a subquery of their own rather than a join to each
    event's place, so a list filters the events table alone before it sorts (the join
    made PostgreSQL join every upcoming event of every collective to its place)."""
    places = PlaceMembership.objects.filter(person=person).values("place_id")
    collectives = (
        PlaceMembership.objects.in_collectives()
        .filter(person=person)
        .values("place__collective_id")
    )
    in_collectives = Place.objects.filter(collective_id__in=collectives).values("pk")
    organised = Event.organisers.through.objects.filter(user=person).values("event_id")
    return (
        Q(place__in=places)
        | (~Q(audience=Audience.MEMBERS) & Q(place__in=in_collectives))
        | Q(pk__in=organised)
    )


class EventQuerySet(PlaceOwnedQuerySet):
    def for_member(self, person: User) -> EventQuerySet:
        """Events `person` may see inside Levelfield: every event of the places they are
        a member of, and the events of other places in their collectives that are open to
        the whole collective. Organisers always see their own events."""
        if not getattr(person, "is_authenticated", False):
            return self.none()
        return self.filter(member_q(person))

    def public(self) -> EventQuerySet:
        """Events anyone may come to, shown on the collective's public page (stories):
        open to anyone with the link and not cancelled. Read-only."""
        return self.filter(audience=Audience.ANYONE, cancelled_at__isnull=True)

    def upcoming(self, now: datetime) -> EventQuerySet:
        return self.filter(ends_at__gt=now).order_by("starts_at", "id")

    def past(self, now: datetime) -> EventQuerySet:
        return self.filter(ends_at__lte=now).order_by("-starts_at", "-id")


class EventSeries(models.Model):
    """Events that repeat by one rule, e.g. "first Monday of every month, 10:00-11:30".

    `rule` is an RFC 5545 RRULE (read with python-dateutil) over the local start time
    in `timezone_name`, so a daylight-saving change keeps the local time. Occurrences
    are made ahead (see `services.series_extend`); each keeps `series_start`, the time
    the rule gave it, so making them again never makes one twice.
    """

    place = models.ForeignKey(
        "places.Place", on_delete=models.CASCADE, related_name="event_series"
    )
    rule = models.CharField(max_length=200)
    first_start = models.DateTimeField()
    timezone_name = models.CharField(max_length=64, default=DEFAULT_TIMEZONE)
    ends_on = models.DateField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = PlaceOwnedQuerySet.as_manager()

    class Meta:
        verbose_name_plural = "event series"

    def __str__(self) -> str:
        return self.rule


class Event(models.Model):
    # Members' translations of its words (levelfield/translations), deleted with it.
    translations = GenericRelation("translations.Translation")
    place = models.ForeignKey("places.Place", on_delete=models.CASCADE, related_name="events")
    series = models.ForeignKey(
        EventSeries, null=True, blank=True, on_delete=models.SET_NULL, related_name="events"
    )
    series_start = models.DateTimeField(
        null=True, blank=True, help_text="The start the series' rule gave this occurrence."
    )
    title = models.CharField(max_length=200)
    description = models.TextField(
        "what it is about", blank=True, help_text="Plain English. You can use Markdown."
    )
    kind = models.CharField(max_length=20, choices=EventKind.choices, default=EventKind.MEETING)
    format = models.CharField(
        max_length=20, choices=EventFormat.choices, default=EventFormat.ONLINE
    )
    starts_at = models.DateTimeField()
    ends_at = models.DateTimeField()
    timezone_name = models.CharField("time zone", max_length=64, default=DEFAULT_TIMEZONE)
    topics = models.CharField(max_length=300, blank=True)
    stage = models.CharField(
        "research-cycle stage", max_length=30, choices=Stage.choices, blank=True
    )
    audience = models.CharField(
        "who can come", max_length=20, choices=Audience.choices, default=Audience.COLLECTIVE
    )
    # Shown only to people with a place (and the organisers).
    joining_link = models.URLField("online joining link", max_length=500, blank=True)
    venue_name = models.CharField("venue", max_length=200, blank=True)
    venue_address = models.TextField("venue address", blank=True)
    step_free = models.BooleanField("step-free access", default=False)
    hearing_loop = models.BooleanField("hearing loop", default=False)
    accessible_toilets = models.BooleanField("accessible toilets", default=False)
    quiet_room = models.BooleanField("quiet room", default=False)
    venue_notes = models.TextField("more about getting there and access", blank=True)
    capacity = models.PositiveIntegerField(
        "places", null=True, blank=True, help_text="Leave empty for no limit."
    )
    # {perspective kind: places}; people who bring a capped perspective wait when its
    # places are taken, so professionals do not fill a public Cuppa.
    perspective_caps = models.JSONField(default=dict, blank=True)
    registration_closes_at = models.DateTimeField(null=True, blank=True)
    paid = models.BooleanField(
        "attendance is paid time",
        default=False,
        help_text="Under the collective's payment policy.",
    )
    preparation_minutes = models.PositiveIntegerField(default=0)
    reminder_hours = models.JSONField(default=list, blank=True)
    public_code = models.CharField(max_length=40, unique=True, default=_public_code)
    organisers = models.ManyToManyField(
        settings.AUTH_USER_MODEL, related_name="events_organised", blank=True
    )
    # Counts kept under the event's row lock, so lists never count registrations.
    places_taken = models.PositiveIntegerField(default=0)
    waiting_count = models.PositiveIntegerField(default=0)
    cancelled_at = models.DateTimeField(null=True, blank=True)
    cancelled_reason = models.TextField(blank=True)
    notes = models.TextField(
        "notes and resources",
        blank=True,
        help_text="What happened, what was decided, links to slides. You can use Markdown.",
    )
    notes_published_at = models.DateTimeField(null=True, blank=True)
    feedback_closed_at = models.DateTimeField(
        null=True, blank=True, help_text="When the sealed feedback was written out together."
    )
    from_decision = models.OneToOneField(
        "decisions.Decision",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="event",
    )
    involvement_entry = models.OneToOneField(
        "projects.InvolvementEntry",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="event",
        help_text="The entry in the place's involvement log the attendance wrote.",
    )
    attendance_recorded_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    # Moved (`services._shown_changed`) in the same transaction as any change to its
    # organisers, agenda, materials or minutes: the version its page keeps them under.
    shown_version = models.PositiveIntegerField(default=0, editable=False)

    objects = EventQuerySet.as_manager()

    class Meta:
        ordering = ["starts_at", "id"]
        indexes = [
            # A place's events in date order (its list, "coming up" on its page).
            models.Index(fields=["place", "starts_at", "id"], name="events_by_place_and_start"),
            models.Index(fields=["ends_at"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=F("starts_at")), name="events_ends_after_start"
            ),
            models.CheckConstraint(
                condition=Q(capacity__isnull=True) | Q(capacity__gte=1),
                name="events_capacity_positive",
            ),
            models.CheckConstraint(
                condition=Q(capacity__isnull=True) | Q(places_taken__lte=F("capacity")),
                name="events_places_within_capacity",
            ),
            models.CheckConstraint(
                condition=Q(preparation_minutes__lte=MAXIMUM_PREPARATION_MINUTES),
                name="events_preparation_at_most_eight_hours",
            ),
            models.UniqueConstraint(
                fields=["series", "series_start"], name="events_one_occurrence_per_start"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("events:detail", args=[self.pk])

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.timezone_name)

    @property
    def local_start(self) -> datetime:
        return self.starts_at.astimezone(self.zone)

    @property
    def local_end(self) -> datetime:
        return self.ends_at.astimezone(self.zone)

    @property
    def length_minutes(self) -> int:
        return int((self.ends_at - self.starts_at).total_seconds() // 60)

    @property
    def credited_minutes(self) -> int:
        """What attending counts for in the involvement log: the event and getting ready,
        never more than a day."""
        return min(self.length_minutes + self.preparation_minutes, 24 * 60)

    @property
    def is_cancelled(self) -> bool:
        return self.cancelled_at is not None

    @property
    def is_public(self) -> bool:
        return self.audience == Audience.ANYONE

    @property
    def is_online(self) -> bool:
        return self.format in (EventFormat.ONLINE, EventFormat.HYBRID)

    @property
    def is_in_person(self) -> bool:
        return self.format in (EventFormat.IN_PERSON, EventFormat.HYBRID)

    @property
    def kind_label(self) -> str:
        """`get_kind_display` without hashing every lazy choice label (once a row)."""
        return EventKind(self.kind).label

    @property
    def format_label(self) -> str:
        return EventFormat(self.format).label

    @property
    def places_left(self) -> int | None:
        if self.capacity is None:
            return None
        return max(self.capacity - self.places_taken, 0)

    @property
    def is_full(self) -> bool:
        return self.capacity is not None and self.places_taken >= self.capacity

    def has_started(self, now: datetime) -> bool:
        return now >= self.starts_at

    def has_ended(self, now: datetime) -> bool:
        return now >= self.ends_at

    @property
    def feedback_closes_at(self) -> datetime:
        return self.ends_at + FEEDBACK_OPEN_FOR

    def feedback_open(self, now: datetime) -> bool:
        return (
            self.has_started(now) and now < self.feedback_closes_at and not self.feedback_closed_at
        )

    def registration_open(self, now: datetime) -> bool:
        if self.is_cancelled or self.has_started(now):
            return False
        return self.registration_closes_at is None or now < self.registration_closes_at

    def topic_list(self) -> list[str]:
        return [topic.strip() for topic in self.topics.split(",") if topic.strip()]

    def venue_features(self) -> list[str]:
        features = [
            ("step_free", gettext("Step-free access")),
            ("hearing_loop", gettext("Hearing loop")),
            ("accessible_toilets", gettext("Accessible toilets")),
            ("quiet_room", gettext("Quiet room")),
        ]
        return [label for name, label in features if getattr(self, name)]

    def cap_for(self, perspective: str) -> int | None:
        value = self.perspective_caps.get(perspective) if perspective else None
        return int(value) if value is not None else None

    def cap_labels(self) -> list[tuple[str, int]]:
        labels = dict(PerspectiveKind.choices)
        return [(labels.get(kind, kind), int(n)) for kind, n in self.perspective_caps.items()]


class RegistrationStatus(models.TextChoices):
    REGISTERED = "registered", gettext_lazy("Has a place")
    WAITING = "waiting", gettext_lazy("On the waiting list")
    CANCELLED = "cancelled", gettext_lazy("Cancelled")


class RegistrationQuerySet(models.QuerySet):
    def active(self) -> RegistrationQuerySet:
        return self.exclude(status=RegistrationStatus.CANCELLED)

    def registered(self) -> RegistrationQuerySet:
        return self.filter(status=RegistrationStatus.REGISTERED)

    def waiting(self) -> RegistrationQuerySet:
        return self.filter(status=RegistrationStatus.WAITING).order_by("waiting_since", "id")


class Registration(models.Model):
    """One person's place (or place on the waiting list) at one event.

    Either `person` (an account) or a guest's name and email address. Access needs are
    kept only with the person's consent (`access_needs_shared_at`), shown only to the
    organisers, and deleted 30 days after the event (`services.access_needs_forget_due`).
    """

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="registrations")
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="event_registrations",
    )
    guest_name = models.CharField(max_length=120, blank=True)
    guest_email = models.EmailField(blank=True)
    status = models.CharField(max_length=20, choices=RegistrationStatus.choices)
    perspective = models.CharField(
        max_length=30,
        choices=PerspectiveKind.choices,
        blank=True,
        help_text="The perspective the person brings to this event, if they said.",
    )
    registered_at = models.DateTimeField()
    waiting_since = models.DateTimeField(null=True, blank=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)
    access_needs = models.TextField(blank=True)
    access_need_kinds = models.JSONField(default=list, blank=True)
    access_needs_shared_at = models.DateTimeField(null=True, blank=True)
    access_needs_deleted_at = models.DateTimeField(null=True, blank=True)
    attendance_confirmed_at = models.DateTimeField(
        null=True, blank=True, help_text="When the person said they came."
    )
    attended = models.BooleanField(null=True, blank=True)
    attended_minutes = models.PositiveIntegerField(null=True, blank=True)
    participation = models.OneToOneField(
        "projects.Participation",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="event_registration",
    )
    feedback_given = models.BooleanField(default=False)
    # Until the feedback closes, this person's answer sealed under the event's own key
    # (levelfield.sealing), so only the app can open it and nothing else holds it.
    sealed_feedback = models.BinaryField(null=True, blank=True, editable=False)

    objects = RegistrationQuerySet.as_manager()

    class Meta:
        ordering = ["registered_at", "id"]
        indexes = [models.Index(fields=["event", "status", "waiting_since"])]
        constraints = [
            models.UniqueConstraint(
                fields=["event", "person"],
                condition=Q(person__isnull=False) & ~Q(status="cancelled"),
                name="events_one_place_per_person",
            ),
            models.UniqueConstraint(
                F("event"),
                Lower("guest_email"),
                condition=Q(person__isnull=True) & ~Q(status="cancelled"),
                name="events_one_place_per_guest",
            ),
            models.CheckConstraint(
                condition=Q(person__isnull=False, guest_email="")
                | (Q(person__isnull=True) & ~Q(guest_email="") & ~Q(guest_name="")),
                name="events_person_or_guest",
            ),
            models.CheckConstraint(
                condition=~Q(status="waiting") | Q(waiting_since__isnull=False),
                name="events_waiting_has_since",
            ),
            models.CheckConstraint(
                condition=(Q(access_needs="") & Q(access_need_kinds=[]))
                | Q(access_needs_shared_at__isnull=False),
                name="events_access_needs_only_with_consent",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} at {self.event}"

    @property
    def name(self) -> str:
        if self.person_id:
            return self.person.name
        return self.guest_name

    @property
    def email(self) -> str:
        return self.person.email if self.person_id else self.guest_email

    @property
    def is_guest(self) -> bool:
        return self.person_id is None

    @property
    def has_place(self) -> bool:
        return self.status == RegistrationStatus.REGISTERED

    @property
    def is_waiting(self) -> bool:
        return self.status == RegistrationStatus.WAITING

    def access_need_labels(self) -> list[str]:
        labels = dict(AccessNeed.choices)
        return [labels[kind] for kind in self.access_need_kinds if kind in labels]


class ReminderSent(models.Model):
    """A reminder that went to one registration: the constraint makes it go once."""

    registration = models.ForeignKey(
        Registration, on_delete=models.CASCADE, related_name="reminders"
    )
    hours_before = models.PositiveIntegerField()
    sent_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["registration", "hours_before"], name="events_reminder_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.hours_before} hours before"


class AgendaStatus(models.TextChoices):
    PROPOSED = "proposed", gettext_lazy("Proposed")
    TAKEN = "taken", gettext_lazy("On the agenda")
    NOT_TAKEN = "not_taken", gettext_lazy("Not on the agenda")


class AgendaItem(models.Model):
    """Something a registered person wants the event to talk about."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="agenda_items")
    title = models.CharField(max_length=200)
    detail = models.TextField(blank=True)
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    # The perspective the proposer brought, for "does the agenda come from the public?".
    proposer_perspective = models.CharField(
        max_length=30, choices=PerspectiveKind.choices, blank=True
    )
    status = models.CharField(
        max_length=20, choices=AgendaStatus.choices, default=AgendaStatus.PROPOSED
    )
    position = models.PositiveIntegerField(default=0)
    reason = models.TextField("why", blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["position", "created_at", "id"]

    def __str__(self) -> str:
        return self.title


class AgendaSupport(models.Model):
    item = models.ForeignKey(AgendaItem, on_delete=models.CASCADE, related_name="supports")
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["item", "person"], name="events_support_once")
        ]

    def __str__(self) -> str:
        return f"Support for {self.item_id}"


class Feedback(models.Model):
    """One anonymous answer to "did you feel heard?". No person and no time, and a
    random key rather than a counter, so nothing orders or links it to its author;
    `Registration.feedback_given` only stops a second answer. Written out, shuffled,
    with every answer of the event together when the feedback closes; its perspective
    kept only when every perspective present has enough answers."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="feedback")
    heard = models.PositiveSmallIntegerField()
    comment = models.TextField(blank=True)
    perspective = models.CharField(max_length=30, choices=PerspectiveKind.choices, blank=True)

    class Meta:
        ordering = ["id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(heard__gte=1) & Q(heard__lte=5), name="events_heard_one_to_five"
            )
        ]

    def __str__(self) -> str:
        return f"Heard: {self.heard} of 5"


class CalendarFeed(models.Model):
    """A person's private calendar address: the events they have a place at."""

    person = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_feed"
    )
    token = models.CharField(max_length=64, unique=True, default=_feed_token)
    reset_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return "A private calendar address"


# Meetings with their materials: files, walk-ins, minutes and breakout themes.


class MaterialKind(models.TextChoices):
    SLIDES = "slides", gettext_lazy("Slides")
    PAPER = "paper", gettext_lazy("A paper")
    EASY_READ = "easy_read", gettext_lazy("An easy read version")
    NOTES = "notes", gettext_lazy("Notes")
    OTHER = "other", gettext_lazy("Something else")


class MaterialAudience(models.TextChoices):
    EVENT = "event", gettext_lazy("Everyone who can see the event")
    REGISTERED = "registered", gettext_lazy("Only people with a place (and the organisers)")
    ORGANISERS = "organisers", gettext_lazy("Only the organisers")


class Material(models.Model):
    """A file for a meeting (slides, a paper, an easy read version), uploaded by an
    organiser. Checked by its content when uploaded (`resources.files.file_type_of`),
    stored under a random name through Django's storage, and served only through
    `views.material_file`, which checks `visible_to` (`access.materials_visible`)."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="materials")
    title = models.CharField(max_length=200)
    kind = models.CharField(
        max_length=20, choices=MaterialKind.choices, default=MaterialKind.OTHER
    )
    visible_to = models.CharField(
        "who may see it",
        max_length=20,
        choices=MaterialAudience.choices,
        default=MaterialAudience.EVENT,
    )
    file = models.FileField(upload_to="events/materials/%Y/%m/", max_length=300)
    file_name = models.CharField(
        max_length=200, blank=True, help_text="The name the file had when it was uploaded."
    )
    file_type = models.CharField(
        max_length=100, help_text="The content type found by reading the file."
    )
    size = models.PositiveIntegerField(default=0)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField()

    class Meta:
        ordering = ["uploaded_at", "id"]
        indexes = [models.Index(fields=["event", "uploaded_at"])]

    def __str__(self) -> str:
        return self.title

    @property
    def extension(self) -> str:
        return self.file.name.rsplit(".", 1)[-1].upper() if "." in self.file.name else ""


class WalkIn(models.Model):
    """Someone who came without booking, added by an organiser: a member of the event's
    place (whose time is written to the involvement log with everyone else's, through
    `services._involvement_write`, so they can claim it) or a named guest with no
    account (recorded, with no time to claim)."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="walk_ins")
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="event_walk_ins",
    )
    guest_name = models.CharField(max_length=120, blank=True)
    guest_email = models.EmailField(blank=True)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    added_at = models.DateTimeField()
    participation = models.OneToOneField(
        "projects.Participation",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="event_walk_in",
    )

    class Meta:
        ordering = ["added_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["event", "person"],
                condition=Q(person__isnull=False),
                name="events_one_walk_in_per_person",
            ),
            models.CheckConstraint(
                condition=Q(person__isnull=False, guest_name="", guest_email="")
                | (Q(person__isnull=True) & ~Q(guest_name="")),
                name="events_walk_in_person_or_named_guest",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} walked in to {self.event_id}"

    @property
    def name(self) -> str:
        return self.person.name if self.person_id else self.guest_name

    @property
    def is_guest(self) -> bool:
        return self.person_id is None


class Minutes(models.Model):
    """The notes or minutes of a meeting: a draft the organisers write and the people
    who came comment on, until an organiser agrees them; then they are frozen, with who
    agreed them and when, and comments close."""

    event = models.OneToOneField(Event, on_delete=models.CASCADE, related_name="minutes")
    text = models.TextField(blank=True)
    written_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField()
    ready_at = models.DateTimeField(
        "ready for comments",
        null=True,
        blank=True,
        help_text="When an organiser asked the people who came to comment (they are told once).",
    )
    agreed_at = models.DateTimeField(null=True, blank=True)
    agreed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name_plural = "minutes"
        constraints = [
            models.CheckConstraint(
                condition=Q(agreed_at__isnull=True) | ~Q(text=""),
                name="events_agreed_minutes_have_text",
            )
        ]

    def __str__(self) -> str:
        return f"Minutes of {self.event_id}"

    @property
    def is_agreed(self) -> bool:
        return self.agreed_at is not None


class MinutesComment(models.Model):
    """A comment on draft minutes by someone who came (or an organiser)."""

    minutes = models.ForeignKey(Minutes, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    text = models.TextField()
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"Comment on {self.minutes_id}"

    @property
    def author_name(self) -> str:
        from levelfield.lib.words import FORMER_MEMBER

        return self.author.name if self.author_id else FORMER_MEMBER


class BreakoutGroup(models.Model):
    """One breakout group's themes, recorded during or after a meeting and shown to
    everyone who came."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="breakouts")
    name = models.CharField(max_length=120)
    themes = models.TextField()
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField()

    class Meta:
        ordering = ["recorded_at", "id"]

    def __str__(self) -> str:
        return self.name

    def theme_list(self) -> list[str]:
        return [line.strip(" -*•\t") for line in self.themes.splitlines() if line.strip(" -*•\t")]
