"""A course run as a cohort: facilitators set it up with dates that are events; people
join once for the whole series and leave (giving their places up); assignments are set,
handed in and given feedback; the home says what needs doing."""

from __future__ import annotations

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from levelfield.collectives.tests.factories import CollectiveMembershipFactory
from levelfield.events import services as event_services
from levelfield.events.models import Event, Registration, RegistrationStatus
from levelfield.history.models import Change
from levelfield.learning import personal, services
from levelfield.learning.models import Assignment, Cohort, CohortParticipant, HandIn
from levelfield.learning.tests.cohorts import PDF, cohort_make, url
from levelfield.learning.tests.conftest import LearningWorld
from levelfield.people.tests.factories import UserFactory
from levelfield.projects.models import Participation


def _course_url(name: str, learning_world: LearningWorld) -> str:
    return reverse(
        f"learning:{name}", args=[learning_world.collective.slug, learning_world.course.pk]
    )


# Setting up a cohort


def test_a_facilitator_runs_the_course_as_a_cohort_whose_dates_are_a_series_of_events(
    learning_world: LearningWorld, client: object, clock: object
) -> None:
    client.force_login(learning_world.facilitator)
    assert (
        b"Run the course as a cohort" in client.get(_course_url("course", learning_world)).content
    )
    response = client.post(
        _course_url("cohort_create", learning_world),
        {
            "title": "Autumn run",
            "first_session": "2026-06-16T18:00",
            "session_minutes": "90",
            "repeat": "weekly",
            "ends_on": "2026-07-07",
            "format": "online",
        },
    )
    cohort = Cohort.objects.get()
    assert response.url == url("cohort", learning_world, cohort)
    assert cohort.starts_on == datetime.date(2026, 6, 16)
    assert cohort.series is not None
    events = list(Event.objects.filter(series=cohort.series).order_by("starts_at"))
    # Every Tuesday from the 16th to the 7th of July: four sessions, and no more.
    assert [timezone.localdate(e.starts_at) for e in events] == [
        datetime.date(2026, 6, 16),
        datetime.date(2026, 6, 23),
        datetime.date(2026, 6, 30),
        datetime.date(2026, 7, 7),
    ]
    assert all(learning_world.facilitator in e.organisers.all() for e in events)
    assert Change.objects.filter(action="learning.cohort_create").exists()
    page = client.get(url("cohort", learning_world, cohort)).content.decode()
    assert "Set an assignment" in page and "16 June 2026" in page


def test_a_cohort_that_ends_before_it_starts_is_refused_with_a_message(
    learning_world: LearningWorld, client: object, clock: object
) -> None:
    client.force_login(learning_world.facilitator)
    response = client.post(
        _course_url("cohort_create", learning_world),
        {
            "title": "Backwards",
            "first_session": "2026-06-16T18:00",
            "session_minutes": "10",
            "repeat": "weekly",
            "ends_on": "2026-06-01",
            "format": "online",
        },
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "The last day must be on or after the first session" in page
    assert "Sessions must last at least 15 minutes" in page
    assert not Cohort.objects.exists() and not Event.objects.exists()


def test_a_member_who_does_not_facilitate_may_not_set_up_a_cohort(
    learning_world: LearningWorld, client: object
) -> None:
    client.force_login(learning_world.member)
    assert client.get(_course_url("cohort_create", learning_world)).status_code == 403
    client.force_login(learning_world.outsider)
    assert client.get(_course_url("cohort_create", learning_world)).status_code == 404


def test_a_coordinator_who_is_not_named_may_facilitate_a_cohort(
    learning_world: LearningWorld, client: object
) -> None:
    coordinator = UserFactory(display_name="Cora")
    CollectiveMembershipFactory(
        collective=learning_world.collective, person=coordinator, is_coordinator=True
    )
    cohort = cohort_make(learning_world)
    client.force_login(coordinator)
    assert client.get(url("assignment_create", learning_world, cohort)).status_code == 200
    assert client.get(url("evaluation_results", learning_world, cohort)).status_code == 200
    client.force_login(learning_world.member)
    assert client.get(url("assignment_create", learning_world, cohort)).status_code == 403


# Joining and leaving


def test_joining_registers_once_for_the_whole_series_and_leaving_cancels_after_a_confirm(
    learning_world: LearningWorld, client: object, clock: object
) -> None:
    cohort = cohort_make(learning_world)
    client.force_login(learning_world.learner)
    page = client.get(url("cohort", learning_world, cohort)).content.decode()
    assert "Join the cohort" in page
    client.post(url("cohort_join", learning_world, cohort))
    places = Registration.objects.filter(person=learning_world.learner)
    assert places.filter(status=RegistrationStatus.REGISTERED).count() == 4
    assert Change.objects.filter(action="registration_created").count() == 4
    assert Change.objects.filter(action="learning.cohort_join").count() == 1
    # Joined the course too, and joining again changes nothing.
    assert learning_world.course.enrolments.filter(person=learning_world.learner).exists()
    client.post(url("cohort_join", learning_world, cohort))
    assert places.count() == 4
    assert "You have a place" in client.get(url("cohort", learning_world, cohort)).content.decode()

    confirm = client.get(url("cohort_leave", learning_world, cohort))
    assert b"Yes, leave the cohort" in confirm.content
    assert places.filter(status=RegistrationStatus.CANCELLED).count() == 0  # GET wrote nothing
    response = client.post(url("cohort_leave", learning_world, cohort))
    assert response.url == url("cohort", learning_world, cohort)
    assert places.filter(status=RegistrationStatus.CANCELLED).count() == 4
    assert CohortParticipant.objects.get(person=learning_world.learner).left_at is not None
    # Leaving twice: there is no place left to leave.
    assert client.post(url("cohort_leave", learning_world, cohort)).status_code == 403


def test_attendance_at_a_cohort_session_writes_involvement_the_usual_way(
    learning_world: LearningWorld, clock: object
) -> None:
    cohort = cohort_make(learning_world, starts_in_days=1)
    services.cohort_join(cohort=cohort, person=learning_world.learner)
    first = services.cohort_events(cohort).first()
    registration = Registration.objects.get(event=first, person=learning_world.learner)
    clock.move_to(first.ends_at + datetime.timedelta(minutes=5))
    event_services.attendance_record(
        event=first, actor=learning_world.facilitator, attended=[registration.pk]
    )
    assert Participation.objects.filter(person=learning_world.learner, entry__event=first).exists()


def test_people_outside_the_collective_cannot_see_or_join_a_cohort(
    learning_world: LearningWorld, client: object
) -> None:
    cohort = cohort_make(learning_world)
    client.force_login(learning_world.outsider)
    assert client.get(url("cohort", learning_world, cohort)).status_code == 404
    assert client.post(url("cohort_join", learning_world, cohort)).status_code == 404
    assert not CohortParticipant.objects.exists()


# Assignments


def _assignment(learning_world: LearningWorld, cohort: Cohort, days: int = 3) -> Assignment:
    return services.assignment_save(
        cohort=cohort,
        actor=learning_world.facilitator,
        title="Map who decides",
        instructions="Draw who makes the decisions in a project you know.",
        due_on=timezone.localdate() + datetime.timedelta(days=days),
    )


def test_an_assignment_is_set_handed_in_and_given_feedback(
    learning_world: LearningWorld,
    client: object,
    mailoutbox: list,
    django_capture_on_commit_callbacks: object,
) -> None:
    cohort = cohort_make(learning_world)
    services.cohort_join(cohort=cohort, person=learning_world.learner)
    client.force_login(learning_world.facilitator)
    due = (timezone.localdate() + datetime.timedelta(days=5)).isoformat()
    response = client.post(
        url("assignment_create", learning_world, cohort),
        {"title": "Map who decides", "instructions": "Draw it.", "due_on": due},
    )
    assignment = Assignment.objects.get()
    assert response.url == url("assignment", learning_world, cohort, assignment.pk)

    client.force_login(learning_world.learner)
    assert (
        "Hand it in"
        in client.get(url("assignment", learning_world, cohort, assignment.pk)).content.decode()
    )
    response = client.post(
        url("hand_in", learning_world, cohort, assignment.pk),
        {"text": "The funder decides.", "file": SimpleUploadedFile("map.pdf", PDF)},
    )
    assert response.status_code == 302
    hand_in = HandIn.objects.get()
    assert hand_in.file_type == "application/pdf" and hand_in.file_name == "map.pdf"
    download = client.get(url("hand_in_file", learning_world, cohort, assignment.pk, hand_in.pk))
    assert download.status_code == 200 and download["Content-Type"] == "application/pdf"

    client.force_login(learning_world.facilitator)
    page = client.get(url("assignment", learning_world, cohort, assignment.pk)).content.decode()
    assert "1 of 1 participant handed in; 1 waiting for feedback" in page
    assert learning_world.learner.name in page
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            url("hand_in_feedback", learning_world, cohort, assignment.pk, hand_in.pk),
            {"feedback": "A clear map. Who else could be in the room?"},
        )
    hand_in.refresh_from_db()
    assert hand_in.feedback_by == learning_world.facilitator
    assert [mail.to for mail in mailoutbox] == [[learning_world.learner.email]]

    client.force_login(learning_world.learner)
    page = client.get(url("assignment", learning_world, cohort, assignment.pk)).content.decode()
    assert "Who else could be in the room?" in page


def test_a_file_is_checked_by_its_content_and_an_empty_hand_in_is_refused(
    learning_world: LearningWorld, client: object
) -> None:
    cohort = cohort_make(learning_world)
    assignment = _assignment(learning_world, cohort)
    services.cohort_join(cohort=cohort, person=learning_world.learner)
    client.force_login(learning_world.learner)
    response = client.post(
        url("hand_in", learning_world, cohort, assignment.pk),
        {"file": SimpleUploadedFile("essay.pdf", b"MZ pretending to be a PDF")},
    )
    assert "The file must be a PDF, Word, Excel" in response.content.decode()
    response = client.post(url("hand_in", learning_world, cohort, assignment.pk), {"text": "  "})
    assert "Write your answer or choose a file to hand in" in response.content.decode()
    assert not HandIn.objects.exists()


def test_only_participants_hand_in_and_only_facilitators_give_feedback(
    learning_world: LearningWorld, client: object
) -> None:
    cohort = cohort_make(learning_world)
    assignment = _assignment(learning_world, cohort)
    services.cohort_join(cohort=cohort, person=learning_world.learner)
    hand_in = services.hand_in_save(
        assignment=assignment, person=learning_world.learner, text="Mine"
    )
    # A member who has not joined cannot reach the assignment at all.
    client.force_login(learning_world.member)
    assert client.get(url("assignment", learning_world, cohort, assignment.pk)).status_code == 404
    assert (
        client.post(
            url("hand_in", learning_world, cohort, assignment.pk), {"text": "x"}
        ).status_code
        == 404
    )
    # Another participant cannot open someone else's hand-in.
    services.cohort_join(cohort=cohort, person=learning_world.member)
    assert (
        client.get(
            url("hand_in_feedback", learning_world, cohort, assignment.pk, hand_in.pk)
        ).status_code
        == 404
    )
    # The author sees it but cannot give themselves feedback.
    client.force_login(learning_world.learner)
    feedback_url = url("hand_in_feedback", learning_world, cohort, assignment.pk, hand_in.pk)
    assert client.get(feedback_url).status_code == 200
    assert client.post(feedback_url, {"feedback": "Great"}).status_code == 403
    hand_in.refresh_from_db()
    assert hand_in.feedback == ""
    # A facilitator who writes nothing is asked to.
    client.force_login(learning_world.facilitator)
    assert "Write your feedback" in client.post(feedback_url, {"feedback": ""}).content.decode()


def test_the_home_lists_assignments_due_and_hand_ins_waiting_for_feedback(
    learning_world: LearningWorld, clock: object
) -> None:
    cohort = cohort_make(learning_world)
    assignment = _assignment(learning_world, cohort)
    _assignment(learning_world, cohort, days=30)  # not due soon
    services.cohort_join(cohort=cohort, person=learning_world.learner)
    services.cohort_join(cohort=cohort, person=learning_world.member)
    assert [need.label for need in personal.needs(learning_world.learner)] == [
        "Hand in: Map who decides"
    ]
    services.hand_in_save(assignment=assignment, person=learning_world.learner, text="Done")
    assert personal.needs(learning_world.learner) == []
    needs = personal.needs(learning_world.facilitator)
    assert [need.kind for need in needs] == ["hand_in_feedback"]
    assert "1 hand-in" in needs[0].label


def test_participants_who_have_not_handed_in_are_reminded_once(
    learning_world: LearningWorld,
    clock: object,
    mailoutbox: list,
    django_capture_on_commit_callbacks: object,
) -> None:
    cohort = cohort_make(learning_world)
    assignment = _assignment(learning_world, cohort, days=1)
    services.cohort_join(cohort=cohort, person=learning_world.learner)
    services.cohort_join(cohort=cohort, person=learning_world.member)
    services.hand_in_save(assignment=assignment, person=learning_world.member, text="Done")
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert services.assignments_remind_due() == 1
        assert services.assignments_remind_due() == 0
    assert [mail.to for mail in mailoutbox] == [[learning_world.learner.email]]


def test_hand_ins_are_in_the_data_download_and_go_with_the_person(
    learning_world: LearningWorld,
) -> None:
    cohort = cohort_make(learning_world)
    assignment = _assignment(learning_world, cohort)
    services.cohort_join(cohort=cohort, person=learning_world.learner)
    services.hand_in_save(
        assignment=assignment,
        person=learning_world.learner,
        text="My map",
        upload=SimpleUploadedFile("map.pdf", PDF),
    )
    exported = personal.export(learning_world.learner)
    assert exported["assignment_hand_ins"][0]["text"] == "My map"
    assert exported["assignment_hand_ins"][0]["file"] == "map.pdf"
    assert exported["cohorts"][0]["cohort"] == "Summer run"
    learning_world.learner.delete()
    assert not HandIn.objects.exists() and not CohortParticipant.objects.exists()


@pytest.mark.parametrize("page", ["cohort", "assignment"])
def test_the_cohort_and_assignment_pages_do_not_grow_with_participants(
    learning_world: LearningWorld, client: object, django_assert_max_num_queries: object, page: str
) -> None:
    cohort = cohort_make(learning_world)
    assignment = _assignment(learning_world, cohort)

    def join(count: int) -> None:
        for _ in range(count):
            person = UserFactory()
            CollectiveMembershipFactory(collective=learning_world.collective, person=person)
            services.cohort_join(cohort=cohort, person=person)
            services.hand_in_save(assignment=assignment, person=person, text="Mine")

    target = (
        url("cohort", learning_world, cohort)
        if page == "cohort"
        else url("assignment", learning_world, cohort, assignment.pk)
    )
    client.force_login(learning_world.facilitator)
    join(3)
    client.get(target)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as few:
        assert client.get(target).status_code == 200
    join(12)
    with django_assert_max_num_queries(len(few)):
        assert client.get(target).status_code == 200


def test_joining_sends_one_email_with_every_date_not_one_for_each(
    learning_world: LearningWorld,
    clock: object,
    mailoutbox: list,
    django_capture_on_commit_callbacks: object,
) -> None:
    cohort = cohort_make(learning_world)
    with django_capture_on_commit_callbacks(execute=True):
        services.cohort_join(cohort=cohort, person=learning_world.learner)
    assert len(mailoutbox) == 1
    assert "Summer run" in mailoutbox[0].subject
    assert mailoutbox[0].body.count("- ") >= 4  # the four dates


# What the cohort page reads


def test_the_coordinator_rule_the_cohort_page_reads_from_the_membership() -> None:
    """`access.cohort_in` answers "may facilitate any cohort" from the collective
    membership `course_for_member` read, not with `roles.may`: true only while the rule
    is the coordinator's."""
    from levelfield.collectives import roles

    assert roles.RULES[roles.Action.FACILITATE_ANY_COHORT] is roles.Who.THE_COORDINATOR


def test_a_participant_sees_the_count_and_their_own_hand_in_and_a_coordinator_the_counts(
    learning_world: LearningWorld, client: object, clock: object
) -> None:
    cohort = cohort_make(learning_world)
    assignment = _assignment(learning_world, cohort)
    services.cohort_join(cohort=cohort, person=learning_world.learner)
    client.force_login(learning_world.learner)
    page = client.get(url("cohort", learning_world, cohort)).content.decode()
    assert "with 1 participant." in page and "To do" in page
    assert "waiting for feedback" not in page  # the counts are the facilitators'

    services.hand_in_save(assignment=assignment, person=learning_world.learner, text="Mine")
    someone = UserFactory()
    CollectiveMembershipFactory(collective=learning_world.collective, person=someone)
    services.cohort_join(cohort=cohort, person=someone)
    page = client.get(url("cohort", learning_world, cohort)).content.decode()
    assert "with 2 participants." in page and "Handed in" in page

    services.cohort_leave(cohort=cohort, person=someone)
    coordinator = UserFactory()
    CollectiveMembershipFactory(
        collective=learning_world.collective, person=coordinator, is_coordinator=True
    )
    client.force_login(coordinator)
    page = client.get(url("cohort", learning_world, cohort)).content.decode()
    assert "with 1 participant." in page
    assert "1 hand-in, 1 waiting for feedback" in page and "Handed in" not in page


def test_the_viewers_enrolment_and_place_are_read_with_the_course_and_cohort(
    learning_world: LearningWorld, client: object, clock: object
) -> None:
    from levelfield.learning import access

    cohort = cohort_make(learning_world)
    learner = learning_world.learner
    course = access.course_for_member(learner, learning_world.collective.slug, cohort.course_id)
    assert course.viewer_enrolment is None
    assert access.cohort_in(course, cohort.pk, learner).viewer_participant is None

    services.cohort_join(cohort=cohort, person=learner)
    course = access.course_for_member(learner, learning_world.collective.slug, cohort.course_id)
    enrolment = course.enrolments.get(person=learner)
    assert course.viewer_enrolment == enrolment
    assert course.viewer_enrolment.enrolled_at == enrolment.enrolled_at
    assert course.viewer_enrolment.completed_at is None
    place = access.cohort_in(course, cohort.pk, learner).viewer_participant
    assert place == CohortParticipant.objects.get(person=learner)
    assert place.joined_at is not None and place.evaluation_given is False
    assert place.sealed_evaluation is None  # left unread, read when asked for

    services.cohort_leave(cohort=cohort, person=learner)
    assert access.cohort_in(course, cohort.pk, learner).viewer_participant is None
