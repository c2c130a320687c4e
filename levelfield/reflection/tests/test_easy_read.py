"""Easy read on the check-in form: a team writes its questions in easy words too; whoever
asks for easy read sees them with the usual words a click away, and the answers are the
same (issue 28)."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from levelfield.lib.testing.world import World
from levelfield.reflection.models import Question, QuestionSet
from levelfield.reflection.tests.factories import RoundFactory, version_of

pytestmark = pytest.mark.django_db


def _client(person: Any) -> Client:
    client = Client()
    client.force_login(person)
    return client


def test_a_team_adds_a_question_with_its_easy_read_words(world: World) -> None:
    builtin = version_of().question_set
    url = reverse("reflection:question_add", args=[world.collective.slug, builtin.pk])
    assert "Easy read is for people" in _client(world.member).get(url).content.decode()

    response = _client(world.member).post(
        url,
        {
            "theme": "Sharing power",
            "text": "We share the jobs nobody wants, such as taking the minutes.",
            "easy_read_text": "We all do the boring jobs.",
        },
    )

    assert response.status_code == 302
    own = QuestionSet.objects.get(collective=world.collective)
    added = Question.objects.get(version__question_set=own, easy_read_text__gt="")
    assert added.easy_read_text == "We all do the boring jobs."


def test_the_check_in_form_in_easy_read(world: World) -> None:
    version = version_of()
    question = version.questions.first()
    question.easy_read_text = "Everyone has a say."
    question.save(update_fields=["easy_read_text"])
    checkin = RoundFactory(place=world.project_place, version=version)
    url = reverse("reflection:answer", args=[checkin.pk])

    usual = _client(world.member).get(url).content.decode()
    assert f'href="{url}?easy_read=1"' in usual and "Everyone has a say." not in usual

    easy = _client(world.member).get(f"{url}?easy_read=1").content.decode()
    assert "Easy read" in easy and "Everyone has a say." in easy
    assert question.text in easy  # the usual words, one click away
    # A mistake (nothing answered) keeps the easy words.
    mistake = _client(world.member).post(f"{url}?easy_read=1", {})
    assert mistake.status_code == 400 and "Everyone has a say." in mistake.content.decode()
