"""Background work for check-ins, run by the task worker. Each task calls an idempotent
service, so running twice, late, or after the command did the work does no harm."""

from __future__ import annotations

from django_tasks import task

from levelfield.reflection import services


@task()
def checkin_rounds_task() -> int:
    """Send due reminders and close due rounds. Returns how many rounds closed."""
    services.rounds_remind_due()
    return services.rounds_close_due()
