"""Everything that changes a decision: starting it, talking it through, responding,
closing, reminding and writing the outcome.

Each function runs in one transaction together with its entry in the change
history. Responses lock the decision row, so two submissions from one person
(a double click, two tabs) leave exactly one response; the database's unique
constraint is the last line of defence.

An anonymous response can be changed only with the change code its voter was given
(see change_codes.py): the server keeps a one-way hash of the code, never a link
from the person to the response, so it cannot say who answered what. The history
records only that "an anonymous response was changed", with no one named and no
before or after.
"""

from __future__ import annotations

import logging
import zoneinfo
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from smtplib import SMTPException
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import get_connection, send_mail
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.debug import sensitive_variables

from levelfield.decisions import methods, participation
from levelfield.decisions.change_codes import change_code_hash, response_for_code
from levelfield.decisions.models import (
    Decision,
    DiscussionPoint,
    Method,
    Option,
    Outcome,
    Phase,
    PointKind,
    ReasonsPolicy,
    Response,
    ResponseChange,
    VoiceCheck,
    Voter,
)
from levelfield.history.services import change_record
from levelfield.projects.models import ActivityKind, InvolvementEntry

logger = logging.getLogger(__name__)

REMINDER_BEFORE = timedelta(days=1)

CHANGE_CODE_MISMATCH = "That change code does not match an answer to this decision."


class DecisionError(ValidationError):
    """A change refused for a reason the person can act on; the message says what to do."""


@dataclass(frozen=True)
class ProposedTime:
    starts_at: datetime
    ends_at: datetime


# Starting a decision


def decision_create(
    *,
    created_by: Any,
    method: str,
    title: str,
    background: str,
    closes_at: datetime,
    project: Any = None,
    collective: Any = None,
    opens_at: datetime | None = None,
    has_discussion: bool = False,
    anonymous: bool = False,
    results_hidden: bool = False,
    reasons_policy: str = ReasonsPolicy.OPTIONAL,
    max_choices: int = 1,
    dot_budget: int = 10,
    score_min: int = 0,
    score_max: int = 5,
    voice_check: str = "none",
    voice_minimum: int = 1,
    timezone_name: str = "",
    options: Sequence[str] = (),
    times: Sequence[ProposedTime] = (),
    now: datetime | None = None,
) -> Decision:
    """Start a decision in a project or collective, with its options or proposed times."""
    now = now or timezone.now()
    opens_at = opens_at or now
    decision = Decision(
        project=project,
        collective=collective,
        method=method,
        title=title.strip(),
        background=background.strip(),
        opens_at=opens_at,
        closes_at=closes_at,
        has_discussion=has_discussion,
        anonymous=anonymous,
        # Anonymous results stay hidden until closing (see the model's constraint).
        results_hidden=results_hidden or anonymous,
        reasons_policy=reasons_policy,
        max_choices=max_choices if method == Method.MULTIPLE_CHOICE else 1,
        dot_budget=dot_budget,
        score_min=score_min,
        score_max=score_max,
        voice_check=voice_check,
        voice_minimum=voice_minimum,
        timezone_name=timezone_name or settings.TIME_ZONE,
        created_by=created_by,
    )
    _check_choices(decision)
    labels = _option_labels(decision, options, times)
    with transaction.atomic():
        if not participation.is_member(decision, created_by):
            raise DecisionError("Only members can start a decision here.")
        decision_times_check(decision, now=now)
        decision.save()
        Option.objects.bulk_create(
            Option(
                decision=decision,
                label=label,
                position=position,
                starts_at=time.starts_at if time else None,
                ends_at=time.ends_at if time else None,
                added_by=created_by,
            )
            for position, (label, time) in enumerate(labels)
        )
        _record(
            decision,
            actor=created_by,
            action="decision_started",
            summary=f"{created_by.name} started the decision “{decision.title}”",
            after=_decision_values(decision, [label for label, _ in labels]),
        )
        transaction.on_commit(lambda: decision_tasks_schedule(decision))
    return decision


def _check_choices(decision: Decision) -> None:
    """Refuse values no form would offer, whoever calls the service."""
    if decision.method not in Method.values:
        raise DecisionError("Choose how people will respond.", code="method")
    if decision.reasons_policy not in ReasonsPolicy.values:
        raise DecisionError("Choose a rule for reasons.", code="reasons_policy")
    if decision.voice_check not in VoiceCheck.values:
        raise DecisionError("Choose a voice check.", code="voice_check")
    if not decision.title or not decision.background:
        raise DecisionError("Give the decision a title and a background.", code="title")
    if decision.score_max <= decision.score_min:
        raise DecisionError("The highest score must be more than the lowest.", code="score")
    _zone(decision.timezone_name)


def decision_times_check(decision: Decision, *, now: datetime) -> None:
    """Voting stays open at least the collective's minimum period, counted from now
    if the opening time has already passed, so nobody is rushed."""
    minimum_days = decision.home_collective.minimum_decision_days
    if decision.has_discussion and decision.opens_at <= now:
        raise DecisionError(
            "To talk it through first, choose a time for voting to open that is later than now."
        )
    start = max(decision.opens_at, now)
    earliest = start + timedelta(days=minimum_days)
    if decision.closes_at < earliest:
        raise DecisionError(
            f"Decisions here stay open for at least {minimum_days} "
            f"{'day' if minimum_days == 1 else 'days'} so nobody is rushed. Choose a closing "
            f"time on or after {when(earliest)}.",
            code="too_short",
        )


def _option_labels(
    decision: Decision, options: Sequence[str], times: Sequence[ProposedTime]
) -> list[tuple[str, ProposedTime | None]]:
    if decision.method in methods.STANCE_METHODS:
        return []
    if decision.method == Method.TIME_POLL:
        zone = _zone(decision.timezone_name)
        ordered = sorted(set(times), key=lambda time: time.starts_at)
        labelled = [(time_label(time.starts_at, time.ends_at, zone), time) for time in ordered]
    else:
        labelled = [(label, None) for label in unique_labels(options)]
    if len(labelled) < 2:
        raise DecisionError(
            "Give at least 2 proposed times."
            if decision.method == Method.TIME_POLL
            else "Give at least 2 options.",
            code="options",
        )
    if any(time and time.ends_at <= time.starts_at for _, time in labelled):
        raise DecisionError("Each proposed time must end after it starts.", code="options")
    if len(labelled) > methods.MAX_OPTIONS:
        raise DecisionError(f"Give at most {methods.MAX_OPTIONS} options.", code="options")
    if any(len(label) > 200 for label, _ in labelled):
        raise DecisionError("Keep each option under 200 characters.", code="options")
    return labelled


def unique_labels(options: Sequence[str]) -> list[str]:
    """Options tidied of extra spaces, without blanks or repeats (ignoring capitals)."""
    seen: dict[str, str] = {}
    for option in options:
        label = " ".join(option.split())
        if label and label.lower() not in seen:
            seen[label.lower()] = label
    return list(seen.values())


def _zone(name: str) -> zoneinfo.ZoneInfo:
    try:
        return zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        raise DecisionError("Choose a time zone from the list.", code="timezone") from None


def time_label(starts_at: datetime, ends_at: datetime, zone: zoneinfo.ZoneInfo) -> str:
    """'Tuesday 3 November 2026, 14:00 to 15:30 (Europe/London)'."""
    start = starts_at.astimezone(zone)
    end = ends_at.astimezone(zone)
    end_text = f"{end:%H:%M}" if end.date() == start.date() else f"{_day(end)} {end:%H:%M}"
    return f"{start:%A} {_day(start)}, {start:%H:%M} to {end_text} ({zone.key})"


def when(moment: datetime) -> str:
    """'3 November 2026 at 14:00' in the site's time zone."""
    local = timezone.localtime(moment)
    return f"{_day(local)} at {local:%H:%M}"


def _day(moment: datetime | date) -> str:
    return f"{moment.day} {moment:%B %Y}"


def decision_tasks_schedule(decision: Decision) -> None:
    """Ask the background worker to close the decision on time and remind people a
    day before. Backends that cannot run tasks later (the immediate one used in
    tests) rely on `manage.py close_due_decisions` instead."""
    from levelfield.decisions import tasks

    backend = tasks.decision_close_task.get_backend()
    if not backend.supports_defer:
        return
    tasks.decision_close_task.using(run_after=decision.closes_at).enqueue(decision.pk)
    remind_at = max(decision.closes_at - REMINDER_BEFORE, decision.opens_at)
    tasks.decision_remind_task.using(run_after=remind_at).enqueue(decision.pk)


# Talking it through


def option_add(
    *,
    decision: Decision,
    person: Any,
    label: str = "",
    time: ProposedTime | None = None,
    now: datetime | None = None,
) -> Option:
    """Add an option (or a proposed time) while the decision is being talked through."""
    now = now or timezone.now()
    with transaction.atomic():
        decision = Decision.objects.select_for_update().get(pk=decision.pk)
        if not participation.is_member(decision, person):
            raise DecisionError("Only members can add options.")
        if decision.phase(now) != Phase.DISCUSSION:
            raise DecisionError(
                "Options can only be added while the decision is being talked through, "
                "before voting opens."
            )
        if decision.method in methods.STANCE_METHODS:
            raise DecisionError("This decision is about one proposal, so it has no options.")
        if decision.method == Method.TIME_POLL:
            if time is None:
                raise DecisionError("Give the date and time you propose.")
            label, starts_at, ends_at = (
                time_label(time.starts_at, time.ends_at, _zone(decision.timezone_name)),
                time.starts_at,
                time.ends_at,
            )
        else:
            label, starts_at, ends_at = " ".join(label.split()), None, None
        if not label:
            raise DecisionError("Write the option.")
        existing = list(decision.options.values_list("label", flat=True))
        if label.lower() in {known.lower() for known in existing}:
            raise DecisionError(f"“{label}” is already an option.")
        if len(existing) >= methods.MAX_OPTIONS:
            raise DecisionError(f"A decision can have at most {methods.MAX_OPTIONS} options.")
        option = Option.objects.create(
            decision=decision,
            label=label,
            position=len(existing),
            starts_at=starts_at,
            ends_at=ends_at,
            added_by=person,
        )
        _record(
            decision,
            actor=person,
            action="option_added",
            summary=f"{person.name} added the option “{label}” to “{decision.title}”",
            after={"option": label},
        )
    return option


def point_add(
    *,
    decision: Decision,
    person: Any,
    kind: str,
    text: str,
    option: Option | None = None,
    now: datetime | None = None,
) -> DiscussionPoint:
    """Add a pro, con or comment to the decision talk, until the decision closes."""
    now = now or timezone.now()
    text = text.strip()
    if kind not in PointKind.values:
        raise DecisionError("Choose whether this is a pro, a con or a comment.")
    if not text:
        raise DecisionError("Write what you want to say.")
    if option is not None and option.decision_id != decision.pk:
        raise DecisionError("Choose an option from this decision.")
    with transaction.atomic():
        if not participation.is_member(decision, person):
            raise DecisionError("Only members can take part in the talk.")
        if decision.phase(now) == Phase.CLOSED:
            raise DecisionError("This decision has closed, so the talk has ended.")
        point = DiscussionPoint.objects.create(
            decision=decision, option=option, kind=kind, text=text, author=person
        )
        _record(
            decision,
            actor=person,
            action="point_added",
            summary=f"{person.name} added a {PointKind(kind).name.lower()} to “{decision.title}”",
            after={"kind": kind, "option": option.label if option else "", "text": text},
        )
    return point


# Responding


@sensitive_variables("change_code")
def response_submit(
    *,
    decision: Decision,
    person: Any,
    payload: Any,
    reason: str = "",
    change_code: str = "",
    now: datetime | None = None,
) -> Response:
    """Record or change a person's response: exactly one per person, even when two
    submissions arrive together.

    On an anonymous decision `change_code` is the voter's secret: with their first
    response only its hash is stored; afterwards the same code is what finds the
    response to change. Without a code an anonymous response can never be changed.
    """
    for attempt in range(3):
        try:
            return _response_submit(
                decision=decision,
                person=person,
                payload=payload,
                reason=reason,
                change_code=change_code,
                now=now,
            )
        except IntegrityError:
            # Another submission from the same person won the race; go again and it
            # becomes a change to that response (or a clear refusal if anonymous).
            if attempt == 2:
                raise
    raise AssertionError("unreachable")


@sensitive_variables("change_code")
def _response_submit(
    *,
    decision: Decision,
    person: Any,
    payload: Any,
    reason: str,
    change_code: str,
    now: datetime | None,
) -> Response:
    now = now or timezone.now()
    reason = reason.strip()
    with transaction.atomic():
        decision = Decision.objects.select_for_update().get(pk=decision.pk)
        _check_can_respond(decision, person, now)
        option_ids = list(decision.options.values_list("id", flat=True))
        try:
            payload = methods.payload_validate(decision, option_ids, payload)
        except ValidationError as error:
            raise DecisionError(error.messages[0], code=error.code) from None
        reason_problem = reason_problem_for(decision, payload, reason)
        if reason_problem:
            raise DecisionError(reason_problem, code="reason")
        if decision.anonymous:
            return _anonymous_response_save(decision, person, payload, reason, change_code)
        return _named_response_save(decision, person, payload, reason, now)


def _check_can_respond(decision: Decision, person: Any, now: datetime) -> None:
    if not participation.is_member(decision, person):
        raise DecisionError("Only members can respond to this decision.")
    phase = decision.phase(now)
    if phase == Phase.CLOSED:
        raise DecisionError(
            "This decision has closed, so responses can no longer be given or changed."
        )
    if phase != Phase.VOTING:
        raise DecisionError(f"Voting has not opened yet. It opens on {when(decision.opens_at)}.")


def reason_problem_for(decision: Decision, payload: dict[str, Any], reason: str) -> str:
    """What is wrong with the reason given under the decision's rule, or ''."""
    if reason:
        return ""
    if decision.reasons_policy == ReasonsPolicy.REQUIRED:
        return "Give a reason for your response."
    if decision.reasons_policy == ReasonsPolicy.OBJECTIONS and methods.is_objection(
        decision, payload
    ):
        label = methods.stance_label(decision.method, payload["stance"])
        return f"Give a reason for “{label}”: one is needed to disagree, object or block."
    return ""


@sensitive_variables("change_code")
def _anonymous_response_save(
    decision: Decision, person: Any, payload: dict[str, Any], reason: str, change_code: str
) -> Response:
    _, created = Voter.objects.get_or_create(decision=decision, person=person)
    if created:
        if change_code and response_for_code(decision, change_code) is not None:
            # Someone else's code passed as a new one: refuse it here, or the unique
            # constraint's retry would turn this first response into a change of theirs.
            raise DecisionError("A new response needs a new change code.", code="change_code")
        # No person, no time: nothing ties this row to the voter list. The hash of a
        # random code says nothing about who holds the code.
        return Response.objects.create(
            decision=decision,
            person=None,
            payload=payload,
            reason=reason,
            change_key_hash=change_code_hash(change_code) if change_code else None,
        )
    if not change_code:
        raise DecisionError(
            "You have already responded. Anonymous responses cannot be changed without "
            "your change code, because Levelfield keeps no link between you and your answer.",
            code="already_responded",
        )
    # Only people who have answered get this far, so the code can change a response
    # but never add a second one.
    response = response_for_code(decision, change_code)
    if response is None:
        raise DecisionError(CHANGE_CODE_MISMATCH, code="change_code")
    if response.payload == payload and response.reason == reason:
        return response
    # Same row, no time stored on it, no ResponseChange (its before, after and time
    # could be matched with who was signed in when).
    response.payload, response.reason = payload, reason
    response.save(update_fields=["payload", "reason"])
    _record(
        decision,
        actor=None,
        action="anonymous_response_changed",
        summary=f"An anonymous response to “{decision.title}” was changed",
    )
    return response


def _named_response_save(
    decision: Decision, person: Any, payload: dict[str, Any], reason: str, now: datetime
) -> Response:
    response = Response.objects.filter(decision=decision, person=person).first()
    if response is None:
        response = Response.objects.create(
            decision=decision, person=person, payload=payload, reason=reason, updated_at=now
        )
        _record_response(decision, person, "response_given", "responded to", None, response)
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
    return response


def _record_response(
    decision: Decision,
    person: Any,
    action: str,
    words: str,
    before: dict[str, Any] | None,
    response: Response,
) -> None:
    # While results are hidden the history says who responded, never what.
    show = not decision.results_hidden
    _record(
        decision,
        actor=person,
        action=action,
        summary=f"{person.name} {words} “{decision.title}”",
        before=before if show else None,
        after={"payload": response.payload, "reason": response.reason} if show else None,
    )


# Closing


def decision_close(
    *, decision: Decision, now: datetime | None = None, early: bool = False, actor: Any = None
) -> bool:
    """Close a decision and fix its voice check. Safe to call twice: the second does nothing.
    Returns whether this call closed it."""
    now = now or timezone.now()
    with transaction.atomic():
        decision = Decision.objects.select_for_update().get(pk=decision.pk)
        if decision.closed_at is not None:
            return False
        if not early and now < decision.closes_at:
            return False
        members = participation.members_of(decision)
        responded = participation.responder_ids(decision)
        voices = participation.voice_check_evaluate(decision, members, responded)
        decision.closed_at = now
        decision.closed_early = early
        decision.voices_heard = voices.passed if voices.applies else None
        decision.save(update_fields=["closed_at", "closed_early", "voices_heard"])
        if decision.project_id:
            _involvement_entry_write(decision, None, actor)
        who = actor.name if actor is not None else "Levelfield"
        _record(
            decision,
            actor=actor,
            action="decision_closed",
            summary=(
                f"{who} closed “{decision.title}” early: everyone had responded"
                if early
                else f"“{decision.title}” closed at its closing time"
            ),
            after={
                "responses": len(responded),
                "members": len(members),
                "voices_heard": decision.voices_heard,
            },
        )
    return True


def decision_close_early(*, decision: Decision, person: Any, now: datetime | None = None) -> None:
    """Close before the closing time, allowed only once every member has responded."""
    now = now or timezone.now()
    with transaction.atomic():
        decision = Decision.objects.select_for_update().get(pk=decision.pk)
        if not participation.is_member(decision, person):
            raise DecisionError("Only members can close this decision.")
        if decision.phase(now) == Phase.CLOSED:
            raise DecisionError("This decision has already closed.")
        if decision.phase(now) != Phase.VOTING:
            raise DecisionError("Voting has not opened yet.")
        members = {member.pk for member in participation.members_of(decision)}
        waiting = members - participation.responder_ids(decision)
        if waiting:
            raise DecisionError(
                "It can close early only when every member has responded. "
                f"{len(waiting)} {'person has' if len(waiting) == 1 else 'people have'} "
                "not responded yet."
            )
        decision_close(decision=decision, now=now, early=True, actor=person)


def decision_close_if_due(*, decision: Decision, now: datetime | None = None) -> bool:
    """Close a decision whose time has come (pages call this so results never wait
    for the background worker)."""
    now = now or timezone.now()
    if decision.closed_at is None and now >= decision.closes_at:
        closed = decision_close(decision=decision, now=now)
        decision.refresh_from_db()
        return closed
    return False


def decisions_close_due(*, now: datetime | None = None) -> int:
    """Close every decision past its closing time. Idempotent; returns how many closed."""
    now = now or timezone.now()
    closed = 0
    for decision in Decision.objects.due_to_close(now).order_by("closes_at"):
        closed += decision_close(decision=decision, now=now)
    return closed


# Reminders


def decisions_remind_due(*, now: datetime | None = None) -> int:
    """Send the one reminder each open decision gets a day before it closes."""
    now = now or timezone.now()
    sent = 0
    for decision in Decision.objects.needing_reminder(now, before=REMINDER_BEFORE):
        sent += decision_remind(decision=decision, now=now)
    return sent


def decision_remind(*, decision: Decision, now: datetime | None = None) -> int:
    """Email members who have not responded, once. Returns how many emails went.

    The decision row is locked and marked as reminded in the same transaction as
    the sending, so two workers never both send it and a failure lets it be retried.
    """
    now = now or timezone.now()
    with transaction.atomic():
        decision = (
            Decision.objects.select_for_update(of=("self",))
            .select_related("project", "collective")
            .get(pk=decision.pk)
        )
        if decision.reminder_sent_at or decision.phase(now) != Phase.VOTING:
            return 0
        if now < decision.closes_at - REMINDER_BEFORE:
            return 0
        responded = participation.responder_ids(decision)
        waiting = [p for p in participation.members_of(decision) if p.pk not in responded]
        decision.reminder_sent_at = now
        decision.save(update_fields=["reminder_sent_at"])
        _record(
            decision,
            actor=None,
            action="reminder_sent",
            summary=f"Levelfield reminded {len(waiting)} "
            f"{'person' if len(waiting) == 1 else 'people'} about “{decision.title}”",
            after={"reminded": len(waiting)},
        )
        return _reminders_send(decision, waiting)


def _reminders_send(decision: Decision, people: Sequence[Any]) -> int:
    if not people:
        return 0
    context = {
        "decision": decision,
        "place": decision.place,
        "url": absolute_url(reverse("decisions:respond", args=[decision.pk])),
        "closes_at": timezone.localtime(decision.closes_at),
    }
    subject = " ".join(render_to_string("decisions/email/reminder_subject.txt", context).split())
    sent = 0
    connection = get_connection()
    for person in people:
        body = render_to_string("decisions/email/reminder_body.txt", {**context, "person": person})
        try:
            sent += send_mail(
                subject=subject,
                message=body,
                from_email=settings.DEFAULT_FROM_EMAIL,
                recipient_list=[person.email],
                connection=connection,
            )
        except (SMTPException, OSError):
            logger.exception("Could not send a decision reminder for %s", decision.pk)
    return sent


def absolute_url(path: str) -> str:
    """Links in emails sent by the background worker, which has no request to ask."""
    return settings.SITE_URL + path


# The outcome


def outcome_write(
    *,
    decision: Decision,
    person: Any,
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
        raise DecisionError("Write what you decided.", code="statement")
    with transaction.atomic():
        decision = (
            Decision.objects.select_for_update(of=("self",))
            .select_related("project", "collective")
            .get(pk=decision.pk)
        )
        if not participation.is_member(decision, person):
            raise DecisionError("Only members can write the outcome.")
        if decision.phase(now) != Phase.CLOSED:
            raise DecisionError("The outcome can be written once the decision has closed.")
        if chosen_option is not None and (
            chosen_option.decision_id != decision.pk or decision.method != Method.TIME_POLL
        ):
            raise DecisionError("Choose one of the proposed times.", code="chosen_option")
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
        if decision.project_id:
            _involvement_entry_write(decision, outcome, person)
        _record(
            decision,
            actor=person,
            action="outcome_written" if before is None else "outcome_changed",
            summary=f"{person.name} {'wrote' if before is None else 'changed'} the outcome of "
            f"“{decision.title}”",
            before=before,
            after=after,
        )
    return outcome


def _involvement_entry_write(decision: Decision, outcome: Outcome | None, person: Any) -> None:
    """Record a project decision in the project's involvement log when it closes, and
    keep the entry in step with the outcome.

    Written here rather than through the projects app's form service, which asks for at
    least one participant with their minutes: how long people spent deciding is not
    known, and the log feeds payments, so no time is invented. The entry has no
    participations; responses and participation rates live on the decision page.
    """
    from levelfield.projects.services import entry_snapshot

    values = {
        "title": f"Decision: {decision.title}"[:200],
        "happened_on": timezone.localdate(decision.closed_at or decision.closes_at),
        "kind": ActivityKind.OTHER,
        "description": _entry_description(decision, outcome),
        "what_changed": outcome.statement if outcome else "",
    }
    who = person.name if person is not None else "Levelfield"
    if decision.involvement_entry_id is None:
        entry = InvolvementEntry.objects.create(
            project=decision.project, recorded_by=person, stage=decision.project.stage, **values
        )
        decision.involvement_entry = entry
        decision.save(update_fields=["involvement_entry"])
        change_record(
            actor=person,
            action="entry_created",
            summary=f"{who} recorded “{entry.title}” in the involvement log",
            subject=entry,
            subject_type="involvemententry",
            project=decision.project,
            after=entry_snapshot(entry),
        )
        return
    entry = InvolvementEntry.objects.select_for_update().get(pk=decision.involvement_entry_id)
    before = entry_snapshot(entry)
    for field, value in values.items():
        setattr(entry, field, value)
    entry.save()
    after = entry_snapshot(entry)
    if after != before:
        change_record(
            actor=person,
            action="entry_updated",
            summary=f"{who} updated “{entry.title}” in the involvement log",
            subject=entry,
            subject_type="involvemententry",
            project=decision.project,
            before=before,
            after=after,
        )


def _entry_description(decision: Decision, outcome: Outcome | None) -> str:
    responses = Response.objects.filter(decision=decision).count()
    parts = [
        f"Decided together by {Method(decision.method).label.lower()}: "
        f"{responses} {'response' if responses == 1 else 'responses'}."
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


# History


def _record(
    decision: Decision,
    *,
    actor: Any,
    action: str,
    summary: str,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
) -> None:
    change_record(
        actor=actor,
        action=action,
        summary=summary,
        subject=decision,
        project=decision.project if decision.project_id else None,
        collective=decision.collective if decision.collective_id else None,
        before=before,
        after=after,
    )


def _decision_values(decision: Decision, options: list[str]) -> dict[str, Any]:
    return {
        "title": decision.title,
        "method": Method(decision.method).label,
        "opens": decision.opens_at.isoformat(),
        "closes": decision.closes_at.isoformat(),
        "talk it through first": decision.has_discussion,
        "anonymous": decision.anonymous,
        "results hidden until closing": decision.results_hidden,
        "reasons": ReasonsPolicy(decision.reasons_policy).label,
        "options": options,
    }
