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
