"""Background work for check-ins, run by the task worker (`manage.py db_worker`).

Each task calls an idempotent service, so a task that runs twice, late, or after the
`checkin_rounds` command already did the work does no harm.
"""

from __future__ import annotations

from django.utils import timezone
from django_tasks import task

from levelfield.reflection import services
from levelfield.reflection.models import CheckInRound


@task()
def round_close_task(round_id: int) -> bool:
    """Write out a round's answers at its closing time. Returns whether it closed it."""
    checkin = CheckInRound.objects.filter(pk=round_id).first()
    if checkin is None:
        return False
    return services.round_close(checkin=checkin, now=timezone.now())


@task()
def round_remind_task(round_id: int) -> int:
    """Remind those who have not answered, two days before closing. Returns how many."""
    checkin = CheckInRound.objects.filter(pk=round_id).first()
    if checkin is None:
        return 0
    return services.round_remind(checkin=checkin, now=timezone.now())
