"""Pages for shared analysis: the team, sources and their de-identification, coding,
agreement, the codebook, themes and exports.

Every page starts with one access helper from `access.py` (the team's place, or a
source, code, theme or segment reached through it), so anyone not on the analysis team
gets a 404. Views authorise, bind the form, call a service and redirect. No page writes
when opened.
"""

from __future__ import annotations

import re
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.middleware.csrf import get_token
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from levelfield.analysis import exports, queries, services
from levelfield.analysis.access import (
    code_for_team,
    is_coordinator,
    keeps_originals,
    on_team,
    place_for_project_member,
    segment_for_team,
    source_for_team,
    team_member_in,
    team_place,
    theme_for_team,
    word_for_team,
)
from levelfield.analysis.background import CODEBOOK, QDPX, SEGMENTS, SPREADSHEETS
from levelfield.analysis.forms import (
    AddMemberForm,
    CodeForm,
    CodingForm,
    ConsentFields,
    DeidentifyForm,
    SettingsForm,
    ThemeForm,
    UploadForm,
    WordForm,
)
from levelfield.analysis.models import Code, Segment, Source, TeamMember, Theme, WordListEntry
from levelfield.history.models import Change
from levelfield.jobs import views as job_views
from levelfield.learning.models import Course
from levelfield.lib import cache as lib_cache
from levelfield.lib.forms import posted, posted_files
from levelfield.lib.paging import page_or_404
from levelfield.places.models import Place

GET_AND_POST = require_http_methods(["GET", "HEAD", "POST"])
PARAGRAPHS_PER_PAGE = 15
PER_PAGE = 50


def _error(form: Any, error: services.AnalysisError) -> None:
    form.add_error(error.code if error.code in form.fields else None, error.messages[0])


def _confirm(request: HttpRequest, **context: Any) -> HttpResponse:
    return render(request, "confirm.html", context)


@login_required
@require_safe
def home(request: HttpRequest, place_pk: int) -> HttpResponse:
    """The team's front page: its sources, codebook and themes; for other members of the
    project, what the team is and how to join."""
    place = place_for_project_member(request.user, place_pk)
    context: dict[str, Any] = {"place": place, "on_team": on_team(request.user, place)}
    if context["on_team"]:
        context["sources"] = list(
            Source.objects.in_place(place)
            .open_to(request.user)
            .annotate(coded=Count("segments"))
            .order_by("uploaded_at", "id")
        )
        context["codes"] = Code.objects.in_place(place).count()
        context["themes"] = list(Theme.objects.in_place(place))
    else:
        context["training"] = services.settings_for(place).training_course
    return render(request, "analysis/home.html", context)


@login_required
@require_POST
def join(request: HttpRequest, place_pk: int) -> HttpResponse:
    place = place_for_project_member(request.user, place_pk)
    try:
        services.team_join(place=place, person=request.user)
    except services.AnalysisError as error:
        messages.error(request, error.messages[0])
    else:
        messages.success(request, _("You are on the analysis team."))
    return redirect("analysis:home", place_pk=place.pk)


@login_required
@GET_AND_POST
def leave(request: HttpRequest, place_pk: int) -> HttpResponse:
    place = team_place(request.user, place_pk)
    if request.method != "POST":
        return _confirm(
            request,
            caption=place.name,
            question=_("Leave the analysis team?"),
            explanation=_(
                "You will no longer see the sources, codebook or themes. The coding "
                "you did stays, so the team’s agreement and themes still hold."
            ),
            button=_("Yes, leave the team"),
            back_url=reverse("analysis:home", args=[place.pk]),
            back_text=_("No, stay on the team"),
        )
    services.team_leave(place=place, person=request.user)
    messages.success(request, _("You have left the analysis team."))
    return redirect("analysis:home", place_pk=place.pk)


@login_required
@GET_AND_POST
def team(request: HttpRequest, place_pk: int) -> HttpResponse:
    """Who is on the team, with training records, for every member of the project (it is
    who reads their project's interviews; no analysis data is here); a coordinator adds
    people and names who may keep originals."""
    place = place_for_project_member(request.user, place_pk)
    coordinator = is_coordinator(request.user, place)
    members = list(
        TeamMember.objects.filter(place=place).select_related("person", "training__course")
    )
    form = AddMemberForm(
        posted(request), place=place, on_team={member.person_id for member in members}
    )
    if request.method == "POST":
        if not coordinator:
            return HttpResponse(_("Only a coordinator may add people to the team."), status=403)
        if form.is_valid():
            person = form.member_chosen("person")
            try:
                services.team_join(place=place, person=person, added_by=request.user)
            except services.AnalysisError as error:
                _error(form, error)
            else:
                messages.success(
                    request, _("%(person)s is on the analysis team.") % {"person": person.name}
                )
                return redirect("analysis:team", place_pk=place.pk)
    return render(
        request,
        "analysis/team.html",
        {"place": place, "members": members, "form": form, "coordinator": coordinator},
        status=400 if form.errors else 200,
    )


@login_required
@require_POST
def keeper(request: HttpRequest, place_pk: int, pk: int) -> HttpResponse:
    place = place_for_project_member(request.user, place_pk)
    member = team_member_in(place, pk)
    if not is_coordinator(request.user, place):
        return HttpResponse(_("Only a coordinator may name who keeps originals."), status=403)
    services.keeper_set(
        actor=request.user, member=member, keeps=request.POST.get("keeps") == "yes"
    )
    messages.success(request, _("Saved who may keep original transcripts."))
    return redirect("analysis:team", place_pk=place.pk)


@login_required
@GET_AND_POST
def settings_page(request: HttpRequest, place_pk: int) -> HttpResponse:
    place = team_place(request.user, place_pk)
    found = services.settings_for(place)
    courses = list(Course.objects.filter(collective_id=place.collective_id, is_open=True))
    form = SettingsForm(
        posted(request),
        courses=courses,
        initial={
            "share_coding": "yes" if found.share_coding else "no",
            "training_course": found.training_course_id,
        },
    )
    if request.method == "POST" and form.is_valid():
        course = next((c for c in courses if c.pk == form.cleaned_data["training_course"]), None)
        services.settings_update(
            actor=request.user,
            place=place,
            share_coding=form.cleaned_data["share_coding"],
            training_course=course,
        )
        messages.success(request, _("The analysis settings are saved."))
        return redirect("analysis:home", place_pk=place.pk)
    return render(
        request,
        "analysis/form_page.html",
        {
            "place": place,
            "form": form,
            "heading": _("Analysis settings"),
            "button": _("Save the settings"),
        },
        status=400 if form.errors else 200,
    )


@login_required
@GET_AND_POST
def words(request: HttpRequest, place_pk: int) -> HttpResponse:
    """The team's word list: what de-identification always proposes to replace."""
    place = team_place(request.user, place_pk)
    form = WordForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            services.word_add(actor=request.user, place=place, word=form.cleaned_data["word"])
        except services.AnalysisError as error:
            _error(form, error)
        else:
            messages.success(request, _("Added to the word list."))
            return redirect("analysis:words", place_pk=place.pk)
    entries = WordListEntry.objects.filter(place=place)
    return render(
        request,
        "analysis/words.html",
        {
            "place": place,
            "form": form,
            "entries": entries,
            "heading": _("Word list for de-identification"),
            "intro": _(
                "Words and phrases the team always replaces when a transcript is "
                "de-identified, on top of the names, places and dates Levelfield finds itself."
            ),
            "button": _("Add to the list"),
        },
        status=400 if form.errors else 200,
    )


@login_required
@require_POST
def word_remove(request: HttpRequest, place_pk: int, pk: int) -> HttpResponse:
    place = team_place(request.user, place_pk)
    entry = word_for_team(request.user, place, pk)
    services.word_remove(actor=request.user, entry=entry)
    messages.success(request, _("“%(word)s” is off the word list.") % {"word": entry.word})
    return redirect("analysis:words", place_pk=place.pk)


@login_required
@GET_AND_POST
def source_upload(request: HttpRequest, place_pk: int) -> HttpResponse:
    place = team_place(request.user, place_pk)
    form = UploadForm(posted(request), posted_files(request))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            source = services.source_upload(
                actor=request.user,
                place=place,
                title=data["title"],
                upload=data["file"],
                text=data["text"],
                consent=services.Consent(data["consent_reference"], data["quotes_allowed"]),
                delete_original_on=data["delete_original_on"],
            )
        except services.AnalysisError as error:
            _error(form, error)
        else:
            messages.success(
                request, _("Uploaded. Now check what to remove before the team sees it.")
            )
            return redirect("analysis:deidentify", pk=source.pk)
    return render(
        request,
        "analysis/form_page.html",
        {
            "place": place,
            "form": form,
            "multipart": True,
            "heading": _("Upload a transcript"),
            "intro": _(
                "Next, you check what to remove (names, places, dates) before anyone "
                "else on the team sees it."
            ),
            "button": _("Upload"),
        },
        status=400 if form.errors else 200,
    )


@login_required
@GET_AND_POST
def deidentify_page(request: HttpRequest, pk: int) -> HttpResponse:
    """The uploader ticks which proposed replacements to make, adds more, confirms."""
    source = source_for_team(request.user, pk, confirmed=False)
    if source.is_confirmed:
        return redirect(source)
    proposals = services.source_proposals(source)
    form = DeidentifyForm(
        posted(request), proposals=proposals, initial={"chosen": list(range(len(proposals)))}
    )
    if request.method == "POST" and form.is_valid():
        chosen = [proposals[i] for i in sorted(set(form.cleaned_data["chosen"]))]
        extra = form.cleaned_data["extra"].splitlines()
        services.source_confirm(actor=request.user, source=source, chosen=chosen, extra=extra)
        messages.success(
            request,
            _("“%(title)s” is de-identified and open to the team.") % {"title": source.title},
        )
        return redirect(source)
    return render(
        request,
        "analysis/deidentify.html",
        {"place": source.place, "source": source, "form": form, "proposals": proposals},
        status=400 if form.errors else 200,
    )


def _coding_page(request: HttpRequest, source: Source) -> dict[str, Any]:
    """The page's paragraphs and the coding on them. The source's text is read only
    where something is worked out afresh (its cut, a page's text, a coded passage): the
    transcript is hundreds of kilobytes, a page a few."""
    cut = queries.offsets(source)
    page = page_or_404(request, range(len(cut[0]) // 2), PARAGRAPHS_PER_PAGE)
    shown = queries.paragraphs_numbered(cut, page.object_list)
    everyone = source.share_coding
    start = shown[0].start if shown else 0
    end = shown[-1].end if shown else 0
    segments = queries.visible_segments(
        source, request.user, everyone=everyone, start=start, end=end
    )
    queries.mark(shown, segments, request.user)
    return {
        "page": page,
        "paragraphs": shown,
        "segments": segments,
        "everyone": everyone,
        "sentence_ids": [s.index for p in shown for s in p.sentences],
        "paragraph_ids": [p.index for p in shown],
    }


CODES_SHOWN = re.compile(r"<!--codes:(\d+)-->")


def _text_html(source: Source, context: dict[str, Any], *, errors: bool) -> str:
    """The page's paragraphs with a checkbox per sentence and, on each sentence, the
    codes the viewer sees on it. The checkboxes and text are rendered once per page of
    the source and kept (about 100 sentences cost some 7 ms to render): a confirmed
    source's text never changes, so its id, confirmation time and the page number are
    its exact version. The codes differ per viewer (their own coding or everyone's), so
    they are put in each time, where the kept page marks each sentence's place."""
    shown = context["paragraphs"]
    first = context["sentence_ids"][0] if context["sentence_ids"] else None

    def render_text() -> str:
        queries.fill_text(shown, source.text)
        return render_to_string(
            "analysis/includes/text.html",
            {"paragraphs": shown, "first": first, "errors": errors},
        )

    confirmed = source.confirmed_at.timestamp() if source.confirmed_at else 0
    html = (
        render_text()
        if errors
        else lib_cache.versioned(
            "analysis:text",
            (source.pk, confirmed, PARAGRAPHS_PER_PAGE, context["page"].number),
            render_text,
            seconds=queries.DAY,
        )
    )
    codes = {
        str(sentence.index): format_html(
            ' <span class="govuk-body-s govuk-!-font-weight-bold">[{}]</span>',
            ", ".join(sentence.codes),
        )
        for paragraph in shown
        for sentence in paragraph.sentences
        if sentence.codes
    }
    return mark_safe(  # noqa: S308 -- rendered by the template above, escaped there
        CODES_SHOWN.sub(lambda found: codes.get(found[1], ""), html)
    )


# Where each "Take off" form's CSRF token goes in the kept coding rows: a mark no
# escaped passage, name or memo can make (their "<" is "&lt;" when shown).
_CSRF_MARK = mark_safe("<!--csrf-->")  # noqa: S308 -- a constant


def _coding_html(request: HttpRequest, source: Source, segments: list[Segment]) -> SafeString:
    """The coding on this page of the source, a row each (its passage, codes, coder and
    memo, and the viewer's own with a form to take it off): sixteen rows cost half the
    page's rendering. Kept under a digest of exactly what the rows show, so a change to
    any of them is a new key; the forms' CSRF token is put in after, so a kept row never
    carries anyone's token."""
    viewer = request.user.pk
    # A segment's passage is its span of the source's text, which never changes once
    # confirmed: the source, its confirmation and the span stand for it.
    confirmed = source.confirmed_at.timestamp() if source.confirmed_at else 0
    shown = tuple(
        (
            source.pk,
            confirmed,
            segment.pk,
            segment.start,
            segment.end,
            segment.code_names,
            segment.coder_id == viewer,
            segment.coder.name if segment.coder else None,
            segment.memo,
        )
        for segment in segments
    )

    def rows() -> str:
        queries.passages(source, segments)
        return render_to_string(
            "analysis/includes/coding.html",
            {"segments": segments, "viewer_pk": viewer, "csrf_token": _CSRF_MARK},
        )

    html = lib_cache.digested_many("analysis:coding-rows", [(shown, rows)], seconds=queries.DAY)
    return mark_safe(html[0].replace(_CSRF_MARK, get_token(request)))  # noqa: S308


def _fields_html(form: CodingForm, place: Place, codes: list[Code]) -> str:
    """The codes to apply and the memo. Before anything is posted they are the same for
    everyone on the team, so they are kept per codebook (its codes' ids and names are
    all they show, so they are the key) instead of rendering 20 checkboxes each time."""

    if form.is_bound:
        return form["codes"].as_field_group() + form["memo"].as_field_group()

    def render_fields() -> str:
        # The codes read for the key, not read again: what is kept is what the key says.
        form.fields["codes"].choices = [(code.pk, str(code)) for code in codes]
        return form["codes"].as_field_group() + form["memo"].as_field_group()

    digest = lib_cache.digest([(code.pk, code.name) for code in codes])
    return mark_safe(  # noqa: S308 -- rendered by the form's templates, escaped there
        lib_cache.versioned(
            "analysis:coding-fields", (place.pk, digest), render_fields, seconds=queries.DAY
        )
    )


@login_required
@GET_AND_POST
def source(request: HttpRequest, pk: int) -> HttpResponse:
    """The coding page: a page of paragraphs, each sentence with a checkbox (keyboard
    and no JavaScript), the codes to apply and a memo."""
    found = source_for_team(
        request.user, pk, confirmed=False, without=("original_text", "text"), sharing=True
    )
    if not found.is_confirmed:
        return redirect("analysis:deidentify", pk=found.pk)
    context = _coding_page(request, found)
    form = CodingForm(
        posted(request),
        place=found.place,
        sentences=context["sentence_ids"],
        paragraphs=context["paragraph_ids"],
    )
    if request.method == "POST" and form.is_valid():
        spans, sentences = queries.cut(found)
        chosen = set(form.cleaned_data["sentences"])
        for index in form.cleaned_data["paragraphs"]:
            start, end = spans[index]
            chosen.update(i for i, (s, _end) in enumerate(sentences) if start <= s < end)
        passages = [(sentences[a][0], sentences[b][1]) for a, b in services.runs(chosen)]
        try:
            made = services.segments_code(
                actor=request.user,
                source=found,
                spans=passages,
                codes=list(form.cleaned_data["codes"]),
                memo=form.cleaned_data["memo"],
            )
        except services.AnalysisError as error:
            _error(form, error)
        else:
            messages.success(
                request,
                ngettext("Coded %(count)s passage.", "Coded %(count)s passages.", len(made))
                % {"count": len(made)},
            )
            return redirect(f"{found.get_absolute_url()}?page={context['page'].number}")
    # Whether the codebook is empty, and the key of the kept codes field: names only.
    codes = list(Code.objects.in_place(found.place).only("name"))
    return render(
        request,
        "analysis/source.html",
        {
            "place": found.place,
            "source": found,
            "form": form,
            "codes": codes,
            "text": _text_html(found, context, errors=bool(form.errors.get("sentences"))),
            "fields": _fields_html(form, found.place, codes),
            "coding": _coding_html(request, found, context["segments"]),
            # Only a kept file is offered to keepers: no file, no question to ask.
            "keeper": bool(found.file) and keeps_originals(request.user, found.place),
            **context,
        },
        status=400 if form.errors else 200,
    )


@login_required
@GET_AND_POST
def consent(request: HttpRequest, pk: int) -> HttpResponse:
    found = source_for_team(request.user, pk, confirmed=False)
    form = ConsentFields(
        posted(request),
        initial={
            "consent_reference": found.consent_reference,
            "quotes_allowed": "yes" if found.quotes_allowed else "no",
            "delete_original_on": found.delete_original_on,
        },
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        services.source_consent_update(
            actor=request.user,
            source=found,
            consent=services.Consent(data["consent_reference"], data["quotes_allowed"]),
            delete_original_on=data["delete_original_on"],
        )
        messages.success(request, _("The consent record is saved."))
        return redirect(found)
    return render(
        request,
        "analysis/form_page.html",
        {
            "place": found.place,
            "source": found,
            "form": form,
            "caption": found.title,
            "heading": _("Consent record"),
            "button": _("Save the consent record"),
        },
        status=400 if form.errors else 200,
    )


@login_required
@require_safe
def agreement_page(request: HttpRequest, pk: int) -> HttpResponse:
    # The text is read only when the agreement is worked out afresh (a new version).
    found = source_for_team(request.user, pk, without=("text", "original_text"))
    coders, results = queries.agreement_for(found)
    return render(
        request,
        "analysis/agreement.html",
        {"place": found.place, "source": found, "coders": coders, "results": results},
    )


@login_required
@require_safe
def original(request: HttpRequest, pk: int) -> HttpResponse:
    """The uploaded file, only for the people the project names as keepers."""
    found = source_for_team(request.user, pk, confirmed=False)
    if not keeps_originals(request.user, found.place) or not found.file:
        raise Http404("No original kept.")
    try:
        handle = found.file.open("rb")
    except FileNotFoundError:
        raise Http404("The file is missing.") from None
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=found.original_name or found.stored_name,
        content_type=found.content_type or "application/octet-stream",
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@GET_AND_POST
def source_delete(request: HttpRequest, pk: int) -> HttpResponse:
    found = source_for_team(request.user, pk, confirmed=False)
    if request.method != "POST":
        return _confirm(
            request,
            caption=found.title,
            question=_("Delete this source?"),
            explanation=_(
                "The source, its original and everyone’s coding of it are deleted. "
                "The history keeps a note of it. You cannot undo this."
            ),
            button=_("Yes, delete the source"),
            back_url=found.get_absolute_url(),
            back_text=_("No, keep it"),
        )
    place = found.place
    services.source_delete(actor=request.user, source=found)
    messages.success(request, _("The source is deleted."))
    return redirect("analysis:home", place_pk=place.pk)


@login_required
@require_safe
def codebook(request: HttpRequest, place_pk: int) -> HttpResponse:
    place = team_place(request.user, place_pk)
    codes = list(
        Code.objects.in_place(place)
        .select_related("theme")
        .annotate(passages=Count("segments"))
        .order_by("theme__name", "name")
    )
    return render(request, "analysis/codebook.html", {"place": place, "codes": codes})


@login_required
@GET_AND_POST
def code_create(request: HttpRequest, place_pk: int) -> HttpResponse:
    place = team_place(request.user, place_pk)
    form = CodeForm(posted(request), place=place)
    if request.method == "POST" and form.is_valid():
        try:
            services.code_create(actor=request.user, place=place, **form.cleaned_data)
        except services.AnalysisError as error:
            _error(form, error)
        else:
            messages.success(request, _("The code is in the codebook."))
            return redirect("analysis:codebook", place_pk=place.pk)
    return render(
        request,
        "analysis/form_page.html",
        {"place": place, "form": form, "heading": _("Add a code"), "button": _("Add the code")},
        status=400 if form.errors else 200,
    )


@login_required
@GET_AND_POST
def code_edit(request: HttpRequest, pk: int) -> HttpResponse:
    code = code_for_team(request.user, pk)
    form = CodeForm(
        posted(request),
        place=code.place,
        initial={
            "name": code.name,
            "definition": code.definition,
            "example": code.example,
            "theme": code.theme_id,
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.code_update(actor=request.user, code=code, **form.cleaned_data)
        except services.AnalysisError as error:
            _error(form, error)
        else:
            messages.success(request, _("The code is changed."))
            return redirect("analysis:codebook", place_pk=code.place.pk)
    return render(
        request,
        "analysis/form_page.html",
        {
            "place": code.place,
            "form": form,
            "code": code,
            "caption": code.name,
            "heading": _("Change the code"),
            "button": _("Save the code"),
        },
        status=400 if form.errors else 200,
    )


@login_required
@require_safe
def code_history(request: HttpRequest, pk: int) -> HttpResponse:
    code = code_for_team(request.user, pk)
    changes = Change.objects.filter(subject_type="code", subject_id=code.pk).select_related(
        "actor"
    )
    page = page_or_404(request, changes.order_by("-at", "-pk"), PER_PAGE)
    return render(
        request, "analysis/code_history.html", {"place": code.place, "code": code, "page": page}
    )


@login_required
@require_safe
def quotes(request: HttpRequest, pk: int) -> HttpResponse:
    code = code_for_team(request.user, pk)
    found = exports.quotes_for(code)
    return render(
        request,
        "analysis/quotes.html",
        {
            "place": code.place,
            "code": code,
            "quotes": [q for q in found if q.allowed],
            "refused": [q for q in found if not q.allowed],
        },
    )


def _download(content: str | bytes, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_safe
def quotes_file(request: HttpRequest, pk: int) -> HttpResponse:
    code = code_for_team(request.user, pk)
    return _download(exports.quotes_text(code), "text/plain; charset=utf-8", f"quotes-{pk}.txt")


def _export(request: HttpRequest, place: Any, kind: str, params: dict, label: str) -> HttpResponse:
    """A file of the analysis, prepared in the background (analysis/background.py)."""
    return job_views.start(
        request,
        kind=kind,
        params={"place": place.pk, **params},
        label=label,
        back_url=reverse("analysis:home", args=[place.pk]),
        back_text=_("Back to the analysis"),
        place=place,
    )


def _spreadsheet_kind(kind: str) -> str:
    if kind not in SPREADSHEETS:
        raise Http404("No such file.")
    return kind


@login_required
@require_http_methods(["GET", "POST"])
def export_codebook(request: HttpRequest, place_pk: int, kind: str) -> HttpResponse:
    place = team_place(request.user, place_pk)
    kind = _spreadsheet_kind(kind)
    label = _("The codebook (CSV)") if kind == "csv" else _("The codebook (Excel)")
    return _export(request, place, CODEBOOK, {"kind": kind}, label)


@login_required
@require_http_methods(["GET", "POST"])
def export_segments(request: HttpRequest, place_pk: int, kind: str) -> HttpResponse:
    place = team_place(request.user, place_pk)
    kind = _spreadsheet_kind(kind)
    label = _("The coded passages (CSV)") if kind == "csv" else _("The coded passages (Excel)")
    return _export(request, place, SEGMENTS, {"kind": kind}, label)


@login_required
@require_http_methods(["GET", "POST"])
def export_qdpx(request: HttpRequest, place_pk: int) -> HttpResponse:
    place = team_place(request.user, place_pk)
    return _export(request, place, QDPX, {}, _("The whole analysis as a REFI-QDA project (.qdpx)"))


@login_required
@require_safe
def themes(request: HttpRequest, place_pk: int) -> HttpResponse:
    place = team_place(request.user, place_pk)
    found = Theme.objects.in_place(place).annotate(code_count=Count("codes"))
    return render(request, "analysis/themes.html", {"place": place, "themes": found})


@login_required
@GET_AND_POST
def theme_create(request: HttpRequest, place_pk: int) -> HttpResponse:
    place = team_place(request.user, place_pk)
    form = ThemeForm(posted(request), place=place)
    if request.method == "POST" and form.is_valid():
        try:
            theme = services.theme_create(actor=request.user, place=place, **form.cleaned_data)
        except services.AnalysisError as error:
            _error(form, error)
        else:
            messages.success(request, _("The theme is built."))
            return redirect(theme)
    return render(
        request,
        "analysis/form_page.html",
        {
            "place": place,
            "form": form,
            "here": "theme_form",
            "heading": _("Build a theme"),
            "intro": _("Name the pattern you see and choose the codes it is built from."),
            "button": _("Build the theme"),
        },
        status=400 if form.errors else 200,
    )


@login_required
@require_safe
def theme(request: HttpRequest, pk: int) -> HttpResponse:
    """A theme with its codes, their quotes, and whose perspectives lie behind it."""
    found = theme_for_team(request.user, pk)
    codes = list(found.codes.all())
    voices, summary = queries.theme_voices(codes)
    quotes = exports.quotes_by_code(codes, limit=5)
    return render(
        request,
        "analysis/theme.html",
        {
            "place": found.place,
            "theme": found,
            "codes": [(code, quotes[code.pk]) for code in codes],
            "voices": voices,
            "summary": summary,
        },
    )


@login_required
@GET_AND_POST
def theme_edit(request: HttpRequest, pk: int) -> HttpResponse:
    found = theme_for_team(request.user, pk)
    form = ThemeForm(
        posted(request),
        place=found.place,
        initial={
            "name": found.name,
            "description": found.description,
            "codes": list(found.codes.values_list("pk", flat=True)),
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.theme_update(actor=request.user, theme=found, **form.cleaned_data)
        except services.AnalysisError as error:
            _error(form, error)
        else:
            messages.success(request, _("The theme is changed."))
            return redirect(found)
    return render(
        request,
        "analysis/form_page.html",
        {
            "place": found.place,
            "form": form,
            "theme": found,
            "heading": _("Change the theme"),
            "button": _("Save the theme"),
        },
        status=400 if form.errors else 200,
    )


@login_required
@require_POST
def segment_remove(request: HttpRequest, pk: int) -> HttpResponse:
    segment = segment_for_team(request.user, pk)
    if segment.coder_id != request.user.pk:
        return HttpResponse(_("You can only take off your own coding."), status=403)
    services.segment_delete(actor=request.user, segment=segment)
    messages.success(request, _("That coding is taken off."))
    return redirect(segment.source)
