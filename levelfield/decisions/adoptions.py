"""Adoption by a decision, one way for every app: a decision adopts a subject (a
document's version, a report's version, a conversation's principles), and when the
decision closes the subject changes state inside the closing transaction. Nobody has
to come back and press "record the result".

`ADOPTIONS` is the one table: for each kind of subject, which model it is and which
service of its app applies each outcome. The services are named by dotted path, so this
app imports none of the apps above it; each receives the subject locked, the decision
and the time, and writes its own history. Whether a closed decision adopts is its method
family's to say (`MethodFamily.adopts`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.apps import apps
from django.db import transaction
from django.db.models import Model
from django.utils import timezone
from django.utils.module_loading import import_string

from levelfield.decisions import methods
from levelfield.decisions.models import Adoption, Decision, Method


@dataclass(frozen=True)
class Rule:
    """One row of the table: the subject's model, and the service called (with
    `subject`, `decision` and `now`) when the decision passes and when it does not."""

    model: str
    passed: str
    not_passed: str


ADOPTIONS: dict[str, Rule] = {
    "document": Rule(
        model="documents.Document",
        passed="levelfield.documents.services.adoption_passed",
        not_passed="levelfield.documents.services.adoption_not_passed",
    ),
    "report": Rule(
        model="reports.Report",
        passed="levelfield.reports.services.signoff_passed",
        not_passed="levelfield.reports.services.signoff_not_passed",
    ),
    "principles": Rule(
        model="deliberation.Draft",
        passed="levelfield.deliberation.services.principles_adopted",
        not_passed="levelfield.deliberation.services.principles_not_adopted",
    ),
}

# The methods a decision to adopt may use (each family says which of its own may).
ADOPTION_METHODS = tuple(
    method for method in Method.values if method in methods.family(method).adoption_methods
)


def adoption_start(*, kind: str, subject: Model, **decision: Any) -> Decision:
    """Open a decision that adopts `subject` (a `kind` from ADOPTIONS), with the decisions
    app's own service, and link the two; call inside the transaction that locks the
    subject. `decision` holds decision_create's arguments (created_by, method, title,
    background, closes_at, project, collective, now)."""
    from levelfield.decisions.services import decision_create  # the services import this

    if kind not in ADOPTIONS:
        raise ValueError(f"Nothing of the kind “{kind}” is adopted by decision.")
    created = decision_create(**decision)
    Adoption.objects.create(decision=created, subject_kind=kind, subject_id=subject.pk)
    return created


def adoption_passes(decision: Decision) -> bool:
    """Whether a closed decision adopts its subject, as its method family says
    (consent: no objection; a proposal: no block and more agreeing than disagreeing)."""
    from levelfield.decisions.results import results_build

    results = results_build(decision, [], list(decision.responses.all()))
    return methods.family(decision.method).adopts(decision, results)


def adoption_apply(*, decision: Decision, now: datetime | None = None) -> bool | None:
    """Apply a closed decision's outcome to the subject it adopts, once, in the caller's
    transaction (the closing one). Returns whether it passed, or None when the
    decision adopts nothing or was applied already."""
    now = now or timezone.now()
    with transaction.atomic():
        adoption = (
            Adoption.objects.select_for_update()
            .filter(decision=decision, applied_at__isnull=True)
            .first()
        )
        if adoption is None or decision.closed_at is None:
            return None
        rule = ADOPTIONS[adoption.subject_kind]
        model = apps.get_model(rule.model)
        subject = model.objects.select_for_update().filter(pk=adoption.subject_id).first()
        passed = adoption_passes(decision)
        if subject is not None:
            import_string(rule.passed if passed else rule.not_passed)(
                subject=subject, decision=decision, now=now
            )
        adoption.applied_at, adoption.passed = now, passed
        adoption.save(update_fields=["applied_at", "passed"])
    return passed


def adoptions_apply_due(*, now: datetime | None = None) -> int:
    """Apply every closed decision's adoption not applied yet (decisions closed before
    adoption was applied at closing, brought over by the migration). Idempotent."""
    applied = 0
    due = Adoption.objects.filter(applied_at__isnull=True, decision__closed_at__isnull=False)
    for adoption in due.select_related("decision").order_by("pk"):
        applied += adoption_apply(decision=adoption.decision, now=now) is not None
    return applied
