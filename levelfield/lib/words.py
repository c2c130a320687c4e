"""Words used on every page and in every email, written once.

Plain English, the GOV.UK way: "3 November 2026", "14:00", "1.5 hours",
"1 person" and "2 people". Free of Django models so any app (and any email
rendered by the background worker) can use them.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from django.utils import timezone

FORMER_MEMBER = "A former member"

# Words whose plural is not the word with an "s".
_IRREGULAR = {
    "person": "people",
    "reply": "replies",
    "activity": "activities",
    "veto": "vetoes",
}


def number(count: int) -> str:
    """'5,000', '999': a whole number as people write it, with commas past 999."""
    return f"{count:,}"


def plural(count: int, word: str, many: str | None = None) -> str:
    """'1 person', '2 people', '0 votes', '12,400 people': the number (with commas past
    999, as people write it) and the word that agrees with it."""
    if count == 1:
        return f"{count} {word}"
    return f"{number(count)} {many or _IRREGULAR.get(word, word + 's')}"


def hours(minutes: int | None) -> str:
    """120 -> '2 hours', 90 -> '1.5 hours', 20 -> '0.33 hours', None -> '0 hours'."""
    if not minutes:
        return "0 hours"
    value = (Decimal(minutes) / 60).quantize(Decimal("0.01")).normalize()
    text = f"{value:f}"
    return f"{text} hour" if value == 1 else f"{text} hours"


def day(moment: datetime | date) -> str:
    """'3 November 2026'. A datetime is shown in the site's time zone first."""
    if isinstance(moment, datetime) and timezone.is_aware(moment):
        moment = timezone.localtime(moment)
    return f"{moment.day} {moment:%B %Y}"


def when(moment: datetime) -> str:
    """'3 November 2026 at 14:00' in the site's time zone."""
    local = timezone.localtime(moment)
    return f"{day(local)} at {local:%H:%M}"


def name_or_former(person: object | None) -> str:
    """A person's name, or "A former member" once they have deleted their account."""
    if person is None:
        return FORMER_MEMBER
    return str(getattr(person, "name", "") or FORMER_MEMBER)


def yes_no(value: bool) -> str:
    return "yes" if value else "no"
