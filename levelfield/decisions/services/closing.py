"""Closing: at the closing time (by the task or the `close_due_decisions` command, never
by opening a page) or early once everyone has responded. Closing fixes the voice check,
writes out an anonymous decision's sealed ballots unlinked, applies the outcome to what
the decision adopts (decisions/adoptions.py), and records the decision in the project's
involvement log."""

from __future__ import annotations

import logging
import uuid
from datetime import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from levelfield.decisions import ballots, participation
from levelfield.decisions.access import decision_may_act
from levelfield.decisions.adoptions import adoption_apply, adoptions_apply_due
from levelfield.decisions.models import Decision, Phase, Response, Tally, Voter
from levelfield.decisions.services.common import DecisionError, decision_record
from levelfield.decisions.services.outcomes import decision_log_entry_write
from levelfield.decisions.services.tallying import tally_ballots_opened
from levelfield.lib.words import number, plural
from levelfield.people.models import User
from levelfield.sealing import sealed as sealing

logger = logging.getLogger(__name__)


def decision_close(
    *,
    decision: Decision,
    now: datetime | None = None,
    early: bool = False,
    actor: User | None = None,
) -> bool:
    """Close a decision and fix its voice check. Safe to call twice: the second does nothing.
    Returns whether this call closed it."""
    now = now or timezone.now()
    with transaction.atomic():
        decision = (
            Decision.objects.select_for_update(of=("self",)).with_place().get(pk=decision.pk)
        )
        if decision.closed_at is not None:
            return False
        if not early and now < decision.closes_at:
            return False
        if decision.anonymous:
            _ballots_write_out(decision)
        figures = participation.figures_count(decision)
        voices = participation.voice_check_evaluate(decision, figures)
        decision.closed_at = now
        decision.closed_early = early
        # Withheld (anonymous, too few answers): not known rather than "no", which
        # would say which perspective stayed silent.
        decision.voices_heard = voices.passed if voices.applies and not voices.withheld else None
        decision.save(update_fields=["closed_at", "closed_early", "voices_heard"])
        adoption_apply(decision=decision, now=now)
        if decision.place.project_id:
            decision_log_entry_write(decision, None, actor)
        who = actor.name if actor is not None else "Levelfield"
        decision_record(
            decision,
            actor=actor,
            action="decision_closed",
            summary=(
                f"{who} closed “{decision.title}” early: everyone had responded"
                if early
                else f"“{decision.title}” closed at its closing time"
            ),
            after={
                "responses": figures.responded,
                "members": figures.members,
                "voices_heard": decision.voices_heard,
            },
        )
    return True


def _ballots_write_out(decision: Decision) -> None:
    """Open every sealed ballot, shuffle them and store them as responses with no person,
    no time and random ids, all in one insert, then wipe the ballots; all in the
    caller's transaction, under the decision's row lock.

    One transaction gives every row the same xmin on PostgreSQL; inserting in the
    shuffled order makes rowid (SQLite) and ctid (PostgreSQL) order the shuffled order.
    The decision's key is destroyed with them (ballots.py), so old copies of the sealed
    ballots left on disk open for nobody.
    A ballot no configured key opens (a secret key lost, not rotated) is logged and left
    out: it cannot be read by anyone.
    """
    opened: list[ballots.Ballot] = []
    keys = ballots.ballot_keys(decision.pk)
    sealed = Voter.objects.filter(decision=decision, sealed_ballot__isnull=False)
    for person_id, ballot in sealed.values_list("person_id", "sealed_ballot"):
        try:
            opened.append(
                ballots.ballot_open(
                    decision_id=decision.pk, person_id=person_id, sealed=ballot, keys=keys
                )
            )
        except ballots.BallotUnreadable:
            logger.error("A sealed ballot for decision %s could not be opened.", decision.pk)
    ballots.shuffle(opened)
    tally_ballots_opened(decision, [(ballot.payload, ballot.reason) for ballot in opened])
    Response.objects.bulk_create(
        Response(
            id=uuid.uuid4(),
            decision=decision,
            person=None,
            payload=ballot.payload,
            reason=ballot.reason,
            updated_at=None,
        )
        for ballot in opened
    )
    sealed.update(sealed_ballot=None)
    ballots.ballot_keys_destroy(decision.pk)
    _changes_record(decision)


def _changes_record(decision: Decision) -> None:
    """How many anonymous answers were changed while voting was open, said once at
    closing: a history row written when someone changed theirs would share their voter
    row's transaction (xmin) and time, and so name them."""
    changed = Tally.objects.filter(decision=decision).values_list("anonymous_changes", flat=True)
    count = changed.first() or 0
    if count:
        decision_record(
            decision,
            actor=None,
            action="anonymous_responses_changed",
            summary=f"{plural(count, 'anonymous response was', 'anonymous responses were')} "
            f"changed while “{decision.title}” was open",
            after={"changes": count},
        )


def decision_close_early(*, decision: Decision, person: User, now: datetime | None = None) -> None:
    """Close before the closing time, allowed only once every member has responded."""
    now = now or timezone.now()
    with transaction.atomic():
        decision = Decision.objects.select_for_update().get(pk=decision.pk)
        if not decision_may_act(decision, person):
            raise DecisionError(_("Only members can close this decision."))
        if decision.phase(now) == Phase.CLOSED:
            raise DecisionError(_("This decision has already closed."))
        if decision.phase(now) != Phase.VOTING:
            raise DecisionError(_("Voting has not opened yet."))
        figures = participation.figures_count(decision)
        waiting = figures.members - figures.responded
        if waiting:
            raise DecisionError(
                ngettext(
                    "It can close early only when every member has responded. "
                    "%(count)s person has not responded yet.",
                    "It can close early only when every member has responded. "
                    "%(count)s people have not responded yet.",
                    waiting,
                )
                % {"count": number(waiting)}
            )
        decision_close(decision=decision, now=now, early=True, actor=person)


def decisions_close_due(*, now: datetime | None = None) -> int:
    """Close every decision past its closing time (applying what each adopts), and apply
    any adoption a closed decision has not applied yet. Idempotent; returns how many
    closed."""
    now = now or timezone.now()
    closed = 0
    for decision in Decision.objects.due_to_close(now).order_by("closes_at"):
        closed += decision_close(decision=decision, now=now)
    adoptions_apply_due(now=now)
    # Again here: a rewrite after a closing gives up while a long transaction holds the
    # key table, or keeps a destroyed key that transaction could still see.
    sealing.keys_vacuum()
    return closed
