"""The outcome: what the group decided, written once the decision has closed, and the
place's involvement log entry that follows it."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from levelfield.decisions import methods
from levelfield.decisions.access import decision_may_act
from levelfield.decisions.models import Decision, Method, Option, Outcome, Phase, Response
from levelfield.decisions.services.common import DecisionError, decision_record
from levelfield.decisions.wording import stored
from levelfield.lib.words import plural
from levelfield.people.models import User
from levelfield.places.services import EntryValues, involvement_entry_write
from levelfield.projects.models import ActivityKind, InvolvementEntry


def outcome_write(
    *,
    decision: Decision,
    person: User,
    statement: str,
    reasons: str = "",
    next_steps: str = "",
    review_on: date | None = None,
    chosen_option: Option | None = None,
    now: datetime | None = None,
) -> Outcome:
    """Write (or correct) what was decided. A project decision's outcome goes into the
    project's involvement log."""
    now = now or timezone.now()
    statement = statement.strip()
    if not statement:
        raise DecisionError(_("Write what you decided."), code="statement")
    with transaction.atomic():
        decision = (
            Decision.objects.select_for_update(of=("self",)).with_place().get(pk=decision.pk)
        )
        if not decision_may_act(decision, person):
            raise DecisionError(_("Only members can write the outcome."))
        if decision.phase(now) != Phase.CLOSED:
            raise DecisionError(_("The outcome can be written once the decision has closed."))
        if decision.closed_at is None:
            # Past its closing time but not yet reached by the worker: close it first, so
            # the outcome follows the voice check and (anonymous) answers written out.
            from levelfield.decisions.services.closing import decision_close

            decision_close(decision=decision, now=now)
            decision.refresh_from_db()
        if chosen_option is not None and (
            chosen_option.decision_id != decision.pk
            or not methods.family(decision.method).options_are_times
        ):
            raise DecisionError(_("Choose one of the proposed times."), code="chosen_option")
        outcome = Outcome.objects.filter(decision=decision).first()
        before = _outcome_values(outcome) if outcome else None
        if outcome is None:
            outcome = Outcome(decision=decision, written_at=now)
        outcome.statement = statement
        outcome.reasons = reasons.strip()
        outcome.next_steps = next_steps.strip()
        outcome.review_on = review_on
        outcome.chosen_option = chosen_option
        outcome.written_by = person
        outcome.updated_at = now
        outcome.save()
        after = _outcome_values(outcome)
        if before == after:
            return outcome
        if decision.place.project_id:
            decision_log_entry_write(decision, outcome, person)
        decision_record(
            decision,
            actor=person,
            action="outcome_written" if before is None else "outcome_changed",
            summary=f"{person.name} {'wrote' if before is None else 'changed'} the outcome of "
            f"“{decision.title}”",
            before=before,
            after=after,
        )
    return outcome


def decision_log_entry_write(
    decision: Decision, outcome: Outcome | None, person: User | None
) -> None:
    """Record a project decision in the project's involvement log when it closes, and
    keep the entry in step with the outcome.

    No participations: how long people spent deciding is not known, and the log feeds
    payments, so no time is invented. Responses and participation rates live on the
    decision page.
    """
    values = EntryValues(
        title=f"Decision: {decision.title}"[:200],
        happened_on=timezone.localdate(decision.closed_at or decision.closes_at),
        kind=ActivityKind.OTHER,
        stage=decision.place.project.stage,
        description=_entry_description(decision, outcome),
        what_changed=outcome.statement if outcome else "",
    )
    entry = None
    if decision.involvement_entry_id is not None:
        entry = InvolvementEntry.objects.get(pk=decision.involvement_entry_id)
        # The stage it was recorded at stays: the project may have moved on since.
        values = replace(values, stage=entry.stage)
    who = person.name if person is not None else "Levelfield"
    entry = involvement_entry_write(
        place=decision.place,
        actor=person,
        values=values,
        entry=entry,
        summary=f"{who} {'updated' if entry else 'recorded'} “{values.title}” in the "
        "involvement log",
    )
    if decision.involvement_entry_id is None:
        decision.involvement_entry = entry
        decision.save(update_fields=["involvement_entry"])


def _entry_description(decision: Decision, outcome: Outcome | None) -> str:
    responses = Response.objects.filter(decision=decision).count()
    parts = [
        f"Decided together by {stored(Method(decision.method).label).lower()}: "
        f"{plural(responses, 'response')}."
    ]
    if decision.voices_heard is False:
        parts.append("Not enough voices heard.")
    if outcome and outcome.reasons:
        parts.append(f"Why: {outcome.reasons}")
    if outcome and outcome.next_steps:
        parts.append(f"Next steps: {outcome.next_steps}")
    return "\n\n".join(parts)


def _outcome_values(outcome: Outcome) -> dict[str, Any]:
    return {
        "statement": outcome.statement,
        "reasons": outcome.reasons,
        "next_steps": outcome.next_steps,
        "review_on": outcome.review_on.isoformat() if outcome.review_on else "",
        "chosen_time": outcome.chosen_option.label if outcome.chosen_option else "",
    }
