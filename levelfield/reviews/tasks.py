"""Background work for reviews, run by the task worker (`manage.py db_worker`).

Schedule `reviews_remind_report_back_task` daily (or run `manage.py
remind_report_back` from cron): both call the same idempotent service, so each
researcher is reminded once however often it runs.
"""

from __future__ import annotations

from django_tasks import task

from levelfield.reviews import services


@task()
def reviews_remind_report_back_task() -> int:
    """Remind researchers who have not reported back by their group's set time."""
    return services.reviews_remind_report_back()
