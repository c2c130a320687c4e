"""Changes to courses, enrolments, reflections and learning circles.

Each function re-checks that the actor may act: starting a course and enrolling are
any member's right (`collectives.roles`); changing a course, writing up a circle's
themes and the like are its facilitators' (`_require_facilitator`). Enrolments,
completions and circle membership are recorded in history.
"""

from __future__ import annotations

import datetime
import logging
import uuid
from dataclasses import dataclass
from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from levelfield.collectives import roles
from levelfield.collectives.models import Collective
from levelfield.collectives.roles import Action
from levelfield.events import recurrence as event_recurrence
from levelfield.events import services as event_services
from levelfield.events.models import (
    Audience,
    Event,
    EventFormat,
    EventKind,
    EventQuerySet,
    Registration,
)
from levelfield.history.services import change_record
from levelfield.learning.models import (
    Assignment,
    Circle,
    CircleMembership,
    CirclePost,
    CircleSession,
    Cohort,
    CohortParticipant,
    Course,
    Enrolment,
    EvaluationAnswer,
    HandIn,
    Module,
    Page,
    PageDone,
    Reflection,
)
from levelfield.lib.words import day
from levelfield.notifications.services import notification_send, notifications_send_each
from levelfield.people.language import language_of
from levelfield.people.models import User
from levelfield.places.access import collective_place
from levelfield.places.models import PlaceMembership
from levelfield.sealing import sealed as sealing

logger = logging.getLogger(__name__)


def _require_facilitator(course: Course, actor: User) -> None:
    if not course.facilitators.filter(pk=actor.pk).exists():
        raise PermissionDenied("Only the course's facilitators may do this.")
    if (
        not PlaceMembership.objects.of_collective(course.collective_id)
        .filter(person=actor)
        .exists()
    ):
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
            PlaceMembership.objects.of_collective(course.collective_id)
            .filter(person__in=facilitators)
            .values_list("person_id", flat=True)
        )
        chosen = [person for person in facilitators if person.pk in member_ids]
        if not chosen:
            raise ValidationError(_("A course needs at least one facilitator"))
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
        post, _created = CirclePost.objects.update_or_create(
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
            notifications_send_each(
                kind="learning_circle_themes",
                people=User.objects.filter(learning_circles=session.circle_id).order_by("pk"),
                context_for=lambda person: {
                    "session": session,
                    "circle": session.circle,
                    "course": course,
                },
                url=url,
            )
    return session


# Cohorts: a course run with dates, assignments and an evaluation.

# The evaluation opens on the cohort's last day and stays open this long; then the
# sealed answers are written out together (`cohort_evaluation_write_out`).
EVALUATION_OPEN_FOR = datetime.timedelta(days=14)
# Every sealed evaluation is this size, whatever the comments (two of up to 2,000
# characters, each up to 6 bytes as JSON).
EVALUATION_SEALED_SIZE = 32 * 1024
# Participants who have not handed in are reminded this many days before the due date.
ASSIGNMENT_REMINDER_DAYS_BEFORE = 2


@dataclass(frozen=True)
class CohortDates:
    """When the cohort meets: its first session's start and end, how it repeats, and
    what the events need (format, link, venue)."""

    first_starts_at: datetime.datetime
    first_ends_at: datetime.datetime
    repeat: str
    format: str = EventFormat.ONLINE
    joining_link: str = ""
    venue_name: str = ""


def may_facilitate_cohort(person: User, cohort: Cohort) -> bool:
    """A cohort's facilitators: those it names, the course's, and the collective's
    coordinators (whose job includes running its courses)."""
    if not getattr(person, "is_authenticated", False):
        return False
    return (
        cohort.facilitators.filter(pk=person.pk).exists()
        or cohort.course.facilitators.filter(pk=person.pk).exists()
        or roles.may(person, Action.FACILITATE_ANY_COHORT, cohort.course.collective)
    )


def _require_cohort_facilitator(cohort: Cohort, actor: User) -> None:
    if not may_facilitate_cohort(actor, cohort):
        raise PermissionDenied("Only the cohort's facilitators may do this.")
    if (
        not PlaceMembership.objects.of_collective(cohort.course.collective_id)
        .filter(person=actor)
        .exists()
    ):
        raise PermissionDenied("Only members of the collective may run its courses.")


def _active_participant(cohort: Cohort, person: User) -> CohortParticipant:
    participant = CohortParticipant.objects.filter(
        cohort=cohort, person=person, left_at__isnull=True
    ).first()
    if participant is None:
        raise PermissionDenied("Join the cohort first.")
    return participant


def cohort_create(
    *,
    course: Course,
    actor: User,
    title: str,
    dates: CohortDates,
    ends_on: date,
    facilitators: list[User] = (),
    now: datetime.datetime | None = None,
) -> Cohort:
    """Run the course as a cohort. Its dates are a series of events in the collective's
    place, made by the events app (`event_create` with `repeat`) up to the cohort's last
    day; its facilitators organise them."""
    now = now or timezone.now()
    _require_facilitator_or_coordinator(course, actor)
    zone = timezone.get_current_timezone()
    starts_on = dates.first_starts_at.astimezone(zone).date()
    if ends_on < starts_on:
        raise ValidationError(_("The cohort must end on or after its first session"))
    place = collective_place(course.collective_id)
    values = {
        "title": f"{course.title}: {title}",
        "description": f"A session of the course “{course.title}” ({title}).",
        "kind": EventKind.TRAINING,
        "format": dates.format,
        "timezone_name": str(zone),
        "audience": Audience.COLLECTIVE,
        "joining_link": dates.joining_link,
        "venue_name": dates.venue_name,
        "starts_at": dates.first_starts_at,
        "ends_at": dates.first_ends_at,
        "reminder_hours": [48, 2],
    }
    with transaction.atomic():
        cohort = Cohort.objects.create(
            course=course,
            title=title,
            starts_on=starts_on,
            ends_on=ends_on,
            created_by=actor,
            created_at=now,
        )
        cohort.facilitators.set([actor, *facilitators])
        first = event_services.event_create(
            place=place,
            actor=actor,
            values=values,
            organisers=list(facilitators),
            repeat=dates.repeat,
            repeat_until=ends_on,
            now=now,
        )
        cohort.series = first.series
        cohort.save(update_fields=["series"])
        if cohort.series is not None:
            # Every date to the cohort's end, even past the events' usual horizon.
            event_services.series_extend(
                series=cohort.series,
                now=max(now, _day_start(ends_on) - event_recurrence.HORIZON),
            )
        change_record(
            actor=actor,
            action="learning.cohort_create",
            summary=f"{actor.name} started the cohort “{title}” of “{course.title}”",
            subject=cohort,
            collective=course.collective,
        )
    return cohort


def _day_start(day: date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def _require_facilitator_or_coordinator(course: Course, actor: User) -> None:
    if course.facilitators.filter(pk=actor.pk).exists():
        _require_facilitator(course, actor)
        return
    roles.require(actor, Action.FACILITATE_ANY_COHORT, course.collective)


def cohort_events(cohort: Cohort) -> EventQuerySet:
    """The cohort's dates (events), in order."""
    if cohort.series_id is None:
        return Event.objects.none()
    return Event.objects.filter(series_id=cohort.series_id).order_by("starts_at", "pk")


def cohort_join(
    *, cohort: Cohort, person: User, now: datetime.datetime | None = None
) -> CohortParticipant:
    """Join the cohort: once, for the whole series. The person is enrolled on the course
    and takes a place at every date still to come through the events' registration
    (a waiting-list place where a date is full), so their attendance is marked and
    written to the involvement log like any event's. Joining twice changes nothing."""
    now = now or timezone.now()
    course = cohort.course
    roles.require(person, Action.ENROL_ON_COURSE, course.collective)
    if not course.is_open:
        raise PermissionDenied("This course is not open yet.")
    if cohort.ends_on < timezone.localdate(now):
        raise ValidationError(_("This cohort has finished, so you cannot join it."))
    with transaction.atomic():
        participant, created = CohortParticipant.objects.select_for_update().get_or_create(
            cohort=cohort, person=person, defaults={"joined_at": now}
        )
        if not created and participant.left_at is None:
            return participant
        participant.left_at = None
        participant.joined_at = now
        participant.save(update_fields=["left_at", "joined_at"])
        enrolment_create(course=course, person=person)
        held = set(
            Registration.objects.active()
            .filter(person=person, event__series_id=cohort.series_id)
            .values_list("event_id", flat=True)
        )
        taken = []
        for event in cohort_events(cohort).filter(cancelled_at__isnull=True, starts_at__gt=now):
            if event.pk not in held and event.registration_open(now):
                taken.append(
                    event_services.registration_create(
                        event=event, person=person, notify=False, now=now
                    )
                )
        if taken:
            # One email for the whole series, not one for each date.
            # Worded in the person's language, as the email around it is.
            with translation.override(language_of(person)):
                dates = "\n".join(
                    f"- {day(r.event.local_start)}, {r.event.local_start:%H:%M}"
                    + ("" if r.has_place else _(" (on the waiting list)"))
                    for r in taken
                )
                words = {"course": course.title, "cohort": cohort.title, "dates": dates}
                subject = _("You joined “%(cohort)s” of %(course)s") % words
                message = (
                    _(
                        "You have a place at the sessions of “%(course)s” (%(cohort)s):\n\n"
                        "%(dates)s\n\nEach session is in your events, with its joining details."
                    )
                    % words
                )
            notification_send(
                kind="learning_cohort_joined",
                person=person,
                context={"subject": subject[:150], "message": message},
                url=reverse(
                    "learning:cohort", args=[course.collective.slug, course.pk, cohort.pk]
                ),
                now=now,
            )
        change_record(
            actor=person,
            action="learning.cohort_join",
            summary=f"{person.name} joined the cohort “{cohort.title}” of “{course.title}”",
            subject=participant,
            collective=course.collective,
        )
    return participant


def cohort_leave(*, cohort: Cohort, person: User, now: datetime.datetime | None = None) -> int:
    """Leave the cohort: the places at its dates still to come are given up through the
    events' cancellation (so people waiting are promoted). Returns how many."""
    now = now or timezone.now()
    with transaction.atomic():
        participant = _active_participant(cohort, person)
        participant = CohortParticipant.objects.select_for_update().get(pk=participant.pk)
        participant.left_at = now
        participant.save(update_fields=["left_at"])
        cancelled = 0
        for registration in (
            Registration.objects.active()
            .filter(person=person, event__series_id=cohort.series_id, event__ends_at__gt=now)
            .select_related("event")
        ):
            event_services.registration_cancel(registration=registration, now=now)
            cancelled += 1
        change_record(
            actor=person,
            action="learning.cohort_leave",
            summary=f"{person.name} left the cohort “{cohort.title}” of “{cohort.course.title}”",
            subject=participant,
            collective=cohort.course.collective,
        )
    return cancelled


# Assignments and hand-ins


def assignment_save(
    *,
    cohort: Cohort,
    actor: User,
    title: str,
    instructions: str,
    due_on: date,
    assignment: Assignment | None = None,
    now: datetime.datetime | None = None,
) -> Assignment:
    """Set an assignment on the cohort, or change one (a new date is reminded again)."""
    now = now or timezone.now()
    with transaction.atomic():
        _require_cohort_facilitator(cohort, actor)
        if assignment is None:
            assignment = Assignment(cohort=cohort, created_by=actor, created_at=now)
        elif assignment.due_on != due_on:
            assignment.reminded_at = None
        assignment.title = title
        assignment.instructions = instructions
        assignment.due_on = due_on
        assignment.save()
    return assignment


def hand_in_save(
    *,
    assignment: Assignment,
    person: User,
    text: str = "",
    upload: UploadedFile | None = None,
    now: datetime.datetime | None = None,
) -> HandIn:
    """Hand in (or hand in again) an assignment: text, a file, or both. A file's content
    decides what it is (`resources.files`); it is stored under a new random name through
    Django's storage. Handing in again keeps a file not replaced."""
    from levelfield.resources import files

    now = now or timezone.now()
    text = text.strip()
    file_type = files.file_type_of(upload) if upload else None
    with transaction.atomic():
        _active_participant(assignment.cohort, person)
        hand_in = (
            HandIn.objects.select_for_update().filter(assignment=assignment, person=person).first()
        )
        if hand_in is None:
            hand_in = HandIn(assignment=assignment, person=person)
        if not text and not upload and not hand_in.file:
            raise ValidationError(_("Write your answer or choose a file to hand in"))
        old_file = hand_in.file.name if (upload and hand_in.file) else ""
        hand_in.text = text
        hand_in.handed_in_at = now
        if upload and file_type:
            hand_in.file_name = (upload.name or "")[-200:]
            hand_in.file_type = file_type.content_type
            hand_in.file.save(files.stored_name(file_type), upload, save=False)
        hand_in.save()
        if old_file:
            storage = hand_in.file.storage
            transaction.on_commit(lambda: storage.delete(old_file))
    return hand_in


def hand_in_feedback(
    *, hand_in: HandIn, actor: User, feedback: str, now: datetime.datetime | None = None
) -> HandIn:
    """A facilitator's feedback on a hand-in; the participant is told."""
    now = now or timezone.now()
    assignment = hand_in.assignment
    cohort = assignment.cohort
    course = cohort.course
    with transaction.atomic():
        _require_cohort_facilitator(cohort, actor)
        hand_in.feedback = feedback.strip()
        hand_in.feedback_by = actor
        hand_in.feedback_at = now
        hand_in.save(update_fields=["feedback", "feedback_by", "feedback_at"])
        with translation.override(language_of(hand_in.person)):
            words = {
                "name": actor.name,
                "title": assignment.title,
                "course": course.title,
                "cohort": cohort.title,
            }
            subject = _("Feedback on “%(title)s”") % words
            message = (
                _(
                    "%(name)s gave you feedback on what you handed in for “%(title)s” "
                    "(%(course)s, %(cohort)s)."
                )
                % words
            )
        notification_send(
            kind="learning_feedback",
            person=hand_in.person,
            context={"subject": subject[:150], "message": message},
            url=reverse(
                "learning:assignment",
                args=[course.collective.slug, course.pk, cohort.pk, assignment.pk],
            ),
            now=now,
        )
    return hand_in


def assignments_remind_due(*, now: datetime.datetime | None = None) -> int:
    """Remind participants who have not handed in an assignment due within
    `ASSIGNMENT_REMINDER_DAYS_BEFORE` days, once per assignment and due date (as tasks'
    reminders are). Safe to run as often as you like. Returns how many were reminded."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    near = today + datetime.timedelta(days=ASSIGNMENT_REMINDER_DAYS_BEFORE)
    ids = list(
        Assignment.objects.filter(
            reminded_at__isnull=True, due_on__lte=near, due_on__gte=today
        ).values_list("pk", flat=True)
    )
    return sum(_assignment_remind(pk=pk, now=now) for pk in ids)


def _assignment_remind(*, pk: int, now: datetime.datetime) -> int:
    with transaction.atomic():
        assignment = (
            Assignment.objects.select_for_update(of=("self",))
            .select_related("cohort__course__collective")
            .filter(pk=pk, reminded_at__isnull=True)
            .first()
        )
        if assignment is None:
            return 0
        assignment.reminded_at = now
        assignment.save(update_fields=["reminded_at"])
        cohort = assignment.cohort
        course = cohort.course
        waiting = (
            CohortParticipant.objects.filter(cohort=cohort, left_at__isnull=True)
            .exclude(person__hand_ins__assignment=assignment)
            .select_related("person")
        )
        url = reverse(
            "learning:assignment",
            args=[course.collective.slug, course.pk, cohort.pk, assignment.pk],
        )

        def context_for(person: User) -> dict[str, str]:
            # Called in the person's language: the date reads as the email around it.
            words = {
                "title": assignment.title,
                "day": day(assignment.due_on),
                "course": course.title,
                "cohort": cohort.title,
            }
            subject = _("Due %(day)s: %(title)s") % words
            message = (
                _(
                    "“%(title)s” for %(course)s (%(cohort)s) is due %(day)s. Hand it in "
                    "when you are ready."
                )
                % words
            )
            return {"subject": subject[:150], "message": message}

        people = [participant.person for participant in waiting]
        notifications_send_each(
            kind="learning_assignment_due",
            people=people,
            context_for=context_for,
            url=url,
            now=now,
        )
        return len(people)


# The anonymous evaluation, through the one sealing mechanism (levelfield.sealing)


def evaluation_closes_at(cohort: Cohort) -> datetime.datetime:
    return _day_start(cohort.ends_on) + EVALUATION_OPEN_FOR


def evaluation_open(cohort: Cohort, now: datetime.datetime) -> bool:
    """From the cohort's last day for `EVALUATION_OPEN_FOR`, until written out."""
    return cohort.evaluation_closed_at is None and _day_start(
        cohort.ends_on
    ) <= now < evaluation_closes_at(cohort)


def _evaluation_keys(cohort: Cohort, *, create: bool = False) -> sealing.Keys:
    return sealing.keys_for(f"cohort-evaluation:{cohort.pk}", create=create)


def evaluation_give(
    *,
    cohort: Cohort,
    person: User,
    useful: int,
    heard: int,
    best: str = "",
    change: str = "",
    now: datetime.datetime | None = None,
) -> None:
    """One anonymous evaluation per participant, sealed on their participant row until
    the evaluation closes: written now as a row of its own, it would share the
    participant's transaction and so name them. The cohort's row is locked first, as
    the write-out locks it, so an answer is sealed before the write-out or refused."""
    now = now or timezone.now()
    with transaction.atomic():
        cohort = Cohort.objects.select_for_update().get(pk=cohort.pk)
        participant = _active_participant(cohort, person)
        participant = CohortParticipant.objects.select_for_update().get(pk=participant.pk)
        if participant.evaluation_given:
            raise ValidationError(_("You have already answered the evaluation. Thank you."))
        if not evaluation_open(cohort, now):
            raise ValidationError(_("The evaluation is not open."))
        if not (1 <= useful <= 5 and 1 <= heard <= 5):
            raise ValidationError(_("Choose a number from 1 to 5."))
        try:
            sealed = _evaluation_keys(cohort, create=True).seal(
                participant.pk,
                {"useful": useful, "heard": heard, "best": best.strip(), "change": change.strip()},
                size=EVALUATION_SEALED_SIZE,
            )
        except sealing.TooLong:
            raise ValidationError(_("Shorten your comments and send them again.")) from None
        participant.evaluation_given = True
        participant.sealed_evaluation = sealed
        participant.save(update_fields=["evaluation_given", "sealed_evaluation"])


def cohort_evaluation_write_out(*, cohort: Cohort, now: datetime.datetime | None = None) -> bool:
    """When the evaluation closes, write every sealed answer out unlinked, as events'
    feedback and check-ins are: opened, shuffled, inserted in one go with random ids,
    no person and no time, the sealed copies wiped and the cohort's key destroyed, all
    in one transaction. Safe to call twice. Returns whether it wrote."""
    now = now or timezone.now()
    with transaction.atomic():
        cohort = Cohort.objects.select_for_update().get(pk=cohort.pk)
        if cohort.evaluation_closed_at is not None or now < evaluation_closes_at(cohort):
            return False
        keys = _evaluation_keys(cohort)
        sealed = CohortParticipant.objects.filter(cohort=cohort, sealed_evaluation__isnull=False)
        opened: list[dict] = []
        for pk, answer in sealed.values_list("pk", "sealed_evaluation"):
            try:
                opened.append(keys.open(pk, answer))
            except sealing.Unreadable:
                logger.error("A sealed evaluation of cohort %s could not be opened.", cohort.pk)
        sealing.shuffle(opened)
        EvaluationAnswer.objects.bulk_create(
            EvaluationAnswer(
                id=uuid.uuid4(),
                cohort=cohort,
                useful=answer["useful"],
                heard=answer["heard"],
                best=answer["best"],
                change=answer["change"],
            )
            for answer in opened
        )
        sealed.update(sealed_evaluation=None)
        sealing.keys_destroy(f"cohort-evaluation:{cohort.pk}")
        cohort.evaluation_closed_at = now
        cohort.save(update_fields=["evaluation_closed_at"])
    return True


def cohort_evaluations_write_out_due(*, now: datetime.datetime | None = None) -> int:
    """Write out the evaluation of every cohort whose evaluation has closed. Idempotent."""
    now = now or timezone.now()
    last_day = timezone.localdate(now - EVALUATION_OPEN_FOR)
    due = Cohort.objects.filter(evaluation_closed_at__isnull=True, ends_on__lte=last_day)
    written = sum(cohort_evaluation_write_out(cohort=cohort, now=now) for cohort in due)
    sealing.keys_vacuum()  # again, as decisions_close_due does
    return written
