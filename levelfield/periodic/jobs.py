"""Periodic work, one way: every periodic job is a management command that says how
often it runs (`every`), and `manage.py run_periodic` runs those that are due.

One scheduler entry starts `run_periodic` (cron every 5 minutes in production, a loop
beside the server in `make run`); each job is claimed by one conditional UPDATE of its
`JobRun` row (due_at moved on before it runs), so two servers starting it at once never
run a job twice, and a run that comes early does nothing. The jobs themselves are
idempotent too, so running one by hand (`manage.py events_due`) is always safe.

Jobs are found, not listed: any of Levelfield's commands with an `every` timedelta is
one, so an app adds periodic work by adding `every` to its command.

Work tied to one object at one time (closing a decision at its closing time, emailing a
notification) is not periodic: it is queued for the task worker (`db_worker`), and the
periodic jobs are the safety net that catches what a lost task missed.
"""

from __future__ import annotations

import datetime
import io
import logging
from dataclasses import dataclass

from django.core.management import call_command, get_commands, load_command_class
from django.utils import timezone

from levelfield.periodic.models import JobRun

logger = logging.getLogger(__name__)

# A job that fails is tried again after this long (or its own interval, if shorter).
RETRY_AFTER = datetime.timedelta(minutes=10)


@dataclass(frozen=True)
class Job:
    name: str
    every: datetime.timedelta


def jobs() -> list[Job]:
    """Every periodic job: Levelfield's management commands that declare `every`."""
    found = []
    for name, app in sorted(get_commands().items()):
        if not app.startswith("levelfield."):
            continue
        every = getattr(load_command_class(app, name), "every", None)
        if isinstance(every, datetime.timedelta):
            found.append(Job(name=name, every=every))
    return found


def job_claim(*, job: Job, now: datetime.datetime) -> bool:
    """Take the job if it is due, moving its next run on in the same UPDATE, so only
    one caller gets it. True when this caller is to run it now."""
    JobRun.objects.bulk_create(
        [JobRun(name=job.name, due_at=now)], ignore_conflicts=True, unique_fields=["name"]
    )
    claimed = JobRun.objects.filter(name=job.name, due_at__lte=now).update(
        due_at=now + job.every, started_at=now, finished_at=None, succeeded=None
    )
    return claimed == 1


def job_run(*, job: Job) -> bool:
    """Run one claimed job and record how it went. True when it succeeded."""
    out = io.StringIO()
    try:
        call_command(job.name, stdout=out, stderr=out)
    except Exception:
        logger.exception("Periodic job %s failed", job.name)
        retry = timezone.now() + min(RETRY_AFTER, job.every)
        JobRun.objects.filter(name=job.name).update(
            finished_at=timezone.now(), succeeded=False, output=out.getvalue(), due_at=retry
        )
        return False
    JobRun.objects.filter(name=job.name).update(
        finished_at=timezone.now(), succeeded=True, output=out.getvalue()
    )
    return True


def periodic_run_due() -> dict[str, bool]:
    """Run every job that is due now; the names of those run, and whether each worked."""
    results = {}
    for job in jobs():
        if job_claim(job=job, now=timezone.now()):
            results[job.name] = job_run(job=job)
    return results
