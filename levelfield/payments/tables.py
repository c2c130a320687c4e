"""The rows of the one table of claims (`includes/claims_table.html`), worked out in the
view rather than by filters in the template: the approvers' queue shows 60 claims, and
reversing each claim's address, formatting its date and translating its status and "a
former member" row by row was over a third of the queue's time."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass

from django.urls import reverse
from django.utils.formats import date_format
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from levelfield.payments.models import Claim
from levelfield.payments.money import money
from levelfield.payments.templatetags.payments_tags import status_tag

# A number no claim has, put where the id goes when the claim's address is reversed once.
_MARK = 987654321


@dataclass(frozen=True)
class ClaimRow:
    url: str
    reference: str
    who: str
    first_activity: str
    status_tag: SafeString
    total: str


def claim_rows(claims: Iterable[Claim]) -> list[ClaimRow]:
    """The table's rows: each claim's address, reference, claimant's name, first
    activity's date, status tag and total, as the template showed them. Each distinct
    date and status is formatted once; the address is reversed once."""
    before, after = reverse("payments:claim", args=[_MARK]).split(str(_MARK))
    former = _("A former member")
    days: dict[datetime.date | None, str] = {}
    tags: dict[str, SafeString] = {}
    rows = []
    for claim in claims:
        day = claim.first_activity_on
        if day not in days:
            days[day] = date_format(day, "j F Y") if day else ""
        if claim.status not in tags:
            tags[claim.status] = status_tag(claim)
        rows.append(
            ClaimRow(
                url=f"{before}{claim.pk}{after}",
                reference=claim.reference,
                who=(claim.claimant.name if claim.claimant else "") or former,
                first_activity=days[day],
                status_tag=tags[claim.status],
                total=money(claim.total),
            )
        )
    return rows
