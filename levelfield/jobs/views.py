"""A background job's page (what is happening, plainly), its file, and trying again.

Every view starts with `access.job_for_person`: only the person who asked sees the job
or its file (404 for anyone else). Showing the page never writes; it does not refresh
itself (an automatic refresh moves screen readers back to the top), it offers a link
to look again.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from levelfield.jobs import access, kinds, services
from levelfield.jobs.models import State


def start(
    request: HttpRequest,
    *,
    kind: str,
    params: dict[str, Any],
    label: str,
    back_url: str,
    back_text: str,
    place: Any = None,
) -> HttpResponse:
    """A download prepared in the background, for any app's export view (authorised
    before it calls this): a GET shows what will be prepared and a button, and starts
    nothing (GET never writes; the address stays a plain link that works without
    JavaScript); the button POSTs to the same address, query string included (the form
    has no action), which starts the job and goes to its page. However big the export,
    the request only writes one row."""
    if request.method == "POST":
        return redirect(services.job_start(person=request.user, kind=kind, params=params))
    return render(
        request,
        "jobs/start.html",
        {"label": label, "back_url": back_url, "back_text": back_text, "place": place},
    )


@login_required
@require_safe
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    job = access.job_for_person(request.user, pk)
    try:
        label = kinds.kind_for(job.kind).label
    except KeyError:
        label = _("Your download")
    percent = round(100 * job.progress_done / job.progress_total) if job.progress_total else None
    return render(
        request,
        "jobs/detail.html",
        {
            "job": job,
            "label": label,
            "percent": percent,
            "error": services.shown_error(job.error),
            "State": State,
        },
    )


@login_required
@require_safe
def download(request: HttpRequest, pk: int) -> HttpResponse:
    job = access.job_for_person(request.user, pk)
    if job.state != State.DONE or not job.file:
        return redirect(job)
    response = FileResponse(
        job.file.open("rb"),
        as_attachment=True,
        filename=job.file_name,
        content_type=job.content_type or "application/octet-stream",
    )
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_POST
def retry(request: HttpRequest, pk: int) -> HttpResponse:
    job = access.job_for_person(request.user, pk)
    if job.state not in (State.FAILED, State.EXPIRED):
        return redirect(job)
    job = services.job_retry(job=job, actor=request.user)
    messages.success(request, _("We are preparing it again."))
    return redirect(job)
