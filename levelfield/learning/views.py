"""Pages for courses, learning and learning circles.

Every page starts with `access.py`: someone outside the collective gets a 404, a
member who does not facilitate a course gets 403 on its facilitators' pages. Marking a
page done is a POST, so opening a page never writes; "carry on" is computed from what
the learner has done.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Avg, Count, Exists, OuterRef, Q
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from levelfield.events.models import Registration
from levelfield.learning import access, progress, services, text
from levelfield.learning.forms import (
    AssignmentForm,
    CircleForm,
    CirclePostForm,
    CircleSessionForm,
    CohortForm,
    CourseEditForm,
    CourseForm,
    EvaluationForm,
    FeedbackForm,
    HandInForm,
    ModuleForm,
    PageForm,
    ReflectionForm,
    ThemesForm,
)
from levelfield.learning.models import (
    Assignment,
    Circle,
    CircleMembership,
    CirclePost,
    Cohort,
    CohortParticipant,
    Course,
    Enrolment,
    EvaluationAnswer,
    HandIn,
    Module,
    Reflection,
)
from levelfield.lib.forms import posted
from levelfield.lib.paging import page_or_404
from levelfield.lib.pdf import pdf_from_html, pdf_view

SHARED_PER_PAGE = 25


def _course_url(course: Course) -> str:
    return reverse("learning:course", args=[course.collective.slug, course.pk])


def _step_url(course: Course, step: progress.Step | None) -> str:
    if step is None:
        return _course_url(course)
    if step.page is None:
        return reverse(
            "learning:reflection", args=[course.collective.slug, course.pk, step.module.pk]
        )
    return reverse("learning:page", args=[course.collective.slug, course.pk, step.page.pk])


# Courses


@login_required
@require_safe
def course_list(request: HttpRequest, slug: str) -> HttpResponse:
    membership = access.learning_membership_for(request.user, slug)
    collective = membership.collective
    mine = Enrolment.objects.filter(course=OuterRef("pk"), person=request.user)
    courses = (
        Course.objects.filter(collective=collective)
        .visible_to(request.user)
        .annotate(
            enrolled=Exists(mine),
            completed=Exists(mine.filter(completed_at__isnull=False)),
            facilitating=Exists(
                Course.facilitators.through.objects.filter(
                    course_id=OuterRef("pk"), user_id=request.user.pk
                )
            ),
        )
    )
    courses = list(courses)
    context = {
        "collective": collective,
        "courses": courses,
        "facilitates": any(course.facilitating for course in courses),
    }
    return render(request, "learning/course_list.html", context)


@login_required
def course_create(request: HttpRequest, slug: str) -> HttpResponse:
    membership = access.learning_membership_for(request.user, slug)
    collective = membership.collective
    form = CourseForm(posted(request))
    if request.method == "POST" and form.is_valid():
        course = services.course_create(
            collective=collective, actor=request.user, **form.cleaned_data
        )
        messages.success(request, _("Your course is started. Add its first module."))
        return redirect(_course_url(course))
    return render(request, "learning/course_form.html", {"collective": collective, "form": form})


@login_required
@require_safe
def course_detail(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    course = access.course_for_member(request.user, slug, pk)
    modules = progress.course_outline(course)
    learner = progress.learner_progress(modules, course.viewer_enrolment)
    circles = list(
        Circle.objects.filter(course=course).annotate(
            viewer_is_member=Exists(
                CircleMembership.objects.filter(circle=OuterRef("pk"), person=request.user)
            )
        )
    )
    context = {
        "collective": course.collective,
        "course": course,
        "enrolment": course.viewer_enrolment,
        "progress": learner,
        "next_url": _step_url(course, learner.next_step),
        "circles": circles,
        "facilitators": list(course.facilitators.all()),
        "cohorts": list(
            Cohort.objects.filter(course=course).annotate(
                viewer_takes_part=Exists(
                    CohortParticipant.objects.filter(
                        cohort=OuterRef("pk"), person=request.user, left_at__isnull=True
                    )
                )
            )
        ),
        "may_start_cohort": access.may_start_cohort(course, request.user),
        "today": timezone.localdate(),
    }
    return render(request, "learning/course_detail.html", context)


@login_required
def course_edit(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    course = access.course_for_facilitator(request.user, slug, pk)
    initial = {
        "title": course.title,
        "summary": course.summary,
        "is_open": course.is_open,
    }
    form = CourseEditForm(posted(request), initial=initial, course=course)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.course_update(
                course=course,
                actor=request.user,
                title=data["title"],
                summary=data["summary"],
                is_open=data["is_open"],
                facilitators=form.members_chosen("facilitators"),
            )
        except ValidationError as error:
            form.add_error("facilitators", error)
        else:
            messages.success(request, _("The course is saved."))
            return redirect(_course_url(course))
    return render(
        request,
        "learning/course_form.html",
        {"collective": course.collective, "course": course, "form": form},
    )


@login_required
@require_POST
def course_enrol(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    course = access.course_for_member(request.user, slug, pk)
    if not course.is_open:
        raise Http404("No such course.")
    enrolment = services.enrolment_create(course=course, person=request.user)
    messages.success(
        request, _("You have started “%(title)s”. We keep your place.") % {"title": course.title}
    )
    modules = progress.course_outline(course)
    return redirect(_step_url(course, progress.learner_progress(modules, enrolment).next_step))


@login_required
@require_safe
@pdf_view
def certificate(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """The learner's certificate of completion (PDF), once they have finished."""
    course = access.course_for_member(request.user, slug, pk)
    enrolment = course.viewer_enrolment
    if enrolment is None or enrolment.completed_at is None:
        raise Http404("No certificate yet.")
    html = render_to_string(
        "learning/certificate.html",
        {
            "person": request.user,
            "course": course,
            "collective": course.collective,
            "completed_on": timezone.localdate(enrolment.completed_at),
            "modules": Module.objects.filter(course=course),
        },
    )
    response = HttpResponse(pdf_from_html(html), content_type="application/pdf")
    response["Content-Disposition"] = 'attachment; filename="levelfield-certificate.pdf"'
    return response


@login_required
@require_safe
def course_progress(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """Facilitators: how learners are doing, in aggregate, and what they chose to share."""
    course = access.course_for_facilitator(request.user, slug, pk)
    modules = progress.course_outline(course)
    shared = page_or_404(request, progress.shared_reflections(course), SHARED_PER_PAGE)
    context = {
        "collective": course.collective,
        "course": course,
        "progress": progress.course_progress(course, modules),
        "shared": shared,
    }
    return render(request, "learning/progress.html", context)


# Modules and pages


@login_required
def module_edit(
    request: HttpRequest, slug: str, pk: int, module_pk: int | None = None
) -> HttpResponse:
    course = access.course_for_facilitator(request.user, slug, pk)
    module = access.module_in(course, module_pk) if module_pk else None
    form = ModuleForm(posted(request), instance=module)
    if request.method == "POST" and form.is_valid():
        fields = {name: form.cleaned_data[name] for name in ModuleForm.Meta.fields}
        module = services.module_save(course=course, actor=request.user, module=module, **fields)
        messages.success(request, _("The module “%(title)s” is saved.") % {"title": module.title})
        return redirect(_course_url(course))
    return render(
        request,
        "learning/module_form.html",
        {"collective": course.collective, "course": course, "module": module, "form": form},
    )


@login_required
def page_edit(
    request: HttpRequest,
    slug: str,
    pk: int,
    module_pk: int | None = None,
    page_pk: int | None = None,
) -> HttpResponse:
    course = access.course_for_facilitator(request.user, slug, pk)
    page = access.page_in(course, page_pk) if page_pk else None
    module = page.module if page else access.module_in(course, module_pk)
    form = PageForm(posted(request), instance=page)
    if request.method == "POST" and form.is_valid():
        fields = {name: form.cleaned_data[name] for name in PageForm.Meta.fields}
        page = services.page_save(module=module, actor=request.user, page=page, **fields)
        messages.success(request, _("The page “%(title)s” is saved.") % {"title": page.title})
        return redirect("learning:page", course.collective.slug, course.pk, page.pk)
    context = {
        "collective": course.collective,
        "course": course,
        "module": module,
        "page": page,
        "form": form,
    }
    return render(request, "learning/page_form.html", context)


@login_required
@require_safe
def page_detail(request: HttpRequest, slug: str, pk: int, page_pk: int) -> HttpResponse:
    course = access.course_for_member(request.user, slug, pk)
    page = access.page_in(course, page_pk)
    modules = progress.course_outline(course)
    before, after = progress.neighbours(modules, page)
    enrolment = course.viewer_enrolment
    done = bool(enrolment) and enrolment.pages_done.filter(page=page).exists()
    context = {
        "collective": course.collective,
        "course": course,
        "module": page.module,
        "page": page,
        "body": text.render(page.body),
        "before": before,
        "after": after,
        "enrolment": enrolment,
        "done": done,
        # From the outline already read (as page_done decides), not another count.
        "last_in_module": after is None or after.module_id != page.module_id,
    }
    return render(request, "learning/page.html", context)


@login_required
@require_POST
def page_done(request: HttpRequest, slug: str, pk: int, page_pk: int) -> HttpResponse:
    """Mark the page done and go on: to the module's question after its last page, to
    the next page otherwise, or back to the course at the end."""
    course = access.course_for_member(request.user, slug, pk)
    page = access.page_in(course, page_pk)
    enrolment = access.enrolment_required(course)
    completed = services.page_mark_done(enrolment=enrolment, page=page)
    if completed:
        messages.success(request, _("You have finished the course. Your certificate is ready."))
        return redirect(_course_url(course))
    modules = progress.course_outline(course)
    _before, after = progress.neighbours(modules, page)
    if page.module.question and (after is None or after.module_id != page.module_id):
        return redirect("learning:reflection", slug, pk, page.module_id)
    if after is not None:
        return redirect("learning:page", slug, pk, after.pk)
    return redirect(_step_url(course, progress.learner_progress(modules, enrolment).next_step))


@login_required
def reflection(request: HttpRequest, slug: str, pk: int, module_pk: int) -> HttpResponse:
    """The learner's private reflection on a module's question."""
    course = access.course_for_member(request.user, slug, pk)
    module = access.module_in(course, module_pk)
    enrolment = access.enrolment_required(course)
    if not module.question:
        raise Http404("This module asks no question.")
    existing = Reflection.objects.filter(enrolment=enrolment, module=module).first()
    initial = (
        {"text": existing.text, "shared_with_facilitators": existing.shared_with_facilitators}
        if existing
        else {}
    )
    form = ReflectionForm(posted(request), initial=initial)
    if request.method == "POST" and form.is_valid():
        completed = services.reflection_save(
            enrolment=enrolment, module=module, **form.cleaned_data
        )
        if completed:
            messages.success(
                request, _("You have finished the course. Your certificate is ready.")
            )
            return redirect(_course_url(course))
        messages.success(request, _("Your reflection is saved."))
        modules = progress.course_outline(course)
        next_step = progress.learner_progress(modules, enrolment).next_step
        return redirect(_step_url(course, next_step))
    context = {
        "collective": course.collective,
        "course": course,
        "module": module,
        "form": form,
        "existing": existing,
    }
    return render(request, "learning/reflection.html", context)


# Learning circles


@login_required
def circle_create(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    course = access.course_for_facilitator(request.user, slug, pk)
    form = CircleForm(posted(request))
    if request.method == "POST" and form.is_valid():
        circle = services.circle_create(course=course, actor=request.user, **form.cleaned_data)
        messages.success(request, _("The circle “%(name)s” is started.") % {"name": circle.name})
        return redirect(_course_url(course))
    return render(
        request,
        "learning/circle_form.html",
        {"collective": course.collective, "course": course, "form": form},
    )


@login_required
@require_safe
def circle_detail(request: HttpRequest, slug: str, pk: int, circle_pk: int) -> HttpResponse:
    course = access.course_for_member(request.user, slug, pk)
    circle = access.circle_in(course, circle_pk, request.user)
    sessions = list(circle.sessions.select_related("module", "themes_by"))
    posts = CirclePost.objects.filter(session__circle=circle).select_related("person")
    by_session: dict[int, list[CirclePost]] = {}
    for post in posts:
        by_session.setdefault(post.session_id, []).append(post)
    for session in sessions:
        session.circle_posts = by_session.get(session.pk, [])
        session.viewer_posted = any(p.person_id == request.user.pk for p in session.circle_posts)
    context = {
        "collective": course.collective,
        "course": course,
        "circle": circle,
        "sessions": sessions,
        "members": list(circle.members.order_by("display_name", "pk")),
    }
    return render(request, "learning/circle.html", context)


@login_required
@require_POST
def circle_join(request: HttpRequest, slug: str, pk: int, circle_pk: int) -> HttpResponse:
    course = access.course_for_member(request.user, slug, pk)
    circle = access.circle_to_join(course, circle_pk)
    access.enrolment_required(course)
    services.circle_join(circle=circle, person=request.user)
    messages.success(request, _("You joined “%(name)s”.") % {"name": circle.name})
    return redirect("learning:circle", slug, pk, circle.pk)


@login_required
def circle_session_create(
    request: HttpRequest, slug: str, pk: int, circle_pk: int
) -> HttpResponse:
    course = access.course_for_facilitator(request.user, slug, pk)
    circle = access.circle_in(course, circle_pk, request.user)
    form = CircleSessionForm(posted(request), course=course)
    if request.method == "POST" and form.is_valid():
        services.circle_session_create(circle=circle, actor=request.user, **form.cleaned_data)
        messages.success(request, _("The session is added: members can post their reflections."))
        return redirect("learning:circle", slug, pk, circle.pk)
    return render(
        request,
        "learning/session_form.html",
        {"collective": course.collective, "course": course, "circle": circle, "form": form},
    )


@login_required
def circle_post(
    request: HttpRequest, slug: str, pk: int, circle_pk: int, session_pk: int
) -> HttpResponse:
    course = access.course_for_member(request.user, slug, pk)
    circle = access.circle_in(course, circle_pk, request.user)
    if not circle.viewer_is_member:
        raise Http404("Only the circle's members post to it.")
    session = access.session_in(circle, session_pk)
    existing = CirclePost.objects.filter(session=session, person=request.user).first()
    form = CirclePostForm(posted(request), initial={"text": existing.text} if existing else {})
    if request.method == "POST" and form.is_valid():
        services.circle_post_save(session=session, person=request.user, **form.cleaned_data)
        messages.success(request, _("Your reflection is posted to the circle."))
        return redirect("learning:circle", slug, pk, circle.pk)
    context = {
        "collective": course.collective,
        "course": course,
        "circle": circle,
        "session": session,
        "form": form,
    }
    return render(request, "learning/circle_post.html", context)


@login_required
def circle_themes(
    request: HttpRequest, slug: str, pk: int, circle_pk: int, session_pk: int
) -> HttpResponse:
    course = access.course_for_facilitator(request.user, slug, pk)
    circle = access.circle_in(course, circle_pk, request.user)
    session = access.session_in(circle, session_pk)
    form = ThemesForm(posted(request), initial={"themes": session.themes})
    if request.method == "POST" and form.is_valid():
        services.circle_themes_save(session=session, actor=request.user, **form.cleaned_data)
        messages.success(request, _("The themes are shared with the circle."))
        return redirect("learning:circle", slug, pk, circle.pk)
    context = {
        "collective": course.collective,
        "course": course,
        "circle": circle,
        "session": session,
        "posts": list(session.posts.select_related("person")),
        "form": form,
    }
    return render(request, "learning/themes.html", context)


# Cohorts: a course run with dates, assignments and an evaluation.

HAND_INS_PER_PAGE = 50


def _cohort_url(cohort: Cohort) -> str:
    course = cohort.course
    return reverse("learning:cohort", args=[course.collective.slug, course.pk, cohort.pk])


def _assignment_url(assignment: Assignment) -> str:
    cohort = assignment.cohort
    course = cohort.course
    return reverse(
        "learning:assignment", args=[course.collective.slug, course.pk, cohort.pk, assignment.pk]
    )


def _cohort_context(cohort: Cohort, **more: object) -> dict[str, object]:
    return {
        "collective": cohort.course.collective,
        "course": cohort.course,
        "cohort": cohort,
        **more,
    }


@login_required
def cohort_create(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    course = access.course_for_member(request.user, slug, pk)
    if not access.may_start_cohort(course, request.user):
        raise PermissionDenied("Only the course's facilitators and coordinators run cohorts.")
    form = CohortForm(posted(request), course=course)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        first = data["first_session"]
        try:
            cohort = services.cohort_create(
                course=course,
                actor=request.user,
                title=data["title"],
                ends_on=data["ends_on"],
                facilitators=form.members_chosen("facilitators"),
                dates=services.CohortDates(
                    first_starts_at=first,
                    first_ends_at=first + datetime.timedelta(minutes=data["session_minutes"]),
                    repeat=data["repeat"],
                    format=data["format"],
                    joining_link=data["joining_link"],
                    venue_name=data["venue_name"],
                ),
            )
        except ValidationError as error:
            form.add_error("ends_on", error)
        else:
            messages.success(
                request,
                _("The cohort “%(title)s” is set up with its dates.") % {"title": cohort.title},
            )
            return redirect(_cohort_url(cohort))
    return render(
        request,
        "learning/cohort_form.html",
        {"collective": course.collective, "course": course, "form": form},
    )


@login_required
@require_safe
def cohort_detail(request: HttpRequest, slug: str, pk: int, cohort_pk: int) -> HttpResponse:
    course = access.course_for_member(request.user, slug, pk)
    cohort = access.cohort_in(course, cohort_pk, request.user, counted=True)
    now = timezone.now()
    # Whether the viewer has a place at each date, in the same query as the dates.
    events = list(
        services.cohort_events(cohort).annotate(
            viewer_has_place=Exists(
                Registration.objects.active().filter(event=OuterRef("pk"), person=request.user)
            )
        )
    )
    assignments: list[Assignment] = []
    if cohort.viewer_participant or cohort.viewer_facilitates:
        rows = Assignment.objects.filter(cohort=cohort).only("cohort_id", "title", "due_on")
        if cohort.viewer_participant:
            rows = rows.annotate(
                handed_in=Exists(
                    HandIn.objects.filter(assignment=OuterRef("pk"), person=request.user)
                )
            )
        if cohort.viewer_facilitates:
            # Only facilitators see the counts: a participant's page does not read every
            # hand-in of the cohort.
            rows = rows.annotate(
                hand_in_count=Count("hand_ins", distinct=True),
                waiting_count=Count(
                    "hand_ins", filter=Q(hand_ins__feedback_at__isnull=True), distinct=True
                ),
            )
        assignments = list(rows)
    context = _cohort_context(
        cohort,
        events=events,
        assignments=assignments,
        participant_count=cohort.participant_count,
        facilitators=list(
            cohort.facilitators.order_by("display_name", "pk").only("display_name", "email")
        ),
        evaluation_open=services.evaluation_open(cohort, now),
        evaluation_closes_at=services.evaluation_closes_at(cohort),
        finished=cohort.ends_on < timezone.localdate(now),
        today=timezone.localdate(now),
    )
    return render(request, "learning/cohort.html", context)


@login_required
@require_POST
def cohort_join(request: HttpRequest, slug: str, pk: int, cohort_pk: int) -> HttpResponse:
    course = access.course_for_member(request.user, slug, pk)
    if not course.is_open:
        raise Http404("No such course.")
    cohort = access.cohort_in(course, cohort_pk, request.user)
    try:
        services.cohort_join(cohort=cohort, person=request.user)
    except ValidationError as error:
        messages.error(request, error.messages[0])
    else:
        messages.success(
            request,
            _("You joined “%(title)s”: you have a place at each of its dates.")
            % {"title": cohort.title},
        )
    return redirect(_cohort_url(cohort))


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def cohort_leave(request: HttpRequest, slug: str, pk: int, cohort_pk: int) -> HttpResponse:
    """Leaving asks to confirm on its own page: it gives up the places at every date."""
    course = access.course_for_member(request.user, slug, pk)
    cohort = access.cohort_in(course, cohort_pk, request.user)
    access.participant_required(cohort)
    if request.method == "POST":
        services.cohort_leave(cohort=cohort, person=request.user)
        messages.success(
            request, _("You left “%(title)s” and gave up your places.") % {"title": cohort.title}
        )
        return redirect(_cohort_url(cohort))
    return render(
        request,
        "confirm.html",
        {
            "caption": f"{course.title}: {cohort.title}",
            "question": _("Leave “%(title)s”?") % {"title": cohort.title},
            "explanation": _(
                "You will give up your place at each of its sessions still to "
                "come, so someone waiting can have it. What you handed in stays. You can join "
                "again while the cohort runs."
            ),
            "button": _("Yes, leave the cohort"),
            "back_url": _cohort_url(cohort),
            "back_text": _("No, stay"),
        },
    )


@login_required
def assignment_create(request: HttpRequest, slug: str, pk: int, cohort_pk: int) -> HttpResponse:
    course = access.course_for_member(request.user, slug, pk)
    cohort = access.cohort_facilitated(access.cohort_in(course, cohort_pk, request.user))
    form = AssignmentForm(posted(request))
    if request.method == "POST" and form.is_valid():
        assignment = services.assignment_save(
            cohort=cohort, actor=request.user, **form.cleaned_data
        )
        messages.success(
            request, _("The assignment “%(title)s” is set.") % {"title": assignment.title}
        )
        return redirect(_assignment_url(assignment))
    return render(request, "learning/assignment_form.html", _cohort_context(cohort, form=form))


@login_required
@require_safe
def assignment_detail(
    request: HttpRequest, slug: str, pk: int, cohort_pk: int, assignment_pk: int
) -> HttpResponse:
    """What to do and, for a participant, what they handed in and the feedback; for the
    facilitators, who has handed in (a page at a time) and who has not yet."""
    course = access.course_for_member(request.user, slug, pk)
    cohort = access.cohort_in(course, cohort_pk, request.user)
    assignment = access.assignment_in(cohort, assignment_pk)
    mine = HandIn.objects.filter(assignment=assignment, person=request.user).first()
    hand_ins = None
    counts = {}
    if cohort.viewer_facilitates:
        hand_ins = page_or_404(
            request,
            HandIn.objects.filter(assignment=assignment)
            .select_related("person")
            .order_by("feedback_at", "handed_in_at", "pk"),
            HAND_INS_PER_PAGE,
        )
        counts = HandIn.objects.filter(assignment=assignment).aggregate(
            handed_in=Count("pk"), waiting=Count("pk", filter=Q(feedback_at__isnull=True))
        )
        counts["participants"] = CohortParticipant.objects.filter(
            cohort=cohort, left_at__isnull=True
        ).count()
    context = _cohort_context(
        cohort,
        assignment=assignment,
        instructions=text.render(assignment.instructions),
        mine=mine,
        hand_ins=hand_ins,
        counts=counts,
        today=timezone.localdate(),
    )
    return render(request, "learning/assignment.html", context)


@login_required
def hand_in(
    request: HttpRequest, slug: str, pk: int, cohort_pk: int, assignment_pk: int
) -> HttpResponse:
    course = access.course_for_member(request.user, slug, pk)
    cohort = access.cohort_in(course, cohort_pk, request.user)
    assignment = access.assignment_in(cohort, assignment_pk)
    access.participant_required(cohort)
    existing = HandIn.objects.filter(assignment=assignment, person=request.user).first()
    form = HandInForm(
        posted(request),
        request.FILES if request.method == "POST" else None,
        initial={"text": existing.text} if existing else {},
        has_file=bool(existing and existing.file),
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.hand_in_save(
                assignment=assignment,
                person=request.user,
                text=form.cleaned_data["text"],
                upload=form.cleaned_data["file"],
            )
        except ValidationError as error:
            form.add_error("text", error)
        else:
            messages.success(
                request, _("You handed in “%(title)s”.") % {"title": assignment.title}
            )
            return redirect(_assignment_url(assignment))
    return render(
        request,
        "learning/hand_in.html",
        _cohort_context(cohort, assignment=assignment, existing=existing, form=form),
    )


@login_required
def hand_in_feedback(
    request: HttpRequest, slug: str, pk: int, cohort_pk: int, assignment_pk: int, hand_in_pk: int
) -> HttpResponse:
    """One hand-in, for its author and the facilitators; facilitators give feedback."""
    course = access.course_for_member(request.user, slug, pk)
    cohort = access.cohort_in(course, cohort_pk, request.user)
    assignment = access.assignment_in(cohort, assignment_pk)
    found = access.hand_in_in(assignment, hand_in_pk, request.user)
    form = FeedbackForm(posted(request), initial={"feedback": found.feedback})
    if request.method == "POST":
        access.cohort_facilitated(cohort)
        if form.is_valid():
            services.hand_in_feedback(hand_in=found, actor=request.user, **form.cleaned_data)
            messages.success(
                request, _("Your feedback is sent to %(name)s.") % {"name": found.person.name}
            )
            return redirect(_assignment_url(assignment))
    return render(
        request,
        "learning/hand_in_feedback.html",
        _cohort_context(cohort, assignment=assignment, hand_in=found, form=form),
    )


@login_required
@require_safe
def hand_in_file(
    request: HttpRequest, slug: str, pk: int, cohort_pk: int, assignment_pk: int, hand_in_pk: int
) -> FileResponse:
    """A hand-in's file, for its author and the facilitators, as a download of the type
    its content showed (never a public media address)."""
    course = access.course_for_member(request.user, slug, pk)
    cohort = access.cohort_in(course, cohort_pk, request.user)
    assignment = access.assignment_in(cohort, assignment_pk)
    found = access.hand_in_in(assignment, hand_in_pk, request.user)
    if not found.file:
        raise Http404("No file was handed in.")
    try:
        handle = found.file.open("rb")
    except FileNotFoundError:
        raise Http404("The file is missing.") from None
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=found.file_name or found.file.name.rsplit("/", 1)[-1],
        content_type=found.file_type or "application/octet-stream",
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response


@login_required
def evaluation(request: HttpRequest, slug: str, pk: int, cohort_pk: int) -> HttpResponse:
    """The anonymous evaluation at the end of the cohort, for its participants."""
    course = access.course_for_member(request.user, slug, pk)
    cohort = access.cohort_in(course, cohort_pk, request.user)
    participant = access.participant_required(cohort)
    now = timezone.now()
    form = EvaluationForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            services.evaluation_give(
                cohort=cohort, person=request.user, now=now, **form.cleaned_data
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request, _("Thank you: your answers are sealed until the evaluation closes.")
            )
            return redirect(_cohort_url(cohort))
    context = _cohort_context(
        cohort,
        form=form,
        given=participant.evaluation_given,
        is_open=services.evaluation_open(cohort, now),
        closes_at=services.evaluation_closes_at(cohort),
    )
    return render(request, "learning/evaluation.html", context)


@login_required
@require_safe
def evaluation_results(request: HttpRequest, slug: str, pk: int, cohort_pk: int) -> HttpResponse:
    """The facilitators' view of the evaluation: nothing until it is written out, and
    then only from `MINIMUM_ANONYMOUS_GROUP` answers, as the check-ins do."""
    course = access.course_for_member(request.user, slug, pk)
    cohort = access.cohort_facilitated(access.cohort_in(course, cohort_pk, request.user))
    answers = EvaluationAnswer.objects.filter(cohort=cohort)
    summary = answers.aggregate(count=Count("pk"), useful=Avg("useful"), heard=Avg("heard"))
    shown = (
        cohort.evaluation_closed_at is not None
        and summary["count"] >= settings.MINIMUM_ANONYMOUS_GROUP
    )
    context = _cohort_context(
        cohort,
        shown=shown,
        summary=summary,
        minimum=settings.MINIMUM_ANONYMOUS_GROUP,
        closes_at=services.evaluation_closes_at(cohort),
        best=list(answers.exclude(best="").values_list("best", flat=True)) if shown else [],
        change=list(answers.exclude(change="").values_list("change", flat=True)) if shown else [],
        given=CohortParticipant.objects.filter(cohort=cohort, evaluation_given=True).count(),
    )
    return render(request, "learning/evaluation_results.html", context)
