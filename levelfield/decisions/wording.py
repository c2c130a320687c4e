"""Moments in words that follow the page's language (lib.words writes English only)."""

from __future__ import annotations

from datetime import datetime

from django.conf import settings
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _


def when_words(moment: datetime) -> str:
    """'3 November 2026 at 14:00' in the site's time zone, month and words translated."""
    local = timezone.localtime(moment)
    return _("%(day)s at %(time)s") % {
        "day": date_format(local, "j F Y"),
        "time": date_format(local, "H:i"),
    }


def stored(label: object) -> str:
    """A choice's label as history and the involvement log keep it: in the site's own
    language, whoever's page made the change (stored words are not translated later)."""
    with translation.override(settings.LANGUAGE_CODE):
        return str(label)
