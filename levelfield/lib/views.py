"""Error views that keep the site's look and plain English, and the health check."""

from __future__ import annotations

from django.db import connection
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    return render(request, "403_csrf.html", status=403)


@require_safe
@never_cache
def health(request: HttpRequest) -> HttpResponse:
    """For load balancers: "OK" once the database answers one query, so a server that
    cannot reach PostgreSQL is taken out of rotation (a database error gives a 500).
    `make bench` also uses it as the ceiling: the least work a request can do here (a
    tiny template and one query) on the same server as every other page."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        (answer,) = cursor.fetchone()
    return render(
        request, "health.txt", {"database": answer == 1}, content_type="text/plain; charset=utf-8"
    )
