"""Pages for conversations: the list and starting one, the statements page (one
statement at a time), adding and moderating statements, the report, import and export,
and drafting principles into a decision.

Every page starts with one helper from access.py, so someone outside gets a 404. No
page writes when opened: the participant row is made on the first POST, and the
analysis runs in the background (the report shows the last result and when).
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.formats import localize
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from levelfield.collectives.roles import Action
from levelfield.decisions.services import DecisionError
from levelfield.deliberation import polis, services
from levelfield.deliberation.access import (
    conversation_by_link,
    conversation_for_member,
    conversation_for_participant,
    remember_visitor,
    statement_in,
)
from levelfield.deliberation.background import COMMENTS_CSV, VOTES_CSV
from levelfield.deliberation.forms import (
    ConversationForm,
    DecideForm,
    DraftForm,
    ImportForm,
    JoinForm,
    ModerateForm,
    ReactionForm,
    StatementForm,
)
from levelfield.deliberation.models import (
    Analysis,
    Conversation,
    Draft,
    Reaction,
    StatementStatus,
    Vote,
)
from levelfield.deliberation.report import report_build
from levelfield.jobs import views as job_views
from levelfield.lib.cache import digest, versioned
from levelfield.lib.forms import posted, posted_files
from levelfield.places.access import place_for_member

GET_AND_POST = require_http_methods(["GET", "HEAD", "POST"])
# The table of a person's reactions is kept per what it shows (never stale): an hour.
YOUR_REACTIONS_SECONDS = 60 * 60


@login_required
@require_safe
def place_list(request: HttpRequest, place_pk: int) -> HttpResponse:
    """The conversations of a place: a collective, a group or a project."""
    place = place_for_member(request.user, place_pk)
    conversations = list(Conversation.objects.in_place(place).order_by("-created_at", "-id"))
    elsewhere = None
    if not conversations:
        elsewhere = Conversation.objects.filter(closed_at=None).open_in_collective_of(place)
    return render(
        request,
        "deliberation/list.html",
        {
            "place": place,
            "conversations": conversations,
            "elsewhere": elsewhere,
            "elsewhere_url": reverse("deliberation:place_list", args=[elsewhere[0]])
            if elsewhere
            else "",
        },
    )


@login_required
@GET_AND_POST
def place_create(request: HttpRequest, place_pk: int) -> HttpResponse:
    """Start a conversation in a place; its members take part."""
    place = place_for_member(request.user, place_pk, action=Action.START_CONVERSATION)
    form = ConversationForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            conversation = services.conversation_start(
                started_by=request.user,
                place=place,
                title=form.cleaned_data["title"],
                prompt=form.cleaned_data["prompt"],
                who_may_take_part=form.cleaned_data["who_may_take_part"],
                moderation=form.cleaned_data["moderation"],
                seeds=form.cleaned_data["seeds"],
            )
        except services.DeliberationError as error:
            form.add_error(None, error.messages[0])
        else:
            messages.success(request, _("Conversation started."))
            return redirect(conversation)
    return render(request, "deliberation/create.html", {"place": place, "form": form})


@require_safe
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    """The statements page: one statement at a time, or `?statement=` to change a
    reaction."""
    taking = conversation_for_participant(request, pk)
    conversation, participant = taking.conversation, taking.participant
    mine = _reactions_of(participant)
    chosen = request.GET.get("statement")
    if chosen:
        statement = statement_in(conversation, chosen)
        if statement.status != StatementStatus.SHOWN:
            statement = None
    else:
        # Their reactions are read for the page anyway: not counted again.
        statement = services.statement_next(
            conversation=conversation, participant=participant, done=len(mine)
        )
    return _detail(request, taking, statement, ReactionForm(), mine=mine)


def _reactions_of(participant: Any) -> list[Reaction]:
    """The participant's reactions with their statements, latest first."""
    if participant is None:
        return []
    return list(
        Reaction.objects.filter(participant=participant)
        .select_related("statement")
        .order_by("-reacted_at", "-pk")
    )


def _your_reactions(mine: list[Reaction]) -> str:
    """The table of the person's reactions, kept under a digest of exactly what it shows
    (each statement, its number, text and status, and the reaction), so a new or changed
    reaction or a statement moderated out is a new key: a row per reaction, often
    hundreds, was most of the page's rendering."""
    if not mine:
        return ""
    shown = [
        (r.statement_id, r.statement.number, r.statement.text, r.statement.status, r.vote)
        for r in mine
    ]

    def render_rows() -> str:
        # Each vote's name once, not `get_vote_display` (every choice translated again)
        # per row, and the words of each row's "Change" link looked up once, not per row
        # in the template.
        labels = {value: str(label) for value, label in Vote.choices}
        change_to = _("your reaction to statement %(number)s")
        for reaction in mine:
            reaction.vote_label = labels.get(reaction.vote, reaction.vote)
            # As `blocktranslate` writes it: the number localised and escaped, the words not.
            reaction.change_to = mark_safe(  # noqa: S308
                change_to % {"number": conditional_escape(localize(reaction.statement.number))}
            )
        return render_to_string(
            "deliberation/includes/your_reactions.html", {"mine": mine, "change": _("Change")}
        )

    return mark_safe(  # noqa: S308 - escaped by its template
        versioned(
            "deliberation:your-reactions",
            (digest(shown),),
            render_rows,
            seconds=YOUR_REACTIONS_SECONDS,
        )
    )


def _detail(
    request: HttpRequest,
    taking: Any,
    statement: Any,
    form: ReactionForm,
    status: int = 200,
    *,
    mine: list[Reaction] | None = None,
) -> HttpResponse:
    conversation, participant = taking.conversation, taking.participant
    shown = conversation.statements.filter(status=StatementStatus.SHOWN).count()
    if mine is None:
        mine = _reactions_of(participant)
    current = next((r.vote for r in mine if statement and r.statement_id == statement.pk), None)
    return render(
        request,
        "deliberation/detail.html",
        {
            "conversation": conversation,
            # Named in the title only for members (others came by a link).
            "place": conversation.place if taking.is_member else None,
            "taking": taking,
            "statement": statement,
            "current": Vote(current).label if current is not None else None,
            "form": form,
            "shown": shown,
            "mine": mine,
            "your_reactions": _your_reactions(mine),
            "votes": [
                (Vote.AGREE, _("Agree")),
                (Vote.DISAGREE, _("Disagree")),
                (Vote.PASS, _("Pass / unsure")),
            ],
        },
        status=status,
    )


def _participant(request: HttpRequest, taking: Any) -> Any:
    if taking.participant is not None:
        return taking.participant
    return services.participant_for_member(conversation=taking.conversation, person=request.user)


@require_POST
def react(request: HttpRequest, pk: int) -> HttpResponse:
    taking = conversation_for_participant(request, pk)
    form = ReactionForm(request.POST)
    if not form.is_valid():
        statement = None
        if form.cleaned_data.get("statement"):
            statement = statement_in(taking.conversation, form.cleaned_data["statement"])
        return _detail(request, taking, statement, form, status=400)
    statement = statement_in(taking.conversation, form.cleaned_data["statement"])
    try:
        services.reaction_record(
            participant=_participant(request, taking),
            statement=statement,
            vote=form.cleaned_data["vote"],
        )
    except services.DeliberationError as error:
        messages.error(request, error.messages[0])
    else:
        messages.success(
            request,
            _("You reacted “%(label)s”.") % {"label": Vote(form.cleaned_data["vote"]).label},
        )
    return redirect("deliberation:detail", pk)


@GET_AND_POST
def add_statement(request: HttpRequest, pk: int) -> HttpResponse:
    taking = conversation_for_participant(request, pk)
    form = StatementForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            statement = services.statement_add(
                conversation=taking.conversation,
                participant=_participant(request, taking),
                text=form.cleaned_data["text"],
            )
        except services.DeliberationError as error:
            form.add_error("text", error.messages[0])
        else:
            if statement.status == StatementStatus.WAITING:
                messages.success(
                    request, _("Thank you. Your statement appears once a member accepts it.")
                )
            else:
                messages.success(request, _("Thank you. Your statement is now shown to others."))
            return redirect("deliberation:detail", pk)
    return render(
        request, "deliberation/add.html", {"conversation": taking.conversation, "form": form}
    )


@GET_AND_POST
def join(request: HttpRequest, token: str) -> HttpResponse:
    """The link page: members go straight in; visitors give a name (the light sign-in)."""
    conversation = conversation_by_link(token)
    if services.is_member(request.user, conversation):
        return redirect(conversation)
    form = JoinForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            participant = services.participant_join_by_link(
                conversation=conversation, name=form.cleaned_data["name"]
            )
        except services.DeliberationError as error:
            form.add_error("name", error.messages[0])
        except PermissionDenied:
            form.add_error(None, _("This conversation has closed."))
        else:
            remember_visitor(request, participant)
            return redirect(conversation)
    return render(
        request,
        "deliberation/join.html",
        {"conversation": conversation, "place": conversation.place, "form": form},
    )


@login_required
@require_safe
def report(request: HttpRequest, pk: int) -> HttpResponse:
    conversation = conversation_for_member(request.user, pk)
    analysis = Analysis.objects.filter(conversation=conversation).first()
    context = report_build(conversation, analysis)
    draft = Draft.objects.filter(conversation=conversation).prefetch_related("statements").first()
    picked = {s.pk for s in draft.statements.all()} if draft else set()
    return render(
        request,
        "deliberation/report.html",
        {
            "conversation": conversation,
            "place": conversation.place,
            "picked": picked,
            "draft": draft,
            **context,
        },
    )


@login_required
@GET_AND_POST
def moderate(request: HttpRequest, pk: int) -> HttpResponse:
    conversation = conversation_for_member(request.user, pk)
    if request.method == "POST":
        form = ModerateForm(request.POST)
        if form.is_valid():
            statement = statement_in(conversation, form.cleaned_data["statement"])
            services.statement_moderate(
                statement=statement, actor=request.user, accept=form.cleaned_data["accept"]
            )
            messages.success(
                request, _("Statement %(number)s updated.") % {"number": statement.number}
            )
            return redirect("deliberation:moderate", pk)
        messages.error(request, _("Choose a statement and whether to accept it."))
    statements = conversation.statements.order_by("status", "number")
    return render(
        request,
        "deliberation/moderate.html",
        {"conversation": conversation, "place": conversation.place, "statements": statements},
    )


@login_required
@GET_AND_POST
def import_polis(request: HttpRequest, pk: int) -> HttpResponse:
    conversation = conversation_for_member(request.user, pk)
    form = ImportForm(posted(request), posted_files(request))
    if request.method == "POST" and form.is_valid():
        votes, comments = form.cleaned_data["votes"], form.cleaned_data["comments"]
        other = form.cleaned_data["other"]
        if polis.vote_lines(votes) > polis.BACKGROUND_ROWS:
            polis.polis_import_request(
                conversation=conversation,
                actor=request.user,
                votes_csv=votes,
                comments_csv=comments,
                other_csv=other,
            )
            messages.success(
                request,
                _(
                    "The files are being imported in the background. This page shows how it "
                    "is going; refresh it to see."
                ),
            )
            return redirect("deliberation:import", pk)
        try:
            done = polis.polis_import(
                conversation=conversation,
                actor=request.user,
                votes_csv=votes,
                comments_csv=comments,
                other_csv=other,
            )
        except polis.ImportProblem as problem:
            for line in problem.problems:
                form.add_error(None, line)
        else:
            messages.success(
                request,
                _(
                    "Imported %(statements)s statements and %(reactions)s reactions from "
                    "%(participants)s people. The report updates in a few moments."
                )
                % {
                    "statements": done.statements,
                    "reactions": done.reactions,
                    "participants": done.participants,
                },
            )
            for note in done.notes:
                messages.info(request, note)
            return redirect("deliberation:report", pk)
    latest = conversation.polis_imports.order_by("-requested_at", "-pk").first()
    return render(
        request,
        "deliberation/import.html",
        {
            "conversation": conversation,
            "place": conversation.place,
            "form": form,
            "latest": latest,
        },
    )


def _export(request: HttpRequest, conversation: Any, kind: str, label: str) -> HttpResponse:
    """A Pol.is file, prepared in the background (deliberation/background.py)."""
    return job_views.start(
        request,
        kind=kind,
        params={"conversation": conversation.pk},
        label=label,
        back_url=reverse("deliberation:report", args=[conversation.pk]),
        back_text=_("Back to the report"),
        place=conversation.place,
    )


@login_required
@require_http_methods(["GET", "POST"])
def export_votes(request: HttpRequest, pk: int) -> HttpResponse:
    conversation = conversation_for_member(request.user, pk)
    return _export(request, conversation, VOTES_CSV, _("Votes (votes.csv, Pol.is format)"))


@login_required
@require_http_methods(["GET", "POST"])
def export_comments(request: HttpRequest, pk: int) -> HttpResponse:
    conversation = conversation_for_member(request.user, pk)
    return _export(
        request, conversation, COMMENTS_CSV, _("Statements (comments.csv, Pol.is format)")
    )


@login_required
@GET_AND_POST
def draft(request: HttpRequest, pk: int) -> HttpResponse:
    """Pick statements into draft principles (POST from the report) and open a decision."""
    conversation = conversation_for_member(request.user, pk)
    choices = list(
        conversation.statements.filter(status=StatementStatus.SHOWN).values_list("pk", "text")
    )
    current = Draft.objects.filter(conversation=conversation).select_related("decision").first()
    picked = list(current.statements.order_by("number")) if current else []
    form = DraftForm(
        posted(request), choices=choices, initial={"statements": [s.pk for s in picked]}
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.draft_set(
                conversation=conversation,
                actor=request.user,
                statement_ids=form.cleaned_data["statements"],
            )
        except services.DeliberationError as error:
            form.add_error(None, error.messages[0])
        else:
            messages.success(request, _("Draft principles saved."))
            return redirect("deliberation:draft", pk)
    return render(
        request,
        "deliberation/draft.html",
        {
            "conversation": conversation,
            "place": conversation.place,
            "form": form,
            "draft": current,
            "picked": picked,
            "decide_form": DecideForm(initial={"method": "consent", "days": 14}),
        },
    )


@login_required
@require_POST
def decide(request: HttpRequest, pk: int) -> HttpResponse:
    conversation = conversation_for_member(request.user, pk)
    form = DecideForm(request.POST)
    current = Draft.objects.filter(conversation=conversation).first()
    if form.is_valid():
        try:
            decision = services.draft_decide(
                conversation=conversation,
                actor=request.user,
                method=form.cleaned_data["method"],
                closes_at=form.closes_at(),
            )
        except (services.DeliberationError, DecisionError) as error:
            form.add_error(None, error.messages[0])
        else:
            messages.success(request, _("Decision started on the draft principles."))
            return redirect(reverse("decisions:detail", args=[decision.pk]))
    picked = list(current.statements.order_by("number")) if current else []
    choices = list(
        conversation.statements.filter(status=StatementStatus.SHOWN).values_list("pk", "text")
    )
    return render(
        request,
        "deliberation/draft.html",
        {
            "conversation": conversation,
            "place": conversation.place,
            "draft": current,
            "picked": picked,
            "decide_form": form,
            "form": DraftForm(choices=choices, initial={"statements": [s.pk for s in picked]}),
        },
        status=400,
    )
