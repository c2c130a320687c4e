"""Repeating events: RFC 5545 rules, read and expanded with python-dateutil's rrule.

Rules are expanded over naive local times and only then placed in the event's time
zone, so "10:00 on the first Monday" stays 10:00 when the clocks change. No Django
here but lazy translation of the form's choices: pure functions, easy to test.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from enum import StrEnum
from zoneinfo import ZoneInfo

from dateutil.rrule import rrulestr
from django.utils.translation import gettext_lazy

# Occurrences are made this far ahead; `series_extend` adds more as time passes.
HORIZON = timedelta(days=183)
# A series never has more than this many occurrences made at once.
MAXIMUM_AT_ONCE = 60

_ORDINALS = {1: "first", 2: "second", 3: "third", 4: "fourth", -1: "last"}
_WEEKDAYS = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]
_DAY_NAMES = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


class Repeat(StrEnum):
    WEEKLY = "weekly"
    FORTNIGHTLY = "fortnightly"
    MONTHLY_WEEKDAY = "monthly_weekday"
    MONTHLY_DAY = "monthly_day"


REPEAT_CHOICES = [
    ("", gettext_lazy("Does not repeat")),
    (Repeat.WEEKLY.value, gettext_lazy("Every week on the same day")),
    (Repeat.FORTNIGHTLY.value, gettext_lazy("Every two weeks on the same day")),
    (
        Repeat.MONTHLY_WEEKDAY.value,
        gettext_lazy("Every month on the same weekday (like the first Monday)"),
    ),
    (
        Repeat.MONTHLY_DAY.value,
        gettext_lazy("Every month on the same date (for example the 3rd)"),
    ),
]


def week_of_month(day: date) -> int:
    """1 for the first such weekday of the month, ... 5 is written as "last" (-1)."""
    number = (day.day - 1) // 7 + 1
    return -1 if number == 5 else number


def rule_for(repeat: Repeat | str, first: date, *, until: date | None = None) -> str:
    """The RRULE text for a choice on the form, starting on `first`."""
    weekday = _WEEKDAYS[first.weekday()]
    parts = {
        Repeat.WEEKLY: "FREQ=WEEKLY",
        Repeat.FORTNIGHTLY: "FREQ=WEEKLY;INTERVAL=2",
        Repeat.MONTHLY_WEEKDAY: f"FREQ=MONTHLY;BYDAY={week_of_month(first):+d}{weekday}",
        Repeat.MONTHLY_DAY: f"FREQ=MONTHLY;BYMONTHDAY={first.day}",
    }[Repeat(repeat)]
    if until is not None:
        parts += f";UNTIL={until:%Y%m%d}T235959"
    return parts


def describe(rule: str, first: date) -> str:
    """Plain English for the rules `rule_for` makes: "every month on the first Monday"."""
    day_name = _DAY_NAMES[first.weekday()]
    if "FREQ=WEEKLY;INTERVAL=2" in rule:
        text = f"every two weeks on {day_name}"
    elif "FREQ=WEEKLY" in rule:
        text = f"every week on {day_name}"
    elif "BYDAY" in rule:
        text = f"every month on the {_ORDINALS[week_of_month(first)]} {day_name}"
    elif "BYMONTHDAY" in rule:
        text = f"every month on day {first.day}"
    else:
        text = "repeating"
    if "UNTIL=" in rule:
        until = datetime.strptime(rule.split("UNTIL=")[1][:8], "%Y%m%d").date()
        text += f", until {until.day} {until:%B %Y}"
    return text


def starts(
    rule: str,
    first_local: datetime,
    zone: ZoneInfo,
    *,
    after: datetime,
    before: datetime,
    limit: int = MAXIMUM_AT_ONCE,
) -> list[datetime]:
    """The occurrence starts strictly after `after` and before `before` (aware times),
    each the rule's local time placed in `zone` (so the local time survives daylight
    saving). `first_local` is naive local time: the series' first start."""
    rule_set = rrulestr(rule, dtstart=first_local.replace(tzinfo=None))
    local_after = after.astimezone(zone).replace(tzinfo=None)
    local_before = before.astimezone(zone).replace(tzinfo=None)
    found = []
    for moment in rule_set.xafter(local_after - timedelta(days=1), inc=True):
        if moment >= local_before or len(found) >= limit:
            break
        aware = moment.replace(tzinfo=zone)
        if aware > after:
            found.append(aware)
    return found


def at_local_time(day: date, clock: time, zone: ZoneInfo) -> datetime:
    return datetime.combine(day, clock).replace(tzinfo=zone)
