"""Invitation pages, shared by collectives and projects.

The invite, list and withdraw pages live under the place's own address
(/collectives/<slug>/invite/, /projects/<pk>/invite/...): the URL says which kind of
place (`place`) and `access.inviting_place_for_member` returns it only to its members,
404 for anyone else. The join page (/invitations/<token>/) is for anyone who has the link.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from levelfield.invitations import access, services
from levelfield.invitations.forms import EmailInvitationForm, LinkForm, MemberAddForm
from levelfield.invitations.models import Invitation
from levelfield.invitations.services import InvitationProblem, InvitationsSent, Place
from levelfield.lib.paging import page_or_404
from levelfield.lib.words import number
from levelfield.places import choosing
from levelfield.places.access import collective_place, place_member_ids
from levelfield.places.models import Place as PlaceRow
from levelfield.places.models import PlaceMembership, place_of
from levelfield.projects import services as project_services
from levelfield.projects.models import Project

INVITATIONS_PER_PAGE = 50
# Where the invite page leaves a just-made link for the list page to show once.
NEW_LINK_SESSION_KEY = "invitations_new_link"


# The place's pages: invite, list, withdraw


@login_required
def invite(request: HttpRequest, place: str, **key: Any) -> HttpResponse:
    """Ways in, each its own small form on one page: email invitations, a shareable
    link and, for a project, adding someone already in its collective."""
    target = access.inviting_place_for_member(request.user, place, key)
    offer = _collective_offer(target)
    email_form = EmailInvitationForm()
    link_form = LinkForm()
    member_form = (
        MemberAddForm(place=offer.place, leave_out=offer.leave_out) if offer is not None else None
    )
    bound: Any = email_form
    if request.method == "POST":
        which = request.POST.get("form")
        if which == "link":
            bound = link_form = LinkForm(request.POST)
            if link_form.is_valid():
                return _link_create(request, target, link_form.cleaned_data["days"])
        elif which == "member" and offer is not None:
            bound = member_form = MemberAddForm(
                request.POST, place=offer.place, leave_out=offer.leave_out
            )
            if member_form.is_valid():
                response = _member_add(request, target, member_form)
                if response:
                    return response
        else:
            bound = email_form = EmailInvitationForm(request.POST)
            if email_form.is_valid():
                return _invitations_send(request, target, email_form)
    context = {
        **_place_context(target),
        "form": bound,
        "email_form": email_form,
        "link_form": link_form,
        "member_form": member_form,
        "has_candidates": offer is not None and _anyone_to_add(target, offer.place),
    }
    return render(request, "invitations/invite.html", context)


@dataclass(frozen=True)
class _Offer:
    """Whom the form to add someone from a project's collective offers."""

    place: PlaceRow  # the collective's own place
    leave_out: frozenset[int] = frozenset()


def _collective_offer(place: Place) -> _Offer | None:
    """For a project, whom the form to add someone from its collective offers: the
    collective's own place, leaving out (in a small collective, which lists everyone)
    those already in the project and accounts switched off. None for a collective.

    A big collective's form lists only the people found by name: leaving out everyone
    already in a project of thousands would read all their ids on every visit, so there
    the search may find someone already in the project, and adding them is refused with
    a message on the field (`project_services.project_member_add`)."""
    if not isinstance(place, Project):
        return None
    collective = collective_place(place.collective_id)
    everyone = choosing.few_members(collective)
    if everyone is None:
        return _Offer(place=collective)
    ids = [person.pk for person in everyone]
    in_project = place.place.memberships.filter(person_id__in=ids).values_list(
        "person_id", flat=True
    )
    # Switched-off accounts: the member field never offers them (`places.member_fields`).
    return _Offer(place=collective, leave_out=frozenset(in_project))


def _anyone_to_add(project: Project, collective: PlaceRow) -> bool:
    """Whether anyone in the collective is not yet in the project: one query, which
    stops at the first such person."""
    return (
        PlaceMembership.objects.filter(place=collective, person__is_active=True)
        .exclude(person_id__in=place_member_ids(project.place))
        .exists()
    )


def _invitations_send(
    request: HttpRequest, place: Place, form: EmailInvitationForm
) -> HttpResponse:
    sent = services.invitations_send(
        place=place,
        invited_by=request.user,
        accept_url_for=lambda invitation: _join_url(request, invitation.token),
        **form.cleaned_data,
    )
    _report_sent(request, sent)
    return redirect(_place_url(place, "invitations"))


def _report_sent(request: HttpRequest, sent: InvitationsSent) -> None:
    if sent.invited:
        addresses = ", ".join(invitation.email for invitation in sent.invited)
        count = len(sent.invited)
        messages.success(
            request,
            ngettext(
                "We sent %(count)s invitation: %(addresses)s.",
                "We sent %(count)s invitations: %(addresses)s.",
                count,
            )
            % {"count": number(count), "addresses": addresses},
        )
    if sent.already_members:
        messages.info(
            request,
            _("Already a member, so not invited: %(addresses)s.")
            % {"addresses": ", ".join(sent.already_members)},
        )


def _link_create(request: HttpRequest, place: Place, days: int) -> HttpResponse:
    link = services.invitation_link_create(place=place, invited_by=request.user, days=days)
    # The list page shows the link once, then forgets it.
    request.session[NEW_LINK_SESSION_KEY] = {
        "pk": link.pk,
        "url": _join_url(request, link.token),
    }
    messages.success(
        request, _("Your shareable link is ready. Copy it now: we show it only once.")
    )
    return redirect(_place_url(place, "invitations"))


def _member_add(
    request: HttpRequest, project: Project, form: MemberAddForm
) -> HttpResponse | None:
    person = form.member_chosen("person")
    try:
        project_services.project_member_add(project=project, person=person, added_by=request.user)
    except ValidationError as error:
        form.add_error("person", error)
        return None
    messages.success(request, _("You added %(name)s to the project.") % {"name": person.name})
    return redirect("places:members", place_pk=project.place.pk)


@login_required
@require_safe
def invitation_list(request: HttpRequest, place: str, **key: Any) -> HttpResponse:
    """Every invitation with its status and expiry. A shareable link itself is shown
    only once, just after it is made: the database keeps only its hash."""
    target = access.inviting_place_for_member(request.user, place, key)
    invitations = Invitation.objects.filter(place=place_of(target)).select_related(
        "invited_by", "accepted_by"
    )
    page = page_or_404(request, invitations, INVITATIONS_PER_PAGE)
    for invitation in page:
        invitation.withdraw_url = _place_url(target, "invitation_withdraw", invitation.pk)
    new_link = request.session.pop(NEW_LINK_SESSION_KEY, None)
    if new_link and not invitations.filter(pk=new_link["pk"]).exists():
        new_link = None
    context = {
        **_place_context(target),
        "new_link": new_link,
        "page": page,
    }
    return render(request, "invitations/list.html", context)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def invitation_withdraw(
    request: HttpRequest, place: str, invitation_pk: int, **key: Any
) -> HttpResponse:
    """Withdrawing stops the link working for good, so it asks to confirm first."""
    target = access.inviting_place_for_member(request.user, place, key)
    invitation = access.invitation_in(target, invitation_pk)
    if request.method != "POST":
        context = {
            "caption": str(target),
            "question": _("Withdraw this invitation?"),
            "explanation": (
                _(
                    "The invitation to %(email)s stops working at once. You can send a new "
                    "invitation later."
                )
                % {"email": invitation.email}
                if invitation.email
                else _("The link stops working at once. You can send a new invitation later.")
            ),
            "button": _("Yes, withdraw it"),
            "back_url": _place_url(target, "invitations"),
            "back_text": _("No, keep it"),
        }
        return render(request, "confirm.html", context)
    if services.invitation_withdraw(invitation=invitation, actor=request.user):
        messages.success(request, _("The invitation is withdrawn. Its link no longer works."))
    else:
        messages.info(request, _("That invitation could no longer be used, so nothing changed."))
    return redirect(_place_url(target, "invitations"))


# Answering: the join page and its two buttons


@require_safe
def join(request: HttpRequest, token: str) -> HttpResponse:
    """The page an invitation links to. Anyone with the link may see who invited them
    to which collective or project; the rest waits until they sign in."""
    invitation = access.invitation_by_token(token)
    return _join_page(request, invitation, reverse("invitations:join", args=[token]))


@login_required
@require_safe
def join_yours(request: HttpRequest, pk: int) -> HttpResponse:
    invitation = access.invitation_for_you(request.user, pk)
    return _join_page(request, invitation, reverse("invitations:join_yours", args=[pk]))


@require_POST
def accept(request: HttpRequest, token: str) -> HttpResponse:
    invitation = access.invitation_by_token(token)
    if not request.user.is_authenticated:
        return redirect_to_login(reverse("invitations:join", args=[token]))
    return _accept(request, invitation)


@login_required
@require_POST
def accept_yours(request: HttpRequest, pk: int) -> HttpResponse:
    return _accept(request, access.invitation_for_you(request.user, pk))


@require_POST
def decline(request: HttpRequest, token: str) -> HttpResponse:
    invitation = access.invitation_by_token(token)
    if not request.user.is_authenticated:
        return redirect_to_login(reverse("invitations:join", args=[token]))
    return _decline(request, invitation)


@login_required
@require_POST
def decline_yours(request: HttpRequest, pk: int) -> HttpResponse:
    return _decline(request, access.invitation_for_you(request.user, pk))


@require_safe
def old_join_address(request: HttpRequest, token: str) -> HttpResponse:
    """/collectives/join/<token>/ and /projects/join/<token>/, in emails sent before
    invitations had one address: send the person on, changing nothing."""
    return redirect("invitations:join", token=token, permanent=True)


def _join_page(request: HttpRequest, invitation: Invitation, here: str) -> HttpResponse:
    place = invitation.invited_to
    already_member = services.is_member(place, request.user)
    problem = None if already_member else services.invitation_problem(invitation, request.user)
    if problem:
        return _problem_page(request, invitation, problem)
    context = {
        **_place_context(place),
        "invitation": invitation,
        "already_member": already_member,
        "here": here,
    }
    return render(request, "invitations/join.html", context)


def _accept(request: HttpRequest, invitation: Invitation) -> HttpResponse:
    place = invitation.invited_to
    try:
        _membership, created = services.invitation_accept(invitation=invitation, user=request.user)
    except InvitationProblem as problem:
        return _problem_page(request, invitation, problem)
    if created:
        messages.success(
            request, _("You joined %(place)s.") % {"place": services.place_words(place)}
        )
    else:
        messages.info(
            request,
            _("You are already a member of %(place)s.") % {"place": services.place_words(place)},
        )
    return redirect(place.get_absolute_url())


def _decline(request: HttpRequest, invitation: Invitation) -> HttpResponse:
    try:
        services.invitation_decline(invitation=invitation, user=request.user)
    except InvitationProblem as problem:
        return _problem_page(request, invitation, problem)
    messages.success(
        request,
        _("You declined the invitation to join %(place)s. Nothing else will happen.")
        % {"place": services.place_words(invitation.invited_to)},
    )
    return redirect("home")


def _problem_page(
    request: HttpRequest, invitation: Invitation, problem: InvitationProblem
) -> HttpResponse:
    context = {
        **_place_context(invitation.invited_to),
        "invitation": invitation,
        "problem": problem,
    }
    return render(request, "invitations/problem.html", context, status=problem.http_status)


# Small helpers


def _place_context(place: Place) -> dict[str, Any]:
    """What every invitation template needs to know about the place."""
    is_project = isinstance(place, Project)
    return {
        "place": place,
        "place_kind": "project" if is_project else "collective",
        "place_words": services.place_words(place),
        # The names the project templates (breadcrumbs) expect.
        "project": place if is_project else None,
        "collective": place.collective if is_project else place,
        "invite_url": _place_url(place, "invite"),
        "invitations_url": _place_url(place, "invitations"),
    }


def _place_url(place: Place, name: str, *args: Any) -> str:
    """One of the place's invitation pages: 'invite', 'invitations' or
    'invitation_withdraw' (with the invitation's pk)."""
    if isinstance(place, Project):
        return reverse(f"projects:{name}", args=[place.pk, *args])
    return reverse(f"collectives:{name}", args=[place.slug, *args])


def _join_url(request: HttpRequest, token: str) -> str:
    return request.build_absolute_uri(reverse("invitations:join", args=[token]))
