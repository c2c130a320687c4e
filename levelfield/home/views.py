"""A person's home above every app: the home page, teammates' profiles, their data and
the deletion of their account (each app's part comes from its manifest)."""

from __future__ import annotations

from collections.abc import Callable

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.db.models import Exists, OuterRef, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_safe

from levelfield.collectives.models import Collective
from levelfield.home import access, header
from levelfield.home.background import PERSON_DATA
from levelfield.home.services import HomeLists, person_delete, person_home_lists
from levelfield.invitations.models import Invitation
from levelfield.jobs.services import job_start
from levelfield.lib.forms import posted
from levelfield.lib.manifests import Term, manifests
from levelfield.people import forms
from levelfield.people.models import User
from levelfield.places.models import PlaceKind, PlaceMembership
from levelfield.projects.models import Project


@require_safe
def home(request: HttpRequest) -> HttpResponse:
    """A plain explanation for visitors; for signed-in people, what is theirs to do."""
    if not request.user.is_authenticated:
        return render(request, "home/landing.html")
    person = request.user
    lists = person_home_lists(person=person, render=_lists_html)
    header.needs_count_keep(person_id=person.pk, count=len(lists.needs))
    context = {
        **_memberships_by_kind(person),
        "invitations": _invitations(person),
        "profile_is_empty": not person.has_profile(),
        "needs": lists.needs,
        "coming_up": lists.coming_up,
        "recent": lists.recent,
        "lists_html": lists.html,
    }
    return render(request, "home/home.html", context)


def _lists_html(lists: HomeLists) -> dict[str, str]:
    """The lists' rows as the page shows them, made once with the kept lists: rendering
    thirty rows with their dates was an eighth of a visit's time."""
    context = {"needs": lists.needs, "coming_up": lists.coming_up, "recent": lists.recent}
    return {
        "needs": render_to_string("home/includes/needs.html", context),
        "happenings": render_to_string("home/includes/happenings.html", context),
    }


def _invitations(person: User) -> list[Invitation]:
    """Invitations waiting for the person. Most people have none: a plain check that
    any is pending to their addresses costs half of compiling the page's full query
    (which also leaves out places they are in already), so that runs only after it."""
    if not Invitation.objects.pending().addressed_to(person).exists():
        return []
    return list(
        Invitation.objects.waiting_for(person)
        .select_related("place__collective", "place__project", "invited_by")
        # Only the columns the page shows: compiling every column of four joined
        # tables cost more CPU than running the queries.
        .only(
            "expires_at",
            "place__kind",
            "place__collective__name",
            "place__project__title",
            "invited_by__display_name",
            "invited_by__email",
        )
    )


def _memberships_by_kind(person: User) -> dict[str, list[PlaceMembership]]:
    """The person's collectives, groups and projects, read in one query (a person is in
    a handful of places) and split by kind, each in name order."""
    memberships = list(
        PlaceMembership.objects.filter(person=person)
        .select_related("place__collective", "place__project__collective")
        # Only the columns the page shows: compiling every column of the joined tables
        # cost more CPU than running the query.
        .only(
            "coordinator_since",
            "place__kind",
            "place__group_name",
            "place__collective__name",
            "place__collective__slug",
            "place__project__title",
            "place__project__stage",
            "place__project__collective__name",
        )
    )

    def of_kind(kind: str, name: Callable[[PlaceMembership], str]) -> list[PlaceMembership]:
        return sorted((m for m in memberships if m.place.kind == kind), key=name)

    return {
        "collective_memberships": of_kind(PlaceKind.COLLECTIVE, lambda m: m.place.collective.name),
        "project_memberships": of_kind(PlaceKind.PROJECT, lambda m: m.place.project.title),
        "group_memberships": of_kind(PlaceKind.GROUP, lambda m: m.place.group_name),
    }


@require_safe
def glossary(request: HttpRequest) -> HttpResponse:
    """The words people meet in Levelfield, explained plainly: each app's manifest
    explains its own, so a new feature brings its words with it."""
    terms = sorted(
        (term for manifest in manifests() for term in manifest.glossary),
        key=lambda term: term.word.casefold(),
    )
    letters: dict[str, list[Term]] = {}
    for term in terms:
        letters.setdefault(term.word[0].upper(), []).append(term)
    return render(request, "home/glossary.html", {"letters": letters})


@login_required
@require_GET
def person(request: HttpRequest, pk: int) -> HttpResponse:
    """Another person's profile: only what they chose to share with their teammates."""
    viewer = request.user
    someone = access.teammate_for(viewer, pk)
    context = {
        "someone": someone,
        "is_you": someone.pk == viewer.pk,
        "shared_collectives": Collective.objects.for_member(viewer).filter(
            pk__in=PlaceMembership.objects.in_collectives()
            .filter(person=someone)
            .values("place__collective_id")
        ),
        "shared_projects": Project.objects.for_member(viewer).filter(
            place__memberships__person=someone
        ),
    }
    return render(request, "home/person.html", context)


@login_required
@require_GET
def my_data(request: HttpRequest) -> HttpResponse:
    return render(request, "home/my_data.html")


@login_required
@require_http_methods(["GET", "POST"])
def my_data_download(request: HttpRequest) -> HttpResponse:
    """Everything held about the person, as a file they can keep or take elsewhere: it
    is prepared in the background (levelfield/home/background.py) and the person watches
    it on the job's page. Opening the address (an old link) goes to the page with the
    button: GET never starts work."""
    if request.method != "POST":
        return redirect("home:my_data")
    job = job_start(person=request.user, kind=PERSON_DATA, params={})
    return redirect(job)


@login_required
@require_http_methods(["GET", "POST"])
def delete_account(request: HttpRequest) -> HttpResponse:
    person = request.user
    form = forms.DeleteAccountForm(posted(request), person=person)
    if request.method == "POST" and form.is_valid():
        person_delete(person=person)
        logout(request)
        messages.success(request, _("Your account and your details have been deleted."))
        return redirect("home")
    context = {"form": form, **_only_member_of(person)}
    return render(request, "home/delete_account.html", context)


def _only_member_of(person: User) -> dict[str, QuerySet]:
    """Collectives and projects nobody else could look after once this person leaves."""
    other_collective_members = PlaceMembership.objects.of_collective(OuterRef("pk")).exclude(
        person=person
    )
    other_project_members = PlaceMembership.objects.of_project(OuterRef("pk")).exclude(
        person=person
    )
    return {
        "only_member_collectives": Collective.objects.for_member(person).exclude(
            Exists(other_collective_members)
        ),
        "only_member_projects": Project.objects.for_member(person).exclude(
            Exists(other_project_members)
        ),
    }
