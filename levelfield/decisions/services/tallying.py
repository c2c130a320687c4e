"""Keeping a decision's counts (its `Tally`) as responses arrive, and rebuilding them.

`tally_response_kept` runs inside the responding transaction with the tally's row
locked (`tally_locked_existing`, or `tally_locked` under the decision's own lock), so
two responses at once each see the other's counts (the lock serialises them) and the
counts always equal a fresh tally. `tallies_rebuild` works the counts out afresh
from the stored responses: the data migration, `manage.py rebuild_decision_tallies`
and the scale seed use it.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Mapping
from typing import Any

from django.db import transaction
from django.db.models import QuerySet

from levelfield.decisions.counting import marks_change, marks_count
from levelfield.decisions.models import Decision, Response, ResponseChange, Tally, Voter


def tally_read(decision: Decision) -> Tally:
    """The decision's kept counts; for a decision made without them (an old fixture, a
    bulk insert not yet rebuilt), the same worked out afresh without saving (GET never
    writes)."""
    try:
        return decision.tally
    except Tally.DoesNotExist:
        return tally_fresh(decision)


def tally_fresh(decision: Decision) -> Tally:
    """The counts worked out from the stored responses, not saved."""
    if decision.anonymous and decision.closed_at is None:
        # Sealed ballots are not opened to count them: only voters are known.
        return Tally(decision=decision, responses=Voter.objects.filter(decision=decision).count())
    rows = list(Response.objects.filter(decision=decision).values_list("payload", "reason"))
    changes = 0
    if not decision.anonymous:
        changes = ResponseChange.objects.filter(response__decision=decision).count()
    return tally_from(decision, rows, changes=changes)


def tally_from(
    decision: Decision, rows: Iterable[tuple[Mapping[str, Any], str]], *, changes: int = 0
) -> Tally:
    """Counts for `rows` of (payload, reason): what the services would have kept."""
    rows = list(rows)
    return Tally(
        decision=decision,
        responses=len(rows),
        counted=len(rows),
        marks=marks_count(decision.method, (payload for payload, _ in rows)),
        reasons=sum(1 for _, reason in rows if reason),
        changes=changes,
    )


def tally_locked(decision: Decision) -> Tally:
    """The decision's tally for changing; the caller holds the decision's row lock (so
    creating a missing one cannot race) and has not yet changed any response (a missing
    tally is made from the responses as they are)."""
    tally = Tally.objects.filter(decision=decision).first()
    if tally is not None:
        tally.decision = decision
    else:
        tally = tally_fresh(decision)
        tally.save(force_insert=True)
    return tally


class TallyMissing(Exception):  # noqa: N818 - a state, not an error to report
    """The decision has no kept counts yet (see `tally_locked_existing`)."""


def tally_locked_existing(decision: Decision) -> Tally:
    """The decision's tally, its row locked for changing, for a caller that holds the
    decision only against changes to it (a response on PostgreSQL): such callers take
    turns only here. Raises TallyMissing when there is none, since making one from the
    responses needs the decision held alone (`tally_locked`)."""
    tally = Tally.objects.select_for_update().filter(decision=decision).first()
    if tally is None:
        raise TallyMissing
    tally.decision = decision
    return tally


def tally_response_kept(
    tally: Tally,
    *,
    payload: Mapping[str, Any] | None,
    reason: str = "",
    before: Mapping[str, Any] | None = None,
    reason_before: str = "",
) -> None:
    """A named response was given (`before` None) or changed from `before`: move the
    counts by the difference. Caller took `tally` with `tally_locked` (holding the
    decision's row, before changing any response) or `tally_locked_existing`."""
    method = tally.decision.method
    tally.marks = marks_change(tally.marks, method, added=payload, removed=before)
    if before is None:
        tally.responses += 1
        tally.counted += 1
    else:
        tally.changes += 1
    tally.reasons += bool(reason) - (bool(reason_before) if before is not None else 0)
    tally.version += 1
    tally.save()


def tally_voter_kept(tally: Tally, *, new_voter: bool) -> None:
    """An anonymous answer was sealed: one more voter, or a changed ballot. Only the
    version and the number of voters move, never the marks."""
    tally.responses += int(new_voter)
    tally.anonymous_changes += int(not new_voter)
    tally.version += 1
    tally.save(update_fields=["responses", "anonymous_changes", "version"])


def tally_options_changed(decision: Decision) -> None:
    """An option was added: no count moves, but results shown per version must be
    worked out again. Caller holds the decision's row lock."""
    tally = tally_locked(decision)
    tally.version += 1
    tally.save(update_fields=["version"])


def tally_ballots_opened(decision: Decision, rows: list[tuple[Mapping[str, Any], str]]) -> None:
    """At closing, the opened ballots become the anonymous decision's counts."""
    tally = tally_locked(decision)
    fresh = tally_from(decision, rows)
    tally.marks, tally.counted, tally.reasons = fresh.marks, fresh.counted, fresh.reasons
    tally.responses = fresh.responses
    tally.version += 1
    tally.save()


def tallies_rebuild(*, decisions: QuerySet[Decision] | None = None) -> int:
    """Work every decision's counts out afresh from its responses, each under its row
    lock, and give each a new generation (so nothing cached from before is used).
    Returns how many were rebuilt. Safe to run at any time, and more than once."""
    decisions = Decision.objects.all() if decisions is None else decisions
    rebuilt = 0
    for pk in decisions.order_by("pk").values_list("pk", flat=True).iterator():
        with transaction.atomic():
            decision = Decision.objects.select_for_update().filter(pk=pk).first()
            if decision is None:
                continue
            fresh = tally_fresh(decision)
            kept = Tally.objects.filter(decision=decision).first()
            fresh.version = kept.version + 1 if kept else 0
            # Sealed answers' changes are counted only as they happen; nothing to redo.
            fresh.anonymous_changes = kept.anonymous_changes if kept else 0
            fresh.generation = uuid.uuid4()
            fresh.save(force_insert=kept is None)
        rebuilt += 1
    return rebuilt


def tallies_wrong(*, decisions: QuerySet[Decision] | None = None) -> list[int]:
    """Decisions whose kept counts differ from a fresh tally (for checks and soak)."""
    decisions = Decision.objects.all() if decisions is None else decisions
    wrong = []
    for decision in decisions.select_related("tally").filter(tally__isnull=False).iterator():
        kept, fresh = decision.tally, tally_fresh(decision)
        if (kept.responses, kept.counted, kept.marks, kept.reasons, kept.changes) != (
            fresh.responses,
            fresh.counted,
            fresh.marks,
            fresh.reasons,
            fresh.changes,
        ):
            wrong.append(decision.pk)
    return wrong
