"""A decision read in Welsh: members translate its title, background and options; Welsh
readers see them on the decision page, the response form and the results, and answers
given in either language are counted together, because they point at the same options
(issue 28)."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from levelfield.decisions import services
from levelfield.decisions.models import Decision, Method, Tally
from levelfield.lib.testing.world import World
from levelfield.translations import services as translation_services

pytestmark = pytest.mark.django_db

WELSH = "cy"
DECISION_WELSH = {
    "title": "Ble dylen ni gwrdd yn y gaeaf?",
    "background": "Mae teithio’n anodd yn y nosweithiau tywyll.",
}
OPTIONS_WELSH = {
    "In the library": "Yn y llyfrgell",
    "Online": "Ar-lein",
    "At the café": "Yn y caffi",
}


def _client(person: Any) -> Client:
    client = Client()
    client.force_login(person)
    return client


def _decision(world: World, options: list[str] | None = None, **values: Any) -> Decision:
    values.setdefault("title", "Where should we meet in winter?")
    values.setdefault("background", "Travel is hard in the dark evenings.")
    return services.decision_create(
        created_by=world.member,
        place=world.project_place,
        method=Method.SINGLE_CHOICE,
        options=options or list(OPTIONS_WELSH),
        closes_at=timezone.now() + timedelta(days=8),
        **values,
    )


def _translate(decision: Decision, translator: Any) -> None:
    translation_services.translation_save(
        obj=decision, language=WELSH, text=DECISION_WELSH, actor=translator
    )
    for option in decision.options.all():
        words = OPTIONS_WELSH.get(option.label, f"{option.label} (cy)")
        translation_services.translation_save(
            obj=option, language=WELSH, text={"label": words}, actor=translator
        )


def _option(decision: Decision, label: str) -> Any:
    return decision.options.get(label=label)


def test_a_member_translates_an_option_on_its_own_page(world: World) -> None:
    decision = _decision(world)
    library = _option(decision, "In the library")
    url = reverse("translations:edit", args=["decisions-option", library.pk, WELSH])

    saved = _client(world.member).post(url, {"label": "Yn y llyfrgell"})

    assert saved.status_code == 302
    assert library.translations.get().text["label"] == "Yn y llyfrgell"
    # Gita is in the collective, not in the project: the option is not hers to see.
    assert _client(world.group_member).get(url).status_code == 404
    assert _client(world.outsider).get(url).status_code == 404


def test_the_decision_page_shows_links_to_translate_each_option(world: World) -> None:
    decision = _decision(world)

    page = _client(world.member).get(reverse("decisions:detail", args=[decision.pk]))

    library = _option(decision, "In the library")
    assert reverse("translations:object", args=["decisions-option", library.pk]) in (
        page.content.decode()
    )


def test_a_welsh_reader_sees_the_decision_and_its_options_in_welsh(world: World) -> None:
    decision = _decision(world)
    _translate(decision, world.member)
    world.coordinator.language = WELSH
    world.coordinator.save(update_fields=["language"])
    cora = _client(world.coordinator)

    page = cora.get(reverse("decisions:detail", args=[decision.pk])).content.decode()
    form = cora.get(reverse("decisions:respond", args=[decision.pk])).content.decode()
    original = cora.get(reverse("decisions:respond", args=[decision.pk]) + "?original=1")

    for shown in (page, form):
        assert "Ble dylen ni gwrdd yn y gaeaf?" in shown
        assert "Yn y llyfrgell" in shown and "Ar-lein" in shown
        assert "Where should we meet in winter?" not in shown
    assert "Mae teithio’n anodd" in form
    assert "Where should we meet in winter?" in original.content.decode()
    assert "In the library" in original.content.decode()
    english = _client(world.member).get(reverse("decisions:respond", args=[decision.pk]))
    assert "In the library" in english.content.decode()
    assert "Yn y llyfrgell" not in english.content.decode()


def test_answers_in_welsh_and_in_english_are_counted_together(world: World) -> None:
    decision = _decision(world)
    _translate(decision, world.member)
    library = _option(decision, "In the library")
    world.coordinator.language = WELSH
    world.coordinator.save(update_fields=["language"])
    url = reverse("decisions:respond", args=[decision.pk])

    welsh = _client(world.coordinator).post(url, {"choice": str(library.pk), "reason": ""})
    english = _client(world.member).post(url, {"choice": str(library.pk), "reason": ""})

    assert welsh.status_code == english.status_code == 302
    tally = Tally.objects.get(decision=decision)
    assert tally.responses == 2
    # Both marks are on the one option, whichever language it was chosen in.
    assert list(tally.marks.values()) == [2]
    assert str(library.pk) in next(iter(tally.marks))
    # Each reader sees the same two answers, under the option's name in their language.
    results_cy = _client(world.coordinator).get(reverse("decisions:detail", args=[decision.pk]))
    results_en = _client(world.member).get(reverse("decisions:detail", args=[decision.pk]))
    assert "Yn y llyfrgell" in results_cy.content.decode()
    assert "In the library" in results_en.content.decode()
    assert "Yn y llyfrgell" not in results_en.content.decode()


def _page_queries(client: Client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.mark.parametrize("page", ["decisions:detail", "decisions:respond"])
def test_translations_cost_one_query_whatever_the_number_of_options(
    world: World, page: str
) -> None:
    world.coordinator.language = WELSH
    world.coordinator.save(update_fields=["language"])
    cora = _client(world.coordinator)
    mo = _client(world.member)
    counts = []
    for number in (3, 10):
        decision = _decision(
            world, options=[f"Place {n}" for n in range(number)], title=f"Where, of {number}?"
        )
        url = reverse(page, args=[decision.pk])
        english = _page_queries(mo, url)
        _page_queries(cora, url)  # a first visit fills what is cached
        _translate(decision, world.member)
        _page_queries(cora, url)
        welsh = _page_queries(cora, url)
        assert welsh <= english + 1
        counts.append(welsh)
    assert counts[0] == counts[1]
