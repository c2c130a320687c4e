"""Reports' pages: the lists per place, a report with its sections and charts, editing a
section, versions and history, signing off, publishing, exports and the public page."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import TextField
from django.db.models.fields.json import KeyTransform
from django.db.models.functions import MD5, Cast, Concat
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from levelfield.collectives import roles
from levelfield.collectives.access import collective_for_member
from levelfield.decisions.services import DecisionError
from levelfield.history.models import Change
from levelfield.jobs import views as job_views
from levelfield.jobs.services import job_start
from levelfield.lib import cache as lib_cache
from levelfield.lib.forms import posted
from levelfield.lib.paging import page_or_404
from levelfield.projects.access import project_for_member
from levelfield.reports import access, sections, services
from levelfield.reports.background import REPORT_HTML, REPORT_PDF, REPORT_WORD
from levelfield.reports.display import HTML_SECONDS, ReportView, report_view
from levelfield.reports.forms import AnnualReportForm, SectionForm, SignoffForm
from levelfield.reports.models import Kind, Report, ReportVersion

GET_AND_POST = require_http_methods(["GET", "HEAD", "POST"])
VERSIONS_PER_PAGE = 50


# The reports of a place


@login_required
@require_safe
def project_list(request: HttpRequest, pk: int) -> HttpResponse:
    project = project_for_member(request.user, pk)
    reports = list(Report.objects.filter(place__project=project, kind=Kind.GRIPP2))
    return render(
        request, "reports/list.html", {"place": project, "project": project, "reports": reports}
    )


def _collective_page(
    request: HttpRequest, collective: Any, form: AnnualReportForm, status: int = 200
) -> HttpResponse:
    reports = list(
        Report.objects.filter(place=collective.own_place, kind=Kind.ANNUAL).order_by("-year")
    )
    return render(
        request,
        "reports/list.html",
        {"place": collective, "reports": reports, "form": form},
        status=status,
    )


@login_required
@require_safe
def collective_list(request: HttpRequest, slug: str) -> HttpResponse:
    collective = collective_for_member(request.user, slug)
    return _collective_page(
        request, collective, AnnualReportForm(initial={"year": timezone.localdate().year - 1})
    )


@login_required
@require_POST
def start_for_project(request: HttpRequest, pk: int) -> HttpResponse:
    project = project_for_member(request.user, pk)
    report = services.report_start(place=project, actor=request.user)
    return redirect(report)


@login_required
@require_POST
def start_for_collective(request: HttpRequest, slug: str) -> HttpResponse:
    collective = collective_for_member(request.user, slug)
    form = AnnualReportForm(request.POST)
    if form.is_valid():
        try:
            report = services.report_start(
                place=collective, actor=request.user, year=form.cleaned_data["year"]
            )
        except services.ReportError as error:
            form.add_error("year", error.messages[0])
        else:
            return redirect(report)
    return _collective_page(request, collective, form, status=400)


# One report


def _latest(report: Report) -> ReportVersion | None:
    return report.versions.select_related("made_by").order_by("-number").first()


def _view_of(report: Report, request: HttpRequest) -> ReportView | None:
    """The version asked for (?version=N) or the latest."""
    number = request.GET.get("version", "")
    found = access.version_of(report, int(number)) if number.isdigit() else _latest(report)
    return report_view(report, found) if found else None


def _latest_shown(report: Report) -> ReportVersion | None:
    """The latest version with only what the report's page reads of it: its figures'
    period and minimum group size, and a digest of its text and figures worked out by
    the database (`content`). Reading a large report's snapshot (135 KB of JSON) and
    digesting it again on every request cost more than the rest of the view."""
    return (
        report.versions.select_related("made_by")
        .defer("figures", "sections")
        .annotate(
            period=KeyTransform("period", "figures"),
            minimum=KeyTransform("minimum", "figures"),
            content=MD5(Concat(Cast("sections", TextField()), Cast("figures", TextField()))),
        )
        .order_by("-number")
        .first()
    )


def _body_html(report: Report, version: ReportVersion) -> SafeString:
    """The sections with their charts and statements, as every member sees them, made
    once per version's content (`_latest_shown`'s digest of its text and figures, so
    erasure rewriting a version's text shows at once): a large report's Markdown, 150
    statements and their links took most of the page's time (39 ms of CPU)."""
    html = lib_cache.versioned(
        "reports:body",
        (report.pk, version.pk, version.content),
        lambda: render_to_string(
            "reports/includes/body.html",
            {
                "view": report_view(
                    report, report.versions.select_related("made_by").get(pk=version.pk)
                ),
                "editable": True,
            },
        ),
        seconds=HTML_SECONDS,
    )
    return mark_safe(html)  # noqa: S308 (made by the template above, which escapes)


@login_required
@require_safe
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    report = access.report_for_member(request.user, pk)
    version = _latest_shown(report)
    return render(
        request,
        "reports/detail.html",
        {
            "report": report,
            "project": report.project,
            "collective": report.collective,
            # The page's own lines need only the version; its sections are kept HTML.
            "view": ReportView(
                report=report, version=version, sections=[], figures=_shown_figures(version)
            )
            if version
            else None,
            "body": _body_html(report, version) if version else "",
            "may_publish": roles.may(request.user, roles.Action.PUBLISH_REPORT, report.place),
        },
    )


def _shown_figures(version: ReportVersion) -> dict[str, Any]:
    """The figures the page's own lines show (the rest are in the kept body)."""
    figures = {"period": version.period, "minimum": version.minimum}
    return {key: value for key, value in figures.items() if value is not None}


@login_required
@require_POST
def regenerate(request: HttpRequest, pk: int) -> HttpResponse:
    report = access.report_for_member(request.user, pk)
    services.generation_request(report=report, actor=request.user)
    messages.success(request, _("The figures are being prepared from the records."))
    return redirect(report)


@login_required
@GET_AND_POST
def section_edit(request: HttpRequest, pk: int, section: str) -> HttpResponse:
    report = access.report_for_member(request.user, pk)
    found = sections.section_of(report.kind, section)
    version = _latest(report)
    if found is None or version is None:
        return redirect(report)
    current = version.sections.get(section, "")
    form = SectionForm(posted(request), initial={"text": current, "based_on": version.number})
    outdated_text = ""
    if request.method == "POST" and form.is_valid():
        try:
            services.section_edit(
                report=report,
                actor=request.user,
                section=section,
                text=form.cleaned_data["text"],
                based_on=form.cleaned_data["based_on"],
            )
        except services.ReportError as error:
            form.add_error("text", error.messages[0])
            if error.code == "outdated":
                outdated_text = current
                form.data = form.data.copy()
                form.data["based_on"] = str(version.number)
        else:
            messages.success(
                request, _("“%(heading)s” is saved as a new version.") % {"heading": found.heading}
            )
            return redirect(f"{report.get_absolute_url()}#section-{section}")
    return render(
        request,
        "reports/section.html",
        {
            "report": report,
            "project": report.project,
            "collective": report.collective,
            "section": found,
            "version": version,
            "form": form,
            "outdated_text": outdated_text,
            "statements": version.figures.get("statements", {}).get(section, []),
        },
        status=400 if form.errors else 200,
    )


@login_required
@require_safe
def versions(request: HttpRequest, pk: int) -> HttpResponse:
    report = access.report_for_member(request.user, pk)
    page = page_or_404(
        request,
        report.versions.select_related("made_by").defer("figures", "sections").order_by("-number"),
        VERSIONS_PER_PAGE,
    )
    history = list(
        Change.objects.filter(subject_type="report", subject_id=report.pk).order_by("-at", "-pk")[
            :200
        ]
    )
    return render(
        request,
        "reports/versions.html",
        {
            "report": report,
            "project": report.project,
            "collective": report.collective,
            "versions": page.object_list,
            "page": page,
            "label": _("Versions"),
            "history": history,
        },
    )


@login_required
@require_safe
def version(request: HttpRequest, pk: int, number: int) -> HttpResponse:
    report = access.report_for_member(request.user, pk)
    found = access.version_of(report, number)
    return render(
        request,
        "reports/version.html",
        {
            "report": report,
            "project": report.project,
            "collective": report.collective,
            "view": report_view(report, found),
        },
    )


# Signing off


@login_required
@GET_AND_POST
def signoff(request: HttpRequest, pk: int) -> HttpResponse:
    report = access.report_for_member(request.user, pk)
    version = _latest(report)
    if version is None:
        return redirect(report)
    minimum = report.collective.minimum_decision_days
    form = SignoffForm(
        posted(request),
        initial={"closes_on": timezone.localdate() + timezone.timedelta(days=max(minimum, 7))},
    )
    if request.method == "POST" and form.is_valid():
        try:
            decision = services.signoff_open(
                report=report,
                actor=request.user,
                method=form.cleaned_data["method"],
                closes_at=form.closes_at(),
            )
        except (services.ReportError, DecisionError) as error:
            form.add_error(
                "closes_on" if getattr(error, "code", "") == "too_short" else None,
                error.messages[0],
            )
        else:
            messages.success(request, _("The decision is open. Everyone can respond now."))
            return redirect("decisions:detail", decision.pk)
    return render(
        request,
        "reports/signoff.html",
        {
            "report": report,
            "project": report.project,
            "collective": report.collective,
            "version": version,
            "form": form,
        },
        status=400 if form.errors else 200,
    )


# Publishing


def _confirm(request: HttpRequest, report: Report, **words: str) -> HttpResponse:
    """Publishing or taking off the public pages asks to confirm on its own page first."""
    context = {"caption": str(report), "back_url": report.get_absolute_url()} | words
    return render(request, "confirm.html", context)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def publish(request: HttpRequest, pk: int) -> HttpResponse:
    report = access.report_for_member(request.user, pk)
    if not roles.may(request.user, roles.Action.PUBLISH_REPORT, report.place):
        raise PermissionDenied(_("Publishing is the coordinator’s job."))
    if request.method != "POST":
        return _confirm(
            request,
            report,
            question=_("Publish the report on the public pages?"),
            explanation=_(
                "Anyone on the internet can then read the signed-off version. You "
                "can take it off again later, but people may already have read or saved it."
            ),
            button=_("Yes, publish it"),
            back_text=_("No, not yet"),
        )
    try:
        services.report_publish(report=report, actor=request.user)
    except services.ReportError as error:
        messages.error(request, error.messages[0])
    else:
        messages.success(request, _("The report is on the public pages."))
    return redirect(report)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def unpublish(request: HttpRequest, pk: int) -> HttpResponse:
    report = access.report_for_member(request.user, pk)
    if not roles.may(request.user, roles.Action.PUBLISH_REPORT, report.place):
        raise PermissionDenied(_("Publishing is the coordinator’s job."))
    if request.method != "POST":
        return _confirm(
            request,
            report,
            question=_("Take the report off the public pages?"),
            explanation=_(
                "People following a link to it will no longer find it. You can "
                "publish it again later."
            ),
            button=_("Yes, take it off"),
            back_text=_("No, keep it public"),
        )
    try:
        services.report_unpublish(report=report, actor=request.user)
    except services.ReportError as error:
        messages.error(request, error.messages[0])
    else:
        messages.success(request, _("The report is off the public pages."))
    return redirect(report)


@require_safe
def public(request: HttpRequest, pk: int) -> HttpResponse:
    """A published report for anyone, no log-in: the published version only."""
    report = access.published_report(pk)
    return render(
        request,
        "reports/public.html",
        {
            "report": report,
            "project": report.project,
            "collective": report.collective,
            "view": report_view(report, report.published_version),
        },
    )


# Exports


def _export(request: HttpRequest, pk: int, kind: str, label: str) -> HttpResponse:
    """A version (?version=N, or the latest) as a file, prepared in the background
    (reports/background.py): a report over a whole log takes longer than a request may."""
    report = access.report_for_member(request.user, pk)
    number = request.GET.get("version", "")
    version = access.version_of(report, int(number)) if number.isdigit() else _latest(report)
    if version is None:
        return redirect(report)
    return job_views.start(
        request,
        kind=kind,
        params={"report": report.pk, "version": version.number},
        label=label % {"title": report.title, "number": version.number},
        back_url=report.get_absolute_url(),
        back_text=_("Back to the report"),
        place=report.place,
    )


@login_required
@require_http_methods(["GET", "POST"])
def export_html(request: HttpRequest, pk: int) -> HttpResponse:
    return _export(
        request, pk, REPORT_HTML, _("%(title)s, version %(number)s, as a web page (HTML)")
    )


@login_required
@require_http_methods(["GET", "POST"])
def export_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    """A version as PDF, laid out in the background (levelfield/reports/background.py):
    the POST starts it and the person watches it on the job's page. Opening the address
    (an old link) goes back to the report, whose button asks for it: GET starts nothing."""
    report = access.report_for_member(request.user, pk)
    if request.method != "POST":
        return redirect(report)
    number = request.POST.get("version", "")
    version = access.version_of(report, int(number)) if number.isdigit() else _latest(report)
    if version is None:
        return redirect(report)
    job = job_start(
        person=request.user,
        kind=REPORT_PDF,
        params={"report": report.pk, "version": version.number},
    )
    return redirect(job)


@login_required
@require_http_methods(["GET", "POST"])
def export_word(request: HttpRequest, pk: int) -> HttpResponse:
    return _export(request, pk, REPORT_WORD, _("%(title)s, version %(number)s, for Word (.doc)"))
