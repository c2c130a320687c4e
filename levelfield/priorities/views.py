"""Pages for priority setting and the ideas sandpit.

Team pages start with `access.py` (members of the partnership's collective; anyone else
gets a 404). Public pages are reached through the partnership's survey link and need no
account; their forms resist spam with a honeypot and a light rate limit, and a form
sent twice stores its answer once.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Page
from django.db.models import Count, Prefetch, Q
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from levelfield.collectives.access import collective_for_member
from levelfield.history.models import Change
from levelfield.lib import cache as lib_cache
from levelfield.lib.forms import posted
from levelfield.lib.paging import page_or_404
from levelfield.people.models import User
from levelfield.priorities import access, services
from levelfield.priorities.forms import (
    CommentForm,
    GroupAddForm,
    GroupRankingForm,
    IdeaForm,
    InterimForm,
    PartnershipEditForm,
    PartnershipForm,
    PublishForm,
    SetAsideForm,
    StageForm,
    SteeringAddForm,
    SummaryCreateForm,
    SummaryEditForm,
    SurveyForm,
)
from levelfield.priorities.models import (
    Idea,
    InterimBallot,
    PairAnswer,
    Partnership,
    RespondentKind,
    SimilarPair,
    Stage,
    SteeringMember,
    SubmittedQuestion,
    SummaryQuestion,
    SummaryStatus,
    WorkshopGroup,
)
from levelfield.priorities.tasks import priorities_find_pairs_task
from levelfield.ratelimits import RateLimited, client_address

PAGE_SIZE = 50
KIND_LABELS = dict(RespondentKind.choices)


def _fail(request: HttpRequest, error: ValidationError) -> None:
    for message in error.messages:
        messages.error(request, message)


def _perspective_counts(counts: dict[str, int]) -> list[dict]:
    """Counts by perspective; a group smaller than the minimum shows as "fewer than N"."""
    minimum = settings.MINIMUM_ANONYMOUS_GROUP
    return [
        {
            "label": label,
            "count": counts.get(value, 0),
            "small": 0 < counts.get(value, 0) < minimum,
        }
        for value, label in RespondentKind.choices
    ]


# Public pages (no account needed)


@require_safe
def public(request: HttpRequest, token: str) -> HttpResponse:
    """The page about a partnership: what it covers, its stages, and its top 10."""
    partnership = access.partnership_public(token)
    top = []
    if partnership.stage == Stage.PUBLISHED:
        top = list(
            SummaryQuestion.objects.filter(partnership=partnership, rank__isnull=False)
            .annotate(originals_count=Count("originals"))
            .order_by("rank")
        )
    return render(
        request,
        "priorities/public.html",
        {
            "partnership": partnership,
            "collective": partnership.collective,
            "survey_open": services.survey_is_open(partnership),
            "stages": Stage.choices,
            "top": top,
        },
    )


def survey(request: HttpRequest, token: str) -> HttpResponse:
    """The question survey: anyone may send their questions, without an account."""
    partnership = access.partnership_public(token)
    if request.method not in ("GET", "HEAD", "POST"):
        return HttpResponse(status=405)
    if not services.survey_is_open(partnership):
        return render(
            request,
            "priorities/closed.html",
            {"partnership": partnership, "collective": partnership.collective},
            status=200,
        )
    form = SurveyForm(posted(request))
    if request.method == "POST" and form.is_valid():
        if form.is_spam():
            # Say nothing different to a bot; store nothing.
            return redirect("priorities:thanks", token)
        try:
            services.survey_submit(
                partnership=partnership,
                token=form.cleaned_data["token"],
                perspective=form.cleaned_data["perspective"],
                questions=form.questions(),
                consent=form.cleaned_data["consent"],
                age_band=form.cleaned_data["age_band"],
                region=form.cleaned_data["region"],
                email=form.cleaned_data["email"],
                address=client_address(request),
            )
        except RateLimited:
            return redirect("priorities:thanks", token)  # a script is told nothing more
        except ValidationError as error:
            form.add_error(None, error)
        else:
            return redirect("priorities:thanks", token)
    return render(
        request,
        "priorities/survey.html",
        {"partnership": partnership, "collective": partnership.collective, "form": form},
    )


@require_safe
def thanks(request: HttpRequest, token: str) -> HttpResponse:
    partnership = access.partnership_public(token)
    return render(
        request,
        "priorities/thanks.html",
        {"partnership": partnership, "collective": partnership.collective},
    )


def interim(request: HttpRequest, token: str) -> HttpResponse:
    """The interim survey: pick up to 10 questions from the long list."""
    partnership = access.partnership_public(token)
    if request.method not in ("GET", "HEAD", "POST"):
        return HttpResponse(status=405)
    if partnership.stage != Stage.INTERIM:
        return render(
            request,
            "priorities/closed.html",
            {"partnership": partnership, "collective": partnership.collective},
        )
    questions = [(q.pk, q.text) for q in services.long_list(partnership)]
    form = InterimForm(posted(request), questions=questions)
    if request.method == "POST" and form.is_valid():
        if form.is_spam():
            return redirect("priorities:thanks", token)
        try:
            services.interim_submit(
                partnership=partnership,
                token=form.cleaned_data["token"],
                perspective=form.cleaned_data["perspective"],
                question_ids=form.cleaned_data["picks"],
                address=client_address(request),
            )
        except RateLimited:
            return redirect("priorities:thanks", token)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            return redirect("priorities:thanks", token)
    return render(
        request,
        "priorities/interim.html",
        {"partnership": partnership, "collective": partnership.collective, "form": form},
    )


# The team's pages


@login_required
@require_safe
def index(request: HttpRequest, slug: str) -> HttpResponse:
    collective = collective_for_member(request.user, slug)
    return render(
        request,
        "priorities/index.html",
        {
            "collective": collective,
            "partnerships": Partnership.objects.filter(collective=collective),
            "ideas": Idea.objects.filter(collective=collective)
            .annotate(owner_count=Count("ownerships", distinct=True))
            .select_related("project")
            .order_by("-created_at", "-pk")[:10],
        },
    )


@login_required
def partnership_new(request: HttpRequest, slug: str) -> HttpResponse:
    collective = collective_for_member(request.user, slug)
    if request.method not in ("GET", "HEAD", "POST"):
        return HttpResponse(status=405)
    form = PartnershipForm(posted(request))
    if request.method == "POST" and form.is_valid():
        partnership = services.partnership_create(
            collective=collective, actor=request.user, **form.cleaned_data
        )
        messages.success(request, _("The partnership has started. Share the survey link below."))
        return redirect("priorities:partnership", partnership.pk)
    return render(request, "priorities/new.html", {"collective": collective, "form": form})


def _steering_form(
    partnership: Partnership, steering: list[SteeringMember], data: QueryDict | None
) -> SteeringAddForm:
    """Whom to add to the steering group: the collective's members (found by name in a
    big one) but those on it already."""
    return SteeringAddForm(
        data,
        place=partnership.collective.own_place,
        on_group={member.person_id for member in steering},
    )


def _dashboard_context(partnership: Partnership, user: User) -> dict:
    submissions = Counter(services.submission_counts(partnership))
    ballots = Counter(
        dict(
            InterimBallot.objects.filter(partnership=partnership)
            .values_list("perspective")
            .annotate(n=Count("pk"))
            .values_list("perspective", "n")
        )
    )
    counts = services.question_counts(partnership)
    figures = {"total": counts["all"], "grouped": counts["grouped"], "aside": counts["aside"]}
    steering = list(partnership.steering_members.select_related("person"))
    return {
        "partnership": partnership,
        "collective": partnership.collective,
        "submissions": _perspective_counts(submissions),
        "submission_total": sum(submissions.values()),
        "ballots": _perspective_counts(ballots),
        "ballot_total": sum(ballots.values()),
        "figures": figures,
        "waiting_pairs": SimilarPair.objects.filter(
            partnership=partnership, answer=PairAnswer.WAITING
        ).count(),
        "steering": steering,
        "steering_form": _steering_form(partnership, steering, None),
        "stage_form": StageForm(initial={"stage": partnership.stage}),
        "stages": Stage.choices,
        "minimum": settings.MINIMUM_ANONYMOUS_GROUP,
    }


@login_required
@require_safe
def partnership(request: HttpRequest, pk: int) -> HttpResponse:
    partnership = access.partnership_for_member(request.user, pk)
    return render(
        request, "priorities/partnership.html", _dashboard_context(partnership, request.user)
    )


@login_required
def partnership_edit(request: HttpRequest, pk: int) -> HttpResponse:
    partnership = access.partnership_for_member(request.user, pk)
    if request.method not in ("GET", "HEAD", "POST"):
        return HttpResponse(status=405)
    initial = {
        f: getattr(partnership, f)
        for f in ("title", "scope", "survey_closes_on", "interim_closes_on", "workshop_on")
    } | {"shortlist_size": partnership.shortlist_size}
    form = PartnershipEditForm(posted(request), initial=initial)
    if request.method == "POST" and form.is_valid():
        services.partnership_update(
            partnership=partnership, actor=request.user, **form.cleaned_data
        )
        messages.success(request, _("Saved."))
        return redirect("priorities:partnership", partnership.pk)
    return render(
        request,
        "priorities/edit.html",
        {"partnership": partnership, "collective": partnership.collective, "form": form},
    )


@login_required
@require_POST
def partnership_stage(request: HttpRequest, pk: int) -> HttpResponse:
    partnership = access.partnership_for_member(request.user, pk)
    form = StageForm(request.POST)
    if not form.is_valid():
        context = _dashboard_context(partnership, request.user) | {"stage_form": form}
        return render(request, "priorities/partnership.html", context)
    try:
        services.partnership_stage_set(
            partnership=partnership, actor=request.user, stage=form.cleaned_data["stage"]
        )
    except ValidationError as error:
        _fail(request, error)
    return redirect("priorities:partnership", partnership.pk)


@login_required
@require_POST
def steering_add(request: HttpRequest, pk: int) -> HttpResponse:
    partnership = access.partnership_for_member(request.user, pk)
    context = _dashboard_context(partnership, request.user)
    form = _steering_form(partnership, context["steering"], request.POST)
    if not form.is_valid():  # or finding someone by name
        return render(
            request,
            "priorities/partnership.html",
            context | {"steering_form": form},
            status=400 if form.errors else 200,
        )
    person = form.member_chosen("person")
    try:
        services.steering_member_add(partnership=partnership, actor=request.user, person=person)
    except ValidationError as error:
        _fail(request, error)
    return redirect("priorities:partnership", partnership.pk)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def steering_remove(request: HttpRequest, pk: int, member_pk: int) -> HttpResponse:
    """Taking someone off the steering group changes who runs the partnership, so it
    asks to confirm first."""
    partnership = access.partnership_for_member(request.user, pk)
    member = get_object_or_404(
        SteeringMember.objects.select_related("person"), partnership=partnership, pk=member_pk
    )
    member.partnership = partnership
    if request.method != "POST":
        context = {
            "caption": partnership.title,
            "question": _("Take %(name)s off the steering group?") % {"name": member.person.name},
            "explanation": _(
                "They stay a member of the collective and can be added again. "
                "The history records the change."
            ),
            "button": _("Yes, take them off"),
            "back_url": reverse("priorities:partnership", args=[partnership.pk]),
            "back_text": _("No, keep them on"),
        }
        return render(request, "confirm.html", context)
    services.steering_member_remove(member=member, actor=request.user)
    return redirect("priorities:partnership", partnership.pk)


SHOW = {
    "ungrouped": Q(summary__isnull=True, out_of_scope=False),
    "grouped": Q(summary__isnull=False),
    "aside": Q(out_of_scope=True),
    "all": Q(),
}


def _submissions_page(
    request: HttpRequest, partnership: Partnership, form: SummaryCreateForm | None = None
) -> HttpResponse:
    show = request.GET.get("show", "ungrouped")
    if show not in SHOW:
        show = "ungrouped"
    questions = (
        SubmittedQuestion.objects.filter(partnership=partnership)
        .filter(SHOW[show])
        .select_related("submission", "summary")
        # What the table shows: never the submission's sealed answers or long text.
        .only(
            "text",
            "out_of_scope",
            "out_of_scope_reason",
            "summary__text",
            "submission__perspective",
        )
        .order_by("pk")
    )
    page = page_or_404(
        request, questions, PAGE_SIZE, count=services.question_counts(partnership)[show]
    )

    def rows() -> dict[str, Any]:
        return _question_rows(request, partnership, page, with_field=form is None)

    if show != "ungrouped" or form is not None:
        # Set-aside rows (in "aside", "all", even "grouped") carry forms with this
        # person's CSRF token, and a form sent back shows its answers: worked out afresh.
        shown = rows()
    else:
        # Ungrouped rows are the same for everyone who may see the page (links, no
        # forms) until a question changes, which moves `questions_version` in the same
        # transaction; kept per language.
        shown = lib_cache.versioned(
            "priorities:question-rows",
            (partnership.pk, partnership.questions_version, show, page.number),
            rows,
            seconds=services.QUESTION_COUNTS_SECONDS,
        )
    if form is None:
        form = SummaryCreateForm(questions=[])
    else:  # sent back with its errors: offer this page's questions again
        form.fields["questions"].choices = [(str(pk), text) for pk, text in shown["choices"]]
    return render(
        request,
        "priorities/submissions.html",
        {
            "partnership": partnership,
            "collective": partnership.collective,
            "page": page,
            "show": show,
            "form": form,
            "has_choices": bool(shown["choices"]),
            "questions_field": shown["questions_field"],
            "rows": shown["rows"],
            "kinds": KIND_LABELS,
        },
        status=400 if form.errors else 200,
    )


def _question_rows(
    request: HttpRequest, partnership: Partnership, page: Page, *, with_field: bool
) -> dict[str, Any]:
    """The page's table rows, the questions that may be grouped, and (`with_field`) their
    checkboxes, rendered: 50 rows and 50 checkboxes were most of the page's time."""
    # Each row's perspective looked up once here (`get_perspective_display` hashes every
    # choice's lazy label on each call: a sixth of the page's time for 50 rows).
    perspectives = {value: str(label) for value, label in RespondentKind.choices}
    for question in page:
        question.perspective_words = perspectives.get(question.submission.perspective, "")
    choices = [(q.pk, q.text) for q in page if q.summary_id is None and not q.out_of_scope]
    field = ""
    if with_field and choices:
        field = str(SummaryCreateForm(questions=choices)["questions"].as_field_group())
    rows = render_to_string(
        "priorities/includes/question_rows.html",
        {"partnership": partnership, "page": page},
        request=request,
    )
    return {"rows": rows, "choices": choices, "questions_field": field}


@login_required
@require_safe
def submissions(request: HttpRequest, pk: int) -> HttpResponse:
    partnership = access.partnership_for_member(request.user, pk)
    return _submissions_page(request, partnership)


@login_required
@require_POST
def summary_new(request: HttpRequest, pk: int) -> HttpResponse:
    """Group the chosen submitted questions under a new summary question."""
    partnership = access.partnership_for_member(request.user, pk)
    chosen = SubmittedQuestion.objects.filter(
        partnership=partnership,
        pk__in=[v for v in request.POST.getlist("questions") if v.isdigit()],
    )
    form = SummaryCreateForm(request.POST, questions=[(q.pk, q.text) for q in chosen])
    if not form.is_valid():
        return _submissions_page(request, partnership, form)
    try:
        summary = services.summary_create(
            partnership=partnership,
            actor=request.user,
            questions=list(chosen),
            text=form.cleaned_data["text"],
        )
    except ValidationError as error:
        form.add_error(None, error)
        return _submissions_page(request, partnership, form)
    messages.success(
        request,
        ngettext(
            "Grouped %(count)s question under this summary question. You can take it out "
            "again below.",
            "Grouped %(count)s questions under this summary question. You can take any of "
            "them out again below.",
            len(form.cleaned_data["questions"]),
        )
        % {"count": len(form.cleaned_data["questions"])},
    )
    return redirect("priorities:summary", partnership.pk, summary.pk)


@login_required
@require_safe
def suggestions(request: HttpRequest, pk: int) -> HttpResponse:
    partnership = access.partnership_for_member(request.user, pk)
    pairs = (
        SimilarPair.objects.filter(partnership=partnership, answer=PairAnswer.WAITING)
        .select_related("first__summary", "second__summary")
        .order_by("-score", "pk")
    )
    page = page_or_404(request, pairs, 20)
    return render(
        request,
        "priorities/suggestions.html",
        {"partnership": partnership, "collective": partnership.collective, "page": page},
    )


@login_required
@require_POST
def suggestions_find(request: HttpRequest, pk: int) -> HttpResponse:
    partnership = access.partnership_for_member(request.user, pk)
    priorities_find_pairs_task.enqueue(partnership.pk)
    messages.success(
        request,
        _("Looking for similar questions. New suggestions appear here when it has finished."),
    )
    return redirect("priorities:suggestions", partnership.pk)


@login_required
@require_POST
def pair_answer(request: HttpRequest, pk: int, pair_pk: int) -> HttpResponse:
    partnership = access.partnership_for_member(request.user, pk)
    pair = get_object_or_404(SimilarPair, partnership=partnership, pk=pair_pk)
    pair.partnership = partnership
    answer = request.POST.get("answer")
    if answer not in (PairAnswer.SAME, PairAnswer.DIFFERENT):
        messages.error(request, _("Say whether they ask the same thing."))
    else:
        try:
            services.pair_answer(pair=pair, actor=request.user, same=answer == PairAnswer.SAME)
        except ValidationError as error:
            _fail(request, error)
        else:
            messages.success(
                request,
                _(
                    "Grouped: the two questions now count as one on the long list. You can "
                    "take one out again on the group's page."
                )
                if answer == PairAnswer.SAME
                else _("Kept apart: they stay two separate questions."),
            )
    return redirect("priorities:suggestions", partnership.pk)


@login_required
@require_safe
def long_list(request: HttpRequest, pk: int) -> HttpResponse:
    """Every summary question with how many submissions and which perspectives it holds."""
    partnership = access.partnership_for_member(request.user, pk)
    summaries = list(
        SummaryQuestion.objects.filter(partnership=partnership).annotate(
            originals_count=Count("originals")
        )
    )
    kinds: dict[int, Counter] = defaultdict(Counter)
    for summary_id, kind in SubmittedQuestion.objects.filter(
        partnership=partnership, summary__isnull=False
    ).values_list("summary_id", "submission__perspective"):
        kinds[summary_id][kind] += 1
    for summary in summaries:
        summary.perspectives = [(KIND_LABELS[k], n) for k, n in sorted(kinds[summary.pk].items())]
    return render(
        request,
        "priorities/long_list.html",
        {
            "partnership": partnership,
            "collective": partnership.collective,
            "on_list": [s for s in summaries if s.status == SummaryStatus.LONG_LIST],
            "set_aside": [s for s in summaries if s.status != SummaryStatus.LONG_LIST],
        },
    )


@login_required
def summary(request: HttpRequest, pk: int, summary_pk: int) -> HttpResponse:
    partnership = access.partnership_for_member(request.user, pk)
    summary = access.summary_in(partnership, summary_pk)
    if request.method not in ("GET", "HEAD", "POST"):
        return HttpResponse(status=405)
    form = SummaryEditForm(
        posted(request),
        initial={"text": summary.text, "status": summary.status, "evidence": summary.evidence},
    )
    if request.method == "POST" and form.is_valid():
        services.summary_update(summary=summary, actor=request.user, **form.cleaned_data)
        messages.success(request, _("Saved."))
        return redirect("priorities:summary", partnership.pk, summary.pk)
    originals = summary.originals.select_related("submission").order_by("pk")
    return render(
        request,
        "priorities/summary.html",
        {
            "partnership": partnership,
            "collective": partnership.collective,
            "summary": summary,
            "form": form,
            "originals": originals,
            "kinds": KIND_LABELS,
        },
    )


@login_required
@require_POST
def question_ungroup(request: HttpRequest, pk: int, question_pk: int) -> HttpResponse:
    partnership = access.partnership_for_member(request.user, pk)
    question = access.question_in(partnership, question_pk)
    summary_id = question.summary_id
    services.question_ungroup(question=question, actor=request.user)
    messages.success(
        request, _("Taken out of the group. It is back among the ungrouped questions.")
    )
    if summary_id:
        return redirect("priorities:summary", partnership.pk, summary_id)
    return redirect("priorities:submissions", partnership.pk)


@login_required
def question_set_aside(request: HttpRequest, pk: int, question_pk: int) -> HttpResponse:
    partnership = access.partnership_for_member(request.user, pk)
    question = access.question_in(partnership, question_pk)
    if request.method not in ("GET", "HEAD", "POST"):
        return HttpResponse(status=405)
    form = SetAsideForm(posted(request))
    if request.method == "POST" and form.is_valid():
        services.question_set_aside(
            question=question, actor=request.user, reason=form.cleaned_data["reason"]
        )
        messages.success(request, _("Set aside as out of scope. It stays listed with its reason."))
        return redirect("priorities:submissions", partnership.pk)
    return render(
        request,
        "priorities/set_aside.html",
        {
            "partnership": partnership,
            "collective": partnership.collective,
            "question": question,
            "form": form,
        },
    )


@login_required
@require_POST
def question_restore(request: HttpRequest, pk: int, question_pk: int) -> HttpResponse:
    partnership = access.partnership_for_member(request.user, pk)
    question = access.question_in(partnership, question_pk)
    services.question_restore(question=question, actor=request.user)
    return redirect(f"{_url('priorities:submissions', partnership.pk)}?show=aside")


def _url(name: str, *args: object) -> str:
    from django.urls import reverse

    return reverse(name, args=args)


@login_required
@require_safe
def interim_results(request: HttpRequest, pk: int) -> HttpResponse:
    """The interim results per perspective and combined (equal weight per perspective).

    Per-perspective figures are shown only when every perspective that answered has at
    least the minimum number of answers; otherwise only the combined figures."""
    partnership = access.partnership_for_member(request.user, pk)
    result = services.interim_result(partnership)
    texts = dict(SummaryQuestion.objects.filter(partnership=partnership).values_list("pk", "text"))
    shortlisted = set(
        SummaryQuestion.objects.filter(partnership=partnership, shortlisted=True).values_list(
            "pk", flat=True
        )
    )
    present = [k for k in RespondentKind.values if result.answers.get(k)]
    split = len(present) >= 2 and all(
        result.answers[k] >= settings.MINIMUM_ANONYMOUS_GROUP for k in present
    )
    lines = [
        {
            "place": index,
            "text": texts[line.question],
            "picks": line.picks,
            "combined": line.combined,
            "shares": [line.by_perspective.get(k) for k in present],
            "shortlisted": line.question in shortlisted,
        }
        for index, line in enumerate(result.lines, start=1)
    ]
    return render(
        request,
        "priorities/interim_results.html",
        {
            "partnership": partnership,
            "collective": partnership.collective,
            "lines": lines,
            "answers": sum(result.answers.values()),
            "present": [KIND_LABELS[k] for k in present],
            "split": split,
            "minimum": settings.MINIMUM_ANONYMOUS_GROUP,
        },
    )


@login_required
@require_POST
def shortlist_make(request: HttpRequest, pk: int) -> HttpResponse:
    partnership = access.partnership_for_member(request.user, pk)
    try:
        chosen = services.shortlist_make(partnership=partnership, actor=request.user)
    except ValidationError as error:
        _fail(request, error)
    else:
        messages.success(
            request,
            ngettext(
                "%(count)s question is on the shortlist.",
                "%(count)s questions are on the shortlist.",
                len(chosen),
            )
            % {"count": len(chosen)},
        )
    return redirect("priorities:interim_results", partnership.pk)


def _workshop_context(partnership: Partnership, form: GroupAddForm | None = None) -> dict:
    groups = list(
        WorkshopGroup.objects.filter(partnership=partnership).annotate(ranked=Count("ranks"))
    )
    rounds = sorted({g.round for g in groups})
    texts = dict(SummaryQuestion.objects.filter(partnership=partnership).values_list("pk", "text"))
    results = []
    for number in rounds:
        lines = services.workshop_result(partnership, number)
        results.append(
            {
                "round": number,
                "groups": [g for g in groups if g.round == number],
                "lines": [{"line": line, "text": texts[line.question]} for line in lines],
                "publish_form": PublishForm(initial={"round": number}),
            }
        )
    return {
        "partnership": partnership,
        "collective": partnership.collective,
        "shortlist": services.shortlist(partnership),
        "results": results,
        "form": form or GroupAddForm(initial={"round": rounds[-1] if rounds else 1}),
    }


@login_required
@require_safe
def workshop(request: HttpRequest, pk: int) -> HttpResponse:
    partnership = access.partnership_for_member(request.user, pk)
    return render(request, "priorities/workshop.html", _workshop_context(partnership))


@login_required
@require_POST
def workshop_group_add(request: HttpRequest, pk: int) -> HttpResponse:
    partnership = access.partnership_for_member(request.user, pk)
    form = GroupAddForm(request.POST)
    if form.is_valid():
        try:
            services.workshop_group_add(
                partnership=partnership, actor=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            return redirect("priorities:workshop", partnership.pk)
    return render(
        request, "priorities/workshop.html", _workshop_context(partnership, form), status=400
    )


@login_required
def group_ranking(request: HttpRequest, pk: int, group_pk: int) -> HttpResponse:
    """A small group's agreed ranking of the shortlist, after its round-robin discussion."""
    partnership = access.partnership_for_member(request.user, pk)
    group = get_object_or_404(WorkshopGroup, partnership=partnership, pk=group_pk)
    group.partnership = partnership
    if request.method not in ("GET", "HEAD", "POST"):
        return HttpResponse(status=405)
    questions = [(q.pk, q.text) for q in services.shortlist(partnership)]
    current = dict(group.ranks.values_list("question_id", "rank"))
    form = GroupRankingForm(
        posted(request),
        questions=questions,
        initial={f"q{pk}": rank for pk, rank in current.items()},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.group_ranking_record(group=group, actor=request.user, ranking=form.ranking())
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Saved %(name)s’s ranking.") % {"name": group.name})
            return redirect("priorities:workshop", partnership.pk)
    return render(
        request,
        "priorities/group_ranking.html",
        {
            "partnership": partnership,
            "collective": partnership.collective,
            "group": group,
            "form": form,
        },
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def publish(request: HttpRequest, pk: int) -> HttpResponse:
    """Publishing the top 10 ends the priority setting for everyone, so it asks to confirm
    on its own page first (?round=N from the workshop page)."""
    partnership = access.partnership_for_member(request.user, pk)
    form = PublishForm(request.POST if request.method == "POST" else request.GET)
    if not form.is_valid():
        messages.error(request, _("Choose the round whose ranking to publish."))
        return redirect("priorities:workshop", partnership.pk)
    if request.method != "POST":
        round_number = form.cleaned_data["round"]
        context = {
            "caption": str(partnership),
            "question": _("Publish the top 10 from round %(round)s?") % {"round": round_number},
            "explanation": _(
                "This ends the priority setting: the top 10 and the record "
                "behind it become the partnership's result. You cannot undo this."
            ),
            "button": _("Yes, publish the top 10"),
            "back_url": reverse("priorities:workshop", args=[partnership.pk]),
            "back_text": _("No, go back to the workshop"),
            "hidden": [("round", round_number)],
        }
        return render(request, "confirm.html", context)
    try:
        services.top_ten_publish(
            partnership=partnership, actor=request.user, round=form.cleaned_data["round"]
        )
    except ValidationError as error:
        _fail(request, error)
        return redirect("priorities:workshop", partnership.pk)
    messages.success(request, _("The top 10 is published."))
    return redirect("priorities:report", partnership.pk)


@login_required
@require_safe
def report(request: HttpRequest, pk: int) -> HttpResponse:
    """The audit trail: every priority with every submission behind it, what was set
    aside and why, and every change to the lists and the steering group."""
    partnership = access.partnership_for_member(request.user, pk)
    originals = Prefetch(
        "originals",
        queryset=SubmittedQuestion.objects.select_related("submission").order_by("pk"),
    )
    summaries = SummaryQuestion.objects.filter(partnership=partnership).prefetch_related(originals)
    # Every change is recorded against the partnership's project (see services._record).
    changes = Change.objects.filter(project_id=partnership.project_id).select_related("actor")
    return render(
        request,
        "priorities/report.html",
        {
            "partnership": partnership,
            "collective": partnership.collective,
            "top": summaries.filter(rank__isnull=False).order_by("rank"),
            "others": summaries.filter(rank__isnull=True).order_by("pk"),
            "aside": SubmittedQuestion.objects.filter(partnership=partnership, out_of_scope=True),
            "kinds": KIND_LABELS,
            "changes": changes[:500] if partnership.project_id else [],
        },
    )


# Ideas sandpit


@login_required
def ideas(request: HttpRequest, slug: str) -> HttpResponse:
    collective = collective_for_member(request.user, slug)
    if request.method not in ("GET", "HEAD", "POST"):
        return HttpResponse(status=405)
    form = IdeaForm(posted(request))
    if request.method == "POST" and form.is_valid():
        idea = services.idea_create(collective=collective, actor=request.user, **form.cleaned_data)
        return redirect("priorities:idea", idea.pk)
    page = page_or_404(
        request,
        Idea.objects.filter(collective=collective)
        .select_related("created_by", "project")
        .annotate(
            owner_count=Count("ownerships", distinct=True),
            comment_count=Count("comments", distinct=True),
        )
        .order_by("-created_at", "-pk"),
        PAGE_SIZE,
    )
    return render(
        request, "priorities/ideas.html", {"collective": collective, "form": form, "page": page}
    )


@login_required
def idea(request: HttpRequest, pk: int) -> HttpResponse:
    idea = access.idea_for_member(request.user, pk)
    if request.method not in ("GET", "HEAD", "POST"):
        return HttpResponse(status=405)
    form = CommentForm(posted(request))
    if request.method == "POST" and form.is_valid():
        services.idea_comment(idea=idea, actor=request.user, text=form.cleaned_data["text"])
        return redirect("priorities:idea", idea.pk)
    owners = [o.person for o in idea.ownerships.select_related("person").order_by("pk")]
    return render(
        request,
        "priorities/idea.html",
        {
            "idea": idea,
            "collective": idea.collective,
            "form": form,
            "owners": owners,
            "is_owner": any(o.pk == request.user.pk for o in owners),
            "comments": idea.comments.select_related("author"),
        },
    )


@login_required
@require_POST
def idea_co_own(request: HttpRequest, pk: int) -> HttpResponse:
    idea = access.idea_for_member(request.user, pk)
    services.idea_co_own(idea=idea, actor=request.user)
    messages.success(request, _("You co-own this idea."))
    return redirect("priorities:idea", idea.pk)


@login_required
@require_POST
def idea_project(request: HttpRequest, pk: int) -> HttpResponse:
    idea = access.idea_for_member(request.user, pk)
    try:
        project = services.idea_to_project(idea=idea, actor=request.user)
    except ValidationError as error:
        _fail(request, error)
        return redirect("priorities:idea", idea.pk)
    messages.success(request, _("The idea is now a project, with its co-owners as members."))
    return redirect("projects:detail", project.pk)
