"""Responding: giving or changing a response, one per person even when two submissions
arrive together.

A named response is a `Response` row; every change keeps its before and after in a
`ResponseChange` and the history. An anonymous answer is a sealed ballot on the person's
`Voter` row until closing (see ballots.py): answering again while signed in replaces
it, and the history says at closing only how many anonymous responses were changed.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from levelfield.decisions import methods
from levelfield.decisions.access import decision_may_act
from levelfield.decisions.ballots import Ballot, BallotUnreadable, ballot_open, ballot_seal
from levelfield.decisions.models import (
    Decision,
    Phase,
    ReasonsPolicy,
    Response,
    ResponseChange,
    Tally,
    Voter,
)
from levelfield.decisions.services.common import DecisionError, decision_record
from levelfield.decisions.services.tallying import (
    TallyMissing,
    tally_locked,
    tally_locked_existing,
    tally_response_kept,
    tally_voter_kept,
)
from levelfield.decisions.wording import when_words
from levelfield.people.models import User
from levelfield.places.models import Place


def response_submit(
    *,
    decision: Decision,
    person: User,
    payload: Any,
    reason: str = "",
    now: datetime | None = None,
) -> Response | None:
    """Record or change a person's response: exactly one per person, even when two
    submissions arrive together. Returns the named response, or None for an anonymous
    decision (whose answer is sealed until closing)."""
    # On PostgreSQL a named response holds the decision only against changes to it
    # (closing, new options), not against other people's responses: many people answer
    # one decision at once, and taking the decision's row for the whole transaction
    # made them wait for each other. Their counts are kept one at a time on the tally's
    # row, locked last and briefly.
    shared = connection.vendor == "postgresql" and not decision.anonymous
    conflicts = 0
    while True:
        try:
            return _response_submit(
                decision=decision,
                person=person,
                payload=payload,
                reason=reason,
                now=now,
                shared=shared,
            )
        except IntegrityError:
            # Another submission from the same person won the race; go again and it
            # becomes a change to that response.
            conflicts += 1
            if conflicts == 3:
                raise
        except TallyMissing:
            # No kept counts yet: they are made from the responses with the decision
            # held alone, as before any was kept.
            shared = False


def _response_submit(
    *,
    decision: Decision,
    person: User,
    payload: Any,
    reason: str,
    now: datetime | None,
    shared: bool,
) -> Response | None:
    now = now or timezone.now()
    reason = reason.strip()
    with transaction.atomic():
        # Locked with its place, collective and project read in the same query (the
        # membership check needs them); only the decision's row is locked.
        if shared:
            decision = decision_hold_shared(decision)
        else:
            decision = (
                Decision.objects.select_for_update(of=("self",)).with_place().get(pk=decision.pk)
            )
        _check_can_respond(decision, person, now)
        # Made from the responses before this one if missing (with the decision held
        # alone); otherwise locked after this person's response is written.
        tally = None if shared else tally_locked(decision)
        option_ids = list(decision.options.values_list("id", flat=True))
        try:
            payload = methods.payload_validate(decision, option_ids, payload)
        except ValidationError as error:
            raise DecisionError(error.messages[0], code=error.code) from None
        reason_problem = reason_problem_for(decision, payload, reason)
        if reason_problem:
            raise DecisionError(reason_problem, code="reason")
        if decision.anonymous:
            _ballot_save(decision, tally or tally_locked(decision), person, payload, reason)
            return None
        return _named_response_save(decision, tally, person, payload, reason, now)


def decision_hold_shared(decision: Decision) -> Decision:
    """The decision's row as it is now, held against changes to it (FOR SHARE) until the
    transaction ends: closing and new options (which take it FOR UPDATE) wait, other
    responses do not. PostgreSQL only; Django's querysets lock only FOR UPDATE.

    The lock and the read are one query (a row locked after waiting is returned as the
    change that was waited for left it), and the place comes from `decision` when it
    was read with it: a decision never moves place, so reading it again cost a query
    and a join of three tables on every response."""
    table = connection.ops.quote_name(Decision._meta.db_table)
    rows = list(
        Decision.objects.raw(f"SELECT * FROM {table} WHERE id = %s FOR SHARE", [decision.pk])  # noqa: S608
    )
    if not rows:
        raise Decision.DoesNotExist
    held = rows[0]
    held.place = (
        decision.place
        if Decision.place.is_cached(decision)
        else Place.objects.select_related("collective", "project").get(pk=held.place_id)
    )
    return held


def _check_can_respond(decision: Decision, person: User, now: datetime) -> None:
    if not decision_may_act(decision, person):
        raise DecisionError(_("Only members can respond to this decision."))
    phase = decision.phase(now)
    if phase == Phase.CLOSED:
        raise DecisionError(
            _("This decision has closed, so responses can no longer be given or changed.")
        )
    if phase != Phase.VOTING:
        raise DecisionError(
            _("Voting has not opened yet. It opens on %(when)s.")
            % {"when": when_words(decision.opens_at)}
        )


def reason_problem_for(decision: Decision, payload: dict[str, Any], reason: str) -> str:
    """What is wrong with the reason given under the decision's rule, or ''."""
    if reason:
        return ""
    if decision.reasons_policy == ReasonsPolicy.REQUIRED:
        return _("Give a reason for your response.")
    family = methods.family(decision.method)
    if decision.reasons_policy == ReasonsPolicy.OBJECTIONS and family.is_objection(payload):
        label = family.summary(decision, {}, payload)
        return _("Give a reason for “%(answer)s”: one is needed to disagree, object or block.") % {
            "answer": label
        }
    return ""


def ballot_of(*, decision: Decision, person: User) -> Ballot | None:
    """A person's own sealed answer to an open anonymous decision, opened for them alone
    (to show it back in the form), or None."""
    sealed = (
        Voter.objects.filter(decision=decision, person=person)
        .values_list("sealed_ballot", flat=True)
        .first()
    )
    if sealed is None:
        return None
    try:
        return ballot_open(decision_id=decision.pk, person_id=person.pk, sealed=sealed)
    except BallotUnreadable:
        return None


def _ballot_save(
    decision: Decision, tally: Tally, person: User, payload: dict[str, Any], reason: str
) -> None:
    """Seal the answer onto the person's voter row. No `Response` exists until closing, and
    nothing but the sealed ballot says what they answered."""
    sealed = ballot_seal(
        decision_id=decision.pk, person_id=person.pk, payload=payload, reason=reason
    )
    voter = Voter.objects.filter(decision=decision, person=person).first()
    if voter is None:
        Voter.objects.create(decision=decision, person=person, sealed_ballot=sealed)
        tally_voter_kept(tally, new_voter=True)
        return
    if voter.sealed_ballot is None:
        # Answered before sealed ballots (stored unlinked already): nothing can find it.
        raise DecisionError(
            _("You have already responded, and that answer cannot be changed."),
            code="already_responded",
        )
    try:
        current = ballot_open(
            decision_id=decision.pk, person_id=person.pk, sealed=voter.sealed_ballot
        )
    except BallotUnreadable:
        current = None
    if current == Ballot(payload=payload, reason=reason):
        return
    voter.sealed_ballot = sealed
    voter.save(update_fields=["sealed_ballot"])
    # Counted, and said in the history only at closing (closing.py): a history row
    # written now would share this voter row's xmin and carry the time.
    tally_voter_kept(tally, new_voter=False)


def _named_response_save(
    decision: Decision,
    tally: Tally | None,
    person: User,
    payload: dict[str, Any],
    reason: str,
    now: datetime,
) -> Response:
    """Write the person's response (its row locked, so two of theirs at once take turns),
    its history, then the counts (`tally`, or the tally locked now, last)."""
    response = (
        Response.objects.select_for_update().filter(decision=decision, person=person).first()
    )
    if response is None:
        response = Response.objects.create(
            decision=decision, person=person, payload=payload, reason=reason, updated_at=now
        )
        _record_response(decision, person, "response_given", "responded to", None, response)
        tally_response_kept(
            tally or tally_locked_existing(decision), payload=payload, reason=reason
        )
        return response
    if response.payload == payload and response.reason == reason:
        return response
    before = {"payload": response.payload, "reason": response.reason}
    ResponseChange.objects.create(
        response=response,
        changed_at=now,
        payload_before=response.payload,
        reason_before=response.reason,
        payload_after=payload,
        reason_after=reason,
    )
    response.payload, response.reason, response.updated_at = payload, reason, now
    response.save(update_fields=["payload", "reason", "updated_at"])
    _record_response(
        decision, person, "response_changed", "changed their response to", before, response
    )
    tally_response_kept(
        tally or tally_locked_existing(decision),
        payload=payload,
        reason=reason,
        before=before["payload"],
        reason_before=before["reason"],
    )
    return response


def _record_response(
    decision: Decision,
    person: User,
    action: str,
    words: str,
    before: dict[str, Any] | None,
    response: Response,
) -> None:
    # While results are hidden the history says who responded, never what.
    show = not decision.results_hidden
    decision_record(
        decision,
        actor=person,
        action=action,
        summary=f"{person.name} {words} “{decision.title}”",
        before=before if show else None,
        after={"payload": response.payload, "reason": response.reason} if show else None,
    )
