"""Reach, as the people in it live it: someone expressing interest may answer the
equality monitoring questions, only with the consent tick; the answers become totals
that point at nobody; a chosen person answers again for the "took part" totals; the
organisers see totals only from 5, side by side, with a chart."""

from __future__ import annotations

from django.db import connection, models
from django.test import Client
from django.test.utils import CaptureQueriesContext

from levelfield.lib.testing.world import World
from levelfield.opportunities import services
from levelfield.opportunities.models import Interest, ReachCount
from levelfield.opportunities.tests.conftest import make

FORM = {
    "name": "Kemi",
    "email": "kemi@example.org",
    "why": "I care for my mum.",
    "consent": "on",
}


def _totals(stage: str) -> dict[tuple[str, str], int]:
    return {
        (question, answer): count
        for question, answer, count in ReachCount.objects.filter(stage=stage).values_list(
            "question", "answer", "count"
        )
    }


def test_the_totals_are_kept_apart_from_people_and_interests() -> None:
    """Nothing in a total can point at a person, an interest or a moment."""
    fields = {field.name: field for field in ReachCount._meta.get_fields()}
    assert set(fields) == {"id", "opportunity", "stage", "question", "answer", "count"}
    assert not any(
        isinstance(field, models.DateField | models.DateTimeField) for field in fields.values()
    )


def test_answers_count_only_with_the_consent_tick(client: Client, listed: World) -> None:
    opportunity = make(listed)
    url = f"/opportunities/{opportunity.pk}/interest/"
    page = client.get(url).content.decode()
    assert "Equality monitoring (optional)" in page and "Prefer not to say" in page
    refused = client.post(url, {**FORM, "reach_age_band": "18_24"})
    assert refused.status_code == 400
    assert "Tick the box to agree to the equality monitoring questions" in refused.content.decode()
    assert not Interest.objects.exists() and not ReachCount.objects.exists()
    bad = client.post(url, {**FORM, "reach_consent": "on", "reach_age_band": "old"})
    assert bad.status_code == 400 and "Choose one of the answers to “How old are you?”" in (
        bad.content.decode()
    )
    sent = client.post(
        url,
        {
            **FORM,
            "reach_consent": "on",
            "reach_age_band": "18_24",
            "reach_ethnic_group": "prefer_not",
            "reach_carer": "yes",
        },
    )
    assert sent.status_code == 302
    assert _totals("interest") == {
        ("answered", "yes"): 1,
        ("age_band", "18_24"): 1,
        ("ethnic_group", "prefer_not"): 1,
        ("carer", "yes"): 1,
    }
    # Answering again changes the interest, not the totals: each person counts once.
    client.post(url, {**FORM, "reach_consent": "on", "reach_carer": "no"})
    assert Interest.objects.count() == 1 and _totals("interest")[("carer", "yes")] == 1
    assert ("carer", "no") not in _totals("interest")
    # Without the tick and without answers, nothing is counted.
    client.post(url, {**FORM, "email": "josh@example.org"})
    assert _totals("interest")[("answered", "yes")] == 1


def test_organisers_see_totals_from_five_comparing_interest_with_taking_part(
    client: Client, listed: World
) -> None:
    opportunity = make(listed)
    for number in range(6):
        services.interest_express(
            opportunity=opportunity,
            name=f"Person {number}",
            email=f"p{number}@example.org",
            why="Because.",
            perspectives=["carer"],
            reach={"age_band": "25_34", "disability": "yes" if number < 2 else "no"},
        )
    services.selection_finish(opportunity=opportunity, actor=listed.member, places=5, seed=3)
    chosen = list(Interest.objects.filter(outcome="chosen"))
    visitor = Client()
    for row in chosen:
        token = services.interest_token(row, salt=services.TOOK_PART_SALT)
        assert (
            "Help us see who we reach"
            in visitor.get(f"/opportunities/took-part/{token}/").content.decode()
        )
        visitor.post(
            f"/opportunities/took-part/{token}/",
            {"reach_consent": "on", "reach_age_band": "25_34", "reach_disability": "no"},
        )
    # Each chosen person counts once, however often they send the form.
    token = services.interest_token(chosen[0], salt=services.TOOK_PART_SALT)
    visitor.post(
        f"/opportunities/took-part/{token}/", {"reach_consent": "on", "reach_age_band": "25_34"}
    )
    assert _totals("took_part")[("age_band", "25_34")] == 5
    # Someone not chosen has no "took part" page; nor does an altered link.
    josh = Interest.objects.get(outcome="not_chosen")
    wrong = services.interest_token(josh, salt=services.TOOK_PART_SALT)
    assert visitor.get(f"/opportunities/took-part/{wrong}/").status_code == 404
    assert visitor.get("/opportunities/took-part/nonsense/").status_code == 404
    second = services.interest_token(chosen[1], salt=services.TOOK_PART_SALT)
    bad = visitor.post(f"/opportunities/took-part/{second}/", {"reach_age_band": "25_34"})
    assert bad.status_code == 200  # already answered: nothing more to count

    client.force_login(listed.member)
    page = client.get(f"/opportunities/{opportunity.pk}/reach/").content.decode()
    assert "Reach: who expressed interest and who took part" in page
    assert "<svg" in page and "The chart’s figures" in page
    assert ">6<" in page and ">5<" in page  # answered: 6 expressed interest, 5 took part
    assert "fewer than 5" in page  # the two who said yes to disability
    assert ">2<" not in page
    outsider = Client()
    outsider.force_login(listed.collective_member)
    assert outsider.get(f"/opportunities/{opportunity.pk}/reach/").status_code == 404
    assert Client().get(f"/opportunities/{opportunity.pk}/reach/").status_code == 302


def test_the_took_part_page_refuses_answers_without_the_consent_tick(listed: World) -> None:
    opportunity = make(listed)
    services.interest_express(
        opportunity=opportunity, name="Kemi", email="kemi@example.org", why="Because."
    )
    services.selection_finish(opportunity=opportunity, actor=listed.member, places=1, seed=1)
    token = services.interest_token(Interest.objects.get(), salt=services.TOOK_PART_SALT)
    visitor = Client()
    refused = visitor.post(f"/opportunities/took-part/{token}/", {"reach_carer": "yes"})
    assert refused.status_code == 400
    assert "Tick the box to agree to the equality monitoring questions" in refused.content.decode()
    skipped = visitor.post(f"/opportunities/took-part/{token}/", {})
    assert skipped.status_code == 302
    assert not ReachCount.objects.exists() and not Interest.objects.get().took_part_answered


def test_the_organisers_pages_ask_the_same_number_of_queries_however_many(
    client: Client, listed: World
) -> None:
    client.force_login(listed.member)
    counts = []
    for size in (2, 12):
        opportunity = make(listed, title=f"Opportunity for {size}")
        for number in range(size):
            services.interest_express(
                opportunity=opportunity,
                name=f"Person {number}",
                email=f"p{size}-{number}@example.org",
                why="Because.",
                reach={"age_band": "25_34", "gender": ["woman", "man"][number % 2]},
            )
        services.selection_finish(opportunity=opportunity, actor=listed.member, places=1, seed=1)
        queries = []
        for path in ("selection", "reach"):
            with CaptureQueriesContext(connection) as captured:
                assert client.get(f"/opportunities/{opportunity.pk}/{path}/").status_code == 200
            queries.append(len(captured))
        counts.append(queries)
    assert counts[0] == counts[1]


def test_a_big_total_is_written_with_commas_and_a_small_one_is_hidden() -> None:
    from levelfield.opportunities.reach import shown

    assert [shown(1_234), shown(5), shown(4)] == ["1,234", "5", "fewer than 5"]
