"""The task the worker (`manage.py db_worker`) runs for each job started on a page."""

from __future__ import annotations

from django_tasks import task

from levelfield.jobs import services


@task()
def job_run_task(job_id: int) -> bool:
    """Run the job if it is still waiting; a job another worker (or `run_jobs`) took
    already is left alone. True when this task ran it."""
    return services.job_run_next(pk=job_id) is not None
