"""A piece of work someone asked for that takes longer than a request may (their data
download, a report as PDF): the row they watch while it runs, and the file it made.

Why a row and not only a task: the task queue (django-tasks, `db_worker`) runs the work,
but the person needs something to look at while it runs (its progress, plainly), a file
kept privately for them alone for a while, and a way to try again when it fails. The
queue's own rows are the worker's, not the person's; this is theirs.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _


class State(models.TextChoices):
    WAITING = "waiting", _("Waiting to start")
    RUNNING = "running", _("Being prepared")
    DONE = "done", _("Ready")
    FAILED = "failed", _("Did not work")
    EXPIRED = "expired", _("Deleted after its time")


ACTIVE = (State.WAITING, State.RUNNING)


class JobQuerySet(models.QuerySet):
    def for_person(self, person: object) -> JobQuerySet:
        """Only the person who asked ever sees a job or its file."""
        if not getattr(person, "is_authenticated", False):
            return self.none()
        return self.filter(person=person)


class Job(models.Model):
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="background_jobs"
    )
    # The name a `background.py` module registered (levelfield/jobs/kinds.py), e.g.
    # "reports.pdf"; `params` are what it needs (ids, never personal data).
    kind = models.CharField(max_length=60)
    params = models.JSONField(default=dict, blank=True)
    # The params as sorted JSON, so "the same work already waiting" is one indexed match.
    params_key = models.CharField(max_length=200)
    state = models.CharField(max_length=10, choices=State.choices, default=State.WAITING)
    progress_done = models.PositiveIntegerField(default=0)
    progress_total = models.PositiveIntegerField(default=0)
    doing = models.CharField(max_length=200, blank=True)  # "Laying out the PDF"
    error = models.TextField(blank=True)  # plain words for the person, never a traceback
    attempts = models.PositiveSmallIntegerField(default=0)
    created_at = models.DateTimeField()
    updated_at = models.DateTimeField()  # moved by every progress report: a heartbeat
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    # The result, saved through Django's storage API (private: served by a view that
    # checks the person), and when `delete_expired_job_files` deletes it.
    file = models.FileField(upload_to="jobs/", max_length=300, blank=True)
    file_name = models.CharField(max_length=200, blank=True)
    content_type = models.CharField(max_length=100, blank=True)
    expires_at = models.DateTimeField(null=True, blank=True)

    objects = JobQuerySet.as_manager()

    class Meta:
        indexes = [models.Index(fields=["state", "created_at"], name="jobs_job_queue")]
        constraints = [
            # Asking twice for the same thing while it is being made gives the same job.
            models.UniqueConstraint(
                fields=["person", "kind", "params_key"],
                condition=Q(state__in=["waiting", "running"]),
                name="jobs_job_one_active",
            ),
            models.CheckConstraint(
                condition=Q(state__in=[state.value for state in State]),
                name="jobs_job_state_known",
            ),
            models.CheckConstraint(
                condition=Q(progress_done__lte=F("progress_total")),
                name="jobs_job_progress_within_total",
            ),
            # A finished file has a date it is deleted on.
            models.CheckConstraint(
                condition=~Q(state="done")
                | Q(expires_at__isnull=False, finished_at__isnull=False),
                name="jobs_job_done_has_expiry",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind} for {self.person_id} ({self.state})"

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("jobs:detail", args=[self.pk])

    @property
    def is_active(self) -> bool:
        return self.state in ACTIVE
