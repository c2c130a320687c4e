"""Everyone in a place and the coordinator job, mounted once for every kind of place: a
collective's own place, a group and a project.

Every view starts with `access.place_for_member`, so someone outside the place gets a
404 and learns nothing; the changes to the job are `coordinator.py`'s services.
"""

from __future__ import annotations

from collections.abc import Callable

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import get_token
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils.functional import Promise
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST, require_safe

from levelfield.collectives.roles import Action
from levelfield.lib import cache as lib_cache
from levelfield.lib.paging import page_or_404
from levelfield.places import coordinator
from levelfield.places.access import place_for_member
from levelfield.places.coordinator import Asked
from levelfield.places.models import Place, PlaceKind, PlaceMembership

MEMBERS_PER_PAGE = 50
NOTHING_ASKED = gettext_lazy(
    "Nobody is asking you to take on the coordinator job now, so nothing changed."
)
ACCEPTED = gettext_lazy("You now have the coordinator job. Thank you.")
DECLINED = gettext_lazy("You said no to the coordinator job.")
# How long a kept members table may show a member's old name or perspectives (which the
# members version does not see); joining, leaving and the coordinator job show at once.
MEMBER_TABLE_SECONDS = 60
# Stands for the viewer's CSRF token in a kept table; no real token has a hyphen.
_CSRF_SLOT = "csrf-token-of-the-viewer"


def place_memberships(place: Place) -> QuerySet:
    """The place's memberships in joining order, with what the members table shows.
    Filtered by the place itself (not its owner through a join), so the first page
    reads the `places_members_in_order` index instead of sorting 20,000 rows."""
    return (
        PlaceMembership.objects.filter(place=place)
        .select_related("person", "coordinator_asked_by")
        .prefetch_related("person__perspectives")
        .order_by("joined_at", "pk")
    )


def member_table_html(
    request: HttpRequest, place: Place, mine: PlaceMembership, rows: slice
) -> tuple[SafeString, int]:
    """The members table of `place`'s members in `rows` (in joining order) and how many it
    shows, rendered once per members version and kept: 20 rows with perspectives and a
    form each cost about 6 ms to read and render, and are the same for every member.
    Only the viewer's own row differs ("(you)", "Step down", "Volunteer"): the members
    shown are kept too, and a viewer among them gets their own copy. The forms' CSRF
    token is put in after, so a kept table never carries anyone's token."""
    version = (place.pk, place.members_version, rows.start, rows.stop)
    shown = lib_cache.versioned(
        "places:member-table-shown",
        version,
        lambda: list(place_memberships(place).values_list("pk", flat=True)[rows]),
        seconds=MEMBER_TABLE_SECONDS,
    )
    you = mine.pk if mine.pk in shown else 0
    # The caption names the place: a renamed place is a new table at once.
    name = lib_cache.digest(str(place.name))

    def render_table() -> str:
        return render_to_string(
            "places/includes/member_table.html",
            {
                "place": place,
                "memberships": list(place_memberships(place)[rows]),
                "mine": mine if you else None,
                "csrf_token": _CSRF_SLOT,
            },
        )

    html = lib_cache.versioned(
        "places:member-table",
        (*version, name, you),
        render_table,
        seconds=MEMBER_TABLE_SECONDS,
    )
    # Rendered by the template above and escaped there; the token is letters and digits.
    return mark_safe(html.replace(_CSRF_SLOT, get_token(request))), len(shown)  # noqa: S308


def _mine(place: Place, request: HttpRequest) -> PlaceMembership:
    return place.memberships.select_related("coordinator_asked_by").get(person=request.user)


@login_required
@require_safe
def member_list(request: HttpRequest, place_pk: int) -> HttpResponse:
    """Everyone in the place, a page at a time, with who has the coordinator job: the
    count is the one kept on the place (counting a 10,000-member project on every
    request cost more than the rest of the page) and each page's table is kept per
    members version (`member_table_html`)."""
    place = place_for_member(request.user, place_pk)
    page = page_or_404(
        request, place_memberships(place), MEMBERS_PER_PAGE, count=place.member_count
    )
    mine = _mine(place, request)
    members_html, _shown = member_table_html(
        request, place, mine, slice(page.start_index() - 1, page.end_index())
    )
    join_requests = []
    if place.kind == PlaceKind.PROJECT:
        join_requests = place.join_requests.pending().select_related("person")
    context = {
        "place": place,
        "page": page,
        "members_html": members_html,
        "mine": mine,
        "join_requests": join_requests,
    }
    return render(request, "places/members.html", context)


@login_required
@require_POST
def coordinator_ask(request: HttpRequest, place_pk: int, membership_pk: int) -> HttpResponse:
    place = place_for_member(request.user, place_pk, action=Action.ASK_COORDINATOR)
    target = get_object_or_404(place.memberships.select_related("person"), pk=membership_pk)
    outcome = coordinator.coordinator_ask(membership=target, asked_by=request.user)
    name = target.person.name
    if outcome is Asked.VOLUNTEERED:
        messages.success(
            request, _("You now have the coordinator job. Thank you for volunteering.")
        )
    elif outcome is Asked.ASKED:
        messages.success(
            request, _("You asked %(name)s to take on the coordinator job.") % {"name": name}
        )
    elif outcome is Asked.ALREADY_ASKED:
        messages.info(
            request,
            _("%(name)s has already been asked and has not answered yet.") % {"name": name},
        )
    else:
        messages.info(request, _("%(name)s already has the coordinator job.") % {"name": name})
    return redirect("places:members", place_pk=place.pk)


@login_required
@require_POST
def coordinator_accept(request: HttpRequest, place_pk: int) -> HttpResponse:
    return _answer(request, place_pk, coordinator.coordinator_accept, ACCEPTED)


@login_required
@require_POST
def coordinator_decline(request: HttpRequest, place_pk: int) -> HttpResponse:
    return _answer(request, place_pk, coordinator.coordinator_decline, DECLINED)


def _answer(
    request: HttpRequest, place_pk: int, answer: Callable[..., bool], said: Promise
) -> HttpResponse:
    """The asked member says yes or no (`answer` is the service); only their own job."""
    place = place_for_member(request.user, place_pk)
    if answer(membership=_mine(place, request), person=request.user):
        messages.success(request, said)
    else:
        messages.info(request, NOTHING_ASKED)
    return redirect("places:members", place_pk=place.pk)


@login_required
def coordinator_step_down(request: HttpRequest, place_pk: int) -> HttpResponse:
    """Giving up the job asks first; the page says so when there is nothing to give up."""
    place = place_for_member(request.user, place_pk)
    mine = _mine(place, request)
    if request.method == "POST":
        if coordinator.coordinator_step_down(membership=mine, person=request.user):
            messages.success(request, _("You stepped down from the coordinator job."))
        else:
            messages.info(request, _("You do not have the coordinator job, so nothing changed."))
        return redirect("places:members", place_pk=place.pk)
    return render(request, "places/step_down.html", {"place": place, "mine": mine})
