"""Pages for documents written together: the list and starting one, the document split
into paragraphs, a paragraph with its comments and amendments, an amendment and its
answer, questions, versions and their comparison, moderation, adoption and export.

Every page starts with one access helper (`places.access.place_for_member` for a
place's list, access.py for a document), so someone outside gets a 404. No page writes
when opened.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Prefetch
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from levelfield.collectives.roles import Action
from levelfield.decisions.services import DecisionError
from levelfield.documents import services
from levelfield.documents import text as texts
from levelfield.documents.access import (
    Reading,
    amendment_in,
    comment_in,
    document_by_link,
    document_for_member,
    document_for_reader,
    paragraph_in,
)
from levelfield.documents.background import DOCUMENT_CSV, DOCUMENT_HTML, DOCUMENT_PDF
from levelfield.documents.figures import (
    VOICES_SECONDS,
    feedback_version,
    page_figures,
    voices_counted,
)
from levelfield.documents.forms import (
    AdoptionForm,
    AmendmentForm,
    AnswerAmendmentForm,
    CommentForm,
    DocumentForm,
    ModerateForm,
    PublishForm,
    ReportForm,
    answers_form,
)
from levelfield.documents.models import (
    LARGE,
    Amendment,
    AmendmentStatus,
    Answer,
    Comment,
    CommentReport,
    Document,
    Paragraph,
    ParagraphKind,
    Version,
)
from levelfield.history.models import Change
from levelfield.jobs import views as job_views
from levelfield.lib.cache import digest, versioned, versioned_many
from levelfield.lib.forms import posted
from levelfield.lib.paging import page_or_404
from levelfield.places.access import place_for_member
from levelfield.translations.shown import Shown, shown_list

GET_AND_POST = require_http_methods(["GET", "HEAD", "POST"])
# Comments on one paragraph, oldest first, with their replies.
COMMENTS_PER_PAGE = 50
# The moderation page lists this many of the latest hidden comments, to restore.
HIDDEN_SHOWN = 20
MODERATED = {
    "hide": gettext_lazy("Comment hidden. Its author is told why."),
    "restore": gettext_lazy("Comment restored. Its author is told why."),
    "keep": gettext_lazy("Comment kept."),
}
# Blocks (headings and paragraphs) of a document's text on one page, so a long draft's
# page stays small; its contents list links to every part on every page.
BLOCKS_PER_PAGE = 20


def _version_or_404(document: Document, number: object) -> Version:
    try:
        return document.versions.get(number=int(str(number)))
    except (Version.DoesNotExist, ValueError):
        raise Http404("No such version.") from None


# The list and starting


@login_required
@require_safe
def document_list(request: HttpRequest, place_pk: int) -> HttpResponse:
    """The documents a place is writing or has written."""
    place = place_for_member(request.user, place_pk)
    documents = list(Document.objects.in_place(place).select_related("adoption_decision"))
    elsewhere = None
    if not documents:
        elsewhere = Document.objects.open_for_comments(timezone.localdate()).open_in_collective_of(
            place
        )
    return render(
        request,
        "documents/list.html",
        {
            "place": place,
            "documents": documents,
            "elsewhere": elsewhere,
            "elsewhere_url": reverse("documents:place_list", args=[elsewhere[0]])
            if elsewhere
            else "",
        },
    )


@login_required
@GET_AND_POST
def document_create(request: HttpRequest, place_pk: int) -> HttpResponse:
    place = place_for_member(request.user, place_pk, action=Action.START_DOCUMENT)
    today = timezone.localdate()
    form = DocumentForm(
        posted(request),
        initial={"opens_on": today, "closes_on": today + timezone.timedelta(days=28)},
    )
    if request.method == "POST" and form.is_valid():
        try:
            document = services.document_start(
                started_by=request.user,
                title=form.cleaned_data["title"],
                purpose=form.cleaned_data["purpose"],
                text=form.cleaned_data["text"],
                questions=form.cleaned_data["questions"],
                opens_on=form.cleaned_data["opens_on"],
                closes_on=form.cleaned_data["closes_on"],
                who_may_take_part=form.cleaned_data["who_may_take_part"],
                place=place,
            )
        except services.DocumentError as error:
            form.add_error("text" if error.code == "text" else None, error.messages[0])
        else:
            messages.success(request, _("Document started. You hold the pen."))
            return redirect(document)
    return render(request, "documents/create.html", {"place": place, "form": form})


@login_required
@GET_AND_POST
def join(request: HttpRequest, token: str) -> HttpResponse:
    """The link's page: a signed-in person outside the place joins to take part."""
    document = document_by_link(token)
    if services.is_member(request.user, document):
        return redirect(document)
    if request.method == "POST":
        services.reader_join(document=document, person=request.user)
        messages.success(request, _("You have joined. Read the draft and say what you think."))
        return redirect(document)
    return render(request, "documents/join.html", {"document": document})


# The document


def _context(request: HttpRequest, reading: Reading, **extra: Any) -> dict[str, Any]:
    document = reading.document
    return {
        "document": document,
        "reading": reading,
        "place": document.place,
        "may_take_part": True,
        "is_open": document.is_open_for_comments(),
        **extra,
    }


def _translated_text(text: Shown, paragraphs: list[Paragraph], total: int) -> SafeString | None:
    """Show a translation of the version's text: when its paragraphs line up one for one
    with the original's, each paragraph of the page shows its translation in place (so
    the figures and the links to comment stay by it; None is returned); otherwise the
    translation is returned whole, to show above the original's paragraphs. Only the
    page's paragraphs are rendered."""
    if text.translation is None:
        return None
    blocks = texts.split_blocks(text.obj.text)
    if len(blocks) != total:
        return texts.render_markdown(text.obj.text)
    for paragraph in paragraphs:
        if 0 < paragraph.position <= len(blocks):
            paragraph.html = texts.render_markdown(blocks[paragraph.position - 1].text)
    return None


def _text_html(
    request: HttpRequest,
    document: Document,
    shown: Version,
    text_translated: Shown,
    feedback: tuple[object, ...],
) -> tuple[SafeString | None, SafeString]:
    """The version's text on the page asked for, with its contents, pagination and each
    paragraph's figures, made once and kept: it is the same for every reader (a version's
    paragraphs never change; the figures count everyone's feedback), and 20 paragraphs
    with their figures and 100 headings' links took most of the page's time. Kept per
    feedback version (it moves with every comment and amendment, as the figures do), per
    translation shown (one is saved anew with a new time) and per query string (the
    links keep it); what the feedback version cannot see shows within VOICES_SECONDS,
    as for the figures. Also the translation whole, when its paragraphs do not line up
    with the original's (None otherwise)."""
    translation = text_translated.translation
    key = (
        document.pk,
        shown.pk,
        *feedback,
        translation.pk if translation else 0,
        translation.translated_at.timestamp() if translation else 0,
        digest(request.GET.urlencode()),
        BLOCKS_PER_PAGE,  # how the text is cut into pages
    )

    def make() -> tuple[str | None, str]:
        text_page = page_or_404(
            request, shown.paragraphs.defer("text").order_by("position"), BLOCKS_PER_PAGE
        )
        paragraphs = list(text_page.object_list)
        whole = _translated_text(text_translated, paragraphs, text_page.paginator.count)
        # Every heading, for the contents: a part's page comes from its position.
        contents = [
            (heading, (heading.position - 1) // BLOCKS_PER_PAGE + 1)
            for heading in shown.paragraphs.filter(kind=ParagraphKind.HEADING)
            .only("version_id", "position", "section")
            .order_by("position")
        ]
        figures = page_figures(document, {p.lineage for p in paragraphs}, version=feedback)
        for paragraph in paragraphs:
            paragraph.figures = figures.get(paragraph.lineage)
        html = render_to_string(
            "documents/includes/text.html",
            {
                "document": document,
                "paragraphs": paragraphs,
                "text_page": text_page,
                "contents": contents,
            },
            request=request,
        )
        return (str(whole) if whole is not None else None), html

    whole, html = versioned("documents:text", key, make, seconds=VOICES_SECONDS)
    # Both made by templates and the Markdown renderer, which escape.
    return (mark_safe(whole) if whole is not None else None), mark_safe(html)  # noqa: S308


# How long the document page's parts are kept: what `page_version` cannot see (a
# person renamed) shows after this.
PARTS_SECONDS = VOICES_SECONDS


def _page_parts(document: Document) -> dict[str, Any]:
    """What the document page shows from rows other than the document's, the same for
    every reader: every version (without the whole text), who holds the pen, how many
    questions, and "You said, we did" rendered (its 20 answers with two names each).
    Kept per `page_version`, which every change to them moves (services.page_changed),
    so the page need not read five tables on every visit."""
    answered = list(
        Amendment.objects.filter(document=document)
        .exclude(status=AmendmentStatus.OPEN)
        .select_related("proposed_by", "answered_by", "published_in", "paragraph")
        .only(
            "pk",
            "status",
            "answer_reason",
            "answered_at",
            "proposed_by__display_name",
            "proposed_by__email",
            "answered_by__display_name",
            "answered_by__email",
            "published_in__number",
            "paragraph__position",
        )
        .order_by("-answered_at", "-pk")[:20]
    )
    return {
        "versions": list(document.versions.defer("text").order_by("number")),
        "authors": [
            author.person.name
            for author in document.authors.select_related("person").only(
                "person__display_name", "person__email"
            )
        ],
        "question_count": document.questions.count(),
        "answered_html": render_to_string(
            "documents/includes/answered.html", {"document": document, "answered": answered}
        ),
    }


@login_required
@require_safe
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    """The document split into sections and paragraphs, each with its figures; an
    earlier version with `?version=`."""
    reading = document_for_reader(request.user, pk)
    document = reading.document
    feedback = feedback_version(document)
    # The page's parts and the whole document's voices, in one round trip to the cache.
    kept = versioned_many(
        [
            ("documents:page", (document.pk, *feedback), lambda _: _page_parts(document)),
            ("documents:voices", (document.pk, *feedback), lambda _: voices_counted(document)),
        ],
        seconds=PARTS_SECONDS,
    )
    parts, voices = kept["documents:page"], kept["documents:voices"]
    # Every version (the page says how many), the latest being the current one, kept
    # without the whole text: the page shows the paragraphs (the text is read only to
    # show a translation).
    versions = parts["versions"]
    current = versions[-1]
    shown = current
    if "version" in request.GET:
        try:
            asked = int(request.GET["version"])
        except ValueError:
            raise Http404("No such version.") from None
        shown = next((version for version in versions if version.number == asked), None)
        if shown is None:
            raise Http404("No such version.")
    # Its title, purpose and text in the reader's language where a member translated
    # them, read in one query.
    translated, text_translated = shown_list(
        [document, shown],
        person=request.user,
        original=request.GET.get("original") == "1",
    )
    # Who may translate is who takes part, already known (saves asking again).
    translated.may_translate = text_translated.may_translate = reading.is_member
    text_whole, text_html = _text_html(request, document, shown, text_translated, feedback)
    return render(
        request,
        "documents/detail.html",
        _context(
            request,
            reading,
            version=shown,
            current=current,
            is_current=shown.pk == current.pk,
            text_html=text_html,
            voices=voices,
            # Made by a template, which escapes.
            answered_html=mark_safe(parts["answered_html"]),  # noqa: S308
            authors=parts["authors"],
            versions=versions,
            question_count=parts["question_count"],
            reports_waiting=(
                CommentReport.objects.filter(
                    comment__document=document, dealt_with_at__isnull=True
                ).count()
                if reading.is_member
                else 0
            ),
            document=translated.obj,
            translated=translated,
            text_translated=text_translated if text_translated.translation else None,
            text_whole=text_whole,
            text_translations_url=reverse(
                "translations:object", args=["documents-version", shown.pk]
            ),
            link=request.build_absolute_uri(reverse("documents:join", args=[document.link_token]))
            if document.open_to_link and reading.is_member
            else "",
        ),
    )


def _paragraph_page(
    request: HttpRequest,
    reading: Reading,
    paragraph: Paragraph,
    *,
    comment_form: CommentForm | None = None,
    amendment_form: AmendmentForm | None = None,
    outdated: Any = None,
    status: int = 200,
) -> HttpResponse:
    document = reading.document
    current_version = services.current_version(document)
    current = current_version.paragraphs.filter(lineage=paragraph.lineage).first()
    with_people = Comment.objects.select_related("author", "hidden_by", "paragraph__version")
    comments = page_or_404(
        request,
        with_people.filter(document=document, lineage=paragraph.lineage, reply_to=None)
        .defer(*LARGE)
        .order_by("created_at", "pk")
        .prefetch_related(
            Prefetch("replies", queryset=with_people.defer(*LARGE).order_by("created_at", "pk"))
        ),
        COMMENTS_PER_PAGE,
    )
    supported = set(
        Comment.objects.filter(
            document=document, lineage=paragraph.lineage, supports__person=request.user
        ).values_list("pk", flat=True)
    )
    amendments = list(
        Amendment.objects.filter(document=document, lineage=paragraph.lineage)
        .select_related("proposed_by", "answered_by", "paragraph__version", "published_in")
        .defer(*LARGE, "published_in__text")
        .order_by("-proposed_at", "-pk")
    )
    for amendment in amendments:
        amendment.diff = texts.word_diff(amendment.base_text, amendment.text)
        amendment.outdated = current is None or current.text != amendment.base_text
    return render(
        request,
        "documents/paragraph.html",
        _context(
            request,
            reading,
            paragraph=paragraph,
            current=current,
            current_version=current_version,
            comments=comments,
            supported=supported,
            amendments=amendments,
            comment_form=comment_form or CommentForm(prefix="comment"),
            amendment_form=amendment_form
            or AmendmentForm(prefix="amend", initial={"text": paragraph.text}),
            outdated=outdated,
            outdated_diff=texts.word_diff(paragraph.text, outdated.text) if outdated else "",
            form=(comment_form if comment_form and comment_form.errors else amendment_form),
        ),
        status=status,
    )


@login_required
@require_safe
def paragraph(request: HttpRequest, pk: int, paragraph_pk: int) -> HttpResponse:
    reading = document_for_reader(request.user, pk)
    return _paragraph_page(request, reading, paragraph_in(reading.document, paragraph_pk))


@login_required
@require_POST
def comment(request: HttpRequest, pk: int, paragraph_pk: int) -> HttpResponse:
    reading = document_for_reader(request.user, pk)
    block = paragraph_in(reading.document, paragraph_pk)
    form = CommentForm(request.POST, prefix="comment")
    if form.is_valid():
        reply_to = None
        if form.cleaned_data["reply_to"]:
            reply_to = comment_in(reading.document, form.cleaned_data["reply_to"])
        try:
            services.comment_add(
                paragraph=block,
                author=request.user,
                text=form.cleaned_data["text"],
                reply_to=reply_to,
            )
        except services.DocumentError as error:
            form.add_error("text", error.messages[0])
        else:
            messages.success(request, _("Thank you. Your comment is there for everyone to read."))
            return redirect(reverse("documents:paragraph", args=[pk, block.pk]) + "#comments")
    return _paragraph_page(request, reading, block, comment_form=form, status=400)


@login_required
@require_POST
def amend(request: HttpRequest, pk: int, paragraph_pk: int) -> HttpResponse:
    reading = document_for_reader(request.user, pk)
    block = paragraph_in(reading.document, paragraph_pk)
    form = AmendmentForm(request.POST, prefix="amend")
    outdated = None
    if form.is_valid():
        try:
            amendment = services.amendment_propose(
                paragraph=block,
                person=request.user,
                text=form.cleaned_data["text"],
                reason=form.cleaned_data["reason"],
            )
        except services.AmendmentOutdated as error:
            form.add_error("text", error.messages[0])
            outdated = error.current or Paragraph(text="", html="")
        except services.DocumentError as error:
            field = error.code if error.code in ("text", "reason") else "text"
            form.add_error(field, error.messages[0])
        else:
            messages.success(request, _("Amendment proposed. The authors will answer it."))
            return redirect("documents:amendment", pk, amendment.pk)
    return _paragraph_page(
        request, reading, block, amendment_form=form, outdated=outdated, status=400
    )


@login_required
@require_POST
def support(request: HttpRequest, pk: int, comment_pk: int) -> HttpResponse:
    reading = document_for_reader(request.user, pk)
    target = comment_in(reading.document, comment_pk)
    choice = request.POST.get("support")
    if choice not in ("yes", "no"):
        messages.error(request, _("Choose to support the comment or take your support back."))
    else:
        try:
            services.comment_support(comment=target, person=request.user, support=choice == "yes")
        except services.DocumentError as error:
            messages.error(request, error.messages[0])
    return redirect(
        reverse("documents:paragraph", args=[pk, target.paragraph_id]) + f"#comment-{target.pk}"
    )


@login_required
@GET_AND_POST
def report(request: HttpRequest, pk: int, comment_pk: int) -> HttpResponse:
    reading = document_for_reader(request.user, pk)
    target = comment_in(reading.document, comment_pk)
    form = ReportForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            services.MODERATION.report(
                comment=target, person=request.user, reason=form.cleaned_data["reason"]
            )
        except ValidationError as error:
            form.add_error("reason", error.messages[0])
        else:
            messages.success(request, _("Thank you. Members will look at the comment."))
            return redirect("documents:paragraph", pk, target.paragraph_id)
    return render(
        request,
        "documents/report.html",
        _context(request, reading, comment=target, form=form),
        status=400 if form.errors else 200,
    )


@login_required
@GET_AND_POST
def moderate(request: HttpRequest, pk: int) -> HttpResponse:
    """Reported comments, for members to hide or keep, and hidden ones to restore."""
    reading = document_for_member(request.user, pk)
    document = reading.document
    form = ModerateForm(posted(request))
    if request.method == "POST" and form.is_valid():
        target = comment_in(document, form.cleaned_data["comment"])
        decision = form.cleaned_data["decision"]
        try:
            services.MODERATION.moderate(
                comment=target,
                actor=request.user,
                decision=decision,
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as error:
            form.add_error("reason", error.messages[0])
        else:
            messages.success(request, MODERATED[decision])
            return redirect("documents:moderate", pk)
    reported = list(
        Comment.objects.filter(document=document, reports__dealt_with_at__isnull=True)
        .distinct()
        .select_related("author")
        .prefetch_related(
            Prefetch("reports", queryset=CommentReport.objects.filter(dealt_with_at__isnull=True))
        )
    )
    hidden = (
        Comment.objects.filter(document=document, hidden_at__isnull=False)
        .select_related("author", "hidden_by")
        .order_by("-hidden_at", "-pk")[:HIDDEN_SHOWN]
    )
    return render(
        request,
        "documents/moderate.html",
        _context(request, reading, reported=reported, hidden=hidden, form=form),
        status=400 if form.errors else 200,
    )


# Amendments


@login_required
@GET_AND_POST
def amendment(request: HttpRequest, pk: int, amendment_pk: int) -> HttpResponse:
    """One amendment: its difference, its reason and its answer; authors answer it."""
    reading = document_for_reader(request.user, pk)
    document = reading.document
    target = amendment_in(document, amendment_pk)
    form = AnswerAmendmentForm(posted(request))
    if request.method == "POST":
        if not reading.is_author:
            raise PermissionDenied(_("Only the document's authors answer amendments."))
        if form.is_valid():
            accept = form.cleaned_data["answer"] == "accept"
            try:
                services.amendment_answer(
                    amendment=target,
                    actor=request.user,
                    accept=accept,
                    reason=form.cleaned_data["reason"],
                )
            except services.DocumentError as error:
                form.add_error(None, error.messages[0])
            else:
                messages.success(
                    request,
                    _("Amendment accepted: it goes into the next version.")
                    if accept
                    else _("Amendment declined. Your reason is there for everyone to read."),
                )
                return redirect("documents:amendment", pk, target.pk)
    current = services.current_version(document).paragraphs.filter(lineage=target.lineage).first()
    return render(
        request,
        "documents/amendment.html",
        _context(
            request,
            reading,
            amendment=target,
            diff=texts.word_diff(target.base_text, target.text),
            current=current,
            outdated=current is None or current.text != target.base_text,
            form=form,
        ),
        status=400 if form.errors else 200,
    )


# Questions


@login_required
@GET_AND_POST
def answers(request: HttpRequest, pk: int) -> HttpResponse:
    reading = document_for_reader(request.user, pk)
    document = reading.document
    questions = list(document.questions.all())
    if not questions:
        raise Http404("This document asks no questions.")
    mine = {
        a.question_id: a.text
        for a in Answer.objects.filter(question__document=document, person=request.user)
    }
    form = answers_form(questions, posted(request), initial={f"q{q}": t for q, t in mine.items()})
    if request.method == "POST" and form.is_valid():
        given = [(q, form.cleaned_data[f"q{q.pk}"].strip()) for q in questions]
        given = [(q, t) for q, t in given if t]
        if not given:
            form.add_error(None, _("Write an answer to at least one question."))
        else:
            try:
                for question, answer_text in given:
                    services.answer_give(question=question, person=request.user, text=answer_text)
            except services.DocumentError as error:
                form.add_error(None, error.messages[0])
            else:
                messages.success(request, _("Thank you. Your answers are saved."))
                return redirect(document)
    everyone = (
        Answer.objects.filter(question__document=document)
        .select_related("person")
        .order_by("question__position", "answered_at", "pk")
    )
    by_question: dict[int, list[Answer]] = {}
    for given_answer in everyone:
        by_question.setdefault(given_answer.question_id, []).append(given_answer)
    for question in questions:
        question.given = by_question.get(question.pk, [])
    return render(
        request,
        "documents/answers.html",
        _context(request, reading, form=form, questions=questions),
        status=400 if form.errors else 200,
    )


# The pen, versions and comparing


@login_required
@require_POST
def pen(request: HttpRequest, pk: int) -> HttpResponse:
    reading = document_for_member(request.user, pk)
    choice = request.POST.get("pen")
    if choice == "down":
        services.pen_put_down(document=reading.document, person=request.user)
        messages.success(request, _("You have put the pen down."))
    elif choice == "take":
        services.pen_take(document=reading.document, person=request.user)
        messages.success(request, _("You hold the pen: you can answer amendments and publish."))
    else:
        messages.error(request, _("Choose to take the pen or put it down."))
    return redirect(reading.document)


@login_required
@GET_AND_POST
def publish(request: HttpRequest, pk: int) -> HttpResponse:
    reading = document_for_member(request.user, pk)
    document = reading.document
    if not reading.is_author:
        raise PermissionDenied(_("Take the pen to publish a new version."))
    current = services.current_version(document)
    form = PublishForm(
        posted(request),
        initial={"based_on": current.number, "text": services.draft_with_accepted(document)},
    )
    newer = None
    if request.method == "POST" and form.is_valid():
        try:
            version = services.version_publish(
                document=document,
                actor=request.user,
                text=form.cleaned_data["text"],
                note=form.cleaned_data["note"],
                based_on=form.cleaned_data["based_on"],
            )
        except services.DocumentError as error:
            field = error.code if error.code in ("text", "note") else None
            form.add_error(field, error.messages[0])
            if error.code == "stale":
                newer = texts.version_diff(form.cleaned_data["text"], current.text)
        else:
            messages.success(
                request, _("Version %(number)s published.") % {"number": version.number}
            )
            return redirect(document)
    waiting = list(
        document.amendments.filter(
            status=AmendmentStatus.ACCEPTED, published_in__isnull=True
        ).select_related("proposed_by")
    )
    return render(
        request,
        "documents/publish.html",
        _context(request, reading, form=form, current=current, waiting=waiting, newer=newer),
        status=400 if form.errors else 200,
    )


@login_required
@require_safe
def versions(request: HttpRequest, pk: int) -> HttpResponse:
    """Every version, and the document's history of answers and adoption."""
    reading = document_for_reader(request.user, pk)
    history = list(
        Change.objects.filter(subject_type="document", subject_id=reading.document.pk)
        .select_related("actor")
        .order_by("-at", "-pk")[:200]
    )
    return render(
        request,
        "documents/versions.html",
        _context(
            request,
            reading,
            versions=list(
                reading.document.versions.select_related("published_by").order_by("-number")
            ),
            history=history,
        ),
    )


@login_required
@require_safe
def compare(request: HttpRequest, pk: int) -> HttpResponse:
    """Any two versions compared, paragraph by paragraph and word by word."""
    reading = document_for_reader(request.user, pk)
    document = reading.document
    numbers = list(document.versions.order_by("number").values_list("number", flat=True))
    start = request.GET.get("from") or (numbers[-2] if len(numbers) > 1 else numbers[-1])
    end = request.GET.get("to") or numbers[-1]
    before, after = _version_or_404(document, start), _version_or_404(document, end)
    changes = texts.version_diff(before.text, after.text)
    return render(
        request,
        "documents/compare.html",
        _context(
            request,
            reading,
            numbers=numbers,
            before=before,
            after=after,
            changes=changes,
            changed=sum(1 for c in changes if c.kind != "same"),
        ),
    )


# Adoption


@login_required
@GET_AND_POST
def adopt(request: HttpRequest, pk: int) -> HttpResponse:
    """An author opens the decision to adopt the current version."""
    reading = document_for_member(request.user, pk)
    document = reading.document
    if not reading.is_author:
        raise PermissionDenied(_("Take the pen to ask everyone to adopt the document."))
    minimum = document.place.collective.minimum_decision_days
    form = AdoptionForm(
        posted(request),
        initial={"closes_on": timezone.localdate() + timezone.timedelta(days=max(minimum, 7))},
    )
    if request.method == "POST" and form.is_valid():
        try:
            decision = services.adoption_open(
                document=document,
                actor=request.user,
                method=form.cleaned_data["method"],
                closes_at=form.closes_at(),
            )
        except (services.DocumentError, DecisionError) as error:
            form.add_error("closes_on" if error.code == "too_short" else None, error.messages[0])
        else:
            messages.success(request, _("The decision is open. Everyone can respond now."))
            return redirect("decisions:detail", decision.pk)
    return render(
        request,
        "documents/adopt.html",
        _context(request, reading, form=form, current=services.current_version(document)),
        status=400 if form.errors else 200,
    )


# Export


def _export(request: HttpRequest, pk: int, kind: str, label: str) -> HttpResponse:
    """A download of the document, prepared in the background (documents/background.py):
    a long document with its comments takes longer to lay out than a request may."""
    document = document_for_reader(request.user, pk).document
    return job_views.start(
        request,
        kind=kind,
        params={"document": pk},
        label=label % {"title": document.title},
        back_url=document.get_absolute_url(),
        back_text=_("Back to the document"),
        place=document.place,
    )


@login_required
@require_http_methods(["GET", "POST"])
def export_html(request: HttpRequest, pk: int) -> HttpResponse:
    return _export(request, pk, DOCUMENT_HTML, _("%(title)s to read offline (HTML)"))


@login_required
@require_http_methods(["GET", "POST"])
def export_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    return _export(request, pk, DOCUMENT_PDF, _("%(title)s as PDF"))


@login_required
@require_http_methods(["GET", "POST"])
def export_csv(request: HttpRequest, pk: int) -> HttpResponse:
    return _export(request, pk, DOCUMENT_CSV, _("The feedback on %(title)s (CSV)"))
