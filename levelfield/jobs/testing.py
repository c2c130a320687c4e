"""For tests (and `bench/`): ask for a background download as a person would, run the
worker once, and get the file back.

    response = prepared(client, reverse("reports:export_pdf", args=[report.pk]))
    response.content, response["Content-Disposition"], response.json()
"""

from __future__ import annotations

import io
import json
from typing import Any

from django.core.management import call_command
from django.http import HttpResponse
from django.urls import resolve, reverse

from levelfield.jobs.models import Job, State


def job_from(response: Any) -> Job:
    """The job a start page redirected to."""
    if response.status_code != 302:
        raise AssertionError(f"Expected a redirect to the job, got {response.status_code}")
    match = resolve(response["Location"])
    if match.view_name != "jobs:detail":
        raise AssertionError(f"Expected a redirect to the job, got {response['Location']}")
    return Job.objects.get(pk=match.kwargs["pk"])


def run_jobs_once() -> str:
    out = io.StringIO()
    call_command("run_jobs", "--once", stdout=out)
    return out.getvalue()


def prepared(client: Any, url: str, data: dict[str, Any] | None = None) -> HttpResponse:
    """POST to a start page, run the job, and return the download as a plain response
    (its bytes in `.content`, `.json()` for JSON). A job that did not finish returns its
    page instead (status 200, its words in `.content`), for tests of failures."""
    job = job_from(client.post(url, data or {}))
    run_jobs_once()
    job.refresh_from_db()
    if job.state != State.DONE:
        return client.get(job.get_absolute_url())
    streamed = client.get(reverse("jobs:download", args=[job.pk]))
    content = b"".join(streamed.streaming_content)
    response = HttpResponse(content, status=streamed.status_code)
    for header in ("Content-Type", "Content-Disposition", "Cache-Control"):
        response[header] = streamed[header]
    response.json = lambda: json.loads(content)  # type: ignore[attr-defined]
    return response
