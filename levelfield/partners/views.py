"""Pages for partner organisations, under the collective's own place: the list, an
organisation with its contacts and work, and the forms to add, change and delete them.

Every page starts with the access helper (`access.py`: the collective's members only,
404 for anyone else); forms are bound with `posted`, the service does the work, then a
redirect. No page writes when opened. Deleting asks to confirm on its own page.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import (
    Count,
    Q,
    Sum,
)
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_safe

from levelfield.lib.forms import posted
from levelfield.lib.paging import page_or_404
from levelfield.partners import services
from levelfield.partners.access import (
    contact_in,
    organisation_for_member,
    partners_place,
    work_in,
)
from levelfield.partners.forms import ContactForm, OrganisationForm, WorkForm
from levelfield.partners.models import (
    Contact,
    Organisation,
    OrganisationKind,
    OrganisationRelationship,
    Relationship,
    Work,
)
from levelfield.places.access import place_for_member
from levelfield.places.models import Place, PlaceKind

GET_AND_POST = require_http_methods(["GET", "HEAD", "POST"])
ORGANISATIONS_PER_PAGE = 50
WORK_PER_PAGE = 25
CONTACTS_PER_PAGE = 50
SHOWN = {
    "active": gettext_lazy("Working with them now"),
    "past": gettext_lazy("Worked with them before"),
    "all": gettext_lazy("All"),
}


def _count_on(organisations: list[Organisation]) -> None:
    """Give each organisation on the page its number of contacts and of work entries and
    its income, in two grouped queries for the page's organisations only, so the page
    costs the same however many organisations the collective has."""
    ids = [organisation.pk for organisation in organisations]
    contacts = dict(
        Contact.objects.filter(organisation_id__in=ids)
        .values("organisation_id")
        .annotate(n=Count("id"))
        .values_list("organisation_id", "n")
        .order_by()
    )
    work = {
        row["organisation_id"]: row
        for row in Work.objects.filter(organisation_id__in=ids)
        .values("organisation_id")
        .annotate(n=Count("id"), total=Sum("income"))
        .order_by()
    }
    for organisation in organisations:
        found = work.get(organisation.pk, {})
        organisation.contact_count = contacts.get(organisation.pk, 0)
        organisation.work_count = found.get("n", 0)
        organisation.income_total = found.get("total")


def _rows_prepare(organisations: list[Organisation], place: Place) -> None:
    """Each row's link, kind and ways of working as text, worked out once here: fifty
    rows of `{% url %}`, `get_kind_display` and relationship labels (each translating
    every choice again) made most of the list's time."""
    base = reverse("partners:place_list", args=[place.pk])
    kinds = {value: str(label) for value, label in OrganisationKind.choices}
    shorts = {value: Relationship(value).short for value in Relationship.values}
    # The ways of working as plain values in one query: prefetching them as rows cost a
    # related manager and queryset per organisation (a sixth of the page's time).
    ways: dict[int, list[str]] = {organisation.pk: [] for organisation in organisations}
    for organisation_id, relationship in (
        OrganisationRelationship.objects.filter(organisation_id__in=list(ways))
        .order_by("organisation_id", "relationship")
        .values_list("organisation_id", "relationship")
    ):
        ways[organisation_id].append(shorts.get(relationship, relationship))
    for organisation in organisations:
        organisation.url = f"{base}{organisation.pk}/"
        organisation.kind_label = kinds.get(organisation.kind, organisation.kind)
        organisation.relationships_text = ", ".join(ways[organisation.pk])


@login_required
@require_safe
def organisation_list(request: HttpRequest, place_pk: int) -> HttpResponse:
    """The organisations the collective works with, a page at a time, filtered by
    relationship and by whether we work with them now."""
    place = partners_place(request.user, place_pk)
    shown = request.GET.get("shown", "active")
    if shown not in SHOWN:
        shown = "active"
    relationship = request.GET.get("relationship", "")
    if relationship not in Relationship.values:
        relationship = ""
    organisations = Organisation.objects.in_place(place)
    if shown == "active":
        organisations = organisations.filter(active=True)
    elif shown == "past":
        organisations = organisations.filter(active=False)
    if relationship:
        organisations = organisations.filter(relationships__relationship=relationship)
    page = page_or_404(
        request,
        organisations.only("pk", "name", "kind", "active").order_by("name", "id"),
        ORGANISATIONS_PER_PAGE,
    )
    page.object_list = list(page.object_list)
    if page.object_list:
        _count_on(page.object_list)
        _rows_prepare(page.object_list, place)
    return render(
        request,
        "partners/list.html",
        {
            "place": place,
            "page": page,
            "shown": shown,
            "shown_choices": SHOWN,
            "relationship": relationship,
            "relationships": Relationship.choices,
            "relationship_label": Relationship(relationship).short if relationship else "",
        },
    )


def _form_page(
    request: HttpRequest, place: Place, form: Any, *, heading: str, button: str, **extra: Any
) -> HttpResponse:
    return render(
        request,
        "partners/form.html",
        {"place": place, "form": form, "heading": heading, "button": button, **extra},
    )


def _field_error(form: Any, error: services.PartnerError) -> None:
    field = error.code if error.code in form.fields else None
    form.add_error(field, error.messages[0])


@login_required
@GET_AND_POST
def organisation_create(request: HttpRequest, place_pk: int) -> HttpResponse:
    place = partners_place(request.user, place_pk)
    form = OrganisationForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            organisation = services.organisation_create(
                place=place,
                actor=request.user,
                values=form.values(),
                relationships=form.cleaned_data["relationships"],
            )
        except services.PartnerError as error:
            _field_error(form, error)
        else:
            messages.success(request, _("%(name)s added.") % {"name": organisation.name})
            return redirect(organisation)
    return _form_page(
        request,
        place,
        form,
        heading=_("Add a partner organisation"),
        button=_("Add the organisation"),
        intro=_(
            "Record an organisation the collective works with or for: a hospital’s "
            "research centre, a council, a charity, a university, a funder."
        ),
    )


@login_required
@require_safe
def organisation_detail(request: HttpRequest, place_pk: int, pk: int) -> HttpResponse:
    """An organisation with its contacts (the collective's members only see these) and the
    work done with or for it, a page at a time, with the income in all."""
    organisation = organisation_for_member(request.user, place_pk, pk)
    work = Work.objects.filter(organisation=organisation).select_related("project", "event")
    page = page_or_404(request, work, WORK_PER_PAGE)
    totals = Work.objects.filter(organisation=organisation).aggregate(
        income=Sum("income"), entries=Count("id")
    )
    contacts = list(
        Contact.objects.filter(organisation=organisation)
        .select_related("person")
        .order_by("id")[: CONTACTS_PER_PAGE + 1]
    )
    return render(
        request,
        "partners/detail.html",
        {
            "place": organisation.place,
            "organisation": organisation,
            "relationships": [
                Relationship(row.relationship).short
                for row in OrganisationRelationship.objects.filter(organisation=organisation)
            ],
            "contacts": contacts[:CONTACTS_PER_PAGE],
            "more_contacts": len(contacts) > CONTACTS_PER_PAGE,
            "page": page,
            "totals": totals,
        },
    )


@login_required
@GET_AND_POST
def organisation_edit(request: HttpRequest, place_pk: int, pk: int) -> HttpResponse:
    organisation = organisation_for_member(request.user, place_pk, pk)
    form = OrganisationForm(posted(request), initial=OrganisationForm.initial_from(organisation))
    if request.method == "POST" and form.is_valid():
        try:
            services.organisation_edit(
                organisation=organisation,
                actor=request.user,
                values=form.values(),
                relationships=form.cleaned_data["relationships"],
            )
        except services.PartnerError as error:
            _field_error(form, error)
        else:
            messages.success(request, _("Organisation changed."))
            return redirect(organisation)
    return _form_page(
        request,
        organisation.place,
        form,
        heading=_("Change %(name)s") % {"name": organisation.name},
        button=_("Save the changes"),
        organisation=organisation,
    )


def _confirm(
    request: HttpRequest, *, question: str, explanation: str, button: str, back_url: str
) -> HttpResponse:
    return render(
        request,
        "confirm.html",
        {
            "question": question,
            "explanation": explanation,
            "button": button,
            "back_url": back_url,
            "back_text": _("No, go back"),
        },
    )


@login_required
@GET_AND_POST
def organisation_delete(request: HttpRequest, place_pk: int, pk: int) -> HttpResponse:
    organisation = organisation_for_member(request.user, place_pk, pk)
    if request.method == "POST":
        services.organisation_delete(organisation=organisation, actor=request.user)
        messages.success(request, _("%(name)s deleted.") % {"name": organisation.name})
        return redirect("partners:place_list", organisation.place.pk)
    return _confirm(
        request,
        question=_("Delete %(name)s?") % {"name": organisation.name},
        explanation=_(
            "Its contacts and the work recorded with it are deleted too. The "
            "collective’s history keeps a note of what it was and the income it brought. If "
            "you only stopped working with them, change it to “not at the moment” instead."
        ),
        button=_("Yes, delete it"),
        back_url=organisation.get_absolute_url(),
    )


# Contacts


def _contact_values(form: ContactForm) -> dict[str, Any]:
    data = form.cleaned_data
    return {"person": form.member_chosen("person")} | {
        key: data.get(key) for key in ("name", "role", "email", "phone")
    }


@login_required
@GET_AND_POST
def contact_add(request: HttpRequest, place_pk: int, pk: int) -> HttpResponse:
    organisation = organisation_for_member(request.user, place_pk, pk)
    # The organisation's place is the collective's own (`partners_place`): its members.
    form = ContactForm(posted(request), place=organisation.place)
    if request.method == "POST" and form.is_valid():
        try:
            services.contact_add(
                organisation=organisation, actor=request.user, values=_contact_values(form)
            )
        except services.PartnerError as error:
            _field_error(form, error)
        else:
            messages.success(request, _("Contact added."))
            return redirect(organisation)
    return _form_page(
        request,
        organisation.place,
        form,
        heading=_("Add a contact at %(name)s") % {"name": organisation.name},
        button=_("Add the contact"),
        organisation=organisation,
        intro=_(
            "Only the collective’s members see contacts. Add only what you need to "
            "reach them at work."
        ),
    )


@login_required
@GET_AND_POST
def contact_edit(request: HttpRequest, place_pk: int, pk: int, contact_pk: int) -> HttpResponse:
    organisation = organisation_for_member(request.user, place_pk, pk)
    contact = contact_in(organisation, contact_pk)
    contact.organisation = organisation
    form = ContactForm(
        posted(request),
        place=organisation.place,
        initial={
            "person": contact.person_id,
            "name": contact.name,
            "role": contact.role,
            "email": contact.email,
            "phone": contact.phone,
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.contact_edit(
                contact=contact, actor=request.user, values=_contact_values(form)
            )
        except services.PartnerError as error:
            _field_error(form, error)
        else:
            messages.success(request, _("Contact changed."))
            return redirect(organisation)
    return _form_page(
        request,
        organisation.place,
        form,
        heading=_("Change a contact at %(name)s") % {"name": organisation.name},
        button=_("Save the changes"),
        organisation=organisation,
    )


@login_required
@GET_AND_POST
def contact_remove(request: HttpRequest, place_pk: int, pk: int, contact_pk: int) -> HttpResponse:
    organisation = organisation_for_member(request.user, place_pk, pk)
    contact = contact_in(organisation, contact_pk)
    contact.organisation = organisation
    if request.method == "POST":
        services.contact_remove(contact=contact, actor=request.user)
        messages.success(request, _("Contact removed."))
        return redirect(organisation)
    return _confirm(
        request,
        question=_("Remove %(name)s as a contact?") % {"name": contact.display_name},
        explanation=_("Their details at %(name)s are deleted.") % {"name": organisation.name},
        button=_("Yes, remove them"),
        back_url=organisation.get_absolute_url(),
    )


# Work


def _work_values(form: WorkForm) -> dict[str, Any]:
    return dict(form.cleaned_data)


@login_required
@GET_AND_POST
def work_add(request: HttpRequest, place_pk: int, pk: int) -> HttpResponse:
    organisation = organisation_for_member(request.user, place_pk, pk)
    form = WorkForm(posted(request), place=organisation.place)
    if request.method == "POST" and form.is_valid():
        try:
            services.work_add(
                organisation=organisation, actor=request.user, values=_work_values(form)
            )
        except services.PartnerError as error:
            _field_error(form, error)
        else:
            messages.success(request, _("Work recorded."))
            return redirect(organisation)
    return _form_page(
        request,
        organisation.place,
        form,
        heading=_("Record work with or for %(name)s") % {"name": organisation.name},
        button=_("Record the work"),
        organisation=organisation,
        intro=_(
            "A project, an event, training we delivered, a workshop series or advice. "
            "It appears in the annual report under “Who we worked with and what we did for "
            "them”."
        ),
    )


@login_required
@GET_AND_POST
def work_edit(request: HttpRequest, place_pk: int, pk: int, work_pk: int) -> HttpResponse:
    organisation = organisation_for_member(request.user, place_pk, pk)
    work = work_in(organisation, work_pk)
    work.organisation = organisation
    form = WorkForm(
        posted(request),
        place=organisation.place,
        initial={
            "kind": work.kind,
            "title": work.title,
            "started_on": work.started_on,
            "ended_on": work.ended_on,
            "project": work.project_id,
            "event": work.event_id,
            "income": work.income,
            "notes": work.notes,
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.work_edit(work=work, actor=request.user, values=_work_values(form))
        except services.PartnerError as error:
            _field_error(form, error)
        else:
            messages.success(request, _("Work changed."))
            return redirect(organisation)
    return _form_page(
        request,
        organisation.place,
        form,
        heading=_("Change work with %(name)s") % {"name": organisation.name},
        button=_("Save the changes"),
        organisation=organisation,
        intro=_("A change to the income is kept in the collective’s history."),
    )


@login_required
@GET_AND_POST
def work_remove(request: HttpRequest, place_pk: int, pk: int, work_pk: int) -> HttpResponse:
    organisation = organisation_for_member(request.user, place_pk, pk)
    work = work_in(organisation, work_pk)
    work.organisation = organisation
    if request.method == "POST":
        services.work_remove(work=work, actor=request.user)
        messages.success(request, _("Work deleted."))
        return redirect(organisation)
    return _confirm(
        request,
        question=_("Delete “%(title)s”?") % {"title": work.title},
        explanation=_(
            "It no longer counts in the annual report. The collective’s history "
            "keeps a note of it and its income."
        ),
        button=_("Yes, delete it"),
        back_url=reverse("partners:organisation", args=[organisation.place.pk, organisation.pk]),
    )


@login_required
@require_safe
def place_partners(request: HttpRequest, place_pk: int) -> HttpResponse:
    """A project's or a group's page of the partner organisations linked to its work:
    work recorded for the project, or at the place's events. Names and what we did only;
    contacts and income stay on the collective's own pages."""
    place = place_for_member(request.user, place_pk)
    if place.kind == PlaceKind.COLLECTIVE:
        return redirect("partners:place_list", place.pk)
    linked = Q(event__place=place)
    if place.project_id:
        linked |= Q(project_id=place.project_id)
    works = (
        Work.objects.filter(linked)
        .select_related("organisation", "event")
        .order_by("organisation__name", "-started_on", "-id")
    )
    page = page_or_404(request, works, WORK_PER_PAGE)
    return render(request, "partners/place_partners.html", {"place": place, "page": page})
