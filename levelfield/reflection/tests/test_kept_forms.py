"""The check-in form's questions are kept between readers, empty: each reader still sees
their own answers in it, nobody else's, and the questions as they read now."""

from __future__ import annotations

import pytest
from django.urls import reverse

from levelfield.lib.testing.world import World
from levelfield.reflection.tests.factories import Team, make_team
from levelfield.translations import services as translation_services

pytestmark = pytest.mark.django_db


@pytest.fixture
def team(world: World) -> Team:
    return make_team(
        public=5, professionals=5, collective=world.collective, outsider=world.outsider
    )


def test_each_reader_sees_only_their_own_answers_in_the_kept_form(
    team: Team, client: object
) -> None:
    checkin = team.open_round()
    questions = list(checkin.version.questions.order_by("position"))
    url = reverse("reflection:answer", args=[checkin.pk])
    first, second = team.members[:2]
    client.force_login(second)
    assert " checked>" not in client.get(url).content.decode()  # kept empty now
    client.force_login(first)
    answers = {f"score_{q.pk}": str(index % 5 + 1) for index, q in enumerate(questions)}
    answers[f"comment_{questions[0].pk}"] = 'Papers <b>"late"</b>\nagain'
    assert client.post(url, answers).status_code == 302
    mine = client.get(url).content.decode()
    assert "Papers &lt;b&gt;&quot;late&quot;&lt;/b&gt;\nagain</textarea>" in mine
    assert mine.count(" checked>") == len(questions)
    for index, question in enumerate(questions):
        assert f'name="score_{question.pk}" type="radio" value="{index % 5 + 1}" checked>' in mine
    assert "levelfield-comment-slot" not in mine
    client.force_login(second)
    theirs = client.get(url).content.decode()
    assert "Papers" not in theirs and " checked>" not in theirs
    assert "levelfield-comment-slot" not in theirs
    # A refused change is drawn from what was sent, with its error.
    client.force_login(first)
    answers.pop(f"score_{questions[1].pk}")
    refused = client.post(url, answers)
    assert refused.status_code == 400
    assert "Choose an answer from 1 to 5 for question 2" in refused.content.decode()


def test_the_kept_form_shows_a_question_translated_after_it_was_kept(
    team: Team, client: object
) -> None:
    checkin = team.open_round()
    question = checkin.version.questions.order_by("position").first()
    reader = team.members[0]
    reader.language = "cy"
    reader.save(update_fields=["language"])
    client.force_login(reader)
    url = reverse("reflection:answer", args=[checkin.pk])
    assert question.text in client.get(url).content.decode()
    translation_services.translation_save(
        obj=question,
        language="cy",
        text={"theme": "Thema yn Gymraeg", "text": "Cwestiwn yn Gymraeg."},
        actor=team.members[1],
    )
    page = client.get(url).content.decode()
    assert "Cwestiwn yn Gymraeg." in page and "Thema yn Gymraeg" in page
