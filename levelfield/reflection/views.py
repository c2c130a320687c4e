"""Pages for check-ins and the evidence view. Each starts with the one place access
helper (or access.py's, for a round), so someone outside the place gets a 404 and learns
nothing."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count, Prefetch
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST, require_safe

from levelfield.collectives import access as collective_access
from levelfield.collectives.roles import Action as RoleAction
from levelfield.lib.forms import posted
from levelfield.places.access import collective_place, place_for_member
from levelfield.places.models import Place
from levelfield.reflection import display, results, services
from levelfield.reflection import evidence as evidence_module
from levelfield.reflection.access import round_for_member
from levelfield.reflection.forms import ActionForm, AnswerForm, QuestionForm, RoundForm
from levelfield.reflection.models import (
    CheckInRound,
    PerspectiveGroup,
    Phase,
    Question,
    QuestionSet,
    QuestionSetVersion,
    Respondent,
)
from levelfield.reflection.questions import SCALE
from levelfield.translations.shown import Shown, shown_list

# Rounds of a place (a collective, a group or a project)


@login_required
@require_safe
def rounds(request: HttpRequest, place_pk: int) -> HttpResponse:
    place = place_for_member(request.user, place_pk)
    found = list(
        CheckInRound.objects.in_place(place)
        .select_related("version__question_set")
        .order_by("-closes_at", "-id")[:100]
    )
    now = timezone.now()
    # A closed round keeps how many answered; only rounds not yet closed are counted
    # (counting every round's respondents joined thousands of rows on every visit).
    counts = dict(
        Respondent.objects.filter(round__in=[r.pk for r in found if r.closed_at is None])
        .values("round_id")
        .annotate(answered=Count("id"))
        .order_by()
        .values_list("round_id", "answered")
    )
    for checkin in found:
        checkin.phase_text = checkin.phase_label(now)
        checkin.answered = (
            counts.get(checkin.pk, 0) if checkin.closed_at is None else checkin.respondent_count
        )
    mine = set(
        Respondent.objects.filter(
            person=request.user, round__in=[r.pk for r in found]
        ).values_list("round_id", flat=True)
    )
    elsewhere = None
    if not found:
        elsewhere = CheckInRound.objects.filter(
            closed_at=None, opens_at__lte=now, closes_at__gt=now
        ).open_in_collective_of(place)
    return render(
        request,
        "reflection/rounds.html",
        {
            **_place_context(place),
            "rounds": found,
            "mine": mine,
            "minimum": _minimum(),
            "elsewhere": elsewhere,
            "elsewhere_url": reverse("reflection:place_rounds", args=[elsewhere[0]])
            if elsewhere
            else "",
        },
    )


@login_required
def round_create(request: HttpRequest, place_pk: int) -> HttpResponse:
    place = place_for_member(request.user, place_pk, action=RoleAction.OPEN_CHECKIN)
    versions = services.latest_versions(place.collective_id)
    form = RoundForm(posted(request), versions=versions)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            checkin = services.round_open(
                person=request.user,
                place=place,
                version=data["version"],
                title=data["title"],
                opens_at=data["opens_at"] or timezone.now(),
                closes_at=data["closes_at"],
            )
        except services.CheckInError as error:
            field = error.code if error.code in form.fields else None
            form.add_error(field, error.messages[0])
        else:
            messages.success(
                request, _("The check-in “%(title)s” is open.") % {"title": checkin.title}
            )
            return redirect("reflection:detail", pk=checkin.pk)
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "reflection/round_create.html",
        {**_place_context(place), "form": form, "versions": versions},
        status=status,
    )


# One round: its state, and its results once closed


@login_required
@require_safe
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    checkin = round_for_member(request.user, pk)
    return _detail(request, checkin)


def _detail(
    request: HttpRequest,
    checkin: CheckInRound,
    action_form: ActionForm | None = None,
    status: int = 200,
) -> HttpResponse:
    """The round's page; a new action form's themes come from the questions it shows
    (read once for the page)."""
    now = timezone.now()
    phase = checkin.phase(now)
    shown = _questions_shown(request, checkin)
    originals = [one.original for one in shown]
    if action_form is None:
        action_form = ActionForm(themes=_themes_of(originals))
    results_html = display.results_html(checkin, shown)
    previous, previous_actions, actions = results.actions_around(checkin)
    context: dict[str, Any] = {
        **_place_context(checkin.place),
        "checkin": checkin,
        "phase": phase,
        "phase_label": checkin.phase_label(now),
        "refusal": services.answering_refusal(checkin, now),
        # Shown only while the round is open (a closed round keeps its count).
        "answered": Respondent.objects.filter(round=checkin).count()
        if phase == Phase.OPEN
        else checkin.respondent_count,
        # Only an open round offers to change one's answers.
        "i_answered": phase == Phase.OPEN
        and Respondent.objects.filter(round=checkin, person=request.user).exists(),
        # The results as kept HTML (display.py), the comments in this reader's order.
        "results": results_html is not None,
        "results_html": results_html,
        "previous": previous,
        "previous_actions": previous_actions,
        "actions": actions,
        "action_form": action_form,
        "action_fields": display.action_fields_html(action_form),
        "form": action_form,
        "minimum": _minimum(),
        **_translated_context(request, shown),
    }
    if results_html is None:
        context["questions"] = [one.obj for one in shown]
    return render(request, "reflection/detail.html", context, status=status)


def _questions_shown(request: HttpRequest, checkin: CheckInRound) -> list[Shown]:
    """The round's questions as the reader sees them: in their language where members
    translated them (`?original=1` for the original), in one query for them all. They
    keep their ids, so answers given in any language are counted together."""
    return shown_list(
        checkin.version.questions.all(),
        person=request.user,
        original=request.GET.get("original") == "1",
    )


def _translated_context(request: HttpRequest, shown: list[Shown]) -> dict[str, Any]:
    """What the translation notice needs: one of the questions whose translation the
    page shows (an out-of-date one first, so the warning is not missed)."""
    available = [one for one in shown if one.available is not None]
    available.sort(key=lambda one: not one.out_of_date)
    return {
        "translated": available[0] if available else None,
        "translated_questions": shown,
    }


def _themes(checkin: CheckInRound) -> list[str]:
    return _themes_of(Question.objects.filter(version_id=checkin.version_id).only("theme"))


def _themes_of(questions: Iterable[Question]) -> list[str]:
    """The questions' themes, each once, in the questions' order."""
    themes: list[str] = []
    for question in questions:
        if question.theme not in themes:
            themes.append(question.theme)
    return themes


def _minimum() -> int:
    return settings.MINIMUM_ANONYMOUS_GROUP


@login_required
@never_cache
def answer(request: HttpRequest, pk: int) -> HttpResponse:
    """Give or change one's answers. One's own sealed answers are opened for oneself
    alone, to fill the form, until the round closes."""
    checkin = round_for_member(request.user, pk)
    now = timezone.now()
    refusal = services.answering_refusal(checkin, now)
    shown = _questions_shown(request, checkin)
    form = AnswerForm(posted(request), questions=[one.obj for one in shown])
    current = None
    if refusal is None and request.method != "POST":
        current = services.answers_of(checkin=checkin, person=request.user)
        if current:
            form.initial_from(current.scores, current.comments)
    if request.method == "POST" and refusal is None and form.is_valid():
        try:
            changed = services.answers_submit(
                checkin=checkin,
                person=request.user,
                scores=form.scores,
                comments=form.comments,
            )
        except services.CheckInError as error:
            form.add_error(None, error.messages[0])
        else:
            messages.success(
                request,
                _("Your answers have been changed.")
                if changed
                else _("Thank you. Your answers are sealed until the round closes."),
            )
            return redirect("reflection:detail", pk=checkin.pk)
    if refusal is not None:
        changing = False
    elif request.method == "POST":
        # Whether one answered before is all a form sent back needs: nothing is opened.
        changing = Respondent.objects.filter(
            round=checkin, person=request.user, sealed_answers__isnull=False
        ).exists()
    else:
        changing = current is not None
    previous, previous_actions = results.actions_before(checkin)
    status = 400 if request.method == "POST" else 200
    easy_read = _easy_read(request, [one.obj for one in shown])
    return render(
        request,
        "reflection/answer.html",
        {
            **_place_context(checkin.place),
            "checkin": checkin,
            "form": form,
            "refusal": refusal,
            "changing": changing,
            "scale": SCALE,
            "previous": previous,
            "previous_actions": previous_actions,
            "minimum": _minimum(),
            **_translated_context(request, shown),
            **easy_read,
            "answer_fields": display.answer_fields_html(form, easy_read=easy_read["easy_read"]),
        },
        status=status,
    )


def _easy_read(request: HttpRequest, questions: list[Question]) -> dict[str, Any]:
    """The check-in form's easy-read wording, for whoever asks (`?easy_read=1`, kept in
    the form's address through errors): each question's easy words where they were
    written, beside the usual words one click away. The answers are the same fields."""
    has_easy_read = any(question.easy_read_text for question in questions)
    query = request.GET.copy()
    query.pop("easy_read", None)
    usual_url = f"{request.path}?{query.urlencode()}" if query else request.path
    query["easy_read"] = "1"
    return {
        "has_easy_read": has_easy_read,
        "easy_read": has_easy_read and request.GET.get("easy_read") == "1",
        "easy_read_url": f"{request.path}?{query.urlencode()}",
        "usual_url": usual_url,
    }


@login_required
@require_POST
def action_add(request: HttpRequest, pk: int) -> HttpResponse:
    checkin = round_for_member(request.user, pk)
    form = ActionForm(request.POST, themes=_themes(checkin))
    if form.is_valid():
        try:
            services.action_record(
                checkin=checkin,
                person=request.user,
                text=form.cleaned_data["text"],
                theme=form.cleaned_data["theme"],
            )
        except services.CheckInError as error:
            form.add_error("text" if error.code == "text" else None, error.messages[0])
        else:
            messages.success(
                request,
                _("Recorded. It shows here and in the involvement log, and again next round.")
                if checkin.place.project_id
                else _("Recorded. It shows here, and again next round."),
            )
            return redirect("reflection:detail", pk=checkin.pk)
    return _detail(request, checkin, form, status=400)


# A team's own questions


@login_required
@require_safe
def question_sets(request: HttpRequest, slug: str) -> HttpResponse:
    collective = collective_access.collective_for_member(request.user, slug)
    sets = list(
        QuestionSet.objects.usable_in(collective.pk).prefetch_related(
            Prefetch(
                "versions",
                queryset=QuestionSetVersion.objects.order_by("-number").prefetch_related(
                    "questions"
                ),
            )
        )
    )
    return render(
        request,
        "reflection/question_sets.html",
        {**_place_context(collective_place(collective.pk)), "sets": sets},
    )


@login_required
def question_add(request: HttpRequest, slug: str, set_pk: int) -> HttpResponse:
    collective = collective_access.collective_for_member(request.user, slug)
    question_set = get_object_or_404(QuestionSet.objects.usable_in(collective.pk), pk=set_pk)
    form = QuestionForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            version = services.question_add(
                question_set=question_set,
                collective=collective,
                person=request.user,
                theme=form.cleaned_data["theme"],
                text=form.cleaned_data["text"],
                easy_read_text=form.cleaned_data.get("easy_read_text", ""),
            )
        except services.CheckInError as error:
            field = error.code if error.code in form.fields else None
            form.add_error(field, error.messages[0])
        else:
            messages.success(
                request,
                _(
                    "Your question is in “%(title)s”, version %(number)s. "
                    "Rounds already opened keep their questions."
                )
                % {"title": version.question_set.title, "number": version.number},
            )
            return redirect("reflection:question_sets", slug=collective.slug)
    latest = question_set.versions.order_by("-number").first()
    return render(
        request,
        "reflection/question_add.html",
        {
            **_place_context(collective_place(collective.pk)),
            "question_set": question_set,
            "questions": list(latest.questions.all()) if latest else [],
            "form": form,
        },
        status=400 if request.method == "POST" else 200,
    )


# Evidence from the record


@login_required
@require_safe
def evidence(request: HttpRequest, place_pk: int) -> HttpResponse:
    """What a project's own record says; a project's page only (other places have no
    research record to read)."""
    place = place_for_member(request.user, place_pk)
    if place.project is None:
        raise Http404("Evidence from the record is kept for projects.")
    found = evidence_module.evidence_kept(place)
    return render(
        request,
        "reflection/evidence.html",
        {
            **_place_context(place),
            "evidence": found,
            "quarters": [(q, evidence_module.quarter_label(q)) for q in found.quarters],
            "minimum": _minimum(),
            "groups": PerspectiveGroup,
        },
    )


def _place_context(place: Place) -> dict[str, Any]:
    """What every check-in page's breadcrumbs and headings need, and the time zone its
    times are shown in."""
    return {
        "place": place,
        "project": place.project,
        "collective": place.collective,
        "zone": settings.TIME_ZONE,
    }
