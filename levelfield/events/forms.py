"""Forms for events: planning one, taking a place, the agenda, attendance, feedback."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any
from zoneinfo import ZoneInfo

from django import forms
from django.core.exceptions import ValidationError
from django.utils.text import format_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from levelfield.decisions.forms import TimeZoneSelect, timezone_choices
from levelfield.events import recurrence
from levelfield.events.models import (
    DEFAULT_REMINDER_HOURS,
    DEFAULT_TIMEZONE,
    MAXIMUM_PREPARATION_MINUTES,
    AccessNeed,
    AgendaStatus,
    Audience,
    Event,
    EventFormat,
    EventKind,
    MaterialAudience,
    MaterialKind,
)
from levelfield.people.models import PerspectiveKind, User
from levelfield.places.member_fields import MemberChoosing, MembersField
from levelfield.places.models import Place, PlaceKind
from levelfield.projects.models import Stage

DATE_FORMATS = ["%Y-%m-%d", "%d/%m/%Y", "%d %m %Y"]
TIME_FORMATS = ["%H:%M", "%H.%M", "%H:%M:%S"]
PERSPECTIVE_CHOICES = [("", gettext_lazy("I would rather not say")), *PerspectiveKind.choices]


def _date_widget() -> forms.DateInput:
    return forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _time_widget() -> forms.TimeInput:
    return forms.TimeInput(attrs={"type": "time"}, format="%H:%M")


def audience_choices(place: Place) -> list[tuple[str, str]]:
    """Who can come, in words that fit the place: "only the group's members" for a
    group; a collective's own events are for its members or for anyone."""
    labels = dict(Audience.choices)
    choices = [
        (Audience.ANYONE.value, labels[Audience.ANYONE]),
        (Audience.COLLECTIVE.value, labels[Audience.COLLECTIVE]),
    ]
    if place.kind != PlaceKind.COLLECTIVE:
        choices.append(
            (Audience.MEMBERS.value, _("Only the %(kind)s's members") % {"kind": place.kind_word})
        )
    return choices


def audience_default(place: Place) -> str:
    """A group's or a project's meeting is for its members unless the organiser opens it."""
    return Audience.COLLECTIVE if place.kind == PlaceKind.COLLECTIVE else Audience.MEMBERS


class EventForm(MemberChoosing, forms.Form):
    title = forms.CharField(
        label=gettext_lazy("Title"),
        max_length=200,
        error_messages={"required": gettext_lazy("Enter the event's title")},
    )
    description = forms.CharField(
        label=gettext_lazy("What it is about"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=gettext_lazy(
            "Plain English. You can use Markdown: *emphasis*, lists, [links](https://…)."
        ),
    )
    kind = forms.ChoiceField(
        label=gettext_lazy("Kind of event"),
        choices=EventKind.choices,
        widget=forms.RadioSelect(attrs={"small": True}),
        initial=EventKind.MEETING,
        error_messages={"required": gettext_lazy("Choose the kind of event")},
    )
    date = forms.DateField(
        label=gettext_lazy("Date"),
        input_formats=DATE_FORMATS,
        widget=_date_widget(),
        help_text=gettext_lazy("For example, 2027-03-01."),
        error_messages={
            "required": gettext_lazy("Enter the date of the event"),
            "invalid": gettext_lazy("Enter the date as a real date, for example 2027-03-01"),
        },
    )
    start_time = forms.TimeField(
        label=gettext_lazy("Starts at"),
        input_formats=TIME_FORMATS,
        widget=_time_widget(),
        help_text=gettext_lazy("For example, 10:00."),
        error_messages={
            "required": gettext_lazy("Enter the time the event starts"),
            "invalid": gettext_lazy("Enter the start as a time, for example 10:00"),
        },
    )
    end_date = forms.DateField(
        label=gettext_lazy("Date it ends (optional)"),
        required=False,
        input_formats=DATE_FORMATS,
        widget=_date_widget(),
        help_text=gettext_lazy("Leave empty if it ends on the same day. For example, 2027-03-02."),
        error_messages={
            "invalid": gettext_lazy(
                "Enter the date it ends as a real date, for example 2027-03-02"
            )
        },
    )
    end_time = forms.TimeField(
        label=gettext_lazy("Ends at"),
        input_formats=TIME_FORMATS,
        widget=_time_widget(),
        help_text=gettext_lazy("For example, 11:30."),
        error_messages={
            "required": gettext_lazy("Enter the time the event ends"),
            "invalid": gettext_lazy("Enter the end as a time, for example 11:30"),
        },
    )
    timezone_name = forms.ChoiceField(
        label=gettext_lazy("Time zone"),
        choices=timezone_choices,
        widget=TimeZoneSelect,
        initial=DEFAULT_TIMEZONE,
        error_messages={
            "required": gettext_lazy("Choose the time zone"),
            "invalid_choice": gettext_lazy("Choose a time zone from the list."),
        },
    )
    repeat = forms.ChoiceField(
        label=gettext_lazy("Does it repeat?"),
        choices=recurrence.REPEAT_CHOICES,
        required=False,
        widget=forms.RadioSelect(attrs={"small": True}),
        help_text=gettext_lazy(
            "Each date becomes its own event, which you can change on its own."
        ),
    )
    repeat_until = forms.DateField(
        label=gettext_lazy("Repeat until (optional)"),
        required=False,
        input_formats=DATE_FORMATS,
        widget=_date_widget(),
        help_text=gettext_lazy("Leave empty to keep repeating. We add dates six months ahead."),
        error_messages={
            "invalid": gettext_lazy("Enter the last date as a real date, for example 2027-12-31")
        },
    )
    format = forms.ChoiceField(
        label=gettext_lazy("Format"),
        choices=EventFormat.choices,
        widget=forms.RadioSelect(attrs={"small": True}),
        initial=EventFormat.ONLINE,
        error_messages={
            "required": gettext_lazy("Choose whether it is online, in person or both")
        },
    )
    joining_link = forms.URLField(
        label=gettext_lazy("Online joining link"),
        required=False,
        max_length=500,
        assume_scheme="https",
        help_text=gettext_lazy("Only people with a place see it."),
        error_messages={
            "invalid": gettext_lazy("Enter the joining link as a web address, starting https://")
        },
    )
    venue_name = forms.CharField(label=gettext_lazy("Venue"), required=False, max_length=200)
    venue_address = forms.CharField(
        label=gettext_lazy("Venue address"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    step_free = forms.BooleanField(label=gettext_lazy("Step-free access"), required=False)
    hearing_loop = forms.BooleanField(label=gettext_lazy("Hearing loop"), required=False)
    accessible_toilets = forms.BooleanField(
        label=gettext_lazy("Accessible toilets"), required=False
    )
    quiet_room = forms.BooleanField(label=gettext_lazy("Quiet room"), required=False)
    venue_notes = forms.CharField(
        label=gettext_lazy("More about getting there and access"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    audience = forms.ChoiceField(
        label=gettext_lazy("Who can come"),
        choices=Audience.choices,
        widget=forms.RadioSelect(attrs={"small": True}),
        initial=Audience.COLLECTIVE,
        error_messages={"required": gettext_lazy("Choose who can come")},
    )
    capacity = forms.IntegerField(
        label=gettext_lazy("Places"),
        required=False,
        min_value=1,
        max_value=100000,
        help_text=gettext_lazy(
            "Leave empty for no limit. When it is full, people join a waiting list."
        ),
        error_messages={
            "invalid": gettext_lazy("Enter the number of places as a whole number, like 20"),
            "min_value": gettext_lazy("Enter at least 1 place, or leave it empty for no limit"),
        },
    )
    registration_closes_at = forms.DateTimeField(
        label=gettext_lazy("Registration closes (optional)"),
        required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%d/%m/%Y %H:%M"],
        help_text=gettext_lazy(
            "In the event's time zone. Leave empty to take places until it starts."
        ),
        error_messages={
            "invalid": gettext_lazy("Enter when registration closes, for example 2027-02-27 17:00")
        },
    )
    topics = forms.CharField(
        label=gettext_lazy("Topics"),
        required=False,
        max_length=300,
        help_text=gettext_lazy("Separate topics with commas."),
    )
    stage = forms.ChoiceField(
        label=gettext_lazy("Research-cycle stage (optional)"),
        choices=[("", gettext_lazy("Not about one stage")), *Stage.choices],
        required=False,
    )
    paid = forms.BooleanField(
        label=gettext_lazy("Attendance is paid time under the collective's payment policy"),
        required=False,
    )
    preparation_hours = forms.DecimalField(
        label=gettext_lazy("Preparation time, in hours"),
        required=False,
        min_value=Decimal(0),
        max_value=Decimal(MAXIMUM_PREPARATION_MINUTES) / 60,
        decimal_places=2,
        help_text=gettext_lazy(
            "Added to the event's length in each attendee's involvement log. "
            "For example, 0.5 for reading papers."
        ),
        error_messages={
            "invalid": gettext_lazy("Enter the preparation time as a number of hours, like 0.5"),
            "max_value": gettext_lazy("Preparation time can be at most 8 hours"),
            "min_value": gettext_lazy("Preparation time cannot be negative"),
        },
    )
    reminders = forms.CharField(
        label=gettext_lazy("Send reminders this many hours before"),
        required=False,
        initial=", ".join(str(hours) for hours in DEFAULT_REMINDER_HOURS),
        help_text=gettext_lazy(
            "Separate numbers with commas, for example 48, 2. Leave empty for none."
        ),
    )
    organisers = MembersField(
        label=gettext_lazy("Organisers (besides you)"),
        required=False,
        help_text=gettext_lazy(
            "Organisers see who is coming and their access needs, and mark attendance."
        ),
        error_messages={"invalid_choice": gettext_lazy("Choose organisers who are members.")},
    )

    def __init__(
        self,
        *args: Any,
        place: Place,
        besides: User,
        editing: Event | None = None,
        **kwargs: Any,
    ) -> None:
        """Organisers are chosen from `place`'s members other than `besides` (the person
        planning); those already organising come from `initial` (`event_initial`)."""
        super().__init__(*args, **kwargs)
        self.offer_members("organisers", place, leave_out={besides.pk})
        self.fields["audience"].choices = audience_choices(place)
        self.fields["organisers"].label = _(
            "Organisers (besides you), from the %(kind)s's members"
        ) % {"kind": place.kind_word}
        for kind, label in PerspectiveKind.choices:
            self.fields[f"cap_{kind}"] = forms.IntegerField(
                label=_("Most places for: %(perspective)s") % {"perspective": label},
                required=False,
                min_value=0,
                error_messages={
                    "invalid": gettext_lazy("Enter a whole number of places, or leave it empty"),
                    "min_value": gettext_lazy("Enter 0 or more places, or leave it empty"),
                },
            )
        self.editing = editing
        if editing is not None:
            del self.fields["repeat"]
            del self.fields["repeat_until"]
            if editing.series_id:
                self.fields["scope"] = forms.ChoiceField(
                    label=gettext_lazy("Which dates does this change?"),
                    choices=[
                        ("this", _("Only this date")),
                        ("future", _("This date and every later date in the series")),
                    ],
                    initial="this",
                    widget=forms.RadioSelect(attrs={"small": True}),
                )

    def cap_fields(self) -> list[forms.BoundField]:
        return [self[f"cap_{kind}"] for kind in PerspectiveKind.values]

    def main_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in ("title", "description", "kind")]

    def clean_reminders(self) -> list[int]:
        text = self.cleaned_data.get("reminders", "")
        hours = []
        for part in text.replace(";", ",").split(","):
            if not part.strip():
                continue
            try:
                value = int(part.strip())
            except ValueError:
                raise ValidationError(
                    _("Enter reminders as whole numbers of hours separated by commas, like 48, 2")
                ) from None
            if not 1 <= value <= 14 * 24:
                raise ValidationError(
                    _("Reminders can be from 1 hour to 14 days (336 hours) before")
                )
            hours.append(value)
        return sorted(set(hours), reverse=True)

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        day, start, end = data.get("date"), data.get("start_time"), data.get("end_time")
        zone_name = data.get("timezone_name") or DEFAULT_TIMEZONE
        if day and start and end:
            zone = ZoneInfo(zone_name)
            data["starts_at"] = recurrence.at_local_time(day, start, zone)
            end_day = data.get("end_date") or day
            data["ends_at"] = recurrence.at_local_time(end_day, end, zone)
            if end_day < day:
                self.add_error("end_date", _("The event must end on or after the day it starts"))
            elif data["ends_at"] <= data["starts_at"]:
                self.add_error("end_time", _("The event must end after it starts"))
        closes = data.get("registration_closes_at")
        if closes is not None:
            closes = closes.replace(tzinfo=ZoneInfo(zone_name))
            data["registration_closes_at"] = closes
            if data.get("starts_at") and closes > data["starts_at"]:
                self.add_error(
                    "registration_closes_at", _("Registration must close before the event starts")
                )
        if data.get("repeat") and day and data.get("repeat_until") and data["repeat_until"] < day:
            self.add_error("repeat_until", _("The last date must be after the first"))
        capacity = data.get("capacity")
        if (
            self.editing is not None
            and capacity is not None
            and capacity < self.editing.places_taken
        ):
            self.add_error(
                "capacity",
                _(
                    "%(count)s people already have a place, so there must be at least "
                    "%(count)s places"
                )
                % {"count": self.editing.places_taken},
            )
        if data.get("format") in (EventFormat.IN_PERSON, EventFormat.HYBRID) and not data.get(
            "venue_name"
        ):
            self.add_error("venue_name", _("Enter the venue, so people know where to go"))
        return data

    def values(self) -> dict[str, Any]:
        """What the services take (`services.EVENT_FIELDS` and the times)."""
        data = self.cleaned_data
        try:
            preparation = int((data.get("preparation_hours") or Decimal(0)) * 60)
        except InvalidOperation:
            preparation = 0
        caps = {
            kind: data[f"cap_{kind}"]
            for kind in PerspectiveKind.values
            if data.get(f"cap_{kind}") is not None
        }
        return {
            "title": data["title"].strip(),
            "description": data.get("description", ""),
            "kind": data["kind"],
            "format": data["format"],
            "timezone_name": data.get("timezone_name") or DEFAULT_TIMEZONE,
            "topics": ", ".join(t.strip() for t in data.get("topics", "").split(",") if t.strip()),
            "stage": data.get("stage", ""),
            "audience": data["audience"],
            "joining_link": data.get("joining_link", ""),
            "venue_name": data.get("venue_name", ""),
            "venue_address": data.get("venue_address", ""),
            "step_free": data.get("step_free", False),
            "hearing_loop": data.get("hearing_loop", False),
            "accessible_toilets": data.get("accessible_toilets", False),
            "quiet_room": data.get("quiet_room", False),
            "venue_notes": data.get("venue_notes", ""),
            "capacity": data.get("capacity"),
            "perspective_caps": caps,
            "paid": data.get("paid", False),
            "preparation_minutes": preparation,
            "reminder_hours": data.get("reminders", []),
            "starts_at": data["starts_at"],
            "ends_at": data["ends_at"],
            "registration_closes_at": data.get("registration_closes_at"),
        }


def event_initial(event: Event) -> dict[str, Any]:
    """The form's starting values for changing `event`."""
    start, end = event.local_start, event.local_end
    initial = {
        name: getattr(event, name)
        for name in (
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
            "paid",
        )
    }
    initial |= {
        "date": start.date(),
        "start_time": start.time(),
        "end_time": end.time(),
        "end_date": end.date() if end.date() != start.date() else None,
        "preparation_hours": (Decimal(event.preparation_minutes) / 60).normalize(),
        "reminders": ", ".join(str(hours) for hours in event.reminder_hours),
        "organisers": [person.pk for person in event.organisers.all()],
        "registration_closes_at": event.registration_closes_at.astimezone(event.zone).replace(
            tzinfo=None
        )
        if event.registration_closes_at
        else None,
    }
    for kind, places in event.perspective_caps.items():
        initial[f"cap_{kind}"] = places
    return initial


class RegistrationForm(forms.Form):
    """Taking a place in one step: the perspective brought, and access needs only if the
    person has some or wants to add some. Writing needs here, or answering "Yes" for the
    needs in their profile, is the choice to share them with this event's organisers: no
    box to tick, so nothing is silently dropped and nobody gets an error for not ticking."""

    SHARE_CHOICES = [
        ("yes", gettext_lazy("Yes, share them with the organisers of this event")),
        ("no", gettext_lazy("No, do not share them")),
    ]

    perspective = forms.ChoiceField(
        label=gettext_lazy("Which perspective do you bring to this event? (optional)"),
        choices=PERSPECTIVE_CHOICES,
        required=False,
        widget=forms.RadioSelect(attrs={"small": True}),
        help_text=gettext_lazy(
            "Organisers see how many people bring each perspective, so the event hears "
            "from everyone. Some events keep places for public contributors."
        ),
    )
    access_need_kinds = forms.MultipleChoiceField(
        label=gettext_lazy("What would help you take part? (optional)"),
        choices=AccessNeed.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    access_needs = forms.CharField(
        label=gettext_lazy("Anything else the organisers should know (optional)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        error_messages={
            "max_length": gettext_lazy("Access needs must be 2,000 characters or fewer")
        },
    )

    def __init__(self, *args: Any, profile_needs: str = "", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.profile_needs = profile_needs.strip()
        if self.profile_needs:
            self.fields["share_profile_needs"] = forms.ChoiceField(
                label=gettext_lazy(
                    "Share the access needs from your profile with the organisers?"
                ),
                choices=self.SHARE_CHOICES,
                required=False,
                widget=forms.RadioSelect,
                help_text=_(
                    "Your profile says: “%(needs)s”. If you do not answer, we do not share them."
                )
                % {"needs": self.profile_needs},
            )
            self.order_fields(["perspective", "share_profile_needs"])

    @property
    def adds_needs(self) -> bool:
        """Whether the person wrote needs for this event (so the added needs show open)."""
        if not self.is_bound:
            return False
        return bool(self.data.get("access_needs") or self.data.getlist("access_need_kinds"))

    def access_values(self) -> dict[str, Any]:
        """The access needs to keep for this event, and whether the person chose to share."""
        data = self.cleaned_data
        written = data.get("access_needs", "").strip()
        kinds = list(data.get("access_need_kinds", []))
        if data.get("share_profile_needs") == "yes":
            written = "\n".join(part for part in (self.profile_needs, written) if part)
        return {
            "access_needs": written,
            "access_need_kinds": kinds,
            "share_access_needs": bool(written or kinds),
        }


class GuestForm(RegistrationForm):
    """Taking a place without an account: a name, an email address and consent."""

    guest_name = forms.CharField(
        label=gettext_lazy("Your name"),
        max_length=120,
        error_messages={"required": gettext_lazy("Enter your name")},
    )
    guest_email = forms.EmailField(
        label=gettext_lazy("Your email address"),
        help_text=gettext_lazy(
            "We send your place and a link to cancel it here, and nothing else."
        ),
        error_messages={
            "required": gettext_lazy("Enter your email address"),
            "invalid": gettext_lazy("Enter an email address like name@example.com"),
        },
    )
    consent = forms.BooleanField(
        label=gettext_lazy(
            "I agree that the organisers may keep my name and email address for this event"
        ),
        error_messages={
            "required": gettext_lazy("Tick the box to agree, so we can keep your place")
        },
    )

    field_order = [
        "guest_name",
        "guest_email",
        "perspective",
        "access_need_kinds",
        "access_needs",
        "consent",
    ]


class CancelEventForm(forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("Why (optional, sent to everyone with a place)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class AgendaItemForm(forms.Form):
    title = forms.CharField(
        label=gettext_lazy("What should the event talk about?"),
        max_length=200,
        error_messages={"required": gettext_lazy("Enter what you would like to talk about")},
    )
    detail = forms.CharField(
        label=gettext_lazy("More detail (optional)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class AgendaArrangeForm(forms.Form):
    """One status, position and reason per item."""

    def __init__(self, *args: Any, items: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.items = items
        for item in items:
            self.fields[f"status_{item.pk}"] = forms.ChoiceField(
                label=f"“{item.title}”",
                choices=AgendaStatus.choices,
                initial=item.status,
                widget=forms.RadioSelect(attrs={"small": True}),
            )
            self.fields[f"position_{item.pk}"] = forms.IntegerField(
                label=gettext_lazy("Order on the agenda"),
                min_value=0,
                max_value=1000,
                initial=item.position,
                error_messages={
                    "invalid": gettext_lazy("Enter the order as a whole number, like 1")
                },
            )
            self.fields[f"reason_{item.pk}"] = forms.CharField(
                label=gettext_lazy("Why it is, or is not, on the agenda"),
                required=False,
                initial=item.reason,
                widget=forms.Textarea(attrs={"rows": 2}),
            )

    def rows(self) -> list[tuple[Any, forms.BoundField, forms.BoundField, forms.BoundField]]:
        return [
            (
                item,
                self[f"status_{item.pk}"],
                self[f"position_{item.pk}"],
                self[f"reason_{item.pk}"],
            )
            for item in self.items
        ]

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        for item in self.items:
            if (
                data.get(f"status_{item.pk}") == AgendaStatus.NOT_TAKEN
                and not data.get(f"reason_{item.pk}", "").strip()
            ):
                self.add_error(
                    f"reason_{item.pk}",
                    _("Say why “%(title)s” is not on the agenda") % {"title": item.title},
                )
        return data


def _accepted() -> str:
    from levelfield.resources import files

    return files.ACCEPTED_DESCRIPTION


class AttendanceForm(forms.Form):
    attended = forms.MultipleChoiceField(
        label=gettext_lazy("Who came"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=gettext_lazy(
            "Each person who came gets the event's length plus its preparation time "
            "in the involvement log."
        ),
    )

    def __init__(self, *args: Any, registrations: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["attended"].choices = [
            (
                str(r.pk),
                r.name
                + (_(" (a guest)") if r.is_guest else "")
                + (_(" (says they came)") if r.attendance_confirmed_at else ""),
            )
            for r in registrations
        ]


class NotesForm(forms.Form):
    notes = forms.CharField(
        label=gettext_lazy("Notes and resources"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text=gettext_lazy(
            "What happened, what was decided, links to slides and resources. "
            "Everyone who can see the event can read them. You can use Markdown."
        ),
    )


class FeedbackForm(forms.Form):
    heard = forms.TypedChoiceField(
        label=gettext_lazy("Did you feel heard?"),
        coerce=int,
        choices=[
            (5, gettext_lazy("5: completely")),
            (4, gettext_lazy("4: mostly")),
            (3, gettext_lazy("3: partly")),
            (2, gettext_lazy("2: a little")),
            (1, gettext_lazy("1: not at all")),
        ],
        widget=forms.RadioSelect(attrs={"small": True}),
        error_messages={"required": gettext_lazy("Choose how heard you felt, from 1 to 5")},
    )
    comment = forms.CharField(
        label=gettext_lazy("Anything else? (optional)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy(
            "Anonymous: nobody, not even the organisers, can see who wrote it. Shown "
            "when feedback closes, if at least 5 people have answered."
        ),
    )


class FilterForm(forms.Form):
    kind = forms.ChoiceField(
        label=gettext_lazy("Kind"),
        choices=[("", gettext_lazy("Any kind")), *EventKind.choices],
        required=False,
    )
    format = forms.ChoiceField(
        label=gettext_lazy("Format"),
        choices=[("", gettext_lazy("Any format")), *EventFormat.choices],
        required=False,
    )
    topic = forms.CharField(label=gettext_lazy("Topic"), required=False, max_length=100)
    when = forms.ChoiceField(
        label=gettext_lazy("When"),
        choices=[("upcoming", gettext_lazy("Coming up")), ("past", gettext_lazy("Past events"))],
        required=False,
    )


class FromDecisionForm(forms.Form):
    title = forms.CharField(
        label=gettext_lazy("Title"),
        max_length=200,
        error_messages={"required": gettext_lazy("Enter a title")},
    )
    format = forms.ChoiceField(
        label=gettext_lazy("Format"),
        choices=EventFormat.choices,
        widget=forms.RadioSelect(attrs={"small": True}),
        initial=EventFormat.ONLINE,
        error_messages={
            "required": gettext_lazy("Choose whether it is online, in person or both")
        },
    )
    joining_link = forms.URLField(
        label=gettext_lazy("Online joining link (optional)"),
        required=False,
        assume_scheme="https",
        help_text=gettext_lazy("Only people with a place see it."),
        error_messages={
            "invalid": gettext_lazy("Enter the joining link as a web address, starting https://")
        },
    )
    venue_name = forms.CharField(label=gettext_lazy("Venue"), required=False, max_length=200)

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        in_person = data.get("format") in (EventFormat.IN_PERSON, EventFormat.HYBRID)
        if in_person and not data.get("venue_name"):
            self.add_error("venue_name", _("Enter the venue, so people know where to go"))
        return data


# Meetings with their materials


class MaterialForm(forms.Form):
    title = forms.CharField(
        label=gettext_lazy("Title"),
        max_length=200,
        help_text=gettext_lazy("What people will see, like “Slides: what we found”."),
        error_messages={"required": gettext_lazy("Enter a title for the file")},
    )
    kind = forms.ChoiceField(
        label=gettext_lazy("What is it?"),
        choices=MaterialKind.choices,
        widget=forms.RadioSelect(attrs={"small": True}),
        error_messages={"required": gettext_lazy("Choose what the file is")},
    )
    visible_to = forms.ChoiceField(
        label=gettext_lazy("Who may see it?"),
        choices=MaterialAudience.choices,
        initial=MaterialAudience.EVENT,
        widget=forms.RadioSelect(attrs={"small": True}),
        error_messages={"required": gettext_lazy("Choose who may see the file")},
    )
    file = forms.FileField(
        label=gettext_lazy("The file"),
        help_text=format_lazy(
            gettext_lazy("{accepted}, smaller than 20 MB."), accepted=_accepted().capitalize()
        ),
        error_messages={
            "required": gettext_lazy("Choose a file to upload"),
            "invalid": gettext_lazy("Choose a file to upload"),
            "empty": gettext_lazy("The file is empty"),
        },
    )

    def clean_file(self) -> Any:
        from levelfield.resources import files

        upload = self.cleaned_data.get("file")
        if upload:
            files.file_type_of(upload)
        return upload


class WalkInForm(forms.Form):
    """Someone who came without booking: a member chosen from the (searched) list, or a
    guest's name."""

    who = forms.ChoiceField(
        label=gettext_lazy("Who came?"),
        choices=[
            ("member", gettext_lazy("A member")),
            ("guest", gettext_lazy("A guest without an account")),
        ],
        initial="member",
        widget=forms.RadioSelect(attrs={"small": True}),
        error_messages={"required": gettext_lazy("Choose whether they are a member or a guest")},
    )
    person = forms.ModelChoiceField(
        label=gettext_lazy("The member"),
        queryset=User.objects.none(),
        required=False,
        empty_label=gettext_lazy("Choose a member"),
        error_messages={"invalid_choice": gettext_lazy("Choose a member from the list")},
    )
    guest_name = forms.CharField(
        label=gettext_lazy("The guest's name"), required=False, max_length=120
    )
    guest_email = forms.EmailField(
        label=gettext_lazy("The guest's email address (optional)"),
        required=False,
        help_text=gettext_lazy("Only to send them the notes, if they would like them."),
        error_messages={
            "invalid": gettext_lazy("Enter the guest's email address, like name@example.org")
        },
    )

    def __init__(self, *args: Any, members: Any, shown: list[User], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["person"]
        field.queryset = members
        # Only the members the search found are listed; any member is accepted.
        field.widget.choices = [("", _("Choose a member")), *[(p.pk, p.name) for p in shown]]

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("who") == "member" and not data.get("person") and "person" not in self.errors:
            self.add_error("person", _("Choose the member who came"))
        if data.get("who") == "guest" and not data.get("guest_name", "").strip():
            self.add_error("guest_name", _("Enter the guest's name"))
        return data


class MemberSearchForm(forms.Form):
    q = forms.CharField(
        label=gettext_lazy("Find a member by name"), required=False, max_length=100
    )


class MinutesForm(forms.Form):
    text = forms.CharField(
        label=gettext_lazy("Notes or minutes"),
        max_length=50_000,
        widget=forms.Textarea(attrs={"rows": 14}),
        help_text=gettext_lazy(
            "A draft until you agree them: the people who came can read it and "
            "comment. You can use Markdown."
        ),
        error_messages={"required": gettext_lazy("Enter the minutes")},
    )


class MinutesCommentForm(forms.Form):
    text = forms.CharField(
        label=gettext_lazy("Your comment"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy(
            "Something missing or not quite right? Say so before they are agreed."
        ),
        error_messages={"required": gettext_lazy("Enter your comment")},
    )


class BreakoutForm(forms.Form):
    name = forms.CharField(
        label=gettext_lazy("Group name"),
        max_length=120,
        help_text=gettext_lazy("Like “Table 2” or “The carers' group”."),
        error_messages={"required": gettext_lazy("Enter the group's name")},
    )
    themes = forms.CharField(
        label=gettext_lazy("Themes"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=gettext_lazy("One theme on each line."),
        error_messages={"required": gettext_lazy("Enter the group's themes")},
    )
