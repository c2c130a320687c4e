"""Words used on every page and in every email, written once.

Plain English, the GOV.UK way: "3 November 2026", "14:00", "1.5 hours",
"1 person" and "2 people", and in Welsh ("3 Tachwedd 2026", "1.5 awr") in the
language active when they are called. Free of Django models so any app (and any
email rendered by the background worker) can use them.

`plural` builds English plurals from an English word, so it is for English only
(and for text that is stored or exported); words people read in Welsh too are
counted at their call site with `ngettext` or `{% blocktranslate count %}`.
"""

from __future__ import annotations

import functools
from datetime import date, datetime
from decimal import Decimal

from django.utils import timezone
from django.utils.dates import MONTHS
from django.utils.translation import get_language, gettext_noop, ngettext
from django.utils.translation import gettext as _

# Stored in place of an erased person's name (erasure, events): stays English, as
# stored content does. `name_or_former` shows it in the reader's language.
FORMER_MEMBER = "A former member"

# Django's own Welsh catalogue spells July "Gorffenaf". Marking the word here puts it in
# ours (`levelfield/locale`, which Django reads first), spelled right: "Gorffennaf".
MONTH_DJANGO_MISSPELLS = gettext_noop("July")

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
    value = (Decimal(minutes or 0) / 60).quantize(Decimal("0.01")).normalize()
    text = f"{value:f}"
    # A fraction ("1.5 hours") is counted as many: only exactly one is singular.
    count = int(value) if value == int(value) else 5
    return ngettext("%(hours)s hour", "%(hours)s hours", count) % {"hours": text}


def day(moment: datetime | date) -> str:
    """'3 November 2026'. A datetime is shown in the site's time zone first."""
    if isinstance(moment, datetime):
        if timezone.is_aware(moment):
            moment = timezone.localtime(moment)
        moment = moment.date()
    return _day_words(moment, get_language())


def when(moment: datetime) -> str:
    """'3 November 2026 at 14:00' in the site's time zone."""
    local = timezone.localtime(moment)
    return _when_words(local.date(), local.hour, local.minute, get_language())


# Pages show the same days and times many times (a date on every row, a list of 20
# notices), and each one's words ask for two or three translations: built once a
# process for each day, time and language.
@functools.lru_cache(maxsize=4096)
def _day_words(on: date, language: str | None) -> str:
    return _("%(day)s %(month)s %(year)s") % {
        "day": on.day,
        "month": MONTHS[on.month],
        "year": on.year,
    }


@functools.lru_cache(maxsize=4096)
def _when_words(on: date, hour: int, minute: int, language: str | None) -> str:
    return _("%(day)s at %(time)s") % {
        "day": _day_words(on, language),
        "time": f"{hour:02d}:{minute:02d}",
    }


def name_or_former(person: object | None) -> str:
    """A person's name, or "A former member" once they have deleted their account."""
    name = getattr(person, "name", "") if person is not None else ""
    return str(name or _("A former member"))


def yes_no(value: bool) -> str:
    return _("yes") if value else _("no")
