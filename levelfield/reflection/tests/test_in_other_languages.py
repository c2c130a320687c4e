"""A check-in read in Welsh: members translate its questions (theme and words); Welsh
readers answer and read the results in Welsh, and anonymous answers given in either
language are counted together, because they belong to the same questions (issue 28)."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from levelfield.lib.testing.world import World
from levelfield.people.tests.factories import UserFactory
from levelfield.projects.tests.factories import ProjectMembershipFactory
from levelfield.reflection.models import (
    Answer,
    CheckInRound,
    Question,
    QuestionSet,
    QuestionSetVersion,
)
from levelfield.reflection.tests.factories import RoundFactory, answer_all, close
from levelfield.translations import services as translation_services

pytestmark = pytest.mark.django_db

WELSH = "cy"


def _client(person: Any) -> Client:
    client = Client()
    client.force_login(person)
    return client


def _own_version(world: World, count: int) -> QuestionSetVersion:
    """Riverside's own set of `count` questions."""
    own = QuestionSet.objects.create(
        collective=world.collective, key=f"ours-{count}", title=f"Our {count} questions"
    )
    version = QuestionSetVersion.objects.create(question_set=own, number=1)
    Question.objects.bulk_create(
        Question(version=version, position=n, theme="Sharing power", text=f"We share power {n}.")
        for n in range(1, count + 1)
    )
    return version


def _translate(checkin: CheckInRound, translator: Any) -> None:
    for question in checkin.version.questions.all():
        translation_services.translation_save(
            obj=question,
            language=WELSH,
            text={"theme": "Rhannu grym", "text": f"Cwestiwn yn Gymraeg – {question.text}"},
            actor=translator,
        )


def _welsh(person: Any) -> Any:
    person.language = WELSH
    person.save(update_fields=["language"])
    return person


def test_a_member_translates_a_question_and_outsiders_cannot(world: World) -> None:
    checkin = RoundFactory(place=world.project_place, version=_own_version(world, 3))
    question = checkin.version.questions.first()
    url = reverse("translations:edit", args=["reflection-question", question.pk, WELSH])

    saved = _client(world.member).post(
        url, {"theme": "Rhannu grym", "text": "Rydyn ni’n rhannu grym."}
    )

    assert saved.status_code == 302
    assert question.translations.get().text["text"] == "Rydyn ni’n rhannu grym."
    assert _client(world.outsider).get(url).status_code == 404


def test_the_round_page_links_to_each_questions_translations(world: World) -> None:
    checkin = RoundFactory(place=world.project_place, version=_own_version(world, 3))

    page = _client(world.member).get(reverse("reflection:detail", args=[checkin.pk]))

    question = checkin.version.questions.first()
    assert reverse("translations:object", args=["reflection-question", question.pk]) in (
        page.content.decode()
    )


def test_welsh_and_english_answers_are_counted_together(world: World) -> None:
    checkin = RoundFactory(place=world.project_place, version=_own_version(world, 3))
    _translate(checkin, world.member)
    others = [UserFactory() for _ in range(3)]
    for person in others:
        ProjectMembershipFactory(project=world.project, person=person)
    questions = list(checkin.version.questions.all())
    url = reverse("reflection:answer", args=[checkin.pk])
    welsh_form = _client(_welsh(world.coordinator)).get(url).content.decode()
    assert "Cwestiwn yn Gymraeg – We share power 1." in welsh_form and "Rhannu grym" in welsh_form
    assert "We share power 1." not in welsh_form.replace(
        "Cwestiwn yn Gymraeg – We share power 1.", ""
    )

    answers = {f"score_{question.pk}": "4" for question in questions}
    assert _client(world.coordinator).post(url, answers).status_code == 302
    assert _client(world.member).post(url, answers).status_code == 302
    answer_all(checkin, others, 1)
    close(checkin)

    # Five answers to each question, whatever language they were given in.
    for question in questions:
        assert Answer.objects.filter(question=question).count() == 5
    results = _client(world.coordinator).get(reverse("reflection:detail", args=[checkin.pk]))
    page = results.content.decode()
    assert "Cwestiwn yn Gymraeg – We share power 1." in page and "Rhannu grym" in page
    assert "2.2" in page  # (4 + 4 + 1 + 1 + 1) / 5, the Welsh and English answers together
    english = _client(world.member).get(reverse("reflection:detail", args=[checkin.pk]))
    assert "We share power 1." in english.content.decode()
    assert "Cwestiwn yn Gymraeg" not in english.content.decode()


def _page_queries(client: Client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_the_check_in_form_costs_one_query_more_whatever_the_number_of_questions(
    world: World,
) -> None:
    cora = _client(_welsh(world.coordinator))
    mo = _client(world.member)
    counts = []
    for number in (3, 10):
        checkin = RoundFactory(place=world.project_place, version=_own_version(world, number))
        url = reverse("reflection:answer", args=[checkin.pk])
        english = _page_queries(mo, url)
        _translate(checkin, world.member)
        welsh = _page_queries(cora, url)
        assert welsh <= english + 1
        counts.append(welsh)
    assert counts[0] == counts[1]
