"""Starting a decision: checking its settings and times, saving it with its options, and
asking the background worker to close it on time and remind people."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from levelfield.decisions import methods
from levelfield.decisions.access import place_may_act
from levelfield.decisions.models import (
    Decision,
    Method,
    Option,
    ReasonsPolicy,
    Tally,
    VoiceCheck,
)
from levelfield.decisions.services.common import (
    DecisionError,
    ProposedTime,
    decision_record,
    time_label,
    zone_for,
)
from levelfield.decisions.wording import stored, when_words
from levelfield.lib.words import number
from levelfield.people.models import User
from levelfield.places.models import Place

REMINDER_BEFORE = timedelta(days=1)


def decision_create(
    *,
    created_by: User,
    method: str,
    title: str,
    background: str,
    closes_at: datetime,
    place: Place,
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
    easy_read_question: str = "",
    easy_read_options: Mapping[str, str] | None = None,
    now: datetime | None = None,
) -> Decision:
    """Start a decision in a place (a collective, group or project), with its options or
    proposed times. `easy_read_question` and `easy_read_options` (option label -> its
    easy-read words) are what the response form shows to whoever asks for easy read."""
    now = now or timezone.now()
    opens_at = opens_at or now
    # The method's own settings; one it does not ask for keeps its default.
    asks = methods.family(method).create_fields_for(method) if method in Method.values else ()
    decision = Decision(
        place=place,
        method=method,
        title=title.strip(),
        background=background.strip(),
        easy_read_question=easy_read_question.strip(),
        opens_at=opens_at,
        closes_at=closes_at,
        has_discussion=has_discussion,
        anonymous=anonymous,
        # Anonymous results stay hidden until closing (see the model's constraint).
        results_hidden=results_hidden or anonymous,
        reasons_policy=reasons_policy,
        max_choices=max_choices if "max_choices" in asks else 1,
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
    easy_words = {
        label: " ".join(str(words).split())[:200]
        for label, words in (easy_read_options or {}).items()
    }
    with transaction.atomic():
        if not place_may_act(created_by, place):
            raise DecisionError(_("Only members can start a decision here."))
        decision_times_check(decision, now=now)
        decision.save()
        Tally.objects.create(decision=decision)
        Option.objects.bulk_create(
            Option(
                decision=decision,
                label=label,
                easy_read_label=easy_words.get(label, ""),
                position=position,
                starts_at=time.starts_at if time else None,
                ends_at=time.ends_at if time else None,
                added_by=created_by,
            )
            for position, (label, time) in enumerate(labels)
        )
        decision_record(
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
        raise DecisionError(_("Choose how people will respond."), code="method")
    if decision.reasons_policy not in ReasonsPolicy.values:
        raise DecisionError(_("Choose a rule for reasons."), code="reasons_policy")
    if decision.voice_check not in VoiceCheck.values:
        raise DecisionError(_("Choose a voice check."), code="voice_check")
    if not decision.title or not decision.background:
        raise DecisionError(_("Give the decision a title and a background."), code="title")
    if decision.score_max <= decision.score_min:
        raise DecisionError(_("The highest score must be more than the lowest."), code="score")
    zone_for(decision.timezone_name)


def decision_times_check(decision: Decision, *, now: datetime) -> None:
    """Voting stays open at least the collective's minimum period, counted from now
    if the opening time has already passed, so nobody is rushed."""
    minimum_days = decision.home_collective.minimum_decision_days
    if decision.has_discussion and decision.opens_at <= now:
        raise DecisionError(
            _("To talk it through first, choose a time for voting to open that is later than now.")
        )
    start = max(decision.opens_at, now)
    earliest = start + timedelta(days=minimum_days)
    if decision.closes_at < earliest:
        raise DecisionError(
            ngettext(
                "Decisions here stay open for at least %(count)s day so nobody is rushed. "
                "Choose a closing time on or after %(when)s.",
                "Decisions here stay open for at least %(count)s days so nobody is rushed. "
                "Choose a closing time on or after %(when)s.",
                minimum_days,
            )
            % {"count": number(minimum_days), "when": when_words(earliest)},
            code="too_short",
        )


def _option_labels(
    decision: Decision, options: Sequence[str], times: Sequence[ProposedTime]
) -> list[tuple[str, ProposedTime | None]]:
    if not methods.family(decision.method).has_options:
        return []
    if methods.family(decision.method).options_are_times:
        zone = zone_for(decision.timezone_name)
        ordered = sorted(set(times), key=lambda time: time.starts_at)
        labelled = [(time_label(time.starts_at, time.ends_at, zone), time) for time in ordered]
    else:
        labelled = [(label, None) for label in unique_labels(options)]
    if len(labelled) < 2:
        raise DecisionError(
            _("Give at least 2 proposed times.")
            if methods.family(decision.method).options_are_times
            else _("Give at least 2 options."),
            code="options",
        )
    if any(time and time.ends_at <= time.starts_at for _, time in labelled):
        raise DecisionError(_("Each proposed time must end after it starts."), code="options")
    if len(labelled) > methods.MAX_OPTIONS:
        raise DecisionError(
            _("Give at most %(count)s options.") % {"count": methods.MAX_OPTIONS}, code="options"
        )
    if any(len(label) > 200 for label, _ in labelled):
        raise DecisionError(_("Keep each option under 200 characters."), code="options")
    return labelled


def unique_labels(options: Sequence[str]) -> list[str]:
    """Options tidied of extra spaces, without blanks or repeats (ignoring capitals)."""
    seen: dict[str, str] = {}
    for option in options:
        label = " ".join(option.split())
        if label and label.lower() not in seen:
            seen[label.lower()] = label
    return list(seen.values())


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


def _decision_values(decision: Decision, options: list[str]) -> dict[str, Any]:
    return {
        "title": decision.title,
        "method": stored(Method(decision.method).label),
        "opens": decision.opens_at.isoformat(),
        "closes": decision.closes_at.isoformat(),
        "talk it through first": decision.has_discussion,
        "anonymous": decision.anonymous,
        "results hidden until closing": decision.results_hidden,
        "reasons": stored(ReasonsPolicy(decision.reasons_policy).label),
        "options": options,
    }
