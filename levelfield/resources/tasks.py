"""Background work for the resource map, run by the task worker (`manage.py db_worker`).

Schedule `resources_check_links_task` weekly (or run `manage.py check_resource_links`
from cron): both call the same idempotent service, so running either twice in a week
checks nothing twice.
"""

from __future__ import annotations

from django_tasks import task

from levelfield.resources import services


@task()
def resources_check_links_task() -> dict[str, int]:
    """Check the web addresses due a check and flag the broken ones."""
    return services.resources_check_links()
