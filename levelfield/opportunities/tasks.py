"""Background work for opportunities, run by the task worker (`manage.py db_worker`)."""

from __future__ import annotations

from django_tasks import task

from levelfield.opportunities import services


@task()
def opportunity_fan_out_task(opportunity_id: int) -> int:
    """Tell the people whose choices fit a new live opportunity. Running it twice, or
    for a closed opportunity, tells nobody again."""
    return services.opportunity_fan_out(opportunity_id=opportunity_id)
