"""The rows of the one table of claims (`includes/claims_table.html`), worked out in the
view rather than by filters in the template: the approvers' queue shows 60 claims, and
reversing each claim's address, formatting its date and translating its status and "a
former member" row by row was over a third of the queue's time."""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import QuerySet
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from levelfield.lib import cache as lib_cache
from levelfield.payments.models import Claim
from levelfield.payments.money import money
from levelfield.payments.templatetags.payments_tags import status_tag
from levelfield.people.models import User

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


# What a table row shows, read as plain values (no model instances): the claim's id,
# status, totals and first activity, and the claimant's id, chosen name and email.
TABLE_VALUES = (
    "id",
    "status",
    "fee_total",
    "expense_total",
    "first_activity_on",
    "claimant_id",
    "claimant__display_name",
    "claimant__email",
)
# A table is kept under a digest of everything it shows (lib.cache.digested_many), so
# any change to a claim or a claimant's name is a new key; this only bounds the memory.
TABLE_SECONDS = 10 * 60

TableValues = tuple[int, str, Decimal, Decimal, datetime.date | None, int | None, str, str]


def table_values(claims: QuerySet[Claim]) -> list[TableValues]:
    """The rows of `claims` (already ordered and sliced) as the values a table shows."""
    return list(claims.values_list(*TABLE_VALUES))


def claims_tables_html(tables: Sequence[tuple[str, Sequence[TableValues]]]) -> list[SafeString]:
    """Each (caption, rows) of `tables` as the one table of claims
    (`includes/claims_table.html`), kept by a digest of its caption and rows: an
    approver's queue renders three tables of up to 25 claims, the same for every
    approver until a claim in them changes, and rendering them was half the page's time.
    One round trip to the cache reads them all."""
    return lib_cache.digested_many(
        "payments:claims-table",
        [
            ((caption, tuple(rows)), lambda caption=caption, rows=rows: _table(caption, rows))
            for caption, rows in tables
        ],
        seconds=TABLE_SECONDS,
    )


def _table(caption: str, rows: Sequence[TableValues]) -> SafeString:
    # The caption is our own translated words, shown as a template's `_("...")` is.
    return render_to_string(
        "payments/includes/claims_table.html",
        {"claims": _rows_of_values(rows), "caption": mark_safe(caption)},  # noqa: S308
    )


def _rows_of_values(values: Sequence[TableValues]) -> list[ClaimRow]:
    """`claim_rows` for rows read by `table_values`: the same words, the same way."""
    before, after = reverse("payments:claim", args=[_MARK]).split(str(_MARK))
    former = _("A former member")
    days: dict[datetime.date | None, str] = {}
    tags: dict[str, SafeString] = {}
    rows = []
    for pk, status, fees, expenses, day, claimant_id, display_name, email in values:
        # Unsaved instances only to word the row as everywhere else (worked out only
        # when the table is not kept).
        claim = Claim(pk=pk, status=status, fee_total=fees, expense_total=expenses)
        if day not in days:
            days[day] = date_format(day, "j F Y") if day else ""
        if status not in tags:
            tags[status] = status_tag(claim)
        who = User(display_name=display_name, email=email).name if claimant_id else ""
        rows.append(
            ClaimRow(
                url=f"{before}{pk}{after}",
                reference=claim.reference,
                who=who or former,
                first_activity=days[day],
                status_tag=tags[status],
                total=money(claim.total),
            )
        )
    return rows
