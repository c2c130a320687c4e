"""Keeping the get-involved form free of spam without a third-party service (and
without a CAPTCHA, which shuts out disabled people).

- A honeypot: a field people never see or reach (hidden from sight, from screen
  readers and from the keyboard) that simple bots fill in. A filled honeypot gets the
  usual thank-you page and nothing is stored or sent.
- A rate limit per email address and per network address, counted from the rows in
  the database (`Interest.created_at`), so it holds across any number of server
  processes. `levelfield/priorities/throttle.py` keeps its count in Django's cache,
  which is per process unless production configures a shared cache; a limit that must
  be right cannot depend on that. The network address is stored only as a hash with the
  site's secret key.
"""

from __future__ import annotations

import hashlib
from datetime import timedelta

from django.conf import settings
from django.http import HttpRequest

HONEYPOT_FIELD = "website"
# One person may write again (a typo, a second thought), a script writes hundreds.
PER_ADDRESS = 3
PER_ADDRESS_WINDOW = timedelta(days=1)
# A library or a ward computer is shared by many people.
PER_SENDER = 10
PER_SENDER_WINDOW = timedelta(hours=1)


def sender_hash(request: HttpRequest) -> str:
    """The request's network address, hashed with the secret key (never stored plain)."""
    address = request.META.get("REMOTE_ADDR", "")
    return hashlib.sha256(f"{settings.SECRET_KEY}:stories:{address}".encode()).hexdigest()
