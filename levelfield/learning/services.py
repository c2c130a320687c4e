"""Changes to courses, enrolments, reflections and learning circles.

Each function re-checks that the actor may act: starting a course and enrolling are
any member's right (`collectives.roles`); changing a course, writing up a circle's
themes and the like are its facilitators' (`_require_facilitator`). Enrolments,
completions and circle membership are recorded in history.
"""

from __future__ import annotations

from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone

from levelfield.collectives import roles
from levelfield.collectives.models import Collective, CollectiveMembership
from levelfield.collectives.roles import Action
from levelfield.history.services import change_record
from levelfield.learning.models import (
    Circle,
    CircleMembership,
    CirclePost,
    CircleSession,
    Course,
    Enrolment,
    Module,
    Page,
    PageDone,
    Reflection,
)
from levelfield.notifications.services import notification_send
from levelfield.people.models import User


def _require_facilitator(course: Course, actor: User) -> None:
    if not course.facilitators.filter(pk=actor.pk).exists():
        raise PermissionDenied("Only the course's facilitators may do this.")
    if not CollectiveMembership.objects.filter(
        collective_id=course.collective_id, person=actor
    ).exists():
        raise PermissionDenied("Only members of the collective may run its courses.")


def course_create(*, collective: Collective, actor: User, title: str, summary: str = "") -> Course:
    """A draft course, with the person who started it as its first facilitator."""
    roles.require(actor, Action.START_COURSE, collective)
    with transaction.atomic():
        course = Course.objects.create(
            collective=collective,
            title=title,
            summary=summary,
            created_by=actor,
            created_at=timezone.now(),
        )
        course.facilitators.add(actor)
    return course


def course_update(
    *,
    course: Course,
    actor: User,
    title: str,
    summary: str,
    is_open: bool,
    facilitators: list[User],
) -> Course:
    """Change a course. Facilitators must be members, and there is always at least one."""
    with transaction.atomic():
        _require_facilitator(course, actor)
        member_ids = set(
            CollectiveMembership.objects.filter(
                collective_id=course.collective_id, person__in=facilitators
            ).values_list("person_id", flat=True)
        )
        chosen = [person for person in facilitators if person.pk in member_ids]
        if not chosen:
            raise ValidationError("A course needs at least one facilitator")
        course.title = title
        course.summary = summary
        course.is_open = is_open
        course.save(update_fields=["title", "summary", "is_open"])
        course.facilitators.set(chosen)
    return course


def module_save(
    *, course: Course, actor: User, module: Module | None = None, **fields: object
) -> Module:
    """Add a module at the end of the course, or change one."""
    with transaction.atomic():
        _require_facilitator(course, actor)
        if module is None:
            last = Module.objects.filter(course=course).aggregate(last=Max("position"))["last"]
            module = Module(course=course, position=(last or 0) + 1)
        for name, value in fields.items():
            setattr(module, name, value)
        module.full_clean()
        module.save()
    return module


def page_save(*, module: Module, actor: User, page: Page | None = None, **fields: object) -> Page:
    """Add a page at the end of a module, or change one."""
    with transaction.atomic():
        _require_facilitator(module.course, actor)
        if page is None:
            last = Page.objects.filter(module=module).aggregate(last=Max("position"))["last"]
            page = Page(module=module, position=(last or 0) + 1)
        for name, value in fields.items():
            setattr(page, name, value)
        if not page.video_url:
            page.video_has_captions = False
        page.full_clean()
        page.save()
    return page


def enrolment_create(*, course: Course, person: User) -> Enrolment:
    """Enrol `person` (once: enrolling again returns the same enrolment)."""
    roles.require(person, Action.ENROL_ON_COURSE, course.collective)
    if not course.is_open:
        raise PermissionDenied("This course is not open yet.")
    with transaction.atomic():
        enrolment, created = Enrolment.objects.get_or_create(
            course=course, person=person, defaults={"enrolled_at": timezone.now()}
        )
        if created:
            change_record(
                actor=person,
                action="learning.enrol",
                summary=f"{person.name} enrolled on the course “{course.title}”",
                subject=enrolment,
                collective=course.collective,
            )
    return enrolment


def page_mark_done(*, enrolment: Enrolment, page: Page) -> bool:
    """Record that the learner finished a page. True when that completed the course."""
    if page.module.course_id != enrolment.course_id:
        raise PermissionDenied("That page is on another course.")
    with transaction.atomic():
        PageDone.objects.get_or_create(
            enrolment=enrolment, page=page, defaults={"done_at": timezone.now()}
        )
        return _complete_if_done(enrolment)


def reflection_save(
    *, enrolment: Enrolment, module: Module, text: str, shared_with_facilitators: bool
) -> bool:
    """Save the learner's reflection on a module (private unless they share it). True
    when that completed the course."""
    if module.course_id != enrolment.course_id or not module.question:
        raise PermissionDenied("That module asks no question on this course.")
    now = timezone.now()
    with transaction.atomic():
        Reflection.objects.update_or_create(
            enrolment=enrolment,
            module=module,
            defaults={
                "text": text,
                "shared_with_facilitators": shared_with_facilitators,
                "updated_at": now,
            },
            create_defaults={
                "text": text,
                "shared_with_facilitators": shared_with_facilitators,
                "written_at": now,
                "updated_at": now,
            },
        )
        return _complete_if_done(enrolment)


def _complete_if_done(enrolment: Enrolment) -> bool:
    """Mark the enrolment complete when every page is done and every question answered.
    A certificate once earned stays earned, even if modules are added later."""
    enrolment = (
        Enrolment.objects.select_for_update()
        .select_related("course", "person")
        .get(pk=enrolment.pk)
    )
    if enrolment.completed_at is not None:
        return False
    course = enrolment.course
    pages = Page.objects.filter(module__course=course)
    questions = Module.objects.filter(course=course).exclude(question="")
    if not pages.exists():
        return False
    if PageDone.objects.filter(enrolment=enrolment, page__in=pages).count() < pages.count():
        return False
    answered = Reflection.objects.filter(enrolment=enrolment, module__in=questions).count()
    if answered < questions.count():
        return False
    enrolment.completed_at = timezone.now()
    enrolment.save(update_fields=["completed_at"])
    change_record(
        actor=enrolment.person,
        action="learning.complete",
        summary=f"{enrolment.person.name} completed the course “{course.title}”",
        subject=enrolment,
        collective=course.collective,
    )
    notification_send(
        kind="learning_course_completed",
        person=enrolment.person,
        context={"course": course, "collective": course.collective},
        url=reverse("learning:certificate", args=[course.collective.slug, course.pk]),
    )
    return True


def circle_create(*, course: Course, actor: User, name: str) -> Circle:
    with transaction.atomic():
        _require_facilitator(course, actor)
        return Circle.objects.create(course=course, name=name)


def circle_join(*, circle: Circle, person: User) -> CircleMembership:
    """Join a circle on a course one is enrolled on (joining twice changes nothing)."""
    if not Enrolment.objects.filter(course_id=circle.course_id, person=person).exists():
        raise PermissionDenied("Enrol on the course before joining one of its circles.")
    with transaction.atomic():
        membership, created = CircleMembership.objects.get_or_create(
            circle=circle, person=person, defaults={"joined_at": timezone.now()}
        )
        if created:
            change_record(
                actor=person,
                action="learning.circle_join",
                summary=f"{person.name} joined the learning circle “{circle.name}”",
                subject=membership,
                collective=circle.course.collective,
            )
    return membership


def circle_session_create(
    *, circle: Circle, actor: User, title: str, held_on: date, module: Module | None = None
) -> CircleSession:
    with transaction.atomic():
        _require_facilitator(circle.course, actor)
        if module is not None and module.course_id != circle.course_id:
            raise PermissionDenied("That module is on another course.")
        return CircleSession.objects.create(
            circle=circle, title=title, held_on=held_on, module=module
        )


def circle_post_save(*, session: CircleSession, person: User, text: str) -> CirclePost:
    """A member's reflection after a session, shared with their circle (one each,
    which they may change)."""
    if not CircleMembership.objects.filter(circle_id=session.circle_id, person=person).exists():
        raise PermissionDenied("Only the circle's members post to it.")
    with transaction.atomic():
        post, _ = CirclePost.objects.update_or_create(
            session=session,
            person=person,
            defaults={"text": text},
            create_defaults={"text": text, "posted_at": timezone.now()},
        )
    return post


def circle_themes_save(*, session: CircleSession, actor: User, themes: str) -> CircleSession:
    """The facilitator's summary of the themes in the circle's reflections; members
    hear about it the first time it is written."""
    course = session.circle.course
    with transaction.atomic():
        _require_facilitator(course, actor)
        first_time = not session.themes
        session.themes = themes
        session.themes_by = actor
        session.themes_at = timezone.now()
        session.save(update_fields=["themes", "themes_by", "themes_at"])
        if first_time:
            url = reverse(
                "learning:circle", args=[course.collective.slug, course.pk, session.circle_id]
            )
            for membership in CircleMembership.objects.filter(
                circle_id=session.circle_id
            ).select_related("person"):
                notification_send(
                    kind="learning_circle_themes",
                    person=membership.person,
                    context={"session": session, "circle": session.circle, "course": course},
                    url=url,
                )
    return session
