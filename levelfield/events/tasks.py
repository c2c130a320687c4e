"""Background work for events, run by the task worker (`manage.py db_worker`); the same
idempotent services as the `events_due` command, so either may run it."""

from __future__ import annotations

from django_tasks import task

from levelfield.events import services


@task()
def events_due_task() -> int:
    """Reminders, forgetting access needs, writing out closed feedback and extending
    series. Returns emails sent."""
    sent = services.event_reminders_send_due()
    services.access_needs_forget_due()
    services.feedback_write_out_due()
    services.series_extend_all()
    return sent
