"""Pages for deciding together: the decision log, starting a decision, responding,
the decision talk, results, closing and the outcome.

Every page starts with one access helper (`decision_for_member` from access.py, or the
places' `place_for_member` for a place's log), so someone outside the place (a
collective, a group or a project) gets a 404 and learns nothing. No page writes when it
is opened: a decision past its closing time shows as closed (worked out from the time)
until the worker closes it.
"""

from __future__ import annotations

import functools
import zoneinfo
from datetime import timedelta
from typing import Any
from urllib.parse import urlencode

import icalendar
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count, Window
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import SafeString
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_safe

from levelfield.decisions import methods, participation, services
from levelfield.decisions.access import decision_for_member
from levelfield.decisions.background import LOG_CSV
from levelfield.decisions.forms import (
    DecisionForm,
    LogFilterForm,
    MethodChoiceForm,
    OptionForm,
    OutcomeForm,
    PointForm,
    ResponseForm,
    zone_names,
    zone_options_html,
)
from levelfield.decisions.models import (
    Decision,
    DiscussionPoint,
    Method,
    Option,
    Outcome,
    Phase,
    Response,
    ResponseChange,
    Tally,
    Voter,
)
from levelfield.decisions.results import (
    reasons_all,
    reasons_latest,
    responses_by_name,
    results_from_tally,
)
from levelfield.decisions.services.tallying import tally_read
from levelfield.decisions.wording import when_words
from levelfield.jobs import views as job_views
from levelfield.lib import cache as lib_cache
from levelfield.lib.forms import posted
from levelfield.lib.paging import page_or_404
from levelfield.lib.words import name_or_former
from levelfield.people.models import User
from levelfield.places.access import place_for_member
from levelfield.places.models import Place
from levelfield.translations.shown import Shown, shown_list

PAGE_SIZE = 25


# The decision log


@login_required
@require_safe
def place_log(request: HttpRequest, place_pk: int) -> HttpResponse:
    """The decisions made together in a place: a collective, a group or a project."""
    place = place_for_member(request.user, place_pk)
    now = timezone.now()
    form = LogFilterForm(request.GET or None)
    in_place = Decision.objects.in_place(place)
    decisions = form.filter(in_place, now) if form.is_bound else in_place
    decisions = (
        decisions.with_response_counts().select_related("outcome").order_by("-opens_at", "-id")
    )
    page = page_or_404(request, decisions, PAGE_SIZE)
    for decision in page:
        decision.phase_now = decision.phase(now)
    query = {key: value for key, value in request.GET.items() if key != "page"}
    elsewhere = None
    if not page.object_list and not form.is_bound:
        still_open = Decision.objects.filter(closed_at=None, closes_at__gt=now)
        elsewhere = still_open.open_in_collective_of(place)
    return render(
        request,
        "decisions/log.html",
        {
            "elsewhere": elsewhere,
            "elsewhere_url": reverse("decisions:place_log", args=[elsewhere[0]])
            if elsewhere
            else "",
            "place": place,
            "place_url": place.get_absolute_url(),
            "log_url": "",
            "is_project": bool(place.project_id),
            "form": form,
            "empty_filters": "" if form.is_bound else _empty_filters(get_language()),
            "filtered": form.is_bound and form.is_valid() and any(form.cleaned_data.values()),
            "page": page,
            "now": now,
            "export_url": reverse("decisions:place_export_csv", args=[place.pk]) + _qs(query),
            "create_url": reverse("decisions:place_create", args=[place.pk]),
        },
    )


@functools.lru_cache(maxsize=8)
def _empty_filters(language: str) -> SafeString:
    """The log's filter fields before anyone filters: the same for every log and person
    reading in `language`, so rendered once per process and language rather than on
    every request (widget templates were over a third of the log's time)."""
    return render_to_string("decisions/includes/log_filters.html", {"form": LogFilterForm()})


@login_required
@require_http_methods(["GET", "POST"])
def place_export_csv(request: HttpRequest, place_pk: int) -> HttpResponse:
    """The place's decision log as a spreadsheet, filtered as on the page, prepared in
    the background (decisions/background.py): a log of thousands of decisions takes
    longer than a request may."""
    place = place_for_member(request.user, place_pk)
    return job_views.start(
        request,
        kind=LOG_CSV,
        params={"place": place.pk, "filters": request.GET.dict()},
        label=_("The decision log as a spreadsheet"),
        back_url=reverse("decisions:place_log", args=[place.pk]),
        back_text=_("Back to the decision log"),
        place=place,
    )


# Starting a decision


@login_required
def place_create(request: HttpRequest, place_pk: int) -> HttpResponse:
    """Two steps: choose the method (a GET form), then fill in the decision. Any member
    of the place may start one."""
    place = place_for_member(request.user, place_pk)
    method = request.GET.get("method", "")
    context = _around_place(place)
    if method not in Method.values:
        chooser = MethodChoiceForm(request.GET if "method" in request.GET else None)
        chooser.is_valid()
        return render(request, "decisions/choose_method.html", {**context, "form": chooser})
    form = DecisionForm(posted(request), method=method, place=place)
    if request.method == "POST" and form.is_valid():
        try:
            decision = services.decision_create(
                created_by=request.user, place=place, **form.service_values()
            )
        except services.DecisionError as error:
            form.add_error(None, error.messages[0])
        else:
            messages.success(
                request, _("You started the decision “%(title)s”.") % {"title": decision.title}
            )
            return redirect("decisions:detail", pk=decision.pk)
    return render(
        request,
        "decisions/create.html",
        {
            **context,
            "form": form,
            "method_label": Method(method).label,
            "method_description": methods.METHOD_DESCRIPTIONS[method],
            "change_method_url": reverse("decisions:place_create", args=[place.pk]),
        },
    )


# One decision


@login_required
@require_safe
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    """One decision: its counts and results from the kept tally, the response rates
    (cached per version), and a few names and reasons with links to the paged list, so
    the page costs the same with 10 responses or 10,000."""
    decision = decision_for_member(request.user, pk)
    now = timezone.now()
    zone = _viewer_zone(request, decision)
    translated, options = _in_readers_words(request, decision, list(decision.options.all()))
    labels = _labels(decision, options, zone)
    phase = decision.phase(now)
    # Past its closing time, an anonymous decision's answers stay sealed until the worker
    # writes them out; a page never does (GET never writes).
    counting = decision.anonymous and phase == Phase.CLOSED and decision.closed_at is None
    visible = decision.results_visible(now) and not counting
    tally = tally_read(decision)
    figures = participation.figures_of(decision, tally)
    voice = participation.voice_check_evaluate(decision, figures)
    results_html, participation_html, changes = _summary_html(
        decision,
        tally,
        figures,
        voice,
        options,
        labels,
        phase=phase,
        visible=visible,
        zone=zone,
        words=_words_version(translated),
    )
    voices_heard = decision.voices_heard
    if phase == Phase.CLOSED and decision.closed_at is None and voice.applies:
        # What closing will fix, worked out the same way.
        voices_heard = None if voice.withheld else voice.passed
    mine, has_responded = _my_response(decision, request.user)
    outcome = getattr(decision, "outcome", None)
    return render(
        request,
        "decisions/detail.html",
        {
            **_around(translated[0].obj),
            "translated": translated[0],
            "translated_options": translated[1:],
            "phase": phase,
            "phase_label": Phase(phase).label,
            "now": now,
            "options": [(option, labels[option.pk]) for option in options],
            "results": visible,
            "results_html": results_html,
            "participation_html": participation_html,
            "counting": counting,
            "voices_heard": voices_heard,
            "voice": voice,
            "my_response": mine,
            "my_answer": methods.payload_summary(decision, labels, mine.payload) if mine else "",
            "has_responded": has_responded,
            "changes": changes,
            "changes_total": tally.changes,
            **_latest_points(decision),
            "outcome": outcome,
            "chosen_label": labels.get(outcome.chosen_option_id, "")
            if outcome and outcome.chosen_option_id
            else "",
            "can_close_early": phase == Phase.VOTING and 0 < figures.members <= figures.responded,
            "zone": zone,
            "zone_options": _zone_options(decision, zone),
        },
    )


def _summary_html(
    decision: Decision,
    tally: Tally,
    figures: participation.Figures,
    voice: participation.VoiceResult,
    options: list[Option],
    labels: dict[int, str],
    *,
    phase: str,
    visible: bool,
    zone: zoneinfo.ZoneInfo | None,
    words: str = "",
) -> tuple[str, str, list[dict[str, Any]]]:
    """The results and "who has responded" sections of the decision page, rendered once
    per version of the responses (and phase and time zone) and cached like the figures:
    they are the same for everyone who may see the page. A new response moves the
    version, so shows at once; a renamed person shows within `FIGURES_SECONDS`. `words`
    names the translations shown (the cache is already kept per language), so a new or
    changed translation of an option shows at once too. The latest changes to named
    responses are kept at the same version (each change moves it), and both are read in
    one round trip to the cache."""

    def changes() -> list[dict[str, Any]]:
        # Only named decisions have changes; none kept means no query.
        if visible and not decision.anonymous and tally.changes:
            return _changes(decision, labels)
        return []

    def render() -> tuple[str, str]:
        results = None
        if visible:
            results = results_from_tally(decision, options, tally, labels=labels)
            results.reasons = reasons_latest(decision, labels, REASONS_SHOWN)
        context = {
            "decision": decision,
            "phase": phase,
            "results": results,
            "reasons_total": tally.reasons,
            "participation": participation.participation_build(
                decision, figures, open_for_responses=phase != Phase.CLOSED
            ),
            "voice": voice,
            "minimum_group": settings.MINIMUM_ANONYMOUS_GROUP,
            "people_url": reverse("decisions:people", args=[decision.pk]),
            "waiting_url": reverse("decisions:people_waiting", args=[decision.pk]),
            "reasons_url": reverse("decisions:reasons", args=[decision.pk]),
        }
        rendered = (
            render_to_string("decisions/includes/results.html", context) if results else "",
            render_to_string("decisions/includes/participation.html", context),
        )
        return rendered

    if tally._state.adding:  # kept counts, not worked out for a decision without them
        return (*render(), changes())
    version = (
        decision.pk,
        tally.generation,
        tally.version,
        figures.version,
        phase,
        int(visible),
        zone or "",
        words,
    )
    kept = lib_cache.versioned_many(
        [
            ("decisions:summary", version, lambda _kept: render()),
            ("decisions:changes", version, lambda _kept: changes()),
        ],
        seconds=participation.FIGURES_SECONDS,
    )
    return (*kept["decisions:summary"], kept["decisions:changes"])


POINTS_SHOWN = 3


def _latest_points(decision: Decision) -> dict[str, Any]:
    """The latest few pros, cons and comments, oldest of them first, and how many there
    are: one query, however long the discussion (it loaded every point before)."""
    latest = list(
        DiscussionPoint.objects.filter(decision=decision)
        .select_related("author", "option")
        .annotate(total=Window(Count("pk")))
        .order_by("-created_at", "-id")[:POINTS_SHOWN]
    )
    return {
        "points": latest[::-1],
        "points_total": latest[0].total if latest else 0,
    }


REASONS_SHOWN = 10
CHANGES_SHOWN = 10
PEOPLE_PAGE_SIZE = 50


def _my_response(decision: Decision, person: User) -> tuple[Response | None, bool]:
    """The person's own named response, and whether they have responded at all (for an
    anonymous decision only that: their answer is sealed)."""
    if decision.anonymous:
        return None, Voter.objects.filter(decision=decision, person=person).exists()
    mine = Response.objects.filter(decision=decision, person=person).first()
    return mine, mine is not None


def _changes(decision: Decision, labels: dict[int, str]) -> list[dict[str, Any]]:
    """The latest changes to named responses, oldest of them first."""
    changes = (
        ResponseChange.objects.filter(response__decision=decision)
        .select_related("response__person")
        .order_by("-changed_at", "-id")[:CHANGES_SHOWN]
    )
    return [
        {
            "who": name_or_former(change.response.person),
            "at": change.changed_at,
            "before": methods.payload_summary(decision, labels, change.payload_before),
            "after": methods.payload_summary(decision, labels, change.payload_after),
            "reason_changed": change.reason_before != change.reason_after,
        }
        for change in reversed(changes)
    ]


@login_required
@require_safe
def people(request: HttpRequest, pk: int, show: str) -> HttpResponse:
    """Everyone who has responded (with their answer and reason once results show, on a
    named decision), or who has not yet, a page at a time. On an anonymous decision only
    who has responded, once enough have that nobody can be picked out, and never what."""
    decision = decision_for_member(request.user, pk)
    now = timezone.now()
    phase = decision.phase(now)
    _translated, options = _in_readers_words(request, decision, list(decision.options.all()))
    labels = _labels(decision, options, _viewer_zone(request, decision))
    counting = decision.anonymous and phase == Phase.CLOSED and decision.closed_at is None
    visible = decision.results_visible(now) and not counting
    tally = tally_read(decision)
    if show == "waiting" and not decision.anonymous and phase != Phase.CLOSED:
        listed = participation.waiting_people(decision)
    elif show == "reasons" and visible:
        listed = reasons_all(decision)
    elif show == "responded" and not decision.anonymous:
        listed = responses_by_name(decision)
    elif (
        show == "responded"
        and decision.anonymous
        and participation.figures_of(decision, tally).responded >= settings.MINIMUM_ANONYMOUS_GROUP
    ):
        listed = participation.responded_people(decision)
    else:
        raise Http404("There is no such list.")
    page = page_or_404(request, listed, PEOPLE_PAGE_SIZE)
    rows = list(page)
    if show == "responded" and not decision.anonymous:
        rows = [
            {
                "name": name_or_former(response.person),
                "answer": methods.payload_summary(decision, labels, response.payload)
                if visible
                else "",
                "reason": response.reason if visible else "",
            }
            for response in rows
        ]
    elif show == "reasons":
        rows = [
            {
                "name": "" if decision.anonymous else name_or_former(response.person),
                "answer": methods.payload_summary(decision, labels, response.payload),
                "reason": response.reason,
            }
            for response in rows
        ]
    else:
        rows = [{"name": person.name, "answer": "", "reason": ""} for person in rows]
    return render(
        request,
        "decisions/people.html",
        {
            **_around(decision),
            "show": show,
            "page": page,
            "rows": rows,
            "visible": visible,
            "phase": phase,
            "detail_url": reverse("decisions:detail", args=[decision.pk]),
        },
    )


@login_required
@never_cache
def respond(request: HttpRequest, pk: int) -> HttpResponse:
    """Give or change a response. On an anonymous decision the person's own sealed answer
    is opened for them alone, to fill the form, until voting closes."""
    decision = decision_for_member(request.user, pk, with_counts=False)
    now = timezone.now()
    zone = _viewer_zone(request, decision)
    translated, options = _in_readers_words(request, decision, list(decision.options.all()))
    labels = _labels(decision, options, zone)
    refusal = _respond_refusal(decision, decision.phase(now))
    current: tuple[dict[str, Any], str] | None = None
    if decision.anonymous:
        ballot = services.ballot_of(decision=decision, person=request.user)
        current = (ballot.payload, ballot.reason) if ballot else None
    else:
        mine = Response.objects.filter(decision=decision, person=request.user).first()
        current = (mine.payload, mine.reason) if mine else None
    easy = _easy_read(request, translated[0].obj, options, labels)
    form = ResponseForm(
        posted(request),
        decision=decision,
        options=options,
        option_labels=easy["easy_labels"] if easy["easy_read"] else labels,
    )
    if current and request.method != "POST":
        form.initial_from(*current)
    if request.method == "POST" and refusal is None and form.is_valid():
        try:
            services.response_submit(
                decision=decision,
                person=request.user,
                payload=form.payload,
                reason=form.cleaned_data.get("reason", ""),
            )
        except services.DecisionError as error:
            form.add_error(None, error.messages[0])
        else:
            messages.success(
                request,
                _("Your response has been changed.")
                if current
                else _("Your response has been recorded."),
            )
            return redirect("decisions:detail", pk=decision.pk)
    status = 400 if request.method == "POST" and refusal else 200
    return render(
        request,
        "decisions/respond.html",
        {
            **_around(translated[0].obj),
            "translated": translated[0],
            **easy,
            "form": form,
            "answer_fields": _answer_fields(decision, options, form) if refusal is None else "",
            "refusal": refusal,
            "changing": current is not None,
            "zone": zone,
            "zone_options": _zone_options(decision, zone),
            "options": [(option, labels[option.pk]) for option in options],
        },
        status=status,
    )


ANSWER_FIELDS_SECONDS = 600


def _answer_fields(decision: Decision, options: list[Option], form: ResponseForm) -> str:
    """The response form's fields, rendered. Before anything is sent (the form filled
    from the person's current answer, or empty) they are kept under a digest of all they
    are made from: the decision's settings, its options and the words shown for them, and
    the answer filled in, so no change can leave them stale. Rendering each option's
    field took a sixth of the form's time; a sent form with its errors is rendered."""

    def render() -> str:
        return render_to_string(
            "decisions/includes/answer_fields.html", {"form": form, "decision": decision}
        )

    if form.is_bound:
        return render()
    shown = (
        tuple((field.attname, field.value_from_object(decision)) for field in _DECISION_FIELDS),
        tuple(
            (option.pk, option.label, option.easy_read_label, option.starts_at, option.ends_at)
            for option in options
        ),
        tuple(sorted(form.labels.items())),
        tuple(sorted((name, repr(value)) for name, value in form.initial.items())),
    )
    (html,) = lib_cache.digested_many(
        "decisions:answer-fields", [(shown, render)], seconds=ANSWER_FIELDS_SECONDS
    )
    return html


_DECISION_FIELDS = list(Decision._meta.concrete_fields)


def _respond_refusal(decision: Decision, phase: str) -> str | None:
    """Why nobody can respond now, in words, or None."""
    if phase == Phase.CLOSED:
        return _("This decision has closed, so responses can no longer be given or changed.")
    if phase != Phase.VOTING:
        return _("Voting has not opened yet. It opens on %(when)s.") % {
            "when": when_words(decision.opens_at)
        }
    return None


@login_required
def discussion(request: HttpRequest, pk: int) -> HttpResponse:
    """The decision talk: pros, cons and comments, and new options before voting opens."""
    decision = decision_for_member(request.user, pk)
    now = timezone.now()
    options = list(decision.options.all())
    phase = decision.phase(now)
    sent = request.POST.get("form") if request.method == "POST" else None
    option_form = OptionForm(
        request.POST if sent == "option" else None, decision=decision, prefix="option"
    )
    point_form = PointForm(
        request.POST if sent == "point" else None, options=options, prefix="point"
    )
    if sent == "option" and option_form.is_valid():
        try:
            option = services.option_add(
                decision=decision,
                person=request.user,
                label=option_form.cleaned_data.get("label", ""),
                easy_read_label=option_form.cleaned_data.get("easy_read_label", ""),
                time=option_form.proposed_time(_time_length(options)),
                now=now,
            )
        except services.DecisionError as error:
            option_form.add_error(None, error.messages[0])
        else:
            messages.success(request, _("You added “%(option)s”.") % {"option": option.label})
            return redirect("decisions:discussion", pk=decision.pk)
    if sent == "point" and point_form.is_valid():
        try:
            services.point_add(
                decision=decision,
                person=request.user,
                kind=point_form.cleaned_data["kind"],
                text=point_form.cleaned_data["text"],
                option=point_form.chosen_option(),
                now=now,
            )
        except services.DecisionError as error:
            point_form.add_error(None, error.messages[0])
        else:
            messages.success(request, _("Your point has been added to the talk."))
            return redirect("decisions:discussion", pk=decision.pk)
    if sent not in (None, "option", "point"):
        raise Http404("No such form.")
    failed = option_form if option_form.errors else point_form if point_form.errors else None
    points = list(
        DiscussionPoint.objects.filter(decision=decision).select_related("author", "option")
    )
    return render(
        request,
        "decisions/discussion.html",
        {
            **_around(decision),
            "phase": phase,
            "form": failed,
            "option_form": option_form,
            "point_form": point_form,
            "can_add_options": phase == Phase.DISCUSSION
            and methods.family(decision.method).has_options,
            "can_add_points": phase != Phase.CLOSED,
            "general_points": [p for p in points if p.option_id is None],
            "option_points": [
                (option, [p for p in points if p.option_id == option.pk]) for option in options
            ],
        },
        status=400 if failed is not None else 200,
    )


def _time_length(options: list[Option]) -> timedelta:
    """New proposed times last as long as the first one."""
    for option in options:
        if option.starts_at and option.ends_at:
            return option.ends_at - option.starts_at
    return timedelta(hours=1)


@login_required
def outcome(request: HttpRequest, pk: int) -> HttpResponse:
    decision = decision_for_member(request.user, pk)
    now = timezone.now()
    options = list(decision.options.all())
    labels = _labels(decision, options, zone=None)
    existing: Outcome | None = getattr(decision, "outcome", None)
    ordered = options
    if methods.family(decision.method).options_are_times and decision.phase(now) == Phase.CLOSED:
        results = results_from_tally(decision, options, tally_read(decision), labels=labels)
        rank = {option_id: place for place, option_id in enumerate(results.best_option_ids)}
        ordered = sorted(options, key=lambda option: rank.get(option.pk, len(rank)))
    initial = {}
    if existing:
        initial = {
            "statement": existing.statement,
            "reasons": existing.reasons,
            "next_steps": existing.next_steps,
            "review_on": existing.review_on,
            "chosen_option": str(existing.chosen_option_id or ""),
        }
    elif ordered and methods.family(decision.method).options_are_times:
        initial = {"chosen_option": str(ordered[0].pk)}
    form = OutcomeForm(
        posted(request), decision=decision, options=ordered, labels=labels, initial=initial
    )
    closed = decision.phase(now) == Phase.CLOSED
    if request.method == "POST" and closed and form.is_valid():
        try:
            services.outcome_write(
                decision=decision,
                person=request.user,
                statement=form.cleaned_data["statement"],
                reasons=form.cleaned_data["reasons"],
                next_steps=form.cleaned_data["next_steps"],
                review_on=form.cleaned_data["review_on"],
                chosen_option=form.chosen(),
                now=now,
            )
        except services.DecisionError as error:
            form.add_error(None, error.messages[0])
        else:
            messages.success(request, _("The outcome has been saved."))
            return redirect("decisions:detail", pk=decision.pk)
    return render(
        request,
        "decisions/outcome.html",
        {
            **_around(decision),
            "form": form,
            "closed": closed,
            "existing": existing,
            "is_project": bool(decision.place.project_id),
        },
        status=400 if request.method == "POST" and (not closed or form.errors) else 200,
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def close_early(request: HttpRequest, pk: int) -> HttpResponse:
    """Closing before the closing time cannot be undone, so it is asked first on its
    own page (GET); the answer (POST) closes it."""
    decision = decision_for_member(request.user, pk)
    if request.method != "POST":
        context = {
            "caption": decision.place.name,
            "question": _("Close “%(title)s” now?") % {"title": decision.title},
            "explanation": _(
                "Nobody can change their answer after this, and the outcome is "
                "worked out straight away. A decision closes early only when everyone has "
                "responded. This cannot be undone."
            ),
            "button": _("Yes, close the decision now"),
            "back_url": reverse("decisions:detail", args=[decision.pk]),
            "back_text": _("No, leave it open"),
        }
        return render(request, "confirm.html", context)
    try:
        services.decision_close_early(decision=decision, person=request.user)
    except services.DecisionError as error:
        messages.error(request, error.messages[0])
    else:
        messages.success(request, _("The decision has closed: everyone had responded."))
    return redirect("decisions:detail", pk=decision.pk)


@login_required
@require_safe
def ics(request: HttpRequest, pk: int) -> HttpResponse:
    """The time a time poll settled on, as a calendar file."""
    decision = decision_for_member(request.user, pk)
    outcome = getattr(decision, "outcome", None)
    chosen = outcome.chosen_option if outcome else None
    if chosen is None or chosen.starts_at is None:
        raise Http404("No time has been chosen.")
    calendar = icalendar.Calendar()
    calendar.add("prodid", "-//Levelfield//Decisions//EN")
    calendar.add("version", "2.0")
    event = icalendar.Event()
    event.add("uid", f"decision-{decision.pk}-option-{chosen.pk}@levelfield")
    event.add("dtstamp", outcome.updated_at)
    event.add("dtstart", chosen.starts_at)
    event.add("dtend", chosen.ends_at)
    event.add("summary", decision.title)
    link = request.build_absolute_uri(reverse("decisions:detail", args=[decision.pk]))
    event.add("description", f"{outcome.statement}\n\n{link}")
    calendar.add_component(event)
    response = HttpResponse(calendar.to_ical(), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="decision-{decision.pk}.ics"'
    return response


# Helpers


def _viewer_zone(request: HttpRequest, decision: Decision) -> zoneinfo.ZoneInfo | None:
    """Time polls show times in the poll's zone, or in one the person picks (?tz=)."""
    if not methods.family(decision.method).options_are_times:
        return None
    name = request.GET.get("tz") or decision.timezone_name
    if name not in zone_names():
        name = decision.timezone_name
    return zoneinfo.ZoneInfo(name)


def _in_readers_words(
    request: HttpRequest, decision: Decision, options: list[Option]
) -> tuple[list[Shown], list[Option]]:
    """The decision and its options as the reader sees them (in their language where
    members translated them; `?original=1` for the original), read in one query for
    them all. The options keep their ids, so answers given in any language are counted
    together. Only for a decision read through `decision_for_member`."""
    shown = shown_list(
        [decision, *options],
        person=request.user,
        original=request.GET.get("original") == "1",
    )
    for one in shown:
        # `decision` came from `decision_for_member` in this request: the reader is a
        # member of its place, who may translate it and its options by the same rule
        # (`manifest.may_translate_decision`), so the page need not ask the database.
        if one.declared is not None:
            one.may_translate = True
    return shown, [one.obj for one in shown[1:]]


def _easy_read(
    request: HttpRequest, decision: Decision, options: list[Option], labels: dict[int, str]
) -> dict[str, Any]:
    """The response form's easy-read wording, for whoever asks (`?easy_read=1`, kept in
    the form's address through errors): the question and each option in easy words where
    they were written, the usual words otherwise. The answers are the same fields, so
    counts are unchanged."""
    times = methods.family(decision.method).options_are_times
    easy_labels = {
        option.pk: option.easy_read_label if option.easy_read_label and not times else label
        for option, label in ((option, labels[option.pk]) for option in options)
    }
    has_easy_read = bool(decision.easy_read_question) or easy_labels != labels
    query = request.GET.copy()
    query.pop("easy_read", None)
    usual_url = f"{request.path}?{query.urlencode()}" if query else request.path
    query["easy_read"] = "1"
    return {
        "has_easy_read": has_easy_read,
        "easy_read": has_easy_read and request.GET.get("easy_read") == "1",
        "easy_labels": easy_labels,
        "easy_read_url": f"{request.path}?{query.urlencode()}",
        "usual_url": usual_url,
    }


def _words_version(shown: list[Shown]) -> str:
    """Which translations a page shows, for the key of what is cached per version."""
    used = [one.translation for one in shown if one.translation is not None]
    if not used:
        return ""
    latest = max(found.translated_at for found in used)
    return f"{len(used)}.{latest.timestamp():.0f}"


def _labels(
    decision: Decision, options: list[Option], zone: zoneinfo.ZoneInfo | None
) -> dict[int, str]:
    labels = {}
    for option in options:
        if zone is not None and option.starts_at and option.ends_at:
            labels[option.pk] = services.time_label(option.starts_at, option.ends_at, zone)
        else:
            labels[option.pk] = option.label
    return labels


def _zone_options(decision: Decision, zone: zoneinfo.ZoneInfo | None) -> str:
    """The time zone list's options for a time poll, with `zone` chosen."""
    if not methods.family(decision.method).options_are_times or zone is None:
        return ""
    return zone_options_html(zone.key)


def _around(decision: Decision) -> dict[str, Any]:
    """What every page about one decision shows around it (breadcrumbs, links back)."""
    return {"decision": decision, **_around_place(decision.place)}


def _around_place(place: Place) -> dict[str, Any]:
    """The place a page is in, for breadcrumbs and links back: its page and its log."""
    return {
        "place": place,
        "place_url": place.get_absolute_url(),
        "log_url": reverse("decisions:place_log", args=[place.pk]),
    }


def _qs(query: dict[str, str]) -> str:
    return f"?{urlencode(query)}" if query else ""
