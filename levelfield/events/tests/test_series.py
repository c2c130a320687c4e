"""A monthly Cuppa as one series: "first Monday of every month, 10:00-11:30", local time
kept through daylight saving; change one date or all later ones."""

from __future__ import annotations

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse

from levelfield.events import recurrence, services
from levelfield.events.models import Event, EventSeries
from levelfield.events.tests.conftest import event_values
from levelfield.places.access import collective_place

pytestmark = pytest.mark.django_db
LONDON = ZoneInfo("Europe/London")


def _monday_series(collective, organiser, *, now: datetime.datetime) -> Event:
    first = datetime.datetime(2027, 1, 4, 10, 0, tzinfo=LONDON)  # the first Monday of 2027
    return services.event_create(
        place=collective_place(collective.pk),
        actor=organiser,
        values=event_values(starts_at=first, ends_at=first + datetime.timedelta(minutes=90)),
        repeat=recurrence.Repeat.MONTHLY_WEEKDAY,
        now=now,
    )


def test_first_monday_of_every_month_keeps_ten_oclock_through_the_clock_change(
    collective, organiser
) -> None:
    now = datetime.datetime(2027, 1, 1, tzinfo=LONDON)
    first = _monday_series(collective, organiser, now=now)
    series = EventSeries.objects.get()
    assert series.rule == "FREQ=MONTHLY;BYDAY=+1MO"
    assert recurrence.describe(series.rule, datetime.date(2027, 1, 4)) == (
        "every month on the first Monday"
    )
    dates = list(Event.objects.filter(series=series).order_by("starts_at"))
    assert dates[0] == first
    local = [(e.local_start.date(), e.local_start.strftime("%H:%M")) for e in dates]
    assert local[:5] == [
        (datetime.date(2027, 1, 4), "10:00"),
        (datetime.date(2027, 2, 1), "10:00"),
        (datetime.date(2027, 3, 1), "10:00"),
        (datetime.date(2027, 4, 5), "10:00"),  # British Summer Time
        (datetime.date(2027, 5, 3), "10:00"),
    ]
    # In UTC the April one is an hour earlier: the local time was kept, not the UTC time.
    assert dates[0].starts_at.astimezone(datetime.UTC).hour == 10
    assert dates[3].starts_at.astimezone(datetime.UTC).hour == 9
    assert all(e.length_minutes == 90 for e in dates)


def test_adding_dates_as_time_passes_is_idempotent(collective, organiser) -> None:
    now = datetime.datetime(2027, 1, 1, tzinfo=LONDON)
    _monday_series(collective, organiser, now=now)
    series = EventSeries.objects.get()
    count = series.events.count()
    assert services.series_extend(series=series, now=now) == 0
    later = now + datetime.timedelta(days=62)
    made = services.series_extend(series=series, now=later)
    assert made == 2
    assert services.series_extend(series=series, now=later) == 0
    assert series.events.count() == count + 2


def test_changing_all_later_dates_keeps_each_date_and_earlier_ones(
    client, collective, organiser
) -> None:
    now = datetime.datetime(2027, 1, 1, tzinfo=LONDON)
    _monday_series(collective, organiser, now=now)
    dates = list(Event.objects.order_by("starts_at"))
    second = dates[1]
    values = event_values(
        title="Co-Pro Cuppa (new time)",
        starts_at=second.local_start.replace(hour=14),
        ends_at=second.local_start.replace(hour=15, minute=30),
        capacity=5,
    )
    changed = services.event_update(
        event=second, actor=organiser, values=values, all_future=True, now=now
    )
    assert len(changed) == len(dates) - 1
    after = list(Event.objects.order_by("starts_at"))
    assert after[0].title == "Co-Pro Cuppa" and after[0].local_start.hour == 10
    for event in after[1:]:
        assert event.title == "Co-Pro Cuppa (new time)"
        assert (event.local_start.hour, event.local_end.hour) == (14, 15)
        assert event.local_start.weekday() == 0  # still a Monday
        assert event.capacity == 5
    # New dates made later follow the changed ones.
    series = EventSeries.objects.get()
    services.series_extend(series=series, now=now + datetime.timedelta(days=62))
    newest = Event.objects.order_by("-starts_at").first()
    assert newest.title == "Co-Pro Cuppa (new time)"
    assert newest.local_start.hour == 14


def test_changing_one_date_leaves_the_others(collective, organiser) -> None:
    now = datetime.datetime(2027, 1, 1, tzinfo=LONDON)
    _monday_series(collective, organiser, now=now)
    dates = list(Event.objects.order_by("starts_at"))
    values = event_values(
        title="Cuppa in the park",
        starts_at=dates[2].starts_at,
        ends_at=dates[2].ends_at,
    )
    services.event_update(event=dates[2], actor=organiser, values=values, now=now)
    titles = list(Event.objects.order_by("starts_at").values_list("title", flat=True))
    assert titles[2] == "Cuppa in the park"
    assert titles.count("Cuppa in the park") == 1


def test_the_plan_form_makes_a_weekly_series_until_a_date(client, collective, organiser) -> None:
    client.force_login(organiser)
    start = datetime.date.today() + datetime.timedelta(days=3)
    response = client.post(
        reverse("events:create") + f"?collective={collective.slug}",
        {
            "title": "Learning circle",
            "kind": "learning_circle",
            "date": f"{start:%Y-%m-%d}",
            "start_time": "18:00",
            "end_time": "19:00",
            "timezone_name": "Europe/London",
            "repeat": "weekly",
            "repeat_until": f"{start + datetime.timedelta(days=21):%Y-%m-%d}",
            "format": "online",
            "audience": "collective",
            "reminders": "24",
        },
    )
    assert response.status_code == 302, response.content.decode()
    assert Event.objects.filter(title="Learning circle").count() == 4
    assert all(hours == [24] for hours in Event.objects.values_list("reminder_hours", flat=True))
