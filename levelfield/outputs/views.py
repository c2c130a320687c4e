"""Pages for outputs and credit: a place's outputs and recording one, an output with
who is credited for what, crediting and re-crediting people, the history, exports as
CSL-JSON and BibTeX, and a person's own ORCID iD.

Every page starts with one access helper (`places.access.place_for_member` for a
place's pages, `access.output_for_member` for an output's), so someone outside gets a
404. No page writes when opened. A place's every output as CSL-JSON or BibTeX is
prepared in the background (background.py); one output's citation is a plain download.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Sum
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from levelfield.collectives.roles import RULES, Action, may
from levelfield.history.models import Change
from levelfield.jobs import views as job_views
from levelfield.lib import words
from levelfield.lib.forms import posted
from levelfield.lib.paging import page_or_404
from levelfield.outputs import exports, services
from levelfield.outputs.access import contributor_in, output_for_member
from levelfield.outputs.background import (
    BIBTEX_LABEL,
    CSL_JSON_LABEL,
    PLACE_BIBTEX,
    PLACE_CSL_JSON,
)
from levelfield.outputs.forms import ContributorForm, OrcidForm, OutputForm, OutputTimeForm
from levelfield.outputs.models import Contributor, OrcidRecord, Output, OutputTime
from levelfield.places.access import place_for_member, place_member_ids

GET_AND_POST = require_http_methods(["GET", "HEAD", "POST"])
PER_PAGE = 25
IMPACTS_SHOWN = 10  # impact: the newest impacts linked to an output its page lists


@dataclass(frozen=True)
class OutputRow:
    """One output as the list shows it, worked out once in the view: the template's
    per-row lookups, links, labels and dates cost most of the page (25 rows)."""

    url: str
    title: str
    kind: str
    day: str
    venue: str
    show_publicly: bool
    names: str  # who is credited, in order ("" for nobody yet)


def _output_rows(outputs: list[Output]) -> list[OutputRow]:
    """The rows of one page of outputs; their contributors' names in one query."""
    names: dict[int, list[str]] = {output.pk: [] for output in outputs}
    for output_id, name in (
        Contributor.objects.filter(output__in=list(names))
        .order_by("output_id", "position", "id")
        .values_list("output_id", "name")
    ):
        names[output_id].append(name)
    return [
        OutputRow(
            url=reverse("outputs:detail", args=[output.pk]),
            title=output.title,
            kind=output.get_kind_display(),
            day=words.day(output.date),
            venue=output.venue,
            show_publicly=output.show_publicly,
            names=", ".join(names[output.pk]),
        )
        for output in outputs
    ]


@login_required
@require_safe
def output_list(request: HttpRequest, place_pk: int) -> HttpResponse:
    """What the place has made, newest first, a page at a time."""
    place = place_for_member(request.user, place_pk)
    outputs = Output.objects.in_place(place).only(
        "pk", "title", "kind", "date", "venue", "show_publicly"
    )
    page = page_or_404(request, outputs, PER_PAGE)
    page.object_list = _output_rows(list(page.object_list))
    return render(request, "outputs/list.html", {"place": place, "page": page})


@login_required
@GET_AND_POST
def output_create(request: HttpRequest, place_pk: int) -> HttpResponse:
    place = place_for_member(request.user, place_pk, action=Action.EDIT)
    form = OutputForm(posted(request), initial={"show_publicly": "no"})
    if request.method == "POST" and form.is_valid():
        output = services.output_create(actor=request.user, place=place, **form.cleaned_data)
        messages.success(request, _("Output recorded. Now credit the people who made it."))
        return redirect("outputs:contributor_add", pk=output.pk)
    return render(request, "outputs/form.html", {"place": place, "form": form})


def _time_records(output: Output) -> list[OutputTime]:
    """Each time the output's time went into the log, with how many people and minutes,
    in one query."""
    return list(
        OutputTime.objects.filter(output=output)
        .select_related("entry")
        .annotate(
            people=Count("entry__participations"),
            minutes=Sum("entry__participations__minutes"),
        )
        .order_by("recorded_at", "id")
    )


def _detail_context(output: Output, person: Any) -> dict[str, Any]:
    contributors = list(output.contributors.with_credits())
    # impact: what changed through this output (levelfield/impact), the newest few in one
    # query; one more than shown says whether the place's impact list has more.
    impacts = list(output.impacts.order_by("-happened_on", "-id")[: IMPACTS_SHOWN + 1])
    return {
        "place": output.place,
        "output": output,
        "contributors": contributors,
        "impacts": impacts[:IMPACTS_SHOWN],
        "more_impacts": len(impacts) > IMPACTS_SHOWN,
        "time_records": _time_records(output),
        "may_record_time": may(person, Action.RECORD_INVOLVEMENT, output.place.owner),
    }


@login_required
@require_safe
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    output = output_for_member(request.user, pk)
    return render(request, "outputs/detail.html", _detail_context(output, request.user))


@login_required
@GET_AND_POST
def output_edit(request: HttpRequest, pk: int) -> HttpResponse:
    output = output_for_member(request.user, pk)
    form = OutputForm(posted(request), instance=output)
    if request.method == "POST" and form.is_valid():
        services.output_update(actor=request.user, output=output, **form.cleaned_data)
        messages.success(request, _("Output changed."))
        return redirect(output)
    return render(
        request, "outputs/form.html", {"place": output.place, "form": form, "output": output}
    )


@login_required
@GET_AND_POST
def output_delete(request: HttpRequest, pk: int) -> HttpResponse:
    """Deleting an output and its credits cannot be undone, so it asks first."""
    output = output_for_member(request.user, pk)
    if request.method != "POST":
        context = {
            "caption": output.title,
            "question": _("Delete this output?"),
            "explanation": _(
                "The output and who is credited for it are deleted from %(place)s. The "
                "history keeps a note of it. You cannot undo this."
            )
            % {"place": output.place.name},
            "button": _("Yes, delete the output"),
            "back_url": output.get_absolute_url(),
            "back_text": _("No, keep it"),
        }
        return render(request, "confirm.html", context)
    place = output.place
    services.output_delete(actor=request.user, output=output)
    messages.success(request, _("The output is deleted."))
    return redirect("outputs:place_list", place_pk=place.pk)


@login_required
@require_safe
def history(request: HttpRequest, pk: int) -> HttpResponse:
    """Every change to the output and its credits: who, when, before and after."""
    output = output_for_member(request.user, pk)
    changes = Change.objects.filter(subject_type="output", subject_id=output.pk).select_related(
        "actor"
    )
    page = page_or_404(request, changes.order_by("-at", "-pk"), PER_PAGE)
    return render(
        request, "outputs/history.html", {"place": output.place, "output": output, "page": page}
    )


def _contributor_form(request: HttpRequest, output: Output, **kwargs: Any) -> ContributorForm:
    return ContributorForm(posted(request), **kwargs)


@login_required
@GET_AND_POST
def contributor_add(request: HttpRequest, pk: int) -> HttpResponse:
    output = output_for_member(request.user, pk)
    credited = set(output.contributors.exclude(person=None).values_list("person_id", flat=True))
    form = ContributorForm(posted(request), place=output.place, credited=credited)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            contributor = services.contributor_add(
                actor=request.user,
                output=output,
                person=data["member"],
                name=data["name"],
                orcid=data["orcid"],
                perspective=data["perspective"],
                credits=data["credits"],
            )
        except services.OutputError as error:
            form.add_error(error.code if error.code in form.fields else None, error.messages[0])
        else:
            messages.success(request, _("%(name)s is credited.") % {"name": contributor.name})
            return redirect(output)
    return render(
        request,
        "outputs/contributor_form.html",
        {"place": output.place, "output": output, "form": form},
    )


@login_required
@GET_AND_POST
def contributor_edit(request: HttpRequest, pk: int, contributor_pk: int) -> HttpResponse:
    output = output_for_member(request.user, pk)
    contributor = contributor_in(output, contributor_pk)
    initial = {
        "name": contributor.name,
        "orcid": contributor.orcid,
        "perspective": contributor.perspective,
        **{f"role_{credit.role}": credit.degree or "yes" for credit in contributor.credits.all()},
    }
    form = ContributorForm(posted(request), initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.contributor_update(
                actor=request.user,
                contributor=contributor,
                name=data["name"],
                orcid=data["orcid"],
                perspective=data["perspective"],
                credits=data["credits"],
            )
        except services.OutputError as error:
            form.add_error(error.code if error.code in form.fields else None, error.messages[0])
        else:
            messages.success(
                request, _("%(name)s’s credit is changed.") % {"name": contributor.name}
            )
            return redirect(output)
    return render(
        request,
        "outputs/contributor_form.html",
        {"place": output.place, "output": output, "form": form, "contributor": contributor},
    )


@login_required
@require_POST
def contributor_move(request: HttpRequest, pk: int, contributor_pk: int) -> HttpResponse:
    output = output_for_member(request.user, pk)
    contributor = contributor_in(output, contributor_pk)
    up = request.POST.get("direction") != "down"
    services.contributor_move(actor=request.user, contributor=contributor, up=up)
    messages.success(
        request,
        (_("%(name)s moved up.") if up else _("%(name)s moved down."))
        % {"name": contributor.name},
    )
    return redirect(output)


@login_required
@GET_AND_POST
def contributor_remove(request: HttpRequest, pk: int, contributor_pk: int) -> HttpResponse:
    output = output_for_member(request.user, pk)
    contributor = contributor_in(output, contributor_pk)
    if request.method != "POST":
        context = {
            "caption": output.title,
            "question": _("Take %(name)s off this output?") % {"name": contributor.name},
            "explanation": _(
                "They will no longer be credited for it, on any page, export or "
                "recognition letter. The history keeps a note of it."
            ),
            "button": _("Yes, take %(name)s off") % {"name": contributor.name},
            "back_url": output.get_absolute_url(),
            "back_text": _("No, keep them credited"),
        }
        return render(request, "confirm.html", context)
    services.contributor_remove(actor=request.user, contributor=contributor)
    messages.success(request, _("%(name)s is no longer credited.") % {"name": contributor.name})
    return redirect(output)


@login_required
@GET_AND_POST
def time_record(request: HttpRequest, pk: int) -> HttpResponse:
    """Record the time the output's contributors gave it (a talk they spoke at) in the
    place's involvement log in one step, so they can claim it."""
    output = output_for_member(request.user, pk)
    place = output.place
    if not may(request.user, Action.RECORD_INVOLVEMENT, place.owner):
        raise PermissionDenied(
            _(
                "Only %(who)s may record involvement in %(place)s, so you cannot record time "
                "for this output."
            )
            % {"who": RULES[Action.RECORD_INVOLVEMENT], "place": place.name}
        )
    contributors = list(output.contributors.select_related("person"))
    member_ids = set(place_member_ids(place))
    members = [c.person for c in contributors if c.person and c.person_id in member_ids]
    not_members = [c.person for c in contributors if c.person and c.person_id not in member_ids]
    records = _time_records(output)
    recorded_on = records[-1].entry.happened_on if records else None
    form = OutputTimeForm(
        posted(request),
        output=output,
        members=members,
        not_members=not_members,
        recorded_on=recorded_on,
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            entry = services.output_time_record(
                actor=request.user,
                output=output,
                title=data["title"],
                happened_on=data["happened_on"],
                stage=data.get("stage", ""),
                kind=data["kind"],
                participants=form.participants,
                again=data.get("again", False),
            )
        except services.OutputError as error:
            form.add_error(error.code if error.code in form.fields else None, error.messages[0])
        except ValidationError as error:
            form.add_error(None, error.messages[0])
        else:
            messages.success(
                request,
                _(
                    "The time is in the involvement log as “%(title)s”. The people who "
                    "took part can claim it now."
                )
                % {"title": entry.title},
            )
            return redirect(output)
    context = {
        "place": place,
        "output": output,
        "form": form,
        "records": records,
        "without_accounts": [c.name for c in contributors if c.person is None],
    }
    return render(request, "outputs/time_form.html", context)


def _download(content: str, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _prepared_in_background(
    request: HttpRequest, place_pk: int, *, kind: str, label: str
) -> HttpResponse:
    """A GET shows what will be prepared and a button; the POST starts the job and goes
    to its page (jobs.views.start). Access is checked first: someone outside gets a 404
    and starts nothing."""
    place = place_for_member(request.user, place_pk)
    return job_views.start(
        request,
        kind=kind,
        params={"place": place.pk},
        label=label,
        back_url=reverse("outputs:place_list", args=[place.pk]),
        back_text=_("Back to the outputs"),
        place=place,
    )


@login_required
@require_http_methods(["GET", "POST"])
def place_csl_json(request: HttpRequest, place_pk: int) -> HttpResponse:
    """Every output of the place as CSL-JSON, prepared in the background: a project
    with thousands of outputs takes longer than a request may."""
    return _prepared_in_background(
        request, place_pk, kind=PLACE_CSL_JSON, label=str(CSL_JSON_LABEL)
    )


@login_required
@require_http_methods(["GET", "POST"])
def place_bibtex(request: HttpRequest, place_pk: int) -> HttpResponse:
    """Every output of the place as BibTeX, prepared in the background."""
    return _prepared_in_background(request, place_pk, kind=PLACE_BIBTEX, label=str(BIBTEX_LABEL))


def _one_output(request: HttpRequest, pk: int) -> Output:
    output = output_for_member(request.user, pk)
    return exports.with_people(Output.objects.filter(pk=output.pk)).get()


@login_required
@require_safe
def csl_json(request: HttpRequest, pk: int) -> HttpResponse:
    output = _one_output(request, pk)
    return _download(exports.csl_json([output]), exports.CSL_JSON_TYPE, f"output-{pk}.json")


@login_required
@require_safe
def bibtex(request: HttpRequest, pk: int) -> HttpResponse:
    output = _one_output(request, pk)
    return _download(exports.bibtex([output]), exports.BIBTEX_TYPE, f"output-{pk}.bib")


@login_required
@GET_AND_POST
def orcid(request: HttpRequest) -> HttpResponse:
    """A person's own ORCID iD, copied onto what they are credited for from now on."""
    record = OrcidRecord.objects.filter(person=request.user).first()
    form = OrcidForm(posted(request), initial={"orcid": record.orcid if record else ""})
    if request.method == "POST" and form.is_valid():
        services.orcid_record_set(person=request.user, orcid=form.cleaned_data["orcid"])
        messages.success(
            request,
            _("Your ORCID iD is saved.")
            if form.cleaned_data["orcid"]
            else _("Your ORCID iD is removed."),
        )
        return redirect("outputs:orcid")
    credited = Contributor.objects.filter(person=request.user).aggregate(count=Count("pk"))[
        "count"
    ]
    return render(
        request, "outputs/orcid.html", {"form": form, "record": record, "credited": credited}
    )
