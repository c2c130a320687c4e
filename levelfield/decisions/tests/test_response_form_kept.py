"""The response form's fields are kept, before anything is sent, under a digest of all
they are made from (views._answer_fields): a person who changes their answer, a new
translation of an option, or a decision whose options change must each see the form
change at once, never a kept copy from before."""

from __future__ import annotations

import re
from datetime import timedelta
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from levelfield.decisions import services
from levelfield.decisions.models import Decision, Method
from levelfield.lib.testing.world import World
from levelfield.translations import services as translation_services

pytestmark = pytest.mark.django_db


def _client(person: Any, language: str = "") -> Client:
    client = Client(HTTP_ACCEPT_LANGUAGE=language) if language else Client()
    client.force_login(person)
    return client


def _decision(world: World, **values: Any) -> Decision:
    values.setdefault("options", ["In the library", "Online"])
    return services.decision_create(
        created_by=world.member,
        place=world.project_place,
        method=Method.SINGLE_CHOICE,
        title="Where should we meet in winter?",
        background="Travel is hard in the dark evenings.",
        closes_at=timezone.now() + timedelta(days=8),
        **values,
    )


def _checked(page: str) -> list[str]:
    """The labels of the radios ticked on the page."""
    ticked = re.findall(r'<input[^>]*id="([^"]+)"[^>]*checked[^>]*>', page)
    return [
        re.search(rf'<label[^>]*for="{name}"[^>]*>\s*([^<]*?)\s*</label>', page).group(1)
        for name in ticked
    ]


def _without_token(page: str) -> str:
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", page)


def test_a_member_who_changes_their_answer_sees_the_new_one_in_the_form(world: World) -> None:
    decision = _decision(world)
    library, online = decision.options.order_by("position")
    url = reverse("decisions:respond", args=[decision.pk])
    client = _client(world.coordinator)
    assert _checked(client.get(url).content.decode()) == []

    services.response_submit(
        decision=decision, person=world.coordinator, payload={"options": [library.pk]}
    )
    assert _checked(client.get(url).content.decode()) == ["In the library"]
    assert _checked(client.get(url).content.decode()) == ["In the library"]  # kept

    services.response_submit(
        decision=decision, person=world.coordinator, payload={"options": [online.pk]}
    )
    assert _checked(client.get(url).content.decode()) == ["Online"]
    # Another member's form is their own, never the kept one of someone else.
    assert _checked(_client(world.member).get(url).content.decode()) == []


def test_a_welsh_reader_sees_an_option_as_soon_as_it_is_translated(world: World) -> None:
    decision = _decision(world)
    url = reverse("decisions:respond", args=[decision.pk])
    client = _client(world.coordinator, "cy")
    assert "In the library" in client.get(url).content.decode()

    library = decision.options.get(label="In the library")
    translation_services.translation_save(
        obj=library, language="cy", text={"label": "Yn y llyfrgell"}, actor=world.member
    )

    page = client.get(url).content.decode()
    assert "Yn y llyfrgell" in page
    assert "In the library" in _client(world.coordinator).get(url).content.decode()


def test_an_option_added_in_the_talk_shows_in_the_form_when_voting_opens(world: World) -> None:
    now = timezone.now()
    decision = _decision(world, has_discussion=True, opens_at=now + timedelta(days=1))
    services.option_add(decision=decision, person=world.coordinator, label="At the café")
    Decision.objects.filter(pk=decision.pk).update(opens_at=now - timedelta(minutes=1))

    page = _client(world.coordinator).get(reverse("decisions:respond", args=[decision.pk]))

    assert "At the café" in page.content.decode()


def test_a_sent_form_with_a_problem_shows_it_by_the_fields(world: World) -> None:
    decision = _decision(world, reasons_policy="required")
    url = reverse("decisions:respond", args=[decision.pk])
    client = _client(world.coordinator)
    client.get(url)  # the empty form is kept

    page = client.post(url, {"reason": ""}).content.decode()

    assert "govuk-form-group--error" in page
    assert "Give a reason for your response." in page
    assert "govuk-form-group--error" not in client.get(url).content.decode()


def test_a_response_reads_and_holds_the_decision_in_one_query(world: World) -> None:
    decision = _decision(world)
    library = decision.options.get(label="In the library")
    url = reverse("decisions:respond", args=[decision.pk])
    client = _client(world.coordinator)

    with CaptureQueriesContext(connection) as queries:
        assert client.post(url, {"choice": library.pk}).status_code == 302

    reads = [q["sql"] for q in queries if 'FROM "decisions_decision"' in q["sql"]]
    # The page's own access check, then the decision held (and read) for the response.
    assert len(reads) == 2
    assert decision.responses.get().payload == {"options": [library.pk]}


def test_the_decision_page_shows_each_change_to_a_response_at_once(world: World) -> None:
    decision = _decision(world)
    library, online = decision.options.order_by("position")
    url = reverse("decisions:detail", args=[decision.pk])
    reader = _client(world.member)
    services.response_submit(
        decision=decision, person=world.coordinator, payload={"options": [library.pk]}
    )
    assert "Changes, oldest first" not in reader.get(url).content.decode()

    services.response_submit(
        decision=decision, person=world.coordinator, payload={"options": [online.pk]}
    )
    page = _without_token(reader.get(url).content.decode())
    assert "Changes, oldest first" in page
    assert page.count("(reason changed too)") == 0
    assert _without_token(reader.get(url).content.decode()) == page  # kept, the same

    services.response_submit(
        decision=decision,
        person=world.coordinator,
        payload={"options": [library.pk]},
        reason="The library has a ramp.",
    )
    assert reader.get(url).content.decode().count("(reason changed too)") == 1
