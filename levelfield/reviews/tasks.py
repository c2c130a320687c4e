"""Background work for reviews, run by the task worker (`manage.py db_worker`).

Schedule `reviews_remind_task` daily (or run `manage.py send_review_reminders` from
cron): both call the same idempotent services, so each reminder goes once however
often they run.
"""

from __future__ import annotations

from django_tasks import task

from levelfield.reviews import services


@task()
def reviews_remind_task() -> dict[str, int]:
    """Remind reviewers of near deadlines and researchers who have not reported back."""
    return {
        "reviewers": services.reviews_remind_deadline(),
        "researchers": services.reviews_remind_report_back(),
    }
