"""Keeping the get-involved form free of spam without a third-party service (and
without a CAPTCHA, which shuts out disabled people).

- A honeypot: a field people never see or reach (hidden from sight, from screen
  readers and from the keyboard) that simple bots fill in. A filled honeypot gets the
  usual thank-you page and nothing is stored or sent.
- Rate limits per email, account, network address and collective: the one rate
  limiter (`levelfield.ratelimits`, rule "get_involved").
"""

from __future__ import annotations

from levelfield.lib.forms import HONEYPOT_FIELD  # noqa: F401 - the one honeypot
