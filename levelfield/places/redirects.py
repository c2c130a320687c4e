"""Old addresses keep working: a feature page that was at `/x/project/<pk>/` or
`/x/collective/<slug>/` before it moved to its place (`/x/place/<place_pk>/`) answers
with a permanent redirect, so bookmarks and links in emails already sent still arrive.

    path("project/<int:project_pk>/", to_place("decisions:place_log")),
    path("collective/<slug:slug>/", to_place("decisions:place_log")),

The redirect reveals nothing: the place page itself checks access (a 404 for someone
outside, whichever address they came by), and an unknown project or collective is a 404.
"""

from __future__ import annotations

from collections.abc import Callable

from django.http import (
    Http404,
    HttpRequest,
    HttpResponseNotAllowed,
    HttpResponsePermanentRedirect,
)
from django.urls import reverse

from levelfield.places.models import Place, PlaceKind


def to_place(view_name: str) -> Callable[..., HttpResponsePermanentRedirect]:
    """A view that sends the old project or collective address of `view_name` to the
    place's address, keeping the query string."""

    def redirect(
        request: HttpRequest, project_pk: int | None = None, slug: str | None = None, **rest: int
    ) -> HttpResponsePermanentRedirect | HttpResponseNotAllowed:
        if request.method not in ("GET", "HEAD"):
            return HttpResponseNotAllowed(["GET", "HEAD"])
        places = Place.objects.values_list("pk", flat=True)
        if project_pk is not None:
            place_pk = places.filter(project_id=project_pk).first()
        else:
            place_pk = places.filter(kind=PlaceKind.COLLECTIVE, collective__slug=slug).first()
        if place_pk is None:
            raise Http404("No such place.")
        address = reverse(view_name, kwargs={"place_pk": place_pk, **rest})
        if request.META.get("QUERY_STRING"):
            address += "?" + request.META["QUERY_STRING"]
        return HttpResponsePermanentRedirect(address)

    redirect.__name__ = f"to_place_{view_name.replace(':', '_')}"
    return redirect
