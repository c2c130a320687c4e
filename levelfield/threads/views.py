"""Pages for threads and updates in a place: the list (with search), starting a thread
or sending an update (after confirming), a thread with its replies a page at a time,
replying, reactions, editing with the history kept, removing one's own reply, marking
read, pinning, closing, and making the thread a decision or a document.

Every page starts with `place_for_member` (through access.py), so people outside the
place get a 404. No page writes when opened (see services.thread_mark_read).
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import OuterRef, Q, Subquery
from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import get_token
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from levelfield.lib.forms import posted
from levelfield.lib.paging import page_or_404
from levelfield.places.access import place_for_member, place_member_ids
from levelfield.threads import display, services
from levelfield.threads.access import post_in, thread_for_member
from levelfield.threads.forms import (
    EditForm,
    ReactionForm,
    ReplyForm,
    SearchForm,
    ThreadForm,
    UpdateForm,
)
from levelfield.threads.models import Post, ReadMark, Thread, ThreadKind

GET_AND_POST = require_http_methods(["GET", "HEAD", "POST"])
THREADS_PER_PAGE = 25


def _error_to_form(form: Any, error: ValidationError) -> None:
    field = error.code if error.code in form.fields else None
    form.add_error(field, error.messages[0])


# The list


@login_required
@require_safe
def thread_list(request: HttpRequest, place_pk: int) -> HttpResponse:
    """A place's threads and updates, pinned first then the latest, with how many posts
    each has that the person has not read; or those matching a search."""
    place = place_for_member(request.user, place_pk)
    search = SearchForm(request.GET)
    read_count = ReadMark.objects.filter(thread=OuterRef("pk"), person=request.user).values(
        "read_count"
    )[:1]
    threads = (
        Thread.objects.in_place(place)
        .select_related("author")
        .annotate(read_count=Subquery(read_count))
    )
    query = ""
    if search.is_valid() and search.cleaned_data["q"].strip():
        query = search.cleaned_data["q"].strip()
        threads = services.thread_search(threads, query)
    else:
        threads = threads.in_list_order()
    page = page_or_404(request, threads, THREADS_PER_PAGE)
    for thread in page.object_list:
        thread.unread = thread.post_count - (thread.read_count or 0)
    display.thread_rows_html(place, page.object_list)
    return render(
        request,
        "threads/list.html",
        {
            "place": place,
            "page": page,
            "threads": page.object_list,
            "search": search,
            "query": query,
        },
    )


# Starting


@login_required
@GET_AND_POST
def thread_create(request: HttpRequest, place_pk: int) -> HttpResponse:
    place = place_for_member(request.user, place_pk)
    form = ThreadForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            thread = services.thread_start(
                place=place,
                author=request.user,
                title=form.cleaned_data["title"],
                body=form.cleaned_data["body"],
            )
        except services.ThreadError as error:
            _error_to_form(form, error)
        else:
            messages.success(request, _("Thread started."))
            return redirect(thread)
    status = 400 if form.errors else 200
    return render(request, "threads/create.html", {"place": place, "form": form}, status=status)


@login_required
@GET_AND_POST
def update_create(request: HttpRequest, place_pk: int) -> HttpResponse:
    """Write an update; sending it to everyone asks to confirm on its own page first
    (it cannot be unsent). The sending is one background job, so this returns at once."""
    place = place_for_member(request.user, place_pk)
    form = UpdateForm(posted(request))
    if request.method == "POST" and form.is_valid():
        if request.POST.get("confirmed") != "yes":
            others = place_member_ids(place).exclude(person_id=request.user.pk).count()
            return render(
                request,
                "confirm.html",
                {
                    "caption": place.name,
                    "question": _("Send “%(title)s” to everyone?")
                    % {"title": form.cleaned_data["title"]},
                    "explanation": ngettext(
                        "The whole update goes by email to %(count)s person in %(place)s "
                        "(as each chose in their email settings) and shows on their home "
                        "page. Replies go to its thread. You cannot unsend it.",
                        "The whole update goes by email to %(count)s people in %(place)s "
                        "(as each chose in their email settings) and shows on their home "
                        "page. Replies go to its thread. You cannot unsend it.",
                        others,
                    )
                    % {"count": f"{others:,}", "place": place.name},
                    "button": _("Yes, send the update"),
                    "back_url": reverse("threads:place_list", args=[place.pk]),
                    "back_text": _("No, do not send it"),
                    "hidden": [
                        ("title", form.cleaned_data["title"]),
                        ("body", form.cleaned_data["body"]),
                        ("confirmed", "yes"),
                    ],
                },
            )
        try:
            thread = services.thread_start(
                place=place,
                author=request.user,
                title=form.cleaned_data["title"],
                body=form.cleaned_data["body"],
                kind=ThreadKind.UPDATE,
            )
        except services.ThreadError as error:
            _error_to_form(form, error)
        else:
            messages.success(request, _("Update sent. Everyone in this place will get it."))
            return redirect(thread)
    status = 400 if form.errors else 200
    return render(request, "threads/update.html", {"place": place, "form": form}, status=status)


# A thread


def _reply_page(thread: Thread, post: Post) -> int:
    """The page of the thread on which `post` (or its top-level reply) is shown."""
    top = post if post.parent_id is None else Post.objects.get(pk=post.parent_id)
    if top.is_opening:
        return 1
    before = (
        thread.posts.filter(parent__isnull=True, is_opening=False)
        .filter(Q(created_at__lt=top.created_at) | Q(created_at=top.created_at, pk__lt=top.pk))
        .count()
    )
    return before // display.REPLIES_PER_PAGE + 1


def post_url(thread: Thread, post: Post) -> str:
    page = _reply_page(thread, post)
    url = reverse("threads:detail", args=[thread.place_id, thread.pk])
    query = f"?page={page}" if page > 1 else ""
    return f"{url}{query}#post-{post.pk}"


def _detail(
    request: HttpRequest, thread: Thread, *, reply_form: ReplyForm | None = None, status: int = 200
) -> HttpResponse:
    page, opening, top = display.thread_page(request, thread, thread.read_at)
    token = get_token(request)
    reply_url = reverse("threads:reply", args=[thread.place_id, thread.pk])
    display.posts_html(token, thread, opening, top, reply_url)
    unread = thread.post_count - (thread.read_count or 0)
    return render(
        request,
        "threads/detail.html",
        {
            "place": thread.place,
            "thread": thread,
            "opening": opening,
            "page": page,
            "replies": top,
            "reply_url": reply_url,
            "reply_form": reply_form or ReplyForm(),
            "unread": unread,
            # Its author sees how far the sending job has got (one count query).
            "reach": services.update_reach(thread=thread)
            if thread.is_update and thread.author_id == request.user.pk
            else None,
        },
        status=status,
    )


@login_required
@require_safe
def detail(request: HttpRequest, place_pk: int, pk: int) -> HttpResponse:
    thread = thread_for_member(request.user, place_pk, pk, read_mark=True)
    return _detail(request, thread)


@login_required
@require_POST
def reply(request: HttpRequest, place_pk: int, pk: int) -> HttpResponse:
    thread = thread_for_member(request.user, place_pk, pk, read_mark=True)
    form = ReplyForm(request.POST)
    if form.is_valid():
        parent = None
        if form.cleaned_data["parent"]:
            parent = post_in(thread, form.cleaned_data["parent"])
        try:
            post = services.post_reply(
                thread=thread, author=request.user, body=form.cleaned_data["body"], parent=parent
            )
        except services.ThreadError as error:
            _error_to_form(form, error)
        else:
            messages.success(request, _("Reply posted."))
            return redirect(post_url(thread, post))
    return _detail(request, thread, reply_form=form, status=400)


@login_required
@require_POST
def mark_read(request: HttpRequest, place_pk: int, pk: int) -> HttpResponse:
    thread = thread_for_member(request.user, place_pk, pk)
    services.thread_mark_read(thread=thread, person=request.user)
    if request.headers.get("X-Requested-With") == "fetch":
        return HttpResponse(status=204)
    messages.success(request, _("Marked as read."))
    return redirect(thread)


@login_required
@require_POST
def pin(request: HttpRequest, place_pk: int, pk: int) -> HttpResponse:
    thread = thread_for_member(request.user, place_pk, pk)
    pinned = request.POST.get("pinned") == "yes"
    services.thread_pin(thread=thread, person=request.user, pinned=pinned)
    messages.success(
        request, _("Thread pinned to the top of the list.") if pinned else _("Thread unpinned.")
    )
    return redirect(thread)


@login_required
@GET_AND_POST
def close(request: HttpRequest, place_pk: int, pk: int) -> HttpResponse:
    """Closing asks to confirm on its own page; opening again does not."""
    thread = thread_for_member(request.user, place_pk, pk)
    if request.method == "POST" and request.POST.get("closed") in {"yes", "no"}:
        closed = request.POST["closed"] == "yes"
        services.thread_close(thread=thread, person=request.user, closed=closed)
        messages.success(request, _("Thread closed.") if closed else _("Thread opened again."))
        return redirect(thread)
    if thread.is_closed:
        return redirect(thread)
    return render(
        request,
        "confirm.html",
        {
            "caption": thread.title,
            "question": _("Close this thread?"),
            "explanation": _(
                "Nobody can reply once it is closed. Anyone in %(place)s can open it again."
            )
            % {"place": thread.place.name},
            "button": _("Yes, close the thread"),
            "back_url": thread.get_absolute_url(),
            "back_text": _("No, keep it open"),
            "hidden": [("closed", "yes")],
        },
        status=400 if request.method == "POST" else 200,
    )


@login_required
@require_POST
def make_decision(request: HttpRequest, place_pk: int, pk: int) -> HttpResponse:
    thread = thread_for_member(request.user, place_pk, pk)
    had = thread.decision_id
    try:
        decision = services.thread_make_decision(thread=thread, person=request.user)
    except ValidationError as error:
        messages.error(request, error.messages[0])
        return redirect(thread)
    if not had:
        messages.success(
            request,
            _(
                "A proposal is ready to talk through for a week before responses open. "
                "Change its wording and times if you need to."
            ),
        )
    return redirect("decisions:detail", pk=decision.pk)


@login_required
@require_POST
def make_document(request: HttpRequest, place_pk: int, pk: int) -> HttpResponse:
    thread = thread_for_member(request.user, place_pk, pk)
    had = thread.document_id
    try:
        document = services.thread_make_document(thread=thread, person=request.user)
    except ValidationError as error:
        messages.error(request, error.messages[0])
        return redirect(thread)
    if not had:
        messages.success(request, _("Document started from the thread. You hold the pen."))
    return redirect(document)


# A post


@login_required
@require_safe
def post(request: HttpRequest, place_pk: int, pk: int, post_pk: int) -> HttpResponse:
    """A post's permalink (in mention emails and on the home page): the page of the
    thread that holds it, worked out when it is opened, since replies are paged."""
    thread = thread_for_member(request.user, place_pk, pk)
    return redirect(post_url(thread, post_in(thread, post_pk)))


@login_required
@GET_AND_POST
def edit(request: HttpRequest, place_pk: int, pk: int, post_pk: int) -> HttpResponse:
    thread = thread_for_member(request.user, place_pk, pk)
    post = post_in(thread, post_pk)
    form = EditForm(posted(request), initial={"body": post.body})
    if request.method == "POST" and form.is_valid():
        try:
            services.post_edit(post=post, person=request.user, body=form.cleaned_data["body"])
        except services.ThreadError as error:
            _error_to_form(form, error)
        else:
            messages.success(request, _("Post changed. The earlier version is kept."))
            return redirect(post_url(thread, post))
    status = 400 if form.errors else 200
    if post.author_id != request.user.pk or post.is_removed:
        status = 403
    return render(
        request,
        "threads/edit.html",
        {"place": thread.place, "thread": thread, "post": post, "form": form},
        status=status,
    )


@login_required
@GET_AND_POST
def remove(request: HttpRequest, place_pk: int, pk: int, post_pk: int) -> HttpResponse:
    """Removing one's own reply asks to confirm on its own page."""
    thread = thread_for_member(request.user, place_pk, pk)
    post = post_in(thread, post_pk)
    if post.author_id != request.user.pk:
        raise PermissionDenied(_("You can only remove your own replies."))
    if request.method == "POST":
        try:
            services.post_remove(post=post, person=request.user)
        except services.ThreadError as error:
            messages.error(request, error.messages[0])
            return redirect(post_url(thread, post))
        messages.success(request, _("Your reply was removed."))
        return redirect(post_url(thread, post))
    return render(
        request,
        "confirm.html",
        {
            "caption": thread.title,
            "question": _("Remove your reply?"),
            "explanation": _(
                "Its words and earlier versions are deleted. The thread shows "
                "“This reply was removed” in its place, so replies to it still make sense. "
                "You cannot undo this."
            ),
            "button": _("Yes, remove my reply"),
            "back_url": post_url(thread, post),
            "back_text": _("No, keep it"),
        },
    )


@login_required
@require_safe
def history(request: HttpRequest, place_pk: int, pk: int, post_pk: int) -> HttpResponse:
    """Every earlier version of a post, newest first."""
    thread = thread_for_member(request.user, place_pk, pk)
    post = post_in(thread, post_pk)
    page = page_or_404(request, post.revisions.all(), 20)
    for revision in page.object_list:
        revision.html = services.render_body(revision.body)
    return render(
        request,
        "threads/history.html",
        {"place": thread.place, "thread": thread, "post": post, "page": page},
    )


@login_required
@require_POST
def react(request: HttpRequest, place_pk: int, pk: int, post_pk: int) -> HttpResponse:
    thread = thread_for_member(request.user, place_pk, pk)
    post = post_in(thread, post_pk)
    form = ReactionForm(request.POST)
    if not form.is_valid():
        messages.error(request, form.errors["kind"][0])
        return redirect(post_url(thread, post))
    try:
        services.reaction_toggle(post=post, person=request.user, kind=form.cleaned_data["kind"])
    except services.ThreadError as error:
        messages.error(request, error.messages[0])
    return redirect(post_url(thread, post))
