"""Talking it through: options added before voting opens, and pros, cons and comments
until the decision closes."""

from __future__ import annotations

from datetime import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from levelfield.decisions import methods
from levelfield.decisions.access import decision_may_act
from levelfield.decisions.models import Decision, DiscussionPoint, Option, Phase, PointKind
from levelfield.decisions.services.common import (
    DecisionError,
    ProposedTime,
    decision_record,
    time_label,
    zone_for,
)
from levelfield.decisions.services.tallying import tally_options_changed
from levelfield.people.models import User


def option_add(
    *,
    decision: Decision,
    person: User,
    label: str = "",
    time: ProposedTime | None = None,
    easy_read_label: str = "",
    now: datetime | None = None,
) -> Option:
    """Add an option (or a proposed time) while the decision is being talked through."""
    now = now or timezone.now()
    with transaction.atomic():
        decision = Decision.objects.select_for_update().get(pk=decision.pk)
        if not decision_may_act(decision, person):
            raise DecisionError(_("Only members can add options."))
        if decision.phase(now) != Phase.DISCUSSION:
            raise DecisionError(
                _(
                    "Options can only be added while the decision is being talked through, "
                    "before voting opens."
                )
            )
        if not methods.family(decision.method).has_options:
            raise DecisionError(_("This decision is about one proposal, so it has no options."))
        if methods.family(decision.method).options_are_times:
            if time is None:
                raise DecisionError(_("Give the date and time you propose."))
            label, starts_at, ends_at = (
                time_label(time.starts_at, time.ends_at, zone_for(decision.timezone_name)),
                time.starts_at,
                time.ends_at,
            )
        else:
            label, starts_at, ends_at = " ".join(label.split()), None, None
        if not label:
            raise DecisionError(_("Write the option."))
        existing = list(decision.options.values_list("label", flat=True))
        if label.lower() in {known.lower() for known in existing}:
            raise DecisionError(_("“%(label)s” is already an option.") % {"label": label})
        if len(existing) >= methods.MAX_OPTIONS:
            raise DecisionError(
                _("A decision can have at most %(count)s options.")
                % {"count": methods.MAX_OPTIONS}
            )
        option = Option.objects.create(
            decision=decision,
            label=label,
            easy_read_label=" ".join(easy_read_label.split())[:200],
            position=len(existing),
            starts_at=starts_at,
            ends_at=ends_at,
            added_by=person,
        )
        tally_options_changed(decision)
        decision_record(
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
    person: User,
    kind: str,
    text: str,
    option: Option | None = None,
    now: datetime | None = None,
) -> DiscussionPoint:
    """Add a pro, con or comment to the decision talk, until the decision closes."""
    now = now or timezone.now()
    text = text.strip()
    if kind not in PointKind.values:
        raise DecisionError(_("Choose whether this is a pro, a con or a comment."))
    if not text:
        raise DecisionError(_("Write what you want to say."))
    if option is not None and option.decision_id != decision.pk:
        raise DecisionError(_("Choose an option from this decision."))
    with transaction.atomic():
        if not decision_may_act(decision, person):
            raise DecisionError(_("Only members can take part in the talk."))
        if decision.phase(now) == Phase.CLOSED:
            raise DecisionError(_("This decision has closed, so the talk has ended."))
        point = DiscussionPoint.objects.create(
            decision=decision, option=option, kind=kind, text=text, author=person
        )
        decision_record(
            decision,
            actor=person,
            action="point_added",
            summary=f"{person.name} added a {PointKind(kind).name.lower()} to “{decision.title}”",
            after={"kind": kind, "option": option.label if option else "", "text": text},
        )
    return point
