"""A learning circle: members post reflections after a session; a facilitator writes
up the themes and the members hear about it once."""

from __future__ import annotations

from django.urls import reverse

from levelfield.history.models import Change
from levelfield.learning import services
from levelfield.learning.models import CircleMembership, CirclePost, CircleSession
from levelfield.learning.tests.conftest import LearningWorld
from levelfield.learning.tests.factories import CircleFactory


def _url(name: str, learning_world: LearningWorld, *args: int) -> str:
    return reverse(
        f"learning:{name}", args=[learning_world.collective.slug, learning_world.course.pk, *args]
    )


def test_a_circle_reflects_after_a_session_and_the_facilitator_summarises_themes(
    learning_world: LearningWorld,
    client: object,
    mailoutbox: list,
    django_capture_on_commit_callbacks: object,
) -> None:
    client.force_login(learning_world.facilitator)
    client.post(_url("circle_create", learning_world), {"name": "Tuesday circle"})
    circle = learning_world.course.circles.get()
    services.enrolment_create(course=learning_world.course, person=learning_world.learner)

    client.force_login(learning_world.learner)
    response = client.post(_url("circle_join", learning_world, circle.pk))
    assert response.url == _url("circle", learning_world, circle.pk)
    assert Change.objects.filter(action="learning.circle_join").count() == 1

    client.force_login(learning_world.facilitator)
    client.post(
        _url("session_create", learning_world, circle.pk),
        {
            "title": "After sharing power",
            "held_on": "2026-11-03",
            "module": learning_world.modules[1].pk,
        },
    )
    session = CircleSession.objects.get()
    assert session.module == learning_world.modules[1]

    client.force_login(learning_world.learner)
    client.post(
        _url("circle_post", learning_world, circle.pk, session.pk), {"text": "I felt listened to."}
    )
    client.post(
        _url("circle_post", learning_world, circle.pk, session.pk), {"text": "I felt heard."}
    )
    assert list(CirclePost.objects.values_list("text", flat=True)) == ["I felt heard."]

    client.force_login(learning_world.facilitator)
    themes_url = _url("themes", learning_world, circle.pk, session.pk)
    assert "I felt heard." in client.get(themes_url).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(themes_url, {"themes": "Being heard; time to prepare."})
    with django_capture_on_commit_callbacks(execute=True):
        client.post(themes_url, {"themes": "Being heard; time to prepare; pay."})
    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == [learning_world.learner.email]
    assert "time to prepare" in mailoutbox[0].body

    client.force_login(learning_world.learner)
    page = client.get(_url("circle", learning_world, circle.pk)).content.decode()
    assert "I felt heard." in page and "time to prepare; pay." in page


def test_only_enrolled_people_join_and_only_members_see_a_circle(
    learning_world: LearningWorld, client: object
) -> None:
    circle = CircleFactory(course=learning_world.course)
    session = services.circle_session_create(
        circle=circle, actor=learning_world.facilitator, title="First", held_on="2026-11-03"
    )
    client.force_login(learning_world.member)
    assert client.post(_url("circle_join", learning_world, circle.pk)).status_code == 403
    assert not CircleMembership.objects.exists()
    assert client.get(_url("circle", learning_world, circle.pk)).status_code == 404
    assert (
        client.post(
            _url("circle_post", learning_world, circle.pk, session.pk), {"text": "x"}
        ).status_code
        == 404
    )
    assert client.get(_url("themes", learning_world, circle.pk, session.pk)).status_code == 403
    client.force_login(learning_world.outsider)
    assert client.get(_url("circle", learning_world, circle.pk)).status_code == 404
    assert not CirclePost.objects.exists()


def test_a_session_form_with_a_bad_date_says_so(
    learning_world: LearningWorld, client: object
) -> None:
    circle = CircleFactory(course=learning_world.course)
    client.force_login(learning_world.facilitator)
    response = client.post(
        _url("session_create", learning_world, circle.pk), {"title": "x", "held_on": "soon"}
    )
    assert "Enter the date, for example 2027-03-01" in response.content.decode()
    assert not CircleSession.objects.exists()
