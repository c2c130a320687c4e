"""The built-in pictures an easy-read point may use: simple, high-contrast pictograms
drawn for Levelfield (static/easyread/pictures/<key>.svg), each with the words a screen
reader says when the writer gives none of their own.

A writer may upload their own picture instead (services.py); these are here so that
nobody needs a picture library to write easy read.
"""

from __future__ import annotations

from django.templatetags.static import static
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

# key -> (what the picture is called in the list, its default alt text)
PICTURES: dict[str, tuple[Promise, Promise]] = {
    "money": (_("Money"), _("Coins and a banknote")),
    "calendar": (_("Calendar (a date)"), _("A calendar page")),
    "clock": (_("Clock (a time)"), _("A clock")),
    "people": (_("People together"), _("A group of people together")),
    "talking": (_("Talking"), _("Two speech bubbles")),
    "question": (_("Question"), _("A question mark")),
    "yes": (_("Tick (yes)"), _("A tick for yes")),
    "no": (_("Cross (no)"), _("A cross for no")),
    "help": (_("Help"), _("A hand held up asking for help")),
    "phone": (_("Phone"), _("A telephone")),
    "email": (_("Email"), _("An envelope for email")),
    "home": (_("Home"), _("A house")),
    "place": (_("Place (a map pin)"), _("A pin on a map")),
    "access": (_("Wheelchair (access)"), _("A person in a wheelchair")),
    "tea": (_("Cup of tea"), _("A cup of tea")),
    "document": (_("Document"), _("A page of writing")),
    "feelings": (_("Heart (feelings)"), _("A heart")),
    "write": (_("Pencil (write)"), _("A pencil writing")),
    "online": (_("Computer (online)"), _("A computer screen")),
    "travel": (_("Train (travel)"), _("A train")),
}


def choices() -> list[tuple[str, Promise]]:
    return [(key, name) for key, (name, _alt) in PICTURES.items()]


def default_alt(key: str) -> str:
    return str(PICTURES[key][1]) if key in PICTURES else ""


def url_of(key: str) -> str:
    return static(f"easyread/pictures/{key}.svg")
