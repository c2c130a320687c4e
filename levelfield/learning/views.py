"""Pages for courses, learning and learning circles.

Every page starts with `access.py`: someone outside the collective gets a 404, a
member who does not facilitate a course gets 403 on its facilitators' pages. Marking a
page done is a POST, so opening a page never writes; "carry on" is computed from what
the learner has done.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Exists, OuterRef
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST, require_safe

from levelfield.learning import access, progress, services, text
from levelfield.learning.forms import (
    CircleForm,
    CirclePostForm,
    CircleSessionForm,
    CourseEditForm,
    CourseForm,
    ModuleForm,
    PageForm,
    ReflectionForm,
    ThemesForm,
)
from levelfield.learning.models import (
    Circle,
    CircleMembership,
    CirclePost,
    Course,
    Enrolment,
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
        messages.success(request, "Your course is started. Add its first module.")
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
    }
    return render(request, "learning/course_detail.html", context)


@login_required
def course_edit(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    course = access.course_for_facilitator(request.user, slug, pk)
    initial = {
        "title": course.title,
        "summary": course.summary,
        "is_open": course.is_open,
        "facilitators": list(course.facilitators.all()),
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
                facilitators=list(data["facilitators"]),
            )
        except ValidationError as error:
            form.add_error("facilitators", error)
        else:
            messages.success(request, "The course is saved.")
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
    messages.success(request, f"You have started “{course.title}”. We keep your place.")
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
        messages.success(request, f"The module “{module.title}” is saved.")
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
        messages.success(request, f"The page “{page.title}” is saved.")
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
        "last_in_module": page.module.pages.filter(position__gt=page.position).count() == 0,
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
        messages.success(request, "You have finished the course. Your certificate is ready.")
        return redirect(_course_url(course))
    modules = progress.course_outline(course)
    _, after = progress.neighbours(modules, page)
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
            messages.success(request, "You have finished the course. Your certificate is ready.")
            return redirect(_course_url(course))
        messages.success(request, "Your reflection is saved.")
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
        messages.success(request, f"The circle “{circle.name}” is started.")
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
    messages.success(request, f"You joined “{circle.name}”.")
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
        messages.success(request, "The session is added: members can post their reflections.")
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
        messages.success(request, "Your reflection is posted to the circle.")
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
        messages.success(request, "The themes are shared with the circle.")
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
