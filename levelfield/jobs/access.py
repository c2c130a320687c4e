"""The one access rule for a background job: only the person who asked sees it, its
progress and its file; everyone else gets a 404."""

from __future__ import annotations

from typing import Any

from django.shortcuts import get_object_or_404

from levelfield.jobs.models import Job


def job_for_person(person: Any, pk: int) -> Job:
    return get_object_or_404(Job.objects.for_person(person), pk=pk)
