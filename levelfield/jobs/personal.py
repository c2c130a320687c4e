"""A person's background jobs in their data download, and what erasure does with them:
the jobs and their files go (each file is theirs alone, and kept only for a while)."""

from __future__ import annotations

from typing import Any

from django.core.files.storage import default_storage

from levelfield.jobs.models import Job
from levelfield.lib.manifests import ErasureContext, export_rows


def export(person: Any) -> dict[str, list[dict[str, Any]]]:
    return {
        "downloads_you_asked_for": export_rows(
            Job.objects.filter(person=person),
            what="kind",
            state="state",
            asked_at="created_at",
            finished_at="finished_at",
            file="file_name",
            deleted_after="expires_at",
        )
    }


def erase(context: ErasureContext) -> None:
    jobs = Job.objects.filter(person=context.person)
    names = list(jobs.exclude(file="").values_list("file", flat=True))
    jobs.delete()
    # Files only once the rows are gone for good.
    context.after_delete.append(lambda: [default_storage.delete(name) for name in names])
