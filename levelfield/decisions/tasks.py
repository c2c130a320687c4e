"""Background work for decisions, run by the task worker (`manage.py db_worker`).

Each task calls an idempotent service, so a task that runs twice, late, or after
someone already closed the decision by hand does no harm.
"""

from __future__ import annotations

from django.utils import timezone
from django_tasks import task

from levelfield.decisions import services
from levelfield.decisions.models import Decision


@task()
def decision_close_task(decision_id: int) -> bool:
    """Close one decision at its closing time. Returns whether it closed it."""
    decision = Decision.objects.filter(pk=decision_id).first()
    if decision is None:
        return False
    return services.decision_close(decision=decision, now=timezone.now())


@task()
def decision_remind_task(decision_id: int) -> int:
    """Remind the people who have not responded, a day before closing. Returns emails sent."""
    decision = Decision.objects.filter(pk=decision_id).first()
    if decision is None:
        return 0
    return services.decision_remind(decision=decision, now=timezone.now())
