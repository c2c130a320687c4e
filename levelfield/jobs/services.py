"""Starting, running and tidying up background jobs: the one way long work that a
person asked for leaves the request.

A page's POST calls `job_start` and redirects to the job's page; the job's number is
queued for the task worker (`manage.py db_worker`, the one background worker) after the
transaction commits, and the worker's task calls `job_run_next(pk=...)`. `manage.py
run_jobs` (every minute through `run_periodic`, or by hand; `--once` in tests) does the
same for whatever is waiting, so a lost task only delays a job. Either way a job is
taken by `job_claim`: `SELECT ... FOR UPDATE SKIP LOCKED` on PostgreSQL, then a
conditional UPDATE from waiting to running, so two workers never take the same job.
The work itself runs outside any transaction, reporting progress as it goes.
"""

from __future__ import annotations

import datetime
import json
import logging
import uuid
from typing import Any

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import IntegrityError, transaction
from django.http import Http404
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop, ngettext

from levelfield.jobs import kinds
from levelfield.jobs.models import Job, State
from levelfield.lib.words import number
from levelfield.notifications.services import notification_send
from levelfield.people.language import language_of

logger = logging.getLogger(__name__)

# A running job whose progress has not moved for this long was cut off (its worker was
# killed): it goes back to waiting, or fails once it has been tried MAX_ATTEMPTS times.
STALE_AFTER = datetime.timedelta(minutes=30)
MAX_ATTEMPTS = 3
# A job that took longer than this ends with an email (people may have left the page).
TELL_AFTER = datetime.timedelta(minutes=1)
# Failed and deleted-file jobs are forgotten this long after they finished.
FORGET_AFTER = datetime.timedelta(days=30)

# What went wrong, kept on the job in English (a job is cut off in bulk, with nobody's
# language to hand) and translated when its page shows it (`shown_error`).
SOMETHING_WENT_WRONG = gettext_noop(
    "Something went wrong while preparing it. Try again; if it does not work again, "
    "tell the people who run Levelfield."
)
CUT_OFF = gettext_noop(
    "It was stopped before it finished, more than once. Try again; if it does not work "
    "again, tell the people who run Levelfield."
)
NO_LONGER_YOURS = gettext_noop("You can no longer see what you asked for, so it was not prepared.")
KEPT_IN_ENGLISH = frozenset({SOMETHING_WENT_WRONG, CUT_OFF, NO_LONGER_YOURS})


def shown_error(error: str) -> str:
    """A job's error in the reader's language: the sentences above are kept in English
    and translated here; an app's own `JobError` was written in the person's language."""
    return _(error) if error in KEPT_IN_ENGLISH else error


def _params_key(params: dict[str, Any]) -> str:
    return json.dumps(params, sort_keys=True, separators=(",", ":"))


def _enqueue(pk: int) -> None:
    from levelfield.jobs.tasks import job_run_task

    try:
        job_run_task.enqueue(pk)
    except Exception:  # the periodic `run_jobs` picks it up anyway
        logger.exception("Could not queue background job %s", pk)


def job_start(*, person: Any, kind: str, params: dict[str, Any]) -> Job:
    """Ask for a kind of work; the same work already waiting or running for the person
    is returned instead of a second copy (a database constraint holds that)."""
    kinds.kind_for(kind)  # a name no app registers fails here, loudly, not in the worker
    key = _params_key(params)
    now = timezone.now()
    try:
        with transaction.atomic():
            job = Job.objects.create(
                person=person,
                kind=kind,
                params=params,
                params_key=key,
                created_at=now,
                updated_at=now,
            )
            transaction.on_commit(lambda: _enqueue(job.pk))
    except IntegrityError:
        return Job.objects.get(
            person=person, kind=kind, params_key=key, state__in=[State.WAITING, State.RUNNING]
        )
    return job


def job_retry(*, job: Job, actor: Any) -> Job:
    """Try a failed job again (or make again a file deleted after its time): the same
    row goes back to waiting. If the same work is already under way, that job."""
    if job.person_id != actor.pk:
        raise PermissionError("Only the person who asked may try it again")
    if job.state not in (State.FAILED, State.EXPIRED):
        return job
    try:
        with transaction.atomic():
            updated = Job.objects.filter(
                pk=job.pk, state__in=[State.FAILED, State.EXPIRED]
            ).update(
                state=State.WAITING,
                error="",
                doing="",
                progress_done=0,
                progress_total=0,
                attempts=0,
                started_at=None,
                finished_at=None,
                expires_at=None,
                file="",
                updated_at=timezone.now(),
                created_at=timezone.now(),
            )
            if updated:
                transaction.on_commit(lambda: _enqueue(job.pk))
    except IntegrityError:
        return Job.objects.get(
            person_id=job.person_id,
            kind=job.kind,
            params_key=job.params_key,
            state__in=[State.WAITING, State.RUNNING],
        )
    job.refresh_from_db()
    return job


def job_claim(*, pk: int | None = None, now: datetime.datetime | None = None) -> Job | None:
    """Take the oldest waiting job (or the one numbered `pk`) for this worker, or None.

    On PostgreSQL the row is locked with SKIP LOCKED, so a second worker passes over it
    instead of waiting; the conditional UPDATE makes the claim safe on SQLite too."""
    now = now or timezone.now()
    with transaction.atomic():
        waiting = Job.objects.select_for_update(skip_locked=True).filter(state=State.WAITING)
        if pk is not None:
            waiting = waiting.filter(pk=pk)
        job = waiting.order_by("created_at", "pk").first()
        if job is None:
            return None
        taken = Job.objects.filter(pk=job.pk, state=State.WAITING).update(
            state=State.RUNNING,
            started_at=now,
            updated_at=now,
            attempts=job.attempts + 1,
            doing="",
        )
        if not taken:
            return None
    job.refresh_from_db()
    return job


def _progress_for(job: Job) -> kinds.Progress:
    def progress(done: int, total: int, doing: str = "") -> None:
        total = max(total, 0)
        Job.objects.filter(pk=job.pk, state=State.RUNNING).update(
            progress_done=min(max(done, 0), total),
            progress_total=total,
            doing=doing[:200],
            updated_at=timezone.now(),
        )

    return progress


def _fail(job: Job, message: str) -> None:
    Job.objects.filter(pk=job.pk, state=State.RUNNING).update(
        state=State.FAILED,
        error=str(message),
        finished_at=timezone.now(),
        updated_at=timezone.now(),
    )


def job_run(*, job: Job) -> bool:
    """Do a claimed job's work and keep its file. True when it is done. The work runs in
    the language of the person who asked, since they read its progress, its problems and
    the email saying it is ready (the worker has no request to take a language from)."""
    with translation.override(language_of(job.person)):
        return _job_run(job)


def _job_run(job: Job) -> bool:
    try:
        kind = kinds.kind_for(job.kind)
    except KeyError:
        logger.error("Background job %s has a kind nobody registers: %s", job.pk, job.kind)
        _fail(job, SOMETHING_WENT_WRONG)
        return False
    try:
        result = kind.run(job, _progress_for(job))
    except kinds.JobError as error:
        _fail(job, error.message)
        return False
    except Http404:  # the access helper refused: the person may no longer have it
        _fail(job, NO_LONGER_YOURS)
        return False
    except Exception:
        logger.exception("Background job %s (%s) failed", job.pk, job.kind)
        _fail(job, SOMETHING_WENT_WRONG)
        return False
    # A random folder per file: its address is never guessable, and two runs never clash.
    name = default_storage.save(
        f"jobs/{job.pk}/{uuid.uuid4().hex}/{result.name}", ContentFile(result.content)
    )
    now = timezone.now()
    total = Job.objects.filter(pk=job.pk).values_list("progress_total", flat=True).first()
    with transaction.atomic():
        finished = Job.objects.filter(pk=job.pk, state=State.RUNNING).update(
            state=State.DONE,
            file=name,
            file_name=result.name,
            content_type=result.content_type,
            finished_at=now,
            updated_at=now,
            expires_at=now + kind.keep_for,
            progress_total=max(total or 0, 1),
            progress_done=max(total or 0, 1),
            doing="",
        )
        if finished:
            _tell_if_long(job, kind, now)
    if not finished:  # taken back as stale meanwhile: this file is nobody's
        default_storage.delete(name)
        return False
    return True


def _tell_if_long(job: Job, kind: kinds.Kind, now: datetime.datetime) -> None:
    """Email the person when it took long enough that they may have gone elsewhere."""
    if now - job.created_at < TELL_AFTER:
        return
    notification_send(
        kind="download_ready",
        person=job.person,
        url=job.get_absolute_url(),
        context={
            "subject": _("%(label)s is ready to download") % {"label": kind.label},
            "message": _("%(label)s is ready. Only you can download it, here: %(url)s")
            % {"label": kind.label, "url": f"{settings.SITE_URL}{job.get_absolute_url()}"}
            + "\n\n"
            + ngettext(
                "We delete it after %(count)s day.",
                "We delete it after %(count)s days.",
                kind.keep_for.days,
            )
            % {"count": number(kind.keep_for.days)},
        },
    )


def job_run_next(*, pk: int | None = None) -> Job | None:
    """Claim and run one waiting job (the one numbered `pk`, if given); the job, or None
    when nothing was waiting."""
    job = job_claim(pk=pk)
    if job is None:
        return None
    job_run(job=job)
    job.refresh_from_db()
    return job


def jobs_recover_stale(*, now: datetime.datetime | None = None) -> int:
    """Running jobs whose worker died: back to waiting, or failed after MAX_ATTEMPTS."""
    now = now or timezone.now()
    stale = Job.objects.filter(state=State.RUNNING, updated_at__lt=now - STALE_AFTER)
    failed = stale.filter(attempts__gte=MAX_ATTEMPTS).update(
        state=State.FAILED, error=CUT_OFF, finished_at=now, updated_at=now
    )
    again = stale.filter(attempts__lt=MAX_ATTEMPTS).update(
        state=State.WAITING, updated_at=now, progress_done=0, progress_total=0, doing=""
    )
    return failed + again


def job_files_delete_expired(*, now: datetime.datetime | None = None) -> int:
    """Delete the files whose time is up (the job then says so and can be made again),
    and forget failed and expired jobs a while later. How many files went."""
    now = now or timezone.now()
    deleted = 0
    for job in Job.objects.filter(state=State.DONE, expires_at__lte=now).iterator():
        if job.file:
            default_storage.delete(job.file.name)
        deleted += Job.objects.filter(pk=job.pk, state=State.DONE).update(
            state=State.EXPIRED, file="", updated_at=now
        )
    Job.objects.filter(
        state__in=[State.FAILED, State.EXPIRED], updated_at__lt=now - FORGET_AFTER
    ).delete()
    return deleted
