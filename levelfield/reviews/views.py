"""Pages for a collective's review group, researchers' requests and the group's work.

The group is a group place (its home is `places:group`, where people join it); these
pages are its reviews. Every page starts with `access.py`: someone who may not see a
request gets a 404. Changes are POSTs that call one service; a refused change says why
and keeps what was typed.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from levelfield.collectives import roles
from levelfield.lib.forms import posted, posted_files
from levelfield.lib.paging import page_or_404
from levelfield.places.access import collective_place
from levelfield.places.models import PlaceKind
from levelfield.projects.models import Stage
from levelfield.reviews import access, display, services
from levelfield.reviews.forms import (
    CommentForm,
    GroupForm,
    ImpactForm,
    ReportBackForm,
    RequestForm,
    ResponseForm,
    ReviewForm,
)
from levelfield.reviews.models import (
    OPEN,
    ReportBack,
    Response,
    Review,
    ReviewGroup,
    ReviewRequest,
    Status,
)


def _error(request: HttpRequest, error: ValidationError) -> None:
    messages.error(request, error.messages[0])


# The group


@login_required
@require_safe
def place_reviews(request: HttpRequest, place_pk: int) -> HttpResponse:
    """The research partners group's reviews: who is in it and their load, what it has
    done and (for its members) the queue. Reached from the collective, the group's own
    page (its home) or any place in the collective."""
    place, review_group = access.place_reviews(request.user, place_pk)
    collective = place.collective
    # On the collective's own page, the membership `place_reviews` read says whether the
    # reader holds the coordinator job there; elsewhere the collective is asked.
    set_up = roles.Action.SET_UP_REVIEW_GROUP
    if place.kind == PlaceKind.COLLECTIVE:
        coordinator = roles.may_as_member(
            request.user,
            set_up,
            collective,
            coordinator=place.viewer_coordinator_since is not None,
        )
    else:
        coordinator = roles.may(request.user, set_up, collective)
    context = {
        "place": place,
        "collective": collective,
        "group": review_group,
        "coordinator": coordinator,
        "set_up_place_pk": (
            place.pk if place.kind == PlaceKind.COLLECTIVE else collective_place(collective.pk).pk
        )
        if coordinator
        else None,
    }
    if review_group is not None:
        # A member of the group's own place is in the group: no need to ask again.
        is_member = place.pk == review_group.place_id or review_group.has_member(request.user)
        figures = display.group_figures(review_group)
        page = page_or_404(
            request,
            display.member_rows(review_group),
            display.MEMBERS_PER_PAGE,
            count=review_group.place.member_count,
        )
        members = [
            {"name": name or email.split("@")[0], "load": figures.loads.get(pk, 0)}
            for pk, name, email in page
        ]
        queue = []
        done = []
        if is_member:
            queue = [display.QueueItem(*row) for row in figures.queue]
            mine = set(
                Review.objects.filter(
                    request__in=[item.pk for item in queue], reviewer=request.user
                ).values_list("request_id", flat=True)
            )
            names = display.researcher_names({item.researcher_id for item in queue})
            # Each stage's words once, not `get_stage_display` (every label) per row.
            stages = {value: str(label) for value, label in Stage.choices}
            for item in queue:
                item.researcher_name = names.get(item.researcher_id, "")
                item.stage_label = stages.get(item.stage, item.stage)
                item.mine = item.pk in mine
            done = [display.DoneItem(*row) for row in figures.done]
        context.update(
            is_member=is_member,
            members=members,
            page=page,
            queue=queue,
            done=done,
            counts=figures.counts,
            form_url=request.build_absolute_uri(reverse("reviews:ask", args=[collective.slug])),
        )
    return render(request, "reviews/group.html", context)


@login_required
def group_set_up(request: HttpRequest, place_pk: int) -> HttpResponse:
    """The coordinator sets up (or changes) the group and its request form, from the
    collective's own place."""
    place = access.collective_place_for_coordinator(request.user, place_pk)
    collective = place.collective
    review_group = (
        ReviewGroup.objects.select_related("place").filter(collective=collective).first()
    )
    initial = {}
    if review_group is not None:
        initial = {
            field: getattr(review_group, field)
            for field in (
                "name",
                "about",
                "form_guidance",
                "report_back_days",
                "accepting_requests",
            )
        }
    form = GroupForm(posted(request), initial=initial)
    if request.method == "POST" and form.is_valid():
        review_group = services.group_set_up(
            collective=collective, actor=request.user, **form.cleaned_data
        )
        messages.success(request, _("The research partners group and its request form are saved."))
        return redirect("reviews:place", place_pk=place.pk)
    return render(
        request,
        "reviews/set_up.html",
        {"place": place, "collective": collective, "group": review_group, "form": form},
    )


@login_required
def group_leave(request: HttpRequest, place_pk: int) -> HttpResponse:
    """Leave the group, after saying which reviews not yet sent go back to the queue."""
    review_group = access.group_for_member(request.user, place_pk)
    if request.method == "POST":
        services.group_leave(group=review_group, person=request.user)
        messages.success(request, _("You left the %(name)s.") % {"name": review_group.name})
        return redirect("places:group", pk=review_group.place_id)
    unsent = list(
        ReviewRequest.objects.filter(
            group=review_group,
            status__in=OPEN,
            reviews__reviewer=request.user,
            reviews__submitted_at__isnull=True,
        ).order_by("deadline", "pk")
    )
    return render(
        request,
        "reviews/leave.html",
        {"group": review_group, "place": review_group.place, "unsent": unsent},
    )


# Researchers


@login_required
def request_new(request: HttpRequest, slug: str) -> HttpResponse:
    """The group's request form, for anyone signed in while the group takes requests."""
    review_group = access.group_for_researcher(request.user, slug)
    form = RequestForm(posted(request), posted_files(request))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        details = services.RequestDetails(
            project_title=data["project_title"],
            project_summary=data["project_summary"],
            stage=data["stage"],
            involvement_plan=data["involvement_plan"],
            questions=data["questions"],
            deadline=data["deadline"],
            organisation=data["organisation"],
        )
        try:
            review_request = services.request_submit(
                group=review_group,
                researcher=request.user,
                details=details,
                uploads=data["documents"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                _(
                    "Thank you. The %(name)s has your request and will respond by "
                    "the date you gave."
                )
                % {"name": review_group.name},
            )
            return redirect("reviews:request", pk=review_request.pk)
    return render(request, "reviews/request_new.html", {"group": review_group, "form": form})


@login_required
@require_safe
def my_requests(request: HttpRequest) -> HttpResponse:
    """The requests the signed-in researcher has sent, and what they are waiting for."""
    mine = (
        ReviewRequest.objects.of_researcher(request.user)
        .select_related("group__collective", "group__place")
        .order_by("-submitted_at", "-pk")
    )
    return render(request, "reviews/mine.html", {"requests": list(mine)})


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def request_withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    """Withdrawing tells the reviewers their work is no longer wanted and cannot be undone,
    so it asks to confirm on its own page first."""
    review_request = access.request_for_researcher(request.user, pk)
    if request.method != "POST":
        back = reverse("reviews:request", args=[pk])
        return render(
            request,
            "confirm.html",
            {
                "caption": review_request.project_title,
                "question": _("Withdraw this review request?"),
                "explanation": _(
                    "The reviewers stop work on it and are told. You cannot undo "
                    "this; you would need to send a new request."
                ),
                "button": _("Yes, withdraw the request"),
                "back_url": back,
                "back_text": _("No, keep it"),
            },
        )
    try:
        services.request_withdraw(review_request=review_request, actor=request.user)
    except ValidationError as error:
        _error(request, error)
    else:
        messages.success(request, _("You withdrew your request."))
    return redirect("reviews:request", pk=pk)


@login_required
def report_back(request: HttpRequest, pk: int) -> HttpResponse:
    """ "You said, we did": the researcher says what changed, and what did not and why."""
    review_request = access.request_for_researcher(request.user, pk)
    if review_request.status != Status.SENT:
        messages.info(request, _("You can report back once the group has sent its response."))
        return redirect("reviews:request", pk=pk)
    form = ReportBackForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            services.report_back(
                review_request=review_request, researcher=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Thank you. The group can now see what you changed."))
            return redirect("reviews:request", pk=pk)
    return render(
        request, "reviews/report_back.html", {"review_request": review_request, "form": form}
    )


# A request


@login_required
@require_safe
def request_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """One page, two views: the researcher sees their request and the sent response;
    group members also see the reviews, the draft and who has agreed it."""
    review_request = access.request_for(request.user, pk)
    return _detail(request, review_request)


def _detail(
    request: HttpRequest,
    review_request: ReviewRequest,
    *,
    comment_form: CommentForm | None = None,
    impact_form: ImpactForm | None = None,
) -> HttpResponse:
    is_member = review_request.viewer_is_member  # read by the access helper
    response = Response.objects.filter(request=review_request).select_related("lead").first()
    report = ReportBack.objects.filter(request=review_request).first()
    context = {
        "review_request": review_request,
        # The group's place, named in the title, for its members (not for the researcher).
        "place": review_request.group.place if is_member else None,
        "is_researcher": review_request.is_researcher(request.user),
        "is_member": is_member,
        "documents": list(review_request.documents.all()),
        "response": response,
        "report": report,
        "form": comment_form or impact_form,
    }
    if is_member:
        reviews = list(review_request.reviews.select_related("reviewer"))
        mine = next((r for r in reviews if r.reviewer_id == request.user.pk), None)
        context.update(
            reviews=reviews,
            mine=mine,
            sent_reviews=[r for r in reviews if r.is_submitted],
            can_sign_up=mine is None and review_request.is_open,
            impact_form=impact_form
            or ImpactForm(
                initial={"impact": report.impact, "impact_notes": report.impact_notes}
                if report
                else None
            ),
        )
        if response is not None:
            context.update(
                comments=list(response.comments.select_related("author")),
                waiting=services.waiting_for(response) if response.version else [],
                agreed_current=response.agreements.filter(
                    person=request.user, version=response.version
                ).exists(),
                is_lead=response.lead_id == request.user.pk,
                mine_sent=mine is not None and mine.is_submitted,
                comment_form=comment_form or CommentForm(),
            )
    return render(request, "reviews/request.html", context)


@login_required
@require_safe
def document(request: HttpRequest, pk: int, document_pk: int) -> FileResponse:
    """A request's document, for its researcher and the group only, as a download."""
    found = access.document_for(request.user, pk, document_pk)
    try:
        handle = found.file.open("rb")
    except FileNotFoundError:
        raise Http404("The file is missing.") from None
    response = FileResponse(
        handle, as_attachment=True, filename=found.original_name, content_type=found.content_type
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_POST
def sign_up(request: HttpRequest, pk: int) -> HttpResponse:
    review_request = access.request_for_group_member(request.user, pk)
    try:
        services.review_sign_up(review_request=review_request, person=request.user)
    except ValidationError as error:
        _error(request, error)
    else:
        messages.success(request, _("Thank you: you are reviewing this request."))
        return redirect("reviews:review", pk=pk)
    return redirect("reviews:request", pk=pk)


def _my_review(request: HttpRequest, pk: int) -> Review:
    review_request = access.request_for_group_member(request.user, pk)
    review = get_object_or_404(
        Review.objects.select_related("request__group__collective"),
        request=review_request,
        reviewer=request.user,
    )
    review.request = review_request
    return review


@login_required
@require_POST
def step_back(request: HttpRequest, pk: int) -> HttpResponse:
    review = _my_review(request, pk)
    try:
        services.review_step_back(review=review, person=request.user)
    except ValidationError as error:
        _error(request, error)
    else:
        messages.success(request, _("You stepped back; the request is back in the queue."))
    return redirect("reviews:request", pk=pk)


@login_required
def review(request: HttpRequest, pk: int) -> HttpResponse:
    """A reviewer's answers: saved as a draft, or sent (with their time) to the group."""
    my_review = _my_review(request, pk)
    if my_review.is_submitted:
        messages.info(request, _("You have sent your review."))
        return redirect("reviews:request", pk=pk)
    sending = request.method == "POST" and "send" in request.POST
    initial = {name: getattr(my_review, name) for name in ReviewForm.ANSWERS}
    initial["minutes"] = my_review.minutes
    form = ReviewForm(posted(request), initial=initial, sending=sending)
    if request.method == "POST" and form.is_valid():
        try:
            services.review_save(
                review=my_review,
                person=request.user,
                answers=form.answers(),
                minutes=form.cleaned_data["minutes"],
                send=sending,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            if sending:
                messages.success(
                    request,
                    _(
                        "Thank you: your review is with the group and your time is in the "
                        "involvement log, ready to claim."
                    ),
                )
                return redirect("reviews:request", pk=pk)
            messages.success(request, _("Your answers are saved. Send them when you are ready."))
            return redirect("reviews:review", pk=pk)
    context = {
        "review_request": my_review.request,
        "place": my_review.request.group.place,
        "form": form,
    }
    return render(request, "reviews/review.html", context)


# The response


@login_required
@require_POST
def lead(request: HttpRequest, pk: int) -> HttpResponse:
    review_request = access.request_for_group_member(request.user, pk)
    try:
        services.response_lead(review_request=review_request, person=request.user)
    except ValidationError as error:
        _error(request, error)
        return redirect("reviews:request", pk=pk)
    messages.success(request, _("Thank you: you lead the group’s response. Draft it here."))
    return redirect("reviews:response", pk=pk)


def _response(request: HttpRequest, pk: int) -> Response:
    review_request = access.request_for_group_member(request.user, pk)
    response = get_object_or_404(Response.objects.select_related("lead"), request=review_request)
    response.request = review_request
    return response


@login_required
def response_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """The lead drafts the response; each saved version is shared for agreement."""
    response = _response(request, pk)
    if response.lead_id != request.user.pk:
        raise PermissionDenied("Only the reviewer leading the response drafts it.")
    if response.request.status != Status.DRAFTING:
        messages.info(request, _("The response has been sent."))
        return redirect("reviews:request", pk=pk)
    form = ResponseForm(posted(request), initial={"text": response.text})
    if request.method == "POST" and form.is_valid():
        try:
            services.response_draft(
                response=response,
                person=request.user,
                text=form.cleaned_data["text"],
                minutes=form.cleaned_data["minutes"],
            )
        except ValidationError as error:
            form.add_error("minutes", error)
        else:
            messages.success(request, _("Draft saved. The other reviewers can read and agree it."))
            return redirect("reviews:request", pk=pk)
    context = {
        "review_request": response.request,
        "place": response.request.group.place,
        "response": response,
        "form": form,
        "sent_reviews": list(
            response.request.reviews.filter(submitted_at__isnull=False).select_related("reviewer")
        ),
    }
    return render(request, "reviews/response.html", context)


@login_required
@require_POST
def response_comment(request: HttpRequest, pk: int) -> HttpResponse:
    response = _response(request, pk)
    form = CommentForm(request.POST)
    if form.is_valid():
        try:
            services.response_comment(
                response=response, person=request.user, text=form.cleaned_data["text"]
            )
        except ValidationError as error:
            _error(request, error)
        else:
            messages.success(request, _("Your comment is added."))
    else:
        return _detail(request, response.request, comment_form=form)
    return redirect("reviews:request", pk=pk)


@login_required
@require_POST
def response_agree(request: HttpRequest, pk: int) -> HttpResponse:
    response = _response(request, pk)
    try:
        services.response_agree(response=response, person=request.user)
    except (ValidationError, PermissionDenied) as error:
        messages.error(request, getattr(error, "messages", [str(error)])[0])
    else:
        messages.success(request, _("You agreed this version of the response."))
    return redirect("reviews:request", pk=pk)


@login_required
@require_POST
def response_send(request: HttpRequest, pk: int) -> HttpResponse:
    response = _response(request, pk)
    try:
        services.response_send(response=response, person=request.user)
    except ValidationError as error:
        _error(request, error)
    else:
        messages.success(request, _("The response is sent to the researcher."))
    return redirect("reviews:request", pk=pk)


@login_required
@require_POST
def impact(request: HttpRequest, pk: int) -> HttpResponse:
    review_request = access.request_for_group_member(request.user, pk)
    form = ImpactForm(request.POST)
    if not form.is_valid():
        return _detail(request, review_request, impact_form=form)
    try:
        services.impact_record(
            review_request=review_request,
            person=request.user,
            impact=form.cleaned_data["impact"],
            notes=form.cleaned_data["impact_notes"],
        )
    except ValidationError as error:
        _error(request, error)
    else:
        messages.success(request, _("The impact is recorded."))
    return redirect("reviews:request", pk=pk)
