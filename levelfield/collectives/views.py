"""Pages for collectives. Every page about one collective starts with an access helper
from `access.py`: people outside the collective get "page not found", never its data."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.paginator import EmptyPage, Page, Paginator
from django.db.models import Count, Exists, OuterRef, QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST, require_safe

from levelfield.collectives import access, coordinator_job, services
from levelfield.collectives.coordinator_job import Asked
from levelfield.collectives.forms import (
    CollectiveForm,
    CollectiveSettingsForm,
    InvitationLinkForm,
    InviteForm,
    LeaveForm,
)
from levelfield.collectives.invitations import (
    InvitationProblem,
    InvitationsSent,
    invitation_problem,
)
from levelfield.collectives.models import (
    Collective,
    CollectiveInvitation,
    CollectiveKind,
    CollectiveMembership,
)
from levelfield.history.models import Change
from levelfield.projects.models import ProjectJoinRequest, ProjectMembership

HISTORY_PER_PAGE = 25
INVITATIONS_PER_PAGE = 50


def _membership_or_404(request: HttpRequest, slug: str) -> CollectiveMembership:
    """For the invitation pages, which are moving to the invitations app."""
    return access.collective_membership_for(request.user, slug)


def _invitation_or_404(token: str) -> CollectiveInvitation:
    return get_object_or_404(
        CollectiveInvitation.objects.select_related("collective", "invited_by"), token=token
    )


def _posted(request: HttpRequest) -> Any:
    """The submitted data on POST (even when empty), None otherwise: an empty POST is
    still a submission to validate."""
    return request.POST if request.method == "POST" else None


def _page_or_404(request: HttpRequest, items: QuerySet, per_page: int) -> Page:
    """The page asked for in ?page=; page 1 when it is not a number, 404 past the end."""
    try:
        number = int(request.GET.get("page", "1"))
    except ValueError:
        number = 1
    try:
        return Paginator(items, per_page).page(number)
    except EmptyPage:
        raise Http404("There is no such page.") from None


@login_required
@require_safe
def collective_list(request: HttpRequest) -> HttpResponse:
    collectives = Collective.objects.for_member(request.user).annotate(
        member_count=Count("memberships", distinct=True),
        project_count=Count("projects", distinct=True),
    )
    return render(request, "collectives/list.html", {"collectives": collectives})


@login_required
def collective_create(request: HttpRequest) -> HttpResponse:
    form = CollectiveForm(_posted(request))
    if request.method == "POST" and form.is_valid():
        collective = services.collective_create(**form.cleaned_data, created_by=request.user)
        messages.success(request, f"You started {collective.name}. Now invite people to join.")
        return redirect(collective)
    return render(request, "collectives/create.html", {"form": form})


@login_required
@require_safe
def collective_detail(request: HttpRequest, slug: str) -> HttpResponse:
    membership = access.collective_membership_for(request.user, slug)
    collective = membership.collective
    memberships = collective.memberships.select_related(
        "person", "coordinator_asked_by"
    ).prefetch_related("person__perspectives")
    projects = collective.projects.annotate(
        member_count=Count("memberships"),
        is_mine=Exists(
            ProjectMembership.objects.filter(project=OuterRef("pk"), person=request.user)
        ),
        asked_to_join=Exists(
            ProjectJoinRequest.objects.pending().filter(
                project=OuterRef("pk"), person=request.user
            )
        ),
    )
    return render(
        request,
        "collectives/detail.html",
        {
            "collective": collective,
            "membership": membership,
            "memberships": memberships,
            "projects": projects,
        },
    )


@login_required
def collective_settings(request: HttpRequest, slug: str) -> HttpResponse:
    collective = access.collective_for_member(request.user, slug)
    name = collective.name  # the form changes the instance as it validates
    form = CollectiveSettingsForm(_posted(request), instance=collective)
    if request.method == "POST" and form.is_valid():
        if services.collective_update(
            collective=collective, actor=request.user, **form.cleaned_data
        ):
            messages.success(request, "The collective's settings are saved.")
        else:
            messages.info(request, "You did not change anything.")
        return redirect(collective)
    return render(
        request,
        "collectives/settings.html",
        {"collective": collective, "collective_name": name, "form": form},
    )


@login_required
@require_safe
def collective_history(request: HttpRequest, slug: str) -> HttpResponse:
    collective = access.collective_for_member(request.user, slug)
    page = _page_or_404(
        request,
        Change.objects.filter(collective=collective).select_related("actor"),
        HISTORY_PER_PAGE,
    )
    for change in page:
        change.rows = _history_rows(change)
    return render(
        request,
        "collectives/history.html",
        {"collective": collective, "page": page, "page_range": _page_range(page)},
    )


@login_required
def collective_leave(request: HttpRequest, slug: str) -> HttpResponse:
    membership = access.collective_membership_for(request.user, slug)
    collective = membership.collective
    others = collective.memberships.exclude(pk=membership.pk)
    last_member = not others.exists()
    form = LeaveForm(_posted(request), last_member=last_member)
    if request.method == "POST" and form.is_valid():
        services.membership_leave(membership=membership)
        messages.success(request, f"You have left {collective.name}.")
        return redirect("collectives:list")
    return render(
        request,
        "collectives/leave.html",
        {
            "collective": collective,
            "membership": membership,
            "form": form,
            "last_member": last_member,
            "last_coordinator": membership.is_coordinator
            and not others.filter(coordinator_since__isnull=False).exists(),
        },
    )


# The coordinator job: asked, accepted or declined, stepped down from (roles.py).


@login_required
@require_POST
def coordinator_ask(request: HttpRequest, slug: str, membership_pk: int) -> HttpResponse:
    collective = access.collective_for_member(request.user, slug)
    target = access.collective_membership_in(collective, membership_pk)
    outcome = coordinator_job.coordinator_ask(membership=target, asked_by=request.user)
    name = target.person.name
    if outcome is Asked.VOLUNTEERED:
        messages.success(request, "You are now a coordinator. Thank you for volunteering.")
    elif outcome is Asked.ASKED:
        messages.success(request, f"You asked {name} to take on the coordinator job.")
    elif outcome is Asked.ALREADY_ASKED:
        messages.info(request, f"{name} has already been asked and has not answered yet.")
    else:
        messages.info(request, f"{name} is already a coordinator.")
    return redirect(collective)


@login_required
@require_POST
def coordinator_accept(request: HttpRequest, slug: str) -> HttpResponse:
    membership = access.collective_membership_for(request.user, slug)
    if coordinator_job.coordinator_accept(membership=membership, person=request.user):
        messages.success(request, "You are now a coordinator. Thank you.")
    else:
        messages.info(request, "Nobody is asking you to coordinate now, so nothing changed.")
    return redirect(membership.collective)


@login_required
@require_POST
def coordinator_decline(request: HttpRequest, slug: str) -> HttpResponse:
    membership = access.collective_membership_for(request.user, slug)
    if coordinator_job.coordinator_decline(membership=membership, person=request.user):
        messages.success(request, "You said no to the coordinator job.")
    else:
        messages.info(request, "Nobody is asking you to coordinate now, so nothing changed.")
    return redirect(membership.collective)


@login_required
@require_POST
def coordinator_step_down(request: HttpRequest, slug: str) -> HttpResponse:
    membership = access.collective_membership_for(request.user, slug)
    if coordinator_job.coordinator_step_down(membership=membership, person=request.user):
        messages.success(request, "You stepped down from the coordinator job.")
    else:
        messages.info(request, "You were not a coordinator, so nothing changed.")
    return redirect(membership.collective)


@login_required
def invite(request: HttpRequest, slug: str) -> HttpResponse:
    collective = _membership_or_404(request, slug).collective
    form = InviteForm(_posted(request))
    if request.method == "POST" and form.is_valid():
        sent = services.invitations_send(
            collective=collective,
            invited_by=request.user,
            accept_url_for=lambda invitation: _invitation_url(request, invitation),
            **form.cleaned_data,
        )
        _report_invitations(request, sent)
        return redirect("collectives:invitations", collective.slug)
    return _invite_page(request, collective, form, InvitationLinkForm())


@login_required
@require_POST
def invitation_link_create(request: HttpRequest, slug: str) -> HttpResponse:
    collective = _membership_or_404(request, slug).collective
    link_form = InvitationLinkForm(request.POST)
    if not link_form.is_valid():
        return _invite_page(request, collective, InviteForm(), link_form)
    services.invitation_link_create(
        collective=collective, invited_by=request.user, days=link_form.cleaned_data["days"]
    )
    messages.success(request, "Your invitation link is ready. Copy it from this page.")
    return redirect("collectives:invitations", collective.slug)


@login_required
@require_safe
def invitation_list(request: HttpRequest, slug: str) -> HttpResponse:
    collective = _membership_or_404(request, slug).collective
    invitations = collective.invitations.select_related("invited_by", "accepted_by")
    links = [
        (link, _invitation_url(request, link)) for link in invitations.pending().filter(email="")
    ]
    page = _page_or_404(request, invitations, INVITATIONS_PER_PAGE)
    return render(
        request,
        "collectives/invitations.html",
        {
            "collective": collective,
            "links": links,
            "page": page,
            "page_range": _page_range(page),
        },
    )


@login_required
@require_POST
def invitation_withdraw(request: HttpRequest, slug: str, invitation_pk: int) -> HttpResponse:
    collective = _membership_or_404(request, slug).collective
    invitation = get_object_or_404(collective.invitations, pk=invitation_pk)
    if services.invitation_withdraw(invitation=invitation, actor=request.user):
        messages.success(request, "The invitation is withdrawn. Its link no longer works.")
    else:
        messages.info(request, "That invitation could no longer be used, so nothing changed.")
    return redirect("collectives:invitations", collective.slug)


@require_safe
def invitation(request: HttpRequest, token: str) -> HttpResponse:
    """The page an invitation links to. Anyone with the link may see who invited them
    to which collective; the rest waits until they sign in."""
    invitation = _invitation_or_404(token)
    user = request.user
    if user.is_authenticated and _is_member(invitation, user):
        return render(request, "collectives/invitation_member.html", {"invitation": invitation})
    problem = invitation_problem(invitation, user)
    if problem:
        return _problem_page(request, invitation, problem)
    return render(request, "collectives/invitation.html", {"invitation": invitation})


@require_POST
def invitation_accept(request: HttpRequest, token: str) -> HttpResponse:
    invitation = _invitation_or_404(token)
    if not request.user.is_authenticated:
        return redirect_to_login(reverse("collectives:invitation", args=[token]))
    collective = invitation.collective
    if _is_member(invitation, request.user):
        services.invitation_accept(invitation=invitation, user=request.user)
        messages.info(request, f"You are already a member of {collective.name}.")
        return redirect(collective)
    try:
        services.invitation_accept(invitation=invitation, user=request.user)
    except InvitationProblem as problem:
        return _problem_page(request, invitation, problem)
    messages.success(request, f"You have joined {collective.name}. Welcome!")
    return redirect(collective)


@require_POST
def invitation_decline(request: HttpRequest, token: str) -> HttpResponse:
    invitation = _invitation_or_404(token)
    if not request.user.is_authenticated:
        return redirect_to_login(reverse("collectives:invitation", args=[token]))
    try:
        services.invitation_decline(invitation=invitation, user=request.user)
    except InvitationProblem as problem:
        return _problem_page(request, invitation, problem)
    messages.success(request, f"You declined the invitation to join {invitation.collective.name}.")
    return redirect("home")


def _is_member(invitation: CollectiveInvitation, user: Any) -> bool:
    return invitation.collective.memberships.filter(person=user).exists()


def _problem_page(
    request: HttpRequest, invitation: CollectiveInvitation, problem: InvitationProblem
) -> HttpResponse:
    return render(
        request,
        "collectives/invitation_problem.html",
        {"invitation": invitation, "problem": problem},
        status=problem.http_status,
    )


def _invitation_url(request: HttpRequest, invitation: CollectiveInvitation) -> str:
    return request.build_absolute_uri(reverse("collectives:invitation", args=[invitation.token]))


def _invite_page(
    request: HttpRequest, collective: Collective, form: InviteForm, link_form: InvitationLinkForm
) -> HttpResponse:
    return render(
        request,
        "collectives/invite.html",
        {"collective": collective, "form": form, "link_form": link_form},
    )


def _report_invitations(request: HttpRequest, sent: InvitationsSent) -> None:
    if sent.invited:
        addresses = ", ".join(invitation.email for invitation in sent.invited)
        count = len(sent.invited)
        messages.success(
            request, f"We sent {count} invitation{'' if count == 1 else 's'}: {addresses}."
        )
    for email in sent.already_members:
        messages.info(request, f"{email} is already a member, so we did not invite them.")
    for email in sent.not_delivered:
        messages.warning(
            request,
            f"We could not send the email to {email}. Withdraw that invitation and try "
            "again later, or share an invitation link instead.",
        )


def _page_range(page: Page) -> list[int | str]:
    return list(page.paginator.get_elided_page_range(page.number, on_each_side=1, on_ends=1))


def _history_rows(change: Change) -> list[str]:
    """Each changed value as a short sentence: what it became, what it was, or both."""
    rows = []
    for key, before, after in change.changed_fields():
        label = services.FIELD_LABELS.get(key, key)
        if key not in change.before:
            rows.append(f"{label}: {_history_value(key, after)}")
        elif key not in change.after:
            rows.append(f"{label}: was {_history_value(key, before)}")
        else:
            was, now = _history_value(key, before), _history_value(key, after)
            rows.append(f"{label}: was {was}, now {now}")
    return rows


def _history_value(key: str, value: Any) -> str:
    """A before/after value in words."""
    if value is None or value == "":
        return "(none)"
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if key == "kind":
        return str(dict(CollectiveKind.choices).get(value, value))
    return str(value)
