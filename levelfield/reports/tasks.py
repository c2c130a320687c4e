"""Background work for reports, run by the task worker (`manage.py db_worker`)."""

from __future__ import annotations

from django_tasks import task

from levelfield.reports import services
from levelfield.reports.models import Report


@task()
def report_generate_task(report_id: int) -> bool:
    """Compute a report's figures into a new version. Running it twice, or late, makes
    no second version when nothing changed; a deleted report is skipped."""
    report = (
        Report.objects.select_related("place__collective", "place__project")
        .filter(pk=report_id)
        .first()
    )
    if report is None:
        return False
    services.report_generate(report=report)
    return True
