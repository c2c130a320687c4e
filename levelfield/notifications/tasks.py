"""Background work for notifications, run by the task worker (`manage.py db_worker`).

Each task calls an idempotent service, so a task that runs twice or late does no harm.
"""

from __future__ import annotations

from django_tasks import task

from levelfield.notifications import services


@task()
def notification_deliver_task(notification_id: int) -> bool:
    """Email one notification (queued by `notification_send` after commit)."""
    return services.notification_deliver(notification_id=notification_id)


@task()
def notifications_housekeeping_task() -> dict[str, int]:
    """Send due summaries and queue again any lost email; for a periodic schedule."""
    return {
        "summaries": services.notifications_send_summaries(),
        "requeued": services.notifications_requeue_overdue(),
    }
