"""A person enrols on a course, works through it, reflects and gets a certificate."""

from __future__ import annotations

import pytest
from django.urls import reverse

from levelfield.history.models import Change
from levelfield.learning import services
from levelfield.learning.models import Enrolment, PageDone, Reflection
from levelfield.learning.tests.conftest import LearningWorld


def _url(name: str, learning_world: LearningWorld, *args: int) -> str:
    return reverse(
        f"learning:{name}", args=[learning_world.collective.slug, learning_world.course.pk, *args]
    )


def test_a_learner_completes_a_two_module_course_and_downloads_a_certificate(
    learning_world: LearningWorld,
    client: object,
    mailoutbox: list,
    django_capture_on_commit_callbacks: object,
) -> None:
    client.force_login(learning_world.learner)
    assert b"Start the course" in client.get(_url("course", learning_world)).content
    client.post(_url("enrol", learning_world))
    enrolment = Enrolment.objects.get(course=learning_world.course, person=learning_world.learner)
    assert Change.objects.filter(action="learning.enrol", subject_id=enrolment.pk).exists()
    page = client.get(_url("course", learning_world)).content.decode()
    assert "Start the course" in page and "You have done 0 of 4 steps" in page

    first, second, third = learning_world.pages
    response = client.post(_url("page_done", learning_world, first.pk))
    assert response.url == _url("page", learning_world, second.pk)
    response = client.post(_url("page_done", learning_world, second.pk))
    # The last page of a module with a question leads to the reflection.
    assert response.url == _url("reflection", learning_world, learning_world.modules[0].pk)
    response = client.post(
        _url("reflection", learning_world, learning_world.modules[0].pk),
        {"text": "I will pay people fairly."},
    )
    assert response.url == _url("page", learning_world, third.pk)
    assert client.get(_url("certificate", learning_world)).status_code == 404  # not finished yet

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(_url("page_done", learning_world, third.pk))
    assert response.url == _url("course", learning_world)
    enrolment.refresh_from_db()
    assert enrolment.completed_at is not None
    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == [learning_world.learner.email]
    assert "certificate" in mailoutbox[0].subject
    assert (
        "Download your certificate" in client.get(_url("course", learning_world)).content.decode()
    )

    certificate = client.get(_url("certificate", learning_world))
    assert certificate.status_code == 200
    assert certificate["Content-Type"] == "application/pdf"
    assert certificate.content.startswith(b"%PDF")
    # Doing a page again does not complete (or email) twice.
    with django_capture_on_commit_callbacks(execute=True):
        client.post(_url("page_done", learning_world, third.pk))
    assert len(mailoutbox) == 1


def test_the_course_page_offers_to_carry_on_where_the_learner_stopped(
    learning_world: LearningWorld, client: object
) -> None:
    enrolment = services.enrolment_create(
        course=learning_world.course, person=learning_world.learner
    )
    services.page_mark_done(enrolment=enrolment, page=learning_world.pages[0])
    client.force_login(learning_world.learner)
    page = client.get(_url("course", learning_world)).content.decode()
    assert "Carry on where you stopped" in page
    assert f'href="{_url("page", learning_world, learning_world.pages[1].pk)}"' in page
    assert "You have done 1 of 4 steps (25%)" in page


def test_opening_a_page_writes_nothing(learning_world: LearningWorld, client: object) -> None:
    services.enrolment_create(course=learning_world.course, person=learning_world.learner)
    client.force_login(learning_world.learner)
    assert client.get(_url("page", learning_world, learning_world.pages[0].pk)).status_code == 200
    assert not PageDone.objects.exists()


def test_a_member_may_read_pages_without_enrolling_but_not_mark_them_done(
    learning_world: LearningWorld, client: object
) -> None:
    client.force_login(learning_world.member)
    assert client.get(_url("page", learning_world, learning_world.pages[0].pk)).status_code == 200
    assert (
        client.post(_url("page_done", learning_world, learning_world.pages[0].pk)).status_code
        == 403
    )
    assert (
        client.get(_url("reflection", learning_world, learning_world.modules[0].pk)).status_code
        == 403
    )
    assert not PageDone.objects.exists()


def test_people_outside_the_collective_learn_nothing(
    learning_world: LearningWorld, client: object
) -> None:
    client.force_login(learning_world.outsider)
    for url in (
        reverse("learning:courses", args=[learning_world.collective.slug]),
        _url("course", learning_world),
        _url("page", learning_world, learning_world.pages[0].pk),
        _url("progress", learning_world),
        _url("certificate", learning_world),
    ):
        assert client.get(url).status_code == 404, url
    assert client.post(_url("enrol", learning_world)).status_code == 404
    assert not Enrolment.objects.exists()


def test_a_draft_course_is_seen_only_by_its_facilitators(
    learning_world: LearningWorld, client: object
) -> None:
    learning_world.course.is_open = False
    learning_world.course.save()
    client.force_login(learning_world.member)
    assert client.get(_url("course", learning_world)).status_code == 404
    assert (
        learning_world.course.title
        not in client.get(
            reverse("learning:courses", args=[learning_world.collective.slug])
        ).content.decode()
    )
    client.force_login(learning_world.facilitator)
    assert "This course is a draft" in client.get(_url("course", learning_world)).content.decode()


def test_a_wrong_page_or_module_is_a_404(learning_world: LearningWorld, client: object) -> None:
    client.force_login(learning_world.learner)
    assert client.get(_url("page", learning_world, 999999)).status_code == 404
    other = services.course_create(
        collective=learning_world.collective,
        actor=learning_world.facilitator,
        title="Another course",
    )
    wrong = reverse(
        "learning:page",
        args=[learning_world.collective.slug, other.pk, learning_world.pages[0].pk],
    )
    assert client.get(wrong).status_code == 404


def test_reflections_are_private_unless_shared(
    learning_world: LearningWorld, client: object
) -> None:
    module = learning_world.modules[0]
    for person, text, shared in (
        (learning_world.learner, "Kept to myself.", False),
        (learning_world.member, "Shared with you.", True),
    ):
        enrolment = services.enrolment_create(course=learning_world.course, person=person)
        services.reflection_save(
            enrolment=enrolment, module=module, text=text, shared_with_facilitators=shared
        )
    client.force_login(learning_world.facilitator)
    page = client.get(_url("progress", learning_world)).content.decode()
    assert "Shared with you." in page
    assert "Kept to myself." not in page
    # The learner changes their mind and shares it.
    client.force_login(learning_world.learner)
    client.post(
        _url("reflection", learning_world, module.pk),
        {"text": "Kept to myself.", "shared_with_facilitators": "on"},
    )
    assert Reflection.objects.get(
        enrolment__person=learning_world.learner
    ).shared_with_facilitators


def test_progress_is_shown_only_from_the_minimum_group(
    learning_world: LearningWorld, client: object, settings: object
) -> None:
    from levelfield.people.tests.factories import UserFactory

    client.force_login(learning_world.facilitator)
    services.enrolment_create(course=learning_world.course, person=learning_world.learner)
    page = client.get(_url("progress", learning_world)).content.decode()
    assert "1 person enrolled so far" in page
    assert "finished the course" not in page
    from levelfield.collectives.tests.factories import CollectiveMembershipFactory

    for _ in range(4):
        person = UserFactory()
        CollectiveMembershipFactory(collective=learning_world.collective, person=person)
        services.enrolment_create(course=learning_world.course, person=person)
    page = client.get(_url("progress", learning_world)).content.decode()
    assert "5 people enrolled; 0 started; 0 finished the course" in page


def test_other_members_may_not_run_the_course(
    learning_world: LearningWorld, client: object
) -> None:
    client.force_login(learning_world.member)
    for url in (
        _url("course_edit", learning_world),
        _url("progress", learning_world),
        _url("module_create", learning_world),
        _url("page_edit", learning_world, learning_world.pages[0].pk),
        _url("circle_create", learning_world),
    ):
        assert client.get(url).status_code == 403, url
        if "progress" not in url:
            assert client.post(url, {"title": "Taken over", "name": "x"}).status_code == 403
    learning_world.course.refresh_from_db()
    assert learning_world.course.title != "Taken over"


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"body": "![](/static/x.png)"}, "Every image needs alt text"),
        ({"body": "![A chart](https://example.org/x.png)"}, "Images must be stored on Levelfield"),
        (
            {"body": "Watch this.", "video_url": "https://video.example.org/1"},
            "Link only to a video with captions",
        ),
    ],
)
def test_pages_need_alt_text_and_captions(
    learning_world: LearningWorld, client: object, fields: dict, message: str
) -> None:
    client.force_login(learning_world.facilitator)
    url = _url("page_create", learning_world, learning_world.modules[0].pk)
    response = client.post(url, {"title": "New page", **fields})
    assert response.status_code == 200
    page = response.content.decode()
    assert "There is a problem" in page and message in page


def test_a_facilitator_builds_a_course_and_pages_are_sanitised(
    learning_world: LearningWorld, client: object
) -> None:
    client.force_login(learning_world.facilitator)
    response = client.post(
        reverse("learning:course_create", args=[learning_world.collective.slug]),
        {"title": "Paying people fairly", "summary": "Why and how."},
    )
    course = learning_world.facilitator.courses_facilitated.get(title="Paying people fairly")
    assert not course.is_open
    base = [learning_world.collective.slug, course.pk]
    client.post(reverse("learning:module_create", args=base), {"title": "Why pay"})
    module = course.modules.get()
    response = client.post(
        reverse("learning:page_create", args=[*base, module.pk]),
        {
            "title": "Rates",
            "body": (
                "## Rates\n\n<script>alert(1)</script>Pay **fairly**. ![A table](/static/r.png)"
            ),
            "video_url": "https://video.example.org/1",
            "video_has_captions": "on",
            "transcript": "What the video says.",
        },
    )
    page = module.pages.get()
    shown = client.get(response.url).content.decode()
    assert "<h2>Rates</h2>" in shown and "<strong>fairly</strong>" in shown
    assert "<script>alert" not in shown
    assert 'alt="A table"' in shown and "it has captions" in shown
    assert page.video_has_captions
    client.post(
        reverse("learning:course_edit", args=base),
        {
            "title": "Paying people fairly",
            "summary": "Why and how.",
            "is_open": "on",
            "facilitators": [learning_world.facilitator.pk, learning_world.member.pk],
        },
    )
    course.refresh_from_db()
    assert course.is_open
    assert set(course.facilitators.all()) == {learning_world.facilitator, learning_world.member}


def test_a_course_keeps_at_least_one_facilitator_from_the_collective(
    learning_world: LearningWorld, client: object
) -> None:
    client.force_login(learning_world.facilitator)
    response = client.post(
        _url("course_edit", learning_world),
        {"title": "T", "facilitators": [learning_world.outsider.pk]},
    )
    assert "There is a problem" in response.content.decode()
    assert list(learning_world.course.facilitators.all()) == [learning_world.facilitator]


def test_the_next_page_link_reads_as_next_page_then_its_title(
    learning_world: LearningWorld, client: object
) -> None:
    """Never "NextThe principles we hold": words are spaced for screen readers and copy."""
    import re

    client.force_login(learning_world.learner)
    client.post(_url("enrol", learning_world))
    first, second, _ = learning_world.pages
    page = client.get(_url("page", learning_world, first.pk)).content.decode()
    link = re.search(r'<a [^>]*rel="next">(.*?)</a>', page).group(1)
    assert re.sub(r"<[^>]+>", "", link) == f"Next page: {second.title}"


def test_a_learner_starts_the_existing_course_from_the_list_in_one_tap(
    learning_world: LearningWorld, client: object
) -> None:
    """ "Start" starts the course that exists; creating one is "Create a course"."""
    client.force_login(learning_world.learner)
    page = client.get(
        reverse("learning:courses", args=[learning_world.collective.slug])
    ).content.decode()
    assert (
        f'Start<span class="govuk-visually-hidden"> “{learning_world.course.title}”</span>' in page
    )
    assert "Start a course" not in page
    assert "Want to teach others?" in page and "Create a course</a>" in page
    response = client.post(_url("enrol", learning_world))
    assert response.url == _url("page", learning_world, learning_world.pages[0].pk)
    assert Enrolment.objects.filter(
        course=learning_world.course, person=learning_world.learner
    ).exists()


def test_a_facilitator_sees_create_a_course_as_a_button(
    learning_world: LearningWorld, client: object
) -> None:
    client.force_login(learning_world.facilitator)
    page = client.get(
        reverse("learning:courses", args=[learning_world.collective.slug])
    ).content.decode()
    assert ">Create a course</a>" in page and "Want to teach others?" not in page


def test_the_last_page_of_a_module_with_a_question_offers_to_reflect(
    learning_world: LearningWorld, client: object
) -> None:
    client.force_login(learning_world.learner)
    client.post(_url("enrol", learning_world))
    buttons = [
        client.get(_url("page", learning_world, page.pk)).content.decode()
        for page in learning_world.pages
    ]
    assert "Mark as done and go on" in buttons[0]
    assert "Mark as done and reflect" in buttons[1]  # the first module asks a question
    assert "Mark as done and go on" in buttons[2]  # the second asks none
