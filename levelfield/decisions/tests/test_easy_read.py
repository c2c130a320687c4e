"""Easy read on the response form: whoever starts a decision may write the question and
each option in easy words; whoever asks for easy read sees them (with the usual words a
click away), and answers are counted the same (issue 28)."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from levelfield.decisions.models import Decision, Tally
from levelfield.lib.testing.world import World

pytestmark = pytest.mark.django_db


def _client(person: Any) -> Client:
    client = Client()
    client.force_login(person)
    return client


def _start(world: World, **changes: str) -> Any:
    closes = timezone.localtime(timezone.now() + timedelta(days=8)).strftime("%Y-%m-%dT%H:%M")
    url = reverse("decisions:place_create", args=[world.project_place.pk])
    return _client(world.member).post(
        f"{url}?method=single_choice",
        {
            "title": "Where should we meet in winter?",
            "background": "Travel is hard in the dark evenings, so we are choosing a venue.",
            "easy_read_question": "Where should we meet?\nIt is dark early in winter.",
            "options": "In the library\nOnline, on a video call",
            "easy_read_options": "At the library\nOn the computer",
            "closes_at": closes,
            "reasons_policy": "optional",
            "voice_check": "none",
            "voice_minimum": "1",
            **changes,
        },
    )


def test_starting_a_decision_with_easy_read_words(world: World) -> None:
    form = _client(world.member).get(
        reverse("decisions:place_create", args=[world.project_place.pk]) + "?method=single_choice"
    )
    assert "Easy read is for people with learning disabilities" in form.content.decode()

    assert _start(world).status_code == 302

    decision = Decision.objects.get()
    assert decision.easy_read_question == "Where should we meet?\nIt is dark early in winter."
    assert [(o.label, o.easy_read_label) for o in decision.options.all()] == [
        ("In the library", "At the library"),
        ("Online, on a video call", "On the computer"),
    ]


def test_easy_read_lines_must_match_the_options(world: World) -> None:
    response = _start(world, easy_read_options="At the library")

    assert response.status_code == 200
    assert "you gave 1 line for 2 options" in response.content.decode()
    assert not Decision.objects.exists()


def test_the_response_form_offers_easy_read_and_counts_the_same(world: World) -> None:
    _start(world)
    decision = Decision.objects.get()
    url = reverse("decisions:respond", args=[decision.pk])

    usual = _client(world.coordinator).get(url).content.decode()
    assert f'href="{url}?easy_read=1"' in usual
    assert "On the computer" not in usual

    easy = _client(world.coordinator).get(f"{url}?easy_read=1").content.decode()
    assert "Easy read" in easy and "It is dark early in winter." in easy
    assert "At the library" in easy and "On the computer" in easy
    assert "Read the usual wording" in easy and "Online, on a video call" in easy
    assert f'href="{url}"' in easy  # back to the usual words

    # A mistake keeps the easy words (the form posts to its own address).
    mistake = _client(world.coordinator).post(f"{url}?easy_read=1", {"reason": ""})
    assert mistake.status_code == 200 and "On the computer" in mistake.content.decode()

    library = decision.options.get(label="In the library")
    _client(world.coordinator).post(f"{url}?easy_read=1", {"choice": str(library.pk)})
    _client(world.member).post(url, {"choice": str(library.pk)})
    tally = Tally.objects.get(decision=decision)
    assert tally.responses == 2 and list(tally.marks.values()) == [2]


def test_no_easy_read_link_when_nothing_is_written_in_easy_read(world: World) -> None:
    _start(world, easy_read_question="", easy_read_options="")
    decision = Decision.objects.get()

    page = _client(world.coordinator).get(reverse("decisions:respond", args=[decision.pk]))

    assert "easy_read=1" not in page.content.decode()
