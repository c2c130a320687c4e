"""Background work for threads, run by the task worker (`manage.py db_worker`)."""

from __future__ import annotations

from django_tasks import task

from levelfield.threads import services


@task()
def update_send_task(thread_id: int) -> int:
    """Send an update to everyone in its place, in batches. Running it twice, or two
    workers at once, sends to each person once (see services.update_send)."""
    return services.update_send(thread_id=thread_id)
